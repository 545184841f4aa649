"""A council whose members' totals differ by more than 10 points (domain brief §4.2): it is
finalised only after its agreed sheet is entered or its discussion is recorded; the
discussion is stored on the evaluation, travels in sync and survives the migration."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from scoring_samples import SET_7_CHOICES_76

from ocop_desktop import db as dbmod
from ocop_desktop.db import Database
from ocop_desktop.errors import BadInput, ValidationFailed
from ocop_desktop.models import Evaluation
from ocop_desktop.scoring.rubric import load_rubric
from ocop_desktop.services import council_discussion as cd
from ocop_desktop.services import evaluations as ev
from ocop_desktop.services import producers, products
from ocop_desktop.services.council_discussion import DiscussionData
from ocop_desktop.services.producers import ProducerData
from ocop_desktop.services.products import ProductData
from ocop_desktop.sync.records import BY_NAME

TODAY = dt.date(2026, 11, 22)
SET = 7
SHEET = load_rubric("qd-26-2026").sheet(SET)
BEST = {c.code: max(range(len(c.options)), key=lambda i: (c.options[i].points, i)) for c in SHEET.criteria}
S76 = dict(SET_7_CHOICES_76)
TALK = DiscussionData(dt.date(2026, 11, 20), "Lương Văn Thắng", "Hoàng Thị Mai, Bế Văn Dũng",
                      "Thành viên 1 chấm lại tiêu chí 4.3; Hội đồng thống nhất giữ kết quả.")


def _council(db: Database, totals: tuple[dict, ...]) -> tuple[str, list[str]]:
    with db.session() as s:
        pid = producers.create_producer(s, ProducerData(
            kind="htx", name="HTX Miến dong Phia Đén", identifier="0101248141", commune_code=1477,
            rep_sex="nu", rep_ethnicity="02")).id
        prod = products.create_product(s, ProductData(name="Miến dong Phia Đén", producer_id=pid,
                                                      product_set=SET, status="dang_ky")).id
        eid = ev.create_evaluation(s, prod, "council", 2026, 1, today=TODAY).id
        ids = []
        for n, choices in enumerate(totals, start=1):
            sid = ev.add_member(s, eid, f"Thành viên số {n}", "Thành viên").id
            ev.save_sheet_choices(s, sid, choices)
            ids.append(sid)
    return eid, ids


def test_spread_over_ten_points_refuses_finalise_until_the_discussion_is_recorded(db: Database) -> None:
    eid, _ids = _council(db, (BEST, S76, {**S76, "4.3": 0}))  # 100, 76, 73: spread 27
    with pytest.raises(ValidationFailed) as exc, db.session() as s:
        ev.finalise(s, eid)
    assert set(exc.value.errors) == {"spread"}
    message = exc.value.errors["spread"]
    assert "27" in message and "10" in message  # names the spread and the limit
    with db.read_session() as s:
        e = s.get(Evaluation, eid)
        assert (e.status, e.total, e.stars) == ("draft", None, None)  # nothing written
        res = ev.evaluation_result(s, eid)
    assert res.spread_open and not res.complete

    with db.session() as s:
        cd.record_discussion(s, eid, TALK, today=TODAY)
    with db.read_session() as s:
        info = ev.get_evaluation(s, eid)
        assert info.discussion == TALK
        assert not ev.evaluation_result(s, eid).spread_open
    with db.session() as s:
        res = ev.finalise(s, eid)
    assert res.council.average == 83 and res.council.stars_by_points == 4


def test_spread_over_ten_points_finalises_with_the_agreed_sheet(db: Database) -> None:
    eid, _ids = _council(db, (BEST, S76))  # 100, 76
    with db.session() as s:
        agreed = ev.add_member(s, eid, "Phiếu thống nhất của Hội đồng", "").id
        ev.set_agreed_sheet(s, eid, agreed)
        ev.save_sheet_choices(s, agreed, BEST)
        res = ev.finalise(s, eid)
    assert res.council.spread == 24 and not res.spread_open


def test_spread_of_ten_points_or_less_needs_no_discussion(db: Database) -> None:
    eid, _ids = _council(db, (S76, {**S76, "4.3": 0}))  # 76, 73
    with db.session() as s:
        res = ev.finalise(s, eid)
    assert res.council.spread == 3 and not res.spread_open


@pytest.mark.parametrize(("data", "field"), [
    (DiscussionData(None, "Lương Văn Thắng", "", "Thống nhất."), "date"),
    (DiscussionData(dt.date(2026, 11, 23), "Lương Văn Thắng", "", "Thống nhất."), "date"),
    (DiscussionData(dt.date(2026, 11, 20), "   ", "", "Thống nhất."), "chair"),
    (DiscussionData(dt.date(2026, 11, 20), "Lương Văn Thắng", "", " \n "), "outcome"),
    (DiscussionData(dt.date(2026, 11, 20), "L" * 256, "", "Thống nhất."), "chair"),
])
def test_a_bad_discussion_is_refused_and_writes_nothing(db: Database, data: DiscussionData, field: str) -> None:
    eid, _ids = _council(db, (BEST, S76))
    with db.read_session() as s:
        version = s.get(Evaluation, eid).version
    with pytest.raises(ValidationFailed) as exc, db.session() as s:
        cd.record_discussion(s, eid, data, today=TODAY)
    assert field in exc.value.errors
    with db.read_session() as s:
        e = s.get(Evaluation, eid)
        assert (e.version, e.discussion_date, e.discussion_outcome) == (version, None, "")


def test_discussion_is_stored_nfc_cleared_and_only_on_a_draft_council(db: Database) -> None:
    import unicodedata

    eid, _ids = _council(db, (BEST, S76))
    nfd = DiscussionData(TALK.date, unicodedata.normalize("NFD", " Lương Văn Thắng "), TALK.attendees,
                         unicodedata.normalize("NFD", TALK.outcome))
    with db.session() as s:
        cd.record_discussion(s, eid, nfd, today=TODAY)
    with db.read_session() as s:
        e = s.get(Evaluation, eid)
        assert e.discussion_chair == "Lương Văn Thắng" and e.discussion_outcome == TALK.outcome
    with db.session() as s:
        cd.clear_discussion(s, eid)
    with db.read_session() as s:
        assert ev.get_evaluation(s, eid).discussion is None
    with db.session() as s:
        cd.record_discussion(s, eid, TALK, today=TODAY)
        ev.finalise(s, eid)
    with pytest.raises(BadInput), db.session() as s:  # finalised: reopen first
        cd.record_discussion(s, eid, TALK, today=TODAY)
    with db.session() as s:
        field_eval = ev.create_evaluation(s, s.get(Evaluation, eid).product_id, "field", 2026, 1, today=TODAY).id
    with pytest.raises(BadInput), db.session() as s:
        cd.record_discussion(s, field_eval, TALK, today=TODAY)


def test_discussion_columns_travel_in_sync() -> None:
    content = BY_NAME["evaluation"].content_columns
    for column in ("discussion_date", "discussion_chair", "discussion_attendees", "discussion_outcome"):
        assert column in content


def test_a_0004_database_upgrades_with_an_empty_discussion(tmp_path: Path) -> None:
    from alembic import command

    from ocop_desktop.services import office

    path = tmp_path / "office.sqlite"
    with Database.open(path) as db:
        with db.session() as s:
            office.save_local_office(s, office.OfficeData(
                name="Văn phòng Điều phối NTM tỉnh Cao Bằng", role="province", province_code=4,
                commune_codes=[], officer_name="Nông Thị Hoa"))
        db.refresh_office()
        eid, _ids = _council(db, (BEST, S76))
    engine = dbmod._make_engine(path)  # noqa: SLF001 - same engine set-up as the app
    try:
        cfg = dbmod.alembic_config()
        with engine.begin() as connection:
            cfg.attributes["connection"] = connection
            command.downgrade(cfg, "0004_decisions")
    finally:
        engine.dispose()
    con = sqlite3.connect(path)
    try:
        assert "discussion_chair" not in {r[1] for r in con.execute("PRAGMA table_info(evaluation)")}
    finally:
        con.close()
    with Database.open(path) as db, db.read_session() as s:
        info = ev.get_evaluation(s, eid)
        assert info.discussion is None and len(info.sheets) == 2
        assert ev.evaluation_result(s, eid).spread_open  # 100 vs 76, nothing recorded
    con = sqlite3.connect(path)
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == dbmod.HEAD_REVISION  # upgraded to head
        assert "discussion_outcome" in {r[1] for r in con.execute("PRAGMA table_info(evaluation)")}
    finally:
        con.close()
