"""Sync between offices by bundles carried on a USB stick (Qt-free).

Map: ``clock`` (version vectors and per-field dots), ``merge`` (classify and merge one
incoming record: pure), ``records`` (which tables travel, row ↔ JSON), ``crypto`` (keys,
signatures, encryption), ``container`` (the ``.ocopbundle`` file: write, verify, open),
``profiles`` (office keys, profile files, trust), ``exporter`` / ``importer`` (the use
cases), ``usb`` (writing safely to removable media), ``receipt`` (phone-readable codes),
``cover`` (the printable cover sheet). See docs/architecture.md, "Sync".
"""
