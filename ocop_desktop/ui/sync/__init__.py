"""The Sync section: ``sync_page.SyncPage`` (tabs ``offices_view.OverviewView`` and
``conflicts_view.ConflictsView``), ``export_dialog.ExportDialog``, ``import_dialog.ImportDialog``
and ``fingerprint_dialog.FingerprintDialog``, over the Qt-free core in ``ocop_desktop.sync``."""
