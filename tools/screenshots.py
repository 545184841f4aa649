"""Render the README screenshots (Vietnamese, 1366×768) into docs/screenshots/.

    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb \
        .venv/bin/python tools/screenshots.py [--out DIR] [--lang vi]
        [--extra-po FILE] [--only sync|relay|certificates|trade|cycle|excel|plans|targets|import|reports]

(Offscreen works too, but its 800×800 screen shrinks the dialogs that size themselves to the
screen.) Builds a 240-product demo office (with its decisions and certificates) in a temporary folder, opens the main window on it
and grabs the producer list, the product list, the settings page and the producer and
product dialogs; then a provincial council of three members on a demo product (set 7):
one member's sheet being entered (evaluation-form) and the council's summary
(council-summary); then grabs the
first-run wizard (page 2, a few communes ticked) on an empty database. Last, the Sync
section of the demo province after exchanging bundles with two field offices (made like
``tests/sync/sync_samples.py``): sync-overview, sync-export (the result), sync-import-preview
(a bundle with new records, merged edits and a conflict) and sync-conflicts. ``--only sync``
renders only those; ``--only relay`` the relay strip (sync-relay, sync-relay-settings) against a
real relay process on 127.0.0.1. Then the Certificates section of the demo province with its decisions:
certificates (the register) and certificate-preview (the in-app preview);
``--only certificates`` renders only those. Then the trade promotion tabs of *Chu trình OCOP*
(trade-events, trade-event-dialog, sale-points, sale-point-dialog; ``--only trade``). Last, the
product list's Excel export and the file it wrote (excel-export, excel-export-file; ``--only excel``), and the
import wizard's mapping and preview steps (import-mapping, import-preview; ``--only import``). Then the *Báo cáo*
section (reports-dashboard with its charts, reports-drill: the product list filtered from a number,
reports-send-up) and two pages of the statistics reports PDF rendered with ``pdftoppm -png -r 60``
(report-b01.png, report-b05.png; ``--only reports``). ``--extra-po``
adds a catalogue used for messages the project catalogue does not translate yet.
Re-run it after the catalogue changes.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZE = (1366, 768)


def _extra_catalogue(po_path: Path) -> None:
    import gettext
    import io

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    from ocop_desktop import i18n

    with po_path.open("rb") as fh:
        catalog = read_po(fh, locale="vi")
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    i18n._translations.add_fallback(gettext.GNUTranslations(buf))


def _dialogs(db, out: Path, settle) -> None:  # noqa: ANN001
    """The producer and product dialogs on a certified product that holds certifications."""
    from ocop_desktop.services import products
    from ocop_desktop.ui.dialogs import ProducerDialog, ProductDialog

    with db.read_session() as s:
        rows = products.list_products(s)
        chosen = next(r for r in rows if r.stars == 4 and products.get_product(s, r.id).certifications)
    for name, dialog in (("producer-dialog", ProducerDialog(db, chosen.producer_id)),
                         ("product-dialog", ProductDialog(db, chosen.id))):
        dialog.show()
        settle()
        dialog.grab().save(str(out / f"{name}.png"))
        if name == "product-dialog":  # its History tab: evaluations, decisions, certificates
            dialog.tabs.setCurrentIndex(1)
            settle(40)
            dialog.grab().save(str(out / "product-history.png"))
        dialog.reject()
        dialog.deleteLater()
        settle()
    from ocop_desktop.ui.dialogs.keyboard_help import KeyboardHelpDialog

    keys = KeyboardHelpDialog()
    keys.show()
    settle()
    keys.grab().save(str(out / "keyboard-help.png"))
    keys.close()
    keys.deleteLater()
    settle()


def _cycle(db, out: Path, settle, size: tuple[int, int]) -> None:  # noqa: ANN001
    """The *Chu trình OCOP* section's training and support tabs, their dialogs and a producer's
    History tab (training and support received)."""
    from ocop_desktop.services import support, training
    from ocop_desktop.ui.cycle.support_dialog import SupportDialog
    from ocop_desktop.ui.cycle.training_dialog import TrainingDialog
    from ocop_desktop.ui.dialogs import ProducerDialog
    from ocop_desktop.ui.main_window import MainWindow

    window = MainWindow(db)
    window.resize(*size)
    window.show()
    page = window.show_section("cycle")
    for key in ("training", "support"):
        keys = [k for k, _t, _f in page._specs]
        page.tabs.setCurrentIndex(keys.index(key))
        settle(40)
        window.grab().save(str(out / f"cycle-{key}.png"))
    window.close()
    settle()
    with db.read_session() as s:
        cls = next(r for r in training.list_training(s) if r.topic == "ecommerce")
        bag = next(r for r in support.list_support(s) if r.kind == "promotion")
    for name, dialog in (("training-dialog", TrainingDialog(db, cls.id)), ("support-dialog", SupportDialog(db, bag.id)),
                         ("producer-history", ProducerDialog(db, bag.producer_id))):
        dialog.show()
        settle()
        if name == "producer-history":
            dialog.tabs.setCurrentIndex(2)
            settle(40)
        dialog.grab().save(str(out / f"{name}.png"))
        dialog.reject()
        dialog.deleteLater()
        settle()


def _plans(db, out: Path, settle, size: tuple[int, int]) -> None:  # noqa: ANN001
    """The *Phương án SXKD* tab, the dialog of the demo plan that has its PDF attached, and the
    dialog of the idea that plan is for (its plans and "Lập phương án")."""
    from ocop_desktop.services.business_plan_list import list_plans
    from ocop_desktop.ui.cycle.plan_dialog import PlanDialog
    from ocop_desktop.ui.main_window import MainWindow

    window = MainWindow(db)
    window.resize(*size)
    window.show()
    page = window.show_section("cycle")
    plans = page.show_tab("plans")
    settle(40)
    plans.table.selectRow(0)
    settle()
    window.grab().save(str(out / "cycle-plans.png"))
    window.close()
    settle()
    with db.read_session() as s:
        plan = next(r for r in list_plans(s) if r.attachment_count)
    dialog = PlanDialog(db, plan.id)
    dialog.show()
    settle(40)
    dialog.files.list.setCurrentRow(0)
    settle()
    dialog.grab().save(str(out / "plan-dialog.png"))
    dialog.reject()
    dialog.deleteLater()
    settle()
    from ocop_desktop.ui.cycle.idea_dialog import IdeaDialog

    idea = IdeaDialog(db, plan.idea_id)  # its plan shown beside "Lập phương án"
    idea.show()
    settle(40)
    idea.grab().save(str(out / "idea-dialog.png"))
    idea.reject()
    idea.deleteLater()
    settle()


def _demo_choices(sheet, variant: int) -> dict[str, int]:  # noqa: ANN001
    """A plausible sheet: mostly the second-best option, the best on every third criterion,
    one criterion (1.5) below its 4-star minimum; ``variant`` shifts a few choices."""
    choices = {}
    for i, c in enumerate(sheet.criteria):
        n = len(c.options)
        best = (i + variant) % 3 == 0
        choices[c.code] = n - 1 if best or n <= 2 else n - 2
    if "1.5" in choices:
        choices["1.5"] = 1
    return choices


def _council(db, out: Path, settle) -> None:  # noqa: ANN001
    """A council evaluation on a set-7 product: one member's form, then the summary."""
    from ocop_desktop.services import evaluations
    from ocop_desktop.services.products import list_products
    from ocop_desktop.ui.evaluation.evaluation_dialog import EvaluationDialog

    members = [("Nông Văn Thành", "Chủ tịch Hội đồng"), ("Đàm Thị Lan", "Thành viên"),
               ("Hoàng Văn Tâm", "Thư ký")]
    with db.session() as s:
        product = next(r for r in list_products(s) if r.product_set == 7)
        ev = evaluations.create_evaluation(s, product.id, "council", 2026, 1)
        sheet = evaluations.sheet_for(s, ev.id)
        for i, (name, role) in enumerate(members):
            row = evaluations.add_member(s, ev.id, name, role)
            choices = _demo_choices(sheet, i)
            if i == 1:  # the member being entered: 1.4 skipped, the last criteria still empty
                for c in sheet.criteria[-4:]:
                    choices.pop(c.code)
                choices.pop("1.4", None)
            evaluations.save_sheet_choices(s, row.id, choices, comment="")
        ev_id = ev.id
    dialog = EvaluationDialog(db, ev_id)
    dialog.resize(*SIZE)
    dialog.show()
    settle()
    council = dialog.council
    second = council.members()[1].info.id
    council.show_entry(second)
    form = council.slot(second).form
    form.focus_criterion("1.4")
    form.focus_criterion("1.5")  # moved past 1.4 without a choice: tinted, and listed in the panel
    settle()
    dialog.grab().save(str(out / "evaluation-form.png"))
    full = _demo_choices(sheet, 1)
    for code in form.missing():  # the member's sheet entered to the end
        form.choose(code, full[code])
    council.show_entry("summary")
    settle()
    dialog.grab().save(str(out / "council-summary.png"))
    comparison = council.compare()  # the members' choices side by side
    settle()
    comparison.grab().save(str(out / "council-comparison.png"))
    comparison.close()
    settle()
    for slot in dialog.slots:
        slot.dirty = False  # the screenshot's edit is not saved
    dialog.reject()
    dialog.deleteLater()
    settle()


