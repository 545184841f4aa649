"""Sample evaluations for the demo office, made with the real service
(``services.evaluations``): finalised field-office pre-assessments of some products being
evaluated, a provincial council of three members (two sheets filled, the third left to
do), and a producer's self-assessment in draft. Choices come from ``random.Random(seed)``,
leaning to the better options as a dossier that reached evaluation would."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from sqlalchemy import select

from ocop_desktop.db import Database
from ocop_desktop.models import Product
from ocop_desktop.services import evaluations as ev

COUNCIL = (("Hoàng Văn Thắng", "Chủ tịch Hội đồng"), ("Nông Thị Lan", "Thành viên"),
           ("Lục Văn Hùng", "Thành viên"))


def _choices(sheet, rng: random.Random) -> dict[str, int]:  # noqa: ANN001 - scoring.model.Sheet
    """One option per criterion: the best one most of the time, else one step or two below."""
    out = {}
    for c in sheet.criteria:
        order = sorted(range(len(c.options)), key=lambda i: (c.options[i].points, i), reverse=True)
        out[c.code] = order[min(len(order) - 1, rng.choice((0, 0, 0, 1, 1, 2)))]
    return out


def add_evaluations(path: Path, *, seed: int = 1, today: dt.date | None = None, finalised: int = 6) -> int:
    """Record the sample evaluations; returns how many were made."""
    today = today or dt.date.today()
    rng = random.Random(seed)
    db = Database.open(path)
    made = 0
    try:
        with db.session() as s:
            rows = s.execute(select(Product.id, Product.status, Product.product_set)
                             .where(Product.deleted.is_(False), Product.product_set.is_not(None))
                             .order_by(Product.code, Product.id)).all()
            evaluating = [r for r in rows if r.status == "dang_danh_gia"]
            registered = [r for r in rows if r.status == "dang_ky"]
            if evaluating:
                e = ev.create_evaluation(s, evaluating[0].id, "council", today.year, 1, today=today)
                sheet = ev.sheet_for(s, e.id)
                for i, (name, role) in enumerate(COUNCIL):
                    member = ev.add_member(s, e.id, name, role)
                    if i < 2:
                        ev.save_sheet_choices(s, member.id, _choices(sheet, rng))
                made += 1
            for r in evaluating[1:1 + finalised]:
                e = ev.create_evaluation(s, r.id, "field", today.year, 1, today=today)
                sheet = ev.sheet_for(s, e.id)
                ev.save_sheet_choices(s, ev.get_evaluation(s, e.id).sheets[0].id, _choices(sheet, rng),
                                      comment="Đã kiểm tra hồ sơ và thực tế tại cơ sở.")
                ev.finalise(s, e.id)
                made += 1
            if registered:
                e = ev.create_evaluation(s, registered[0].id, "self", today.year, 1, today=today)
                sheet = ev.sheet_for(s, e.id)
                half = dict(list(_choices(sheet, rng).items())[: len(sheet.criteria) // 2])
                ev.save_sheet_choices(s, ev.get_evaluation(s, e.id).sheets[0].id, half)
                made += 1
        return made
    finally:
        db.close()
