"""SQLAlchemy 2 ORM (typed ``Mapped[...]``), Qt-free.

Importing this package registers every table on :data:`Base.metadata` (Alembic's target).
"""

from ocop_desktop.models.base import Base, SyncRecord
from ocop_desktop.models.business_plan import Attachment, BusinessPlan
from ocop_desktop.models.changelog import ChangeLog
from ocop_desktop.models.commune_assessment import CommuneAssessment
from ocop_desktop.models.cycle_training import Support, TrainingClass
from ocop_desktop.models.decision import Certificate, Decision
from ocop_desktop.models.evaluation import Evaluation, EvaluationSheet
from ocop_desktop.models.frozen_report import FrozenReport
from ocop_desktop.models.idea import ProductIdea
from ocop_desktop.models.import_batch import ImportBatch, ImportBatchItem
from ocop_desktop.models.office import AppMeta, Office, OfficeCommune
from ocop_desktop.models.photo import Photo
from ocop_desktop.models.plans import ManualIndicator, ManualValue, PlanTarget, ProgrammePlan
from ocop_desktop.models.producer import Producer
from ocop_desktop.models.product import Product
from ocop_desktop.models.sync import OfficeKey, SyncBundle, SyncConflict, SyncPeer, SyncReplica
from ocop_desktop.models.trade_promotion import SalePoint, TradeEvent

__all__ = [
    "AppMeta",
    "Attachment",
    "Base",
    "BusinessPlan",
    "Certificate",
    "ChangeLog",
    "CommuneAssessment",
    "Decision",
    "Evaluation",
    "EvaluationSheet",
    "FrozenReport",
    "ImportBatch",
    "ImportBatchItem",
    "ManualIndicator",
    "ManualValue",
    "Office",
    "OfficeKey",
    "OfficeCommune",
    "Photo",
    "PlanTarget",
    "Producer",
    "Product",
    "ProductIdea",
    "ProgrammePlan",
    "SalePoint",
    "Support",
    "SyncBundle",
    "SyncConflict",
    "SyncPeer",
    "SyncRecord",
    "SyncReplica",
    "TradeEvent",
    "TrainingClass",
]
