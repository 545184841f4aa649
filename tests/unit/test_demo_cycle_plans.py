"""The demo office's business plans: made by the real service from the demo's ideas (and one for a
product), one approved with its document, one with the plan's PDF attached (ReportLab, read back
with poppler)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from ocop_desktop import demo
from ocop_desktop.db import Database
from ocop_desktop.models import ProductIdea
from ocop_desktop.services import attachments, business_plans
from ocop_desktop.services.business_plan_list import list_plans


def test_the_demo_has_plans_from_its_ideas_with_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite"
    demo.build_demo(path, products=40, role="field", with_decisions=True)
    with Database.open(path) as db, db.read_session() as s:
        rows = list_plans(s)
        assert len(rows) >= 4
        assert {"approved", "in_progress", "submitted", "returned"} <= {r.status for r in rows}
        approved = next(r for r in rows if r.status == "approved")
        assert approved.approval_number.endswith("/QĐ-UBND")
        from_ideas = [r for r in rows if r.idea_id]
        assert from_ideas and all(s.get(ProductIdea, r.idea_id).status in ("plan", "product") for r in from_ideas)
        assert any(r.product_id and not r.idea_id for r in rows)
        for r in rows:
            assert business_plans.check(s, business_plans.get_plan(s, r.id), plan_id=r.id) == {}
        with_file = next(r for r in rows if r.attachment_count)
        [ref] = business_plans.get_plan(s, with_file.id).attachments
        stored = attachments.file_of(s, attachments.attachments_dir(path), ref["sha256"])
        text = subprocess.run(["pdftotext", str(stored), "-"], capture_output=True, text=True, check=True).stdout
        assert "PHƯƠNG ÁN SẢN XUẤT KINH DOANH" in text and "Vốn tự có" in text