def _certificates(tmp: Path, out: Path, settle) -> None:  # noqa: ANN001
    """The Certificates section of the demo province (its decisions and certificates): the
    register (certificates.png) and the in-app preview of a valid certificate
    (certificate-preview.png)."""
    from ocop_desktop.app import DEMO_SIZE
    from ocop_desktop.db import Database
    from ocop_desktop.demo import build_demo
    from ocop_desktop.domain.certificates import CertificateStatus
    from ocop_desktop.ui.main_window import MainWindow

    path = tmp / "certificates.sqlite"
    build_demo(path, with_decisions=True, **DEMO_SIZE)
    with Database.open(path) as db:
        window = MainWindow(db)
        window.resize(*SIZE)
        window.show()
        settle()
        page = window.show_section("certificates")
        settle(40)
        rows = page.model.rows()
        chosen = next(r for r in rows if r.status == CertificateStatus.VALID and r.stars == 4)
        page.select_record(chosen.id)
        settle()
        window.grab().save(str(out / "certificates.png"))
        page.open_selected()
        dialog = page.dialog
        settle(40)
        dialog.resize(*SIZE)
        dialog.zoom.setCurrentIndex(1)  # the whole page
        settle(20)
        dialog.grab().save(str(out / "certificate-preview.png"))
        dialog.reject()
        settle()
        # Verify a certificate from the text a phone shows when it scans the QR code.
        from ocop_desktop.reports.certificates_from_db import build_view, local_signing
        from ocop_desktop.services.decisions import certificate_detail

        with db.read_session() as s:
            qr_text = build_view(certificate_detail(s, chosen.id), local_signing(s)).qr_text
        verify = page.verify_certificate()
        verify.text_edit.setPlainText(qr_text)
        verify.check_text()
        settle(40)
        verify.grab().save(str(out / "certificate-verify.png"))
        verify.close()
        window.close()
        settle()


