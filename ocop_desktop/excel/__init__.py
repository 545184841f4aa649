"""Excel in and out (issue 12): writing lists to .xlsx (``export``, ``workbook_writer``), the
round-trip contract between an export and a later import (``roundtrip_format``), and the import
wizard's parsing (``import_*``). XlsxWriter and python-calamine are imported inside functions:
start-up pays for neither."""
