"""Reference data and pure rules of the OCOP programme (no database, no Qt)."""
