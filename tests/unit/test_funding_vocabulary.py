"""One funding-source vocabulary for events, training and support; the codes events stored
before ("ntp_rural", "ntp_ethnic") read as the current ones, with no migration."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from ocop_desktop.db import Database
from ocop_desktop.domain.funding import FUNDING_LABELS, SUPPORT_FUNDING, FundingSource, funding_code
from ocop_desktop.errors import ValidationFailed
from ocop_desktop.models import TradeEvent
from ocop_desktop.services import support, training
from ocop_desktop.services import trade_events as te
from ocop_desktop.services.support import SupportData
from ocop_desktop.services.training import TrainingData
from tests.unit.test_trade_events import fair, make_producer


def test_one_vocabulary_with_a_label_for_every_code() -> None:
    assert set(FUNDING_LABELS) == set(FundingSource)
    assert [s.value for s in FundingSource] == ["ntm", "dtts", "province", "producer", "other"]
    assert FundingSource.PRODUCER not in SUPPORT_FUNDING
    assert funding_code("ntp_rural") == "ntm" and funding_code("ntp_ethnic") == "dtts"
    assert funding_code("") is None and funding_code(None) is None and funding_code("province") == "province"


def test_an_event_stored_with_an_old_code_reads_and_saves_as_the_current_code(db: Database) -> None:
    pid, prod = make_producer(db)
    with db.session() as s:
        eid = te.create_event(s, fair(pid, prod, funding="ntp_ethnic")).id  # an old code typed (CLI, JSON)
    with db.read_session() as s:
        assert s.get(TradeEvent, eid).funding == "dtts"
    with db.session() as s:  # as an older version of the app stored it
        s.execute(update(TradeEvent).where(TradeEvent.id == eid).values(funding="ntp_rural"))
    with db.session() as s:
        data = te.get_event(s, eid)
        assert data.funding == "ntm"
        te.update_event(s, eid, data)
    with db.read_session() as s:
        assert s.get(TradeEvent, eid).funding == "ntm"


def test_training_takes_every_source_and_support_refuses_producers_own_funds(db: Database) -> None:
    pid, _prod = make_producer(db)
    with db.session() as s:
        training.create_training(s, TrainingData(
            title="Tập huấn thương mại điện tử", topic="ecommerce", start_date=dt.date(2026, 3, 2),
            end_date=dt.date(2026, 3, 3), audience="producers", learners=30, cost=10_000_000, funding="producer"))
    with db.session() as s, pytest.raises(ValidationFailed) as exc:
        support.create_support(s, SupportData(producer_id=pid, kind="packaging", amount=5_000_000,
                                              funding="producer", date=dt.date(2026, 3, 1)))
    assert "funding" in exc.value.errors
