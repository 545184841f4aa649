"""The PySide6 user interface. The only package (with ``ocop_desktop.app``) that imports Qt."""