def _sync(demo_path: Path, tmp: Path, out: Path, settle) -> None:  # noqa: ANN001
    """The demo province exchanges bundles with two field offices; one edit clashes."""
    from ocop_desktop.db import Database
    from ocop_desktop.sync import exporter, importer, overview, profiles
    from ocop_desktop.ui.main_window import MainWindow
    from ocop_desktop.ui.sync.export_dialog import ExportDialog
    from ocop_desktop.ui.sync.import_dialog import ImportDialog
    from tests.sync.sync_samples import add_producer, edit, introduce, make_office
    from tests.ui.ui_samples import fill

    stick = tmp / "media" / "USB-KHUYENNONG"
    stick.mkdir(parents=True)
    province = Database.open(demo_path)
    field = make_office(tmp / "trung-khanh.sqlite", "Trung tâm Dịch vụ nông nghiệp Trùng Khánh", "field",
                        [1477, 1489, 1501, 1525])
    other = make_office(tmp / "ha-quang.sqlite", "Phòng Kinh tế xã Hà Quảng", "field", [1438, 1363])
    try:
        with province.session() as s:  # the demo office was made without a key
            profiles.ensure_local_keys(s)
        ids = fill(field)
        for x in (field, other):
            introduce(province, x)
        for name in ("HTX Chè Phja Oắc", "Hộ kinh doanh Mật ong Hà Quảng", "HTX Thổ cẩm Tày Nùng"):
            add_producer(other, name, commune=1438)

        def exchange(src: Database, dst: Database, confirm: bool = True) -> None:
            res = exporter.export_bundle(src, stick, dst.office_id)
            rep = importer.import_bundle(dst, res.path)
            if confirm:
                with src.session() as s:
                    overview.confirm_receipt(s, rep.receipt)

        exchange(field, province)
        exchange(province, field)
        exchange(other, province, confirm=False)
        # Both offices edit two producers before the next bundle: one field twice (a conflict),
        # different fields of the other (merged); the field office also adds records.
        first, second = ids["Hợp tác xã Nông nghiệp Phia Đén"], ids["HTX Hạt dẻ Trùng Khánh"]
        edit(field, first, phone="0912 345 679")
        edit(province, first, phone="0206 3855 012")
        edit(field, second, rep_name="Đàm Thị Lan Anh")
        edit(province, second, address_detail="Xóm Nà Lủng")
        for name in ("HTX Miến dong Phong Châu", "Hộ kinh doanh Bánh cuốn Trùng Khánh"):
            add_producer(field, name, commune=1477)
        latest = exporter.export_bundle(field, stick, province.office_id).path

        window = MainWindow(province)
        window.resize(*SIZE)
        window.show()
        settle()

        dialog = ImportDialog(province, [latest], parent=window)
        dialog.open()
        dialog.start()
        settle(40)
        dialog.grab().save(str(out / "sync-import-preview.png"))
        dialog.apply()
        settle(40)
        dialog.accept()
        dialog.deleteLater()
        settle()

        export = ExportDialog(province, other.office_id, parent=window)
        export.open()
        settle()
        export.folder.setText(str(stick))
        export.start_export()
        settle(40)
        export.grab().save(str(out / "sync-export.png"))
        export.accept()
        export.deleteLater()

        page = window.show_section("sync")
        page.reload()
        settle(40)
        window.grab().save(str(out / "sync-overview.png"))
        page.tabs.setCurrentIndex(1)
        settle(20)
        window.grab().save(str(out / "sync-conflicts.png"))
        window.close()
        settle()
    finally:
        for x in (province, field, other):
            x.close()


