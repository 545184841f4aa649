"""One module per main-window section."""
