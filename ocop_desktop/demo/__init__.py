"""Demo office generator: ``ocop-desktop demo --products N [--producers N] --db PATH``.

Builds a realistic, deterministic office database: a local office (a field office
around one former district, or the provincial office when the data set is large),
producers of the usual types and shares (domain brief §8–§9) with representatives
named and classified the way the province's people are, and products from the
region's real specialities, each in its correct product set, with a plausible mix
of statuses, stars and certificates.

Determinism: everything comes from ``random.Random(seed)`` (never the global
generator), record UUIDs included, and "today" is a fixed date, so two builds with
the same seed and size hold the same content (only ``updated_at``/``recorded_at``
timestamps differ). Nothing iterates a set or depends on hash order.

Speed: records are built in Python, normalised and validated by the same functions
the services use (``ProducerData.normalised`` + ``validate_producer``, ``ProductData``
+ ``validate_product``, product codes from ``format_product_code``), and inserted in
chunks through the ORM inside one transaction. The change-log ``create`` rows are
written by the ``before_flush`` hook as for any other edit. The per-record duplicate
look-ups of the services are replaced by in-memory sets (identifiers, names, serials).

The file is built under a temporary name and moved into place at the end, so an
interrupted build never leaves a half-made office behind.
"""

from ocop_desktop.demo.build import build_demo
from ocop_desktop.demo.constants import DEMO_TODAY, DemoResult
from ocop_desktop.demo.generator import _Generator

__all__ = ["DEMO_TODAY", "DemoResult", "_Generator", "build_demo"]
