"""Add/edit dialogs for records.

``ProducerDialog(db, producer_id=None, parent=None)`` and
``ProductDialog(db, product_id=None, parent=None, producer_id=None)``: ``exec()`` returns
``QDialog.Accepted`` only when the record was saved, and ``saved_id`` then holds its id.
"""

from __future__ import annotations

from ocop_desktop.ui.dialogs.producer_dialog import ProducerDialog
from ocop_desktop.ui.dialogs.product_dialog import ProductDialog

__all__ = ["ProducerDialog", "ProductDialog"]