def _relay(demo_path: Path, tmp: Path, out: Path, settle) -> None:  # noqa: ANN001
    """The relay strip of the demo province against a real relay process on 127.0.0.1: a
    field office has sent a bundle; the province (automatic import off) fetched it and it
    waits for review (sync-relay); then the relay settings (sync-relay-settings)."""
    from PySide6.QtWidgets import QApplication

    from ocop_desktop.db import Database
    from ocop_desktop.relay import config as relay_config
    from ocop_desktop.relay import exchange
    from ocop_desktop.sync import profiles
    from ocop_desktop.ui.main_window import MainWindow
    from tests.relay.relay_support import RelayProcess
    from tests.sync.sync_samples import add_producer, introduce, make_office

    (tmp / "relay").mkdir(exist_ok=True)
    relay = RelayProcess(tmp / "relay" / "data").start()
    province = Database.open(demo_path)
    field = make_office(tmp / "quang-hoa.sqlite", "Phòng Kinh tế xã Quảng Hòa", "field", [1414])
    try:
        with province.session() as s:
            profiles.ensure_local_keys(s)
        introduce(province, field)
        relay.register(province, field)
        relay_config.update(province, url=relay.url, insecure_http=True, auto_minutes=15, auto_apply=False)
        relay_config.update(field, url=relay.url, insecure_http=True)
        for name in ("HTX Miến dong Phong Châu", "Hộ kinh doanh Bánh cuốn Trùng Khánh"):
            add_producer(field, name, commune=1414)
        with exchange.client_for(field) as c:
            exchange.push(field, c)
        window = MainWindow(province)
        window.resize(*SIZE)
        window.show()
        page = window.show_section("sync")
        page.reload()
        settle(40)
        op = page.relay.start_sync(manual=False)
        while op is not None and not op.finished:
            QApplication.processEvents()
            time.sleep(0.02)
        settle(40)
        window.grab().save(str(out / "sync-relay.png"))
        dialog = page.relay.open_settings()
        settle(20)
        dialog.grab().save(str(out / "sync-relay-settings.png"))
        dialog.reject()
        window.close()
        settle()
    finally:
        relay.stop()
        for x in (province, field):
            x.close()


def _refresh_guide(args: argparse.Namespace) -> None:
    """The user guide (resources/guide/) shows some of these screens under the same names: copy the
    Vietnamese ones over its pictures, so the guide never shows an older screen."""
    if args.lang != "vi":
        return
    import shutil

    for picture in sorted((ROOT / "resources" / "guide" / "images").glob("*.png")):
        if (args.out / picture.name).is_file():
            shutil.copyfile(args.out / picture.name, picture)


