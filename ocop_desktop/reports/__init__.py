"""Printed documents (ReportLab, Qt-free): the certificate PDF, its signed QR payload and
the serif font family they use.

* :mod:`.fonts` — the ``OCOPSerif`` family: the PC's Times New Roman, else the shipped
  Liberation Serif.
* :mod:`.qr` — the offline-verifiable certificate payload (``OCOP1.…``), Ed25519-signed.
* :mod:`.certificate` — ``CertificateView`` and ``render_certificates``: A4 landscape pages.
"""
