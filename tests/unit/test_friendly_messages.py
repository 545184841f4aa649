"""Messages that used to mislead: a missing product said "the chosen product does not exist"."""

from __future__ import annotations

import datetime as dt

from ocop_desktop.i18n import _
from ocop_desktop.services import commune_assessments, legacy_results, producers, products
from ocop_desktop.services import evaluations as ev
from ocop_desktop.services.commune_assessments import CommuneAssessmentData
from ocop_desktop.services.legacy_results import LegacyResultData
from ocop_desktop.services.producers import ProducerData
from ocop_desktop.services.products import ProductData

TODAY = dt.date(2026, 11, 22)
NO_PRODUCT_YET = "Sản phẩm: chưa có sản phẩm nào. Hãy thêm sản phẩm trước (Sản phẩm → Thêm sản phẩm)."


def _errors(s, product_id: str) -> list[str]:  # noqa: ANN001
    return [
        ev.check_evaluation(s, product_id, "field", 2026, 1, today=TODAY).get("product_id"),
        legacy_results.check_legacy_result(s, LegacyResultData(product_id=product_id, total="70"),
                                           today=TODAY).get("product_id"),
        commune_assessments.check_commune_assessment(s, CommuneAssessmentData(product_id=product_id, year=2026,
                                                                              round=1), today=TODAY).get("product_id"),
    ]


def test_no_product_yet_says_add_a_product_first(db) -> None:  # noqa: ANN001
    with db.read_session() as s:
        assert _errors(s, "") == [NO_PRODUCT_YET] * 3
        assert "không tồn tại" not in NO_PRODUCT_YET


def test_none_chosen_says_choose_and_a_gone_one_says_gone(db) -> None:  # noqa: ANN001
    with db.session() as s:
        pid = producers.create_producer(s, ProducerData(
            kind="htx", name="HTX Miến dong Phia Đén", identifier="0101248141", commune_code=1477,
            rep_name="Nông Thị Hoa", rep_title="Giám đốc", rep_sex="nu", rep_ethnicity="02")).id
        products.create_product(s, ProductData(name="Miến dong Phia Đén", producer_id=pid, product_set=7))
    with db.read_session() as s:
        assert _errors(s, "") == [_("Product: choose a product.")] * 3
        assert _errors(s, "no-such-id") == [_("Product: the chosen product does not exist or was deleted.")] * 3


def test_a_product_without_any_producer_says_add_a_producer_first(db) -> None:  # noqa: ANN001
    with db.read_session() as s:
        errors = products.check(s, ProductData(name="Miến dong", product_set=7))
    assert errors["producer_id"] == "Chủ thể: chưa có chủ thể nào. Hãy thêm chủ thể trước (Chủ thể → Thêm chủ thể)."
    with db.session() as s:
        producers.create_producer(s, ProducerData(
            kind="htx", name="HTX Miến dong Phia Đén", identifier="0101248141", commune_code=1477))
    with db.read_session() as s:
        errors = products.check(s, ProductData(name="Miến dong", product_set=7))
    assert errors["producer_id"] == _("Producer: choose the producer of this product.")
