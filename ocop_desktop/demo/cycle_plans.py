"""Business plans for the demo office (issue 10 §2, §8): plans made from the demo's product ideas
that have a producer, and a plan for an existing product — one submitted, one returned, one
approved with its document, one in progress with the plan's PDF attached (made with ReportLab).
Made with the real services, deterministic."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from sqlalchemy import select

from ocop_desktop.db import Database
from ocop_desktop.models import Product, ProductIdea
from ocop_desktop.services import attachments, business_plans

#: (status, capital own, loans, support requested, expected output, revenue, jobs, women, minority)
PLANS = (
    ("approved", 350_000_000, 200_000_000, 150_000_000, "12 tấn sản phẩm/năm", 1_200_000_000, 15, 9, 12),
    ("in_progress", 180_000_000, 0, 90_000_000, "8.000 hộp/năm", 640_000_000, 8, 5, 8),
    ("submitted", 120_000_000, 100_000_000, 80_000_000, "5 tấn/năm", 450_000_000, 6, 4, 6),
    ("returned", 60_000_000, 0, 40_000_000, "2.000 sản phẩm/năm", 150_000_000, 4, 3, 4),
    ("done", 500_000_000, 300_000_000, 200_000_000, "20 tấn/năm", 2_100_000_000, 22, 12, 18),
)


def plan_pdf(title: str, lines: list[str]) -> bytes:
    """A one-page A4 PDF of a plan's summary, in the embedded Vietnamese fonts."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from ocop_desktop.reports import fonts

    fonts.register()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, pageCompression=1, initialFontName=fonts.REGULAR)
    c.setTitle(title)
    width, height = A4
    c.setFont(fonts.BOLD, 14)
    c.drawCentredString(width / 2, height - 72, "PHƯƠNG ÁN SẢN XUẤT KINH DOANH")
    c.setFont(fonts.BOLD, 12)
    c.drawCentredString(width / 2, height - 92, title)
    c.setFont(fonts.REGULAR, 11)
    y = height - 130
    for line in lines:
        c.drawString(60, y, line)
        y -= 18
    c.showPage()
    c.save()
    return buf.getvalue()


def add_plans(path: Path, *, today: dt.date) -> int:
    """A handful of plans for the ideas that have a producer, and one for a product; returns how many."""
    db = Database.open(path)
    try:
        with db.read_session() as s:
            ideas = s.execute(select(ProductIdea.id, ProductIdea.producer_id, ProductIdea.name, ProductIdea.received_on)
                              .where(ProductIdea.producer_id.is_not(None), ProductIdea.deleted.is_(False),
                                     ProductIdea.status.in_(("accepted", "plan")))
                              .order_by(ProductIdea.received_on, ProductIdea.id).limit(4)).all()
            product = s.execute(select(Product.id, Product.producer_id, Product.name)
                                .where(Product.deleted.is_(False)).order_by(Product.id).limit(1)).first()
        targets = [(i.producer_id, i.id, None, i.name, i.received_on) for i in ideas]
        if product is not None:
            targets.append((product.producer_id, None, product.id, f"Mở rộng sản xuất {product.name}",
                            today - dt.timedelta(days=200)))
        root = attachments.attachments_dir(path)
        count = 0
        for n, (producer_id, idea_id, product_id, title, received) in enumerate(targets):
            status, own, loans, support, output, revenue, jobs, women, minority = PLANS[n % len(PLANS)]
            submitted = min(today, received + dt.timedelta(days=30))
            start = submitted + dt.timedelta(days=45)
            approved = status in ("approved", "in_progress", "done")
            data = business_plans.PlanData(
                producer_id=producer_id, idea_id=idea_id, product_id=product_id, title=title[:255],
                submitted_on=submitted, start_date=start, end_date=start + dt.timedelta(days=730),
                capital_own=own, capital_loans=loans, support_requested=support, expected_output=output,
                expected_revenue=revenue, jobs=jobs, jobs_women=women, jobs_minority=minority,
                market="Cao Bằng, Hà Nội, sàn thương mại điện tử", status=status,
                return_reason="Đề nghị bổ sung phương án tiêu thụ và hợp đồng liên kết nguyên liệu."
                if status == "returned" else "",
                approval_number=f"{120 + n}/QĐ-UBND" if approved else "",
                approval_date=min(today, submitted + dt.timedelta(days=20)) if approved else None,
                approval_issuer="UBND xã" if approved else "")
            with db.session() as s:
                if status == "in_progress":
                    pdf = plan_pdf(title, [
                        f"Vốn tự có: {own:,} đồng".replace(",", "."),
                        f"Hỗ trợ đề nghị: {support:,} đồng".replace(",", "."),
                        f"Sản lượng dự kiến: {output}", f"Lao động: {jobs} (nữ {women}, dân tộc thiểu số {minority})",
                    ])
                    checked = attachments.check_bytes(pdf, "phuong-an-sxkd.pdf")
                    data.attachments = [attachments.register(s, root, checked)]
                business_plans.create_plan(s, data, today=today)
            count += 1
        return count
    finally:
        db.close()
