"""OCOP Desktop: offline records, scoring and certificates for Vietnam's OCOP programme."""

__version__ = "0.1.0"
APP_NAME = "OCOP Desktop"
APP_ID = "ocop-desktop"
