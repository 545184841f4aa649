"""The few style rules the app adds on top of the platform style."""

from __future__ import annotations

STYLESHEET = """
QLabel#pageTitle { font-size: 17pt; font-weight: 600; margin-bottom: 2px; }
QLabel#fieldHelp { color: #5f6368; }
QLabel#pageSubtitle { color: #5f6368; margin-bottom: 6px; }
QLabel#fieldError { color: #b3261e; }
QLabel#emptyLabel { font-size: 12pt; color: #5f6368; }
QLabel#countLabel { color: #3c4043; font-weight: 600; }
QLabel#comingSoon { background: #e8f0fe; color: #174ea6; border-radius: 8px; padding: 3px 10px; }
QListWidget#nav { outline: 0; border: none; border-right: 1px solid #d0d4d9; background: #f3f5f7; font-size: 11pt;
                  padding-top: 8px; }
QListWidget#nav::item { padding: 9px 14px; border-radius: 4px; margin: 1px 6px; color: #202124; }
QListWidget#nav::item:selected { background: #d7e6f9; color: #0b3d91; font-weight: 600; }
QListWidget#nav::item:hover:!selected { background: #e6eaee; }
QListView#communeList::item { padding: 2px 0; }
QStatusBar QLabel { padding: 0 8px; color: #3c4043; }
"""