def _trade(demo_path: Path, out: Path, settle) -> None:  # noqa: ANN001
    """The *Chu trình OCOP* section's trade promotion tabs on the demo office: the event list
    (trade-events.png), the Hà Nội fair's dialog with its booths (trade-event-dialog.png), the
    points of sale (sale-points.png) and a point's dialog (sale-point-dialog.png)."""
    from ocop_desktop.db import Database
    from ocop_desktop.ui.cycle.event_dialog import EventDialog
    from ocop_desktop.ui.cycle.sale_point_dialog import SalePointDialog
    from ocop_desktop.ui.main_window import MainWindow

    with Database.open(demo_path) as db:
        window = MainWindow(db)
        window.resize(*SIZE)
        window.show()
        settle()
        cycle = window.show_section("cycle")
        events = cycle.show_tab("events")
        settle(40)
        hanoi = next(r for r in events.model.rows() if "Hà Nội" in r.name and r.kind == "fair")
        events.select_record(hanoi.id)
        settle()
        window.grab().save(str(out / "trade-events.png"))
        dialog = EventDialog(db, hanoi.id, parent=window)
        dialog.show()
        settle(40)
        dialog.grab().save(str(out / "trade-event-dialog.png"))
        dialog.reject()
        points = cycle.show_tab("sale_points")
        settle(40)
        first = points.model.rows()[0]
        points.select_record(first.id)
        settle()
        window.grab().save(str(out / "sale-points.png"))
        dialog = SalePointDialog(db, first.id, parent=window)
        dialog.show()
        settle(40)
        dialog.grab().save(str(out / "sale-point-dialog.png"))
        dialog.reject()
        window.close()
        settle()


def _excel(demo_path: Path, tmp: Path, out: Path, settle) -> None:  # noqa: ANN001
    """“Xuất Excel…” (Ctrl+E) on the product list after a search: the page with the export's
    message in the status bar (excel-export.png) and, when LibreOffice is installed, the written
    workbook as LibreOffice prints it (excel-export-file.png, via PDF and pdftoppm)."""
    import shutil
    import subprocess

    from ocop_desktop.db import Database
    from ocop_desktop.ui.main_window import MainWindow

    target = tmp / "san-pham-OCOP.xlsx"
    with Database.open(demo_path) as db:
        window = MainWindow(db)
        window.resize(*SIZE)
        window.show()
        settle()
        page = window.show_section("products")
        settle(40)
        page.search.setText("mien dong")
        settle()
        page.export_excel(target)
        settle(40)
        window.grab().save(str(out / "excel-export.png"))
        window.close()
        settle()
    soffice = shutil.which("soffice")
    if soffice is None or shutil.which("pdftoppm") is None:
        print("LibreOffice or pdftoppm missing: excel-export-file.png not rendered")
        return
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp), str(target)],
                   check=True, capture_output=True, timeout=180)
    subprocess.run(["pdftoppm", "-r", "100", "-png", "-singlefile", "-f", "1", "-l", "1",
                    "-x", "0", "-y", "40", "-W", "1169", "-H", "240", str(target.with_suffix(".pdf")),
                    str(out / "excel-export-file")], check=True, timeout=60)


def _reports(demo_path: Path, tmp: Path, out: Path, settle) -> None:  # noqa: ANN001
    """The dashboard (numbers and charts), a drill-down, the reports tab, and two PDF pages."""
    import dataclasses
    import subprocess

    from ocop_desktop.db import Database
    from ocop_desktop.reports.stats_pdf import office_heading, render_reports
    from ocop_desktop.services.report_scope import office_scope
    from ocop_desktop.stats.catalog import build_reports
    from ocop_desktop.stats.period import Period
    from ocop_desktop.ui.main_window import MainWindow

    with Database.open(demo_path) as db:
        window = MainWindow(db)
        window.resize(*SIZE)
        window.show()
        page = window.show_section("reports")
        dash = page.tab("dashboard")
        for _ in range(600):
            settle(2)
            if dash.data is not None and dash.stars_box.chart_slot.count():
                break
        settle(20)
        window.grab().save(str(out / "reports-dashboard.png"))
        item = dash.stars_box.cell_item(1, "n")
        dash.stars_box._clicked(item.row(), item.column())
        for _ in range(200):
            settle(2)
            if window.page("products").has_loaded:
                break
        settle()
        window.grab().save(str(out / "reports-drill.png"))
        window.show_section("reports")
        page.show_tab("send_up")
        settle(40)
        window.grab().save(str(out / "reports-send-up.png"))
        window.close()
        settle()
        with db.read_session() as s:
            scope = office_scope(s)
            period = Period.year(dash.data.period.end.year)
            for code in ("B01", "B05"):
                tables = build_reports(s, period, scope, [code])
                heading = dataclasses.replace(office_heading(s), number="12/BC-VPĐP")
                pdf = tmp / f"{code}.pdf"
                render_reports(tables, pdf, heading)
                subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                                str(out / f"report-{code.lower()}")], check=True)


def _targets(db, out: Path, settle, size: tuple[int, int]) -> None:  # noqa: ANN001
    """The plans list (a tab of *Báo cáo* once the section lands) and the demo's KH 3438/KH-UBND
    with its targets and their achievement, at the demo's day."""
    import datetime as dt

    from ocop_desktop.demo.constants import DEMO_TODAY
    from ocop_desktop.services import plans
    from ocop_desktop.ui.reports.plan_dialog import PlanDialog
    from ocop_desktop.ui.reports.plans_page import PlansPage

    page = PlansPage(db)
    page.resize(*size)
    page.show()
    settle(60)
    page.grab().save(str(out / "plans.png"))
    page.close()
    page.deleteLater()
    settle()
    with db.read_session() as s:
        rows = plans.list_plans(s)
    for name, row in (("plan-targets-dialog", next(r for r in rows if r.number == "3438/KH-UBND")),
                      ("plan-targets-dialog-2026", next(r for r in rows if r.start_year == 2026))):
        dialog = PlanDialog(db, row.id, today=max(DEMO_TODAY, dt.date(2026, 1, 1)))
        dialog.show()
        settle(60)
        dialog.grab().save(str(out / f"{name}.png"))
        dialog.reject()
        dialog.deleteLater()
        settle()


def _excel_import(tmp: Path, out: Path, settle) -> None:  # noqa: ANN001
    """Tệp › Nhập từ Excel…: the mapping step of a TCVN3 workbook (shown converted,
    import-mapping.png) and the preview of a list with errors (import-preview.png), on a field
    office of Trùng Khánh with workbooks of the test corpus (tests/excel_corpus/make_corpus.py)."""
    sys.path.insert(0, str(ROOT / "tests" / "excel_corpus"))
    import make_corpus

    from ocop_desktop.db import Database
    from ocop_desktop.services import office
    from ocop_desktop.ui.import_wizard import ImportWizard

    corpus = make_corpus.build(tmp / "corpus")
    with Database.open(tmp / "import.sqlite") as db:
        with db.session() as s:
            office.save_local_office(s, office.OfficeData(
                name="Trung tâm Dịch vụ nông nghiệp Trùng Khánh", role="field", province_code=4,
                commune_codes=[1477, 1489, 1501, 1525], officer_name="Nông Thị Hoa"))
        db.refresh_office()
        for name, shot, step in (("tcvn3.xlsx", "import-mapping", 1), ("with_errors.xlsx", "import-preview", 2)):
            wizard = ImportWizard(db, path=corpus[name])
            wizard.resize(1180, 680)
            wizard.show()
            settle(40)
            wizard._next()
            settle(40)
            if step == 2:
                wizard.set_combo.setCurrentIndex(wizard.set_combo.findData(3))
                wizard._next()
                settle(40)
            wizard.grab().save(str(out / f"{shot}.png"))
            wizard.close()
            settle()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", default="vi", choices=["vi", "en"])
    parser.add_argument("--extra-po", type=Path)
    parser.add_argument("--only", choices=["sync", "relay", "certificates", "trade", "cycle", "excel", "plans",
                                           "targets", "import", "reports"],
                        help="render only these screens")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="ocop-shots-"))
    os.environ["OCOP_DATA_DIR"] = str(tmp / "data")  # window geometry, logs: never the user's
    from ocop_desktop.i18n import set_language

    set_language(args.lang)
    if args.extra_po:
        _extra_catalogue(args.extra_po)

    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtGui import QColor, QPainter, QPixmap
    from PySide6.QtWidgets import QApplication, QWizard

    from ocop_desktop.app import DEMO_SIZE, _application
    from ocop_desktop.db import Database
    from ocop_desktop.demo import build_demo
    from ocop_desktop.ui import ops
    from ocop_desktop.ui.first_run import FirstRunWizard
    from ocop_desktop.ui.main_window import MainWindow

    _app = _application()  # keep the QApplication alive
    args.out.mkdir(parents=True, exist_ok=True)

    def settle(rounds: int = 20) -> None:
        for _ in range(rounds):
            QApplication.processEvents()
            ops.wait_all()
            time.sleep(0.01)

    if args.only == "import":  # needs no demo office
        _excel_import(tmp, args.out, settle)
        print(f"Screenshots written to {args.out}")
        return 0
    demo_path = tmp / "demo.sqlite"
    build_demo(demo_path, with_decisions=True, **DEMO_SIZE)  # the office of `./run.sh --demo` (without its sync story)
    if args.only == "sync":
        _sync(demo_path, tmp, args.out, settle)
        _refresh_guide(args)
        print(f"Screenshots written to {args.out}")
        return 0
    if args.only == "relay":
        _relay(demo_path, tmp, args.out, settle)
        print(f"Screenshots written to {args.out}")
        return 0
    if args.only == "trade":
        _trade(demo_path, args.out, settle)
        print(f"Screenshots written to {args.out}")
        return 0
    if args.only == "excel":
        _excel(demo_path, tmp, args.out, settle)
        _refresh_guide(args)
        print(f"Screenshots written to {args.out}")
        return 0
    if args.only == "reports":
        _reports(demo_path, tmp, args.out, settle)
        print(f"Screenshots written to {args.out}")
        return 0
    if args.only == "certificates":
        _certificates(tmp, args.out, settle)
        _refresh_guide(args)
        print(f"Screenshots written to {args.out}")
        return 0
    if args.only == "plans":
        with Database.open(demo_path) as db:
            _plans(db, args.out, settle, SIZE)
        print(f"Screenshots written to {args.out}")
        return 0
    if args.only == "cycle":
        with Database.open(demo_path) as db:
            _cycle(db, args.out, settle, SIZE)
        print(f"Screenshots written to {args.out}")
        return 0
    if args.only == "targets":
        with Database.open(demo_path) as db:
            _targets(db, args.out, settle, SIZE)
        print(f"Screenshots written to {args.out}")
        return 0
    with Database.open(demo_path) as db:
        window = MainWindow(db)
        window.resize(*SIZE)
        window.show()
        settle()
        for key in ("producers", "products", "settings"):
            page = window.show_section(key)
            settle()
            if key == "products":
                page.table.selectRow(2)
            window.grab().save(str(args.out / f"{key}.png"))
        window.close()
        settle()
        _dialogs(db, args.out, settle)
        _cycle(db, args.out, settle, SIZE)
        _plans(db, args.out, settle, SIZE)
        _targets(db, args.out, settle, SIZE)
        _council(db, args.out, settle)

    with Database.open(tmp / "empty.sqlite") as db:
        wizard = FirstRunWizard(db)
        f = wizard.fields
        f.name.setText("Trung tâm Dịch vụ nông nghiệp Trùng Khánh")
        f.officer.setText("Nông Thị Hoa")
        wizard.show()
        wizard.button(QWizard.WizardButton.NextButton).click()
        f.province.setCurrentIndex(f.province.findData(4))  # Cao Bằng
        f.communes.set_checked_codes([1477, 1489, 1501, 1525])
        f.communes.search.setText("d")
        settle()
        shot = wizard.grab()
        canvas = QPixmap(*SIZE)
        canvas.fill(QColor("#5b6770"))
        painter = QPainter(canvas)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        if shot.height() > SIZE[1] - 40:
            shot = shot.scaledToHeight(SIZE[1] - 40, Qt.TransformationMode.SmoothTransformation)
        painter.drawPixmap(QPoint((SIZE[0] - shot.width()) // 2, (SIZE[1] - shot.height()) // 2), shot)
        painter.end()
        canvas.save(str(args.out / "first-run.png"))
        wizard.close()
        settle()
    _sync(demo_path, tmp, args.out, settle)
    _relay(demo_path, tmp, args.out, settle)
    _certificates(tmp, args.out, settle)
    _trade(demo_path, args.out, settle)
    _excel(demo_path, tmp, args.out, settle)
    _excel_import(tmp, args.out, settle)
    _reports(demo_path, tmp, args.out, settle)
    _refresh_guide(args)
    print(f"Screenshots written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
