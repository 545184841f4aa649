"""The cross-tab tables of the reports an office sends up (ocop-reporting.md §1.5) and of the
dashboard, computed from :mod:`ocop_desktop.stats.facts` (a few bulk queries, then counting in
Python). Each builder returns a :class:`~ocop_desktop.stats.report_table.ReportTable` whose
printed words are Vietnamese (official documents) and whose cells carry the ids behind them.

- B01 products in force by star × commune, B02 by group and set, B03 producers by type with
  their representatives' sex, ethnicity and disability, B05 the movement of the stock
  (start + new ± rank changes − expired − revoked = end, per star), B06 the expiry and
  re-evaluation watch list, B09 the trend by year. B04, B07 and B08 are in
  :mod:`ocop_desktop.stats.tables_activity`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from ocop_desktop.domain import ethnic_groups, geography, product_sets
from ocop_desktop.domain.certificates import WINDOW_OPENS_DAYS
from ocop_desktop.stats.facts import ONE_DAY, Facts
from ocop_desktop.stats.report_table import (
    DATE,
    INT,
    PCT,
    PRODUCERS,
    PRODUCTS,
    TEXT,
    ChartSpec,
    Column,
    ReportTable,
)

STARS = (3, 4, 5)
NO_COMMUNE = "Chưa rõ xã, phường"

#: Producer types as offices group them (ocop-reporting.md §1.5, B03).
KIND_GROUPS: tuple[tuple[str, str, frozenset[str]], ...] = (
    ("htx", "Hợp tác xã", frozenset({"htx"})),
    ("dn", "Doanh nghiệp (TNHH, cổ phần, tư nhân)", frozenset({"tnhh", "ctcp", "dntn"})),
    ("tht", "Tổ hợp tác", frozenset({"tht"})),
    ("ho", "Hộ sản xuất, hộ kinh doanh", frozenset({"ho_sx", "ho_kd"})),
    ("trang_trai", "Trang trại", frozenset({"trang_trai"})),
    ("khac", "Khác (hội, hiệp hội…)", frozenset({"hoi"})),
)


def vn_day(d: dt.date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def scope_words(scope: Any) -> str:
    return getattr(scope, "label", "") or "toàn địa bàn"


def period_words(period: Any) -> str:
    return f"từ ngày {vn_day(period.start)} đến ngày {vn_day(period.end)}"


def pct(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def commune_label(code: int | None) -> str:
    return (geography.commune_name(code) or str(code)) if code is not None else NO_COMMUNE


def _communes_of(scope: Any, seen: Iterable[int | None]) -> list[int | None]:
    """The rows of a by-commune table: every commune of the scope (zeros shown), else those seen."""
    codes = getattr(scope, "commune_codes", None)
    if codes is not None:
        out: list[int | None] = sorted(codes, key=lambda c: geography.commune_name(c) or str(c))
        if None in set(seen):
            out.append(None)
        return out
    uniq = set(seen)
    named = sorted((c for c in uniq if c is not None), key=lambda c: geography.commune_name(c) or str(c))
    return named + ([None] if None in uniq else [])


# -- B01 ---------------------------------------------------------------------------------------

def stars_by_commune(facts: Facts, period: Any, scope: Any, *, potential: frozenset[str] = frozenset()) -> ReportTable:
    """B01: products in force at the end of the period by star and commune, with their producers.
    ``potential``: products scoring ≥ 90 at a provincial council (shown as "tiềm năng 5 sao"
    when they hold 4★)."""
    at = period.end
    force = facts.in_force(at)
    cols = [Column("stt", "STT", TEXT, 0.5), Column("unit", "Đơn vị (xã, phường)", TEXT, 2.6),
            Column("total", "Tổng số SP từ 3 sao", INT), Column("s3", "3 sao", INT), Column("s4", "4 sao", INT),
            Column("p5", "Tiềm năng 5 sao", INT), Column("s5", "5 sao", INT), Column("producers", "Số chủ thể", INT)]
    t = ReportTable("B01", "TỔNG HỢP SẢN PHẨM OCOP CÒN HIỆU LỰC THEO HẠNG SAO VÀ ĐƠN VỊ HÀNH CHÍNH", cols,
                    subtitle=f"Tính đến ngày {vn_day(at)} — {scope_words(scope)}")
    by_commune: dict[int | None, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for pid, stars in force.items():
        p = facts.products[pid]
        key = "p5" if stars == 4 and pid in potential else f"s{stars}"
        cell = by_commune[p.commune_code]
        cell[key].add(pid)
        cell["total"].add(pid)
        cell["producers"].add(p.producer_id)
    if not force:
        return t
    totals: dict[str, set[str]] = defaultdict(set)
    for i, code in enumerate(_communes_of(scope, by_commune)):
        cell = by_commune.get(code, {})
        row: list[Any] = [str(i + 1), commune_label(code)]
        for c in cols[2:]:
            ids = frozenset(cell.get(c.key, ()))
            row.append(len(ids))
            totals[c.key] |= ids
            t.drill[(i, c.key)] = (PRODUCERS if c.key == "producers" else PRODUCTS, ids)
        t.rows.append(row)
    t.total = ["", "Tổng cộng"] + [len(totals[c.key]) for c in cols[2:]]
    for c in cols[2:]:
        t.drill[(-1, c.key)] = (PRODUCERS if c.key == "producers" else PRODUCTS, frozenset(totals[c.key]))
    top = sorted(range(len(t.rows)), key=lambda i: -t.rows[i][2])[:12]
    t.chart = ChartSpec("stacked", "Sản phẩm OCOP theo xã, phường (nhiều nhất)",
                        tuple(t.rows[i][1] for i in top),
                        tuple((name, tuple(float(t.rows[i][t.column(k)]) for i in top))
                              for name, k in (("3 sao", "s3"), ("4 sao", "s4"), ("Tiềm năng 5 sao", "p5"),
                                              ("5 sao", "s5"))), "sản phẩm")
    return t


def stars_chart(t: ReportTable) -> ChartSpec:
    """Products by star from a B01 table's totals (the dashboard's first chart)."""
    labels = ("3 sao", "4 sao", "Tiềm năng 5 sao", "5 sao")
    values = tuple(float(t.value(-1, k) or 0) for k in ("s3", "s4", "p5", "s5")) if t.total else (0.0,) * 4
    return ChartSpec("bar", "Sản phẩm OCOP còn hiệu lực theo hạng sao", labels, (("Số sản phẩm", values),), "sản phẩm")


# -- B02 ---------------------------------------------------------------------------------------

def by_group(facts: Facts, period: Any, scope: Any) -> ReportTable:
    """B02: products in force by product group (bold rows) and set."""
    at = period.end
    force = facts.in_force(at)
    cols = [Column("stt", "STT", TEXT, 0.5), Column("unit", "Nhóm, bộ sản phẩm", TEXT, 3.4),
            Column("total", "Tổng số", INT), Column("s3", "3 sao", INT), Column("s4", "4 sao", INT),
            Column("s5", "5 sao", INT), Column("share", "Tỷ lệ (%)", PCT)]
    t = ReportTable("B02", "TỔNG HỢP SẢN PHẨM OCOP CÒN HIỆU LỰC THEO NHÓM VÀ BỘ SẢN PHẨM", cols,
                    subtitle=f"Tính đến ngày {vn_day(at)} — {scope_words(scope)}")
    if not force:
        return t
    by_set: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for pid, stars in force.items():
        cell = by_set[facts.products[pid].product_set]
        cell[f"s{stars}"].add(pid)
        cell["total"].add(pid)
    whole = len(force)
    bold = set()
    group_chart: list[tuple[str, float]] = []
    for group in product_sets.GROUPS.values():
        sets = [ps for ps in product_sets.PRODUCT_SETS if ps.group == group.code]
        gcell: dict[str, set[str]] = defaultdict(set)
        for ps in sets:
            for k, v in by_set.get(ps.number, {}).items():
                gcell[k] |= v
        gi = len(t.rows)
        bold.add(gi)
        t.rows.append([group.code, group.name] + [len(gcell[k]) for k in ("total", "s3", "s4", "s5")]
                      + [pct(len(gcell["total"]), whole)])
        for k in ("total", "s3", "s4", "s5"):
            t.drill[(gi, k)] = (PRODUCTS, frozenset(gcell[k]))
        group_chart.append((group.name, float(len(gcell["total"]))))
        for ps in sets:
            cell = by_set.get(ps.number)
            if not cell:
                continue
            i = len(t.rows)
            t.rows.append([str(ps.number), ps.title] + [len(cell[k]) for k in ("total", "s3", "s4", "s5")]
                          + [pct(len(cell["total"]), whole)])
            for k in ("total", "s3", "s4", "s5"):
                t.drill[(i, k)] = (PRODUCTS, frozenset(cell[k]))
    t.bold_rows = frozenset(bold)
    counts = Counter(force.values())
    t.total = ["", "Tổng cộng", whole, counts[3], counts[4], counts[5], 100.0]
    for k, ids in (("total", force.keys()), *((f"s{s}", (p for p, v in force.items() if v == s)) for s in STARS)):
        t.drill[(-1, k)] = (PRODUCTS, frozenset(ids))
    t.chart = ChartSpec("hbar", "Sản phẩm OCOP theo nhóm sản phẩm", tuple(n for n, _v in group_chart),
                        (("Số sản phẩm", tuple(v for _n, v in group_chart)),), "sản phẩm")
    return t


# -- B03 ---------------------------------------------------------------------------------------

def producers_by_type(facts: Facts, period: Any, scope: Any) -> ReportTable:
    """B03: producers (chủ thể) with at least one product in force, by type, with the
    representatives who are women, of an ethnic minority, or with a disability."""
    at = period.end
    force = facts.in_force(at)
    cols = [Column("stt", "STT", TEXT, 0.5), Column("unit", "Loại hình chủ thể", TEXT, 2.8),
            Column("producers", "Số chủ thể", INT), Column("share", "Tỷ lệ (%)", PCT),
            Column("products", "Số sản phẩm", INT), Column("women", "Người đại diện là nữ", INT),
            Column("minority", "Người đại diện là người DTTS", INT),
            Column("disabled", "Người đại diện là người khuyết tật", INT)]
    t = ReportTable("B03", "CHỦ THỂ OCOP THEO LOẠI HÌNH", cols, landscape=True,
                    subtitle=f"Chủ thể có sản phẩm OCOP còn hiệu lực đến ngày {vn_day(at)} — {scope_words(scope)}")
    if not force:
        return t
    products_of: dict[str, set[str]] = defaultdict(set)
    for pid in force:
        products_of[facts.products[pid].producer_id].add(pid)
    whole = len(products_of)
    totals: dict[str, set[str]] = defaultdict(set)
    by_kind: dict[str, set[str]] = defaultdict(set)
    for p in products_of:
        f = facts.producers.get(p)
        if f is not None:
            by_kind[f.kind].add(p)
    for i, (_key, name, kinds) in enumerate(KIND_GROUPS):
        ids = set().union(*(by_kind.get(k, set()) for k in kinds))
        cells = {
            "producers": ids,
            "products": set().union(*(products_of[p] for p in ids)) if ids else set(),
            "women": {p for p in ids if facts.producers[p].rep_sex == "nu"},
            "minority": {p for p in ids if ethnic_groups.is_minority(facts.producers[p].rep_ethnicity)},
            "disabled": {p for p in ids if facts.producers[p].rep_disability},
        }
        t.rows.append([str(i + 1), name, len(ids), pct(len(ids), whole), len(cells["products"]), len(cells["women"]),
                       len(cells["minority"]), len(cells["disabled"])])
        for k, v in cells.items():
            t.drill[(i, k)] = (PRODUCTS if k == "products" else PRODUCERS, frozenset(v))
            totals[k] |= v
    t.total = ["", "Tổng cộng", len(totals["producers"]), 100.0 if totals["producers"] else 0.0,
               len(totals["products"]), len(totals["women"]), len(totals["minority"]), len(totals["disabled"])]
    for k, v in totals.items():
        t.drill[(-1, k)] = (PRODUCTS if k == "products" else PRODUCERS, frozenset(v))
    t.chart = ChartSpec("hbar", "Chủ thể OCOP theo loại hình", tuple(r[1] for r in t.rows),
                        (("Số chủ thể", tuple(float(r[2]) for r in t.rows)),), "chủ thể")
    return t


# -- B05 ---------------------------------------------------------------------------------------

def movement(facts: Facts, period: Any, scope: Any, mv: Any) -> ReportTable:
    """B05: the stock at the start (the day before the period), what came in and went out, and the
    stock at the end, per star: start + new + moved in − moved out − expired − revoked = end.
    ``mv`` is :func:`ocop_desktop.stats.stock.movement` for the same period and scope (which
    products are new, expired, revoked…); the stars come from the certificates: those at the start
    for what went out, at the end for what came in, the highest held in the period for a product
    recognised and gone within it."""
    before = period.start - ONE_DAY
    start, end = facts.in_force(before), facts.in_force(period.end)
    cols = [Column("unit", "Hạng", TEXT, 1.2), Column("start", "Đầu kỳ", INT), Column("new", "Công nhận mới", INT),
            Column("moved_in", "Chuyển hạng đến", INT), Column("moved_out", "Chuyển hạng đi", INT),
            Column("expired", "Hết hạn", INT), Column("revoked", "Thu hồi", INT), Column("end", "Cuối kỳ", INT),
            Column("renewed", "Trong đó: công nhận lại", INT), Column("upgraded", "Trong đó: nâng hạng", INT)]
    t = ReportTable("B05", "BIẾN ĐỘNG SẢN PHẨM OCOP TRONG KỲ", cols, landscape=True,
                    subtitle=f"Kỳ báo cáo {period_words(period)} — {scope_words(scope)}",
                    notes=["Cuối kỳ = Đầu kỳ + Công nhận mới + Chuyển hạng đến − Chuyển hạng đi − Hết hạn − Thu hồi.",
                           "Sản phẩm được công nhận và hết hạn (hoặc bị thu hồi) ngay trong kỳ được tính ở cả hai cột."])
    ids = {k: set(v) for k, v in mv.product_ids.items()}
    if not any(ids.get(k) for k in ("start", "new", "end")):
        return t

    def held(pid: str) -> int:
        return max((x.stars for x in facts.stands.get(pid, ()) if x.issue <= period.end and x.until >= period.start),
                   default=3)

    cells: dict[int, dict[str, set[str]]] = {s: defaultdict(set) for s in STARS}
    for k in ("start", "end"):
        for pid in ids.get(k, ()):
            cells[(start if k == "start" else end).get(pid) or held(pid)][k].add(pid)
    for pid in ids.get("new", ()):
        cells[end.get(pid) or held(pid)]["new"].add(pid)
    for k in ("expired", "revoked"):
        for pid in ids.get(k, ()):
            cells[start.get(pid) or held(pid)][k].add(pid)
    for pid in set(start) & set(end):
        was, now = start[pid], end[pid]
        if was != now:
            cells[was]["moved_out"].add(pid)
            cells[now]["moved_in"].add(pid)
    for k, col in (("re_recognised", "renewed"), ("upgraded", "upgraded")):
        for pid in ids.get(k, ()):
            cells[end.get(pid) or held(pid)][col].add(pid)
    keys = [c.key for c in cols[1:]]
    totals: dict[str, set[str]] = defaultdict(set)
    for i, s in enumerate(STARS):
        t.rows.append([f"{s} sao"] + [len(cells[s][k]) for k in keys])
        for k in keys:
            t.drill[(i, k)] = (PRODUCTS, frozenset(cells[s][k]))
            totals[k] |= cells[s][k]
    t.total = ["Tổng cộng"] + [len(totals[k]) for k in keys]
    for k in keys:
        t.drill[(-1, k)] = (PRODUCTS, frozenset(totals[k]))
    t.chart = ChartSpec("bar", "Biến động sản phẩm OCOP trong kỳ",
                        ("Đầu kỳ", "Công nhận mới", "Hết hạn", "Thu hồi", "Cuối kỳ"),
                        (("Số sản phẩm", tuple(float(t.value(-1, k)) for k in ("start", "new", "expired", "revoked",
                                                                                  "end"))),), "sản phẩm")
    return t


# -- B06 ---------------------------------------------------------------------------------------

def expiry_watch(facts: Facts, on: dt.date, scope: Any, *, days: int = 180, rows: int | None = None) -> ReportTable:
    """B06: products in force on ``on`` whose certificate expires, or whose re-evaluation window
    (180 → 120 days before expiry) opens, within ``days`` days; soonest first. ``rows``: write only
    the first rows (the dashboard), the totals and ids still cover them all."""
    horizon = on + dt.timedelta(days=days)
    cols = [Column("stt", "STT", TEXT, 0.55), Column("code", "Mã sản phẩm", TEXT, 1.75),
            Column("name", "Tên sản phẩm", TEXT, 2.2), Column("producer", "Chủ thể", TEXT, 1.9),
            Column("commune", "Xã, phường", TEXT, 1.3), Column("stars", "Hạng", INT, 0.65),
            Column("decision", "Số quyết định", TEXT, 1.6), Column("issue", "Ngày cấp", DATE, 1.1),
            Column("expiry", "Ngày hết hạn", DATE, 1.1), Column("window", "Cửa sổ nộp hồ sơ đánh giá lại", TEXT, 1.35),
            Column("days", "Còn (ngày)", INT, 0.65)]
    t = ReportTable("B06", "SẢN PHẨM OCOP SẮP HẾT HẠN, ĐẾN KỲ ĐÁNH GIÁ LẠI", cols, landscape=True,
                    subtitle=f"Trong {days} ngày kể từ ngày {vn_day(on)} — {scope_words(scope)}",
                    empty_text=f"Không có sản phẩm nào hết hạn hoặc đến kỳ đánh giá lại trong {days} ngày tới.")
    due = []
    for pid, s in facts.standing(on).items():
        opens = s.expiry - dt.timedelta(days=WINDOW_OPENS_DAYS)
        if s.expiry <= horizon or opens <= horizon:
            due.append((s.expiry, pid, s))
    due.sort(key=lambda x: (x[0], facts.products[x[1]].name))
    for i, (expiry, pid, s) in enumerate(due if rows is None else due[:rows]):
        p = facts.products[pid]
        producer = facts.producers.get(p.producer_id)
        opens = expiry - dt.timedelta(days=WINDOW_OPENS_DAYS)
        closes = expiry - dt.timedelta(days=120)
        t.rows.append([str(i + 1), p.code, p.name, producer.name if producer else "", commune_label(p.commune_code),
                       s.stars, s.decision_number, s.issue.isoformat(), expiry.isoformat(),
                       f"{vn_day(opens)} – {vn_day(closes)}", (expiry - on).days])
        t.drill[(i, "name")] = (PRODUCTS, frozenset({pid}))
    if due:
        t.total = ["", "", f"Tổng số: {len(due)} sản phẩm", "", "", None, "", None, None, "", None]
        t.drill[(-1, "name")] = (PRODUCTS, frozenset(pid for _e, pid, _s in due))
    return t


# -- B09 ---------------------------------------------------------------------------------------

def trend_by_year(facts: Facts, period: Any, scope: Any, *, first_year: int | None = None) -> ReportTable:
    """B09: per year up to the period's end: products first recognised that year and the stock in
    force on 31/12 (on the period's end for its last year), by star."""
    last = period.end.year
    issues = [s.issue.year for stands in facts.stands.values() for s in stands if s.issue <= period.end]
    first = first_year or (min(issues) if issues else last)
    first = min(first, last)
    cols = [Column("unit", "Năm", TEXT, 0.8), Column("new", "Công nhận mới trong năm", INT),
            Column("s3", "3 sao", INT), Column("s4", "4 sao", INT), Column("s5", "5 sao", INT),
            Column("total", "Tổng số còn hiệu lực cuối năm", INT)]
    t = ReportTable("B09", "SẢN PHẨM OCOP QUA CÁC NĂM", cols,
                    subtitle=f"Từ năm {first} đến ngày {vn_day(period.end)} — {scope_words(scope)}")
    if not issues:
        return t
    first_seen: dict[str, int] = {}
    for pid, stands in facts.stands.items():
        first_seen[pid] = min(s.issue.year for s in stands)
    for i, year in enumerate(range(first, last + 1)):
        at = min(dt.date(year, 12, 31), period.end)
        force = facts.in_force(at)
        new = frozenset(p for p, y in first_seen.items() if y == year)
        row = [str(year), len(new)] + [sum(1 for v in force.values() if v == s) for s in STARS] + [len(force)]
        t.rows.append(row)
        t.drill[(i, "new")] = (PRODUCTS, new)
        t.drill[(i, "total")] = (PRODUCTS, frozenset(force))
        for s in STARS:
            t.drill[(i, f"s{s}")] = (PRODUCTS, frozenset(p for p, v in force.items() if v == s))
    t.chart = ChartSpec("line", "Sản phẩm OCOP còn hiệu lực và công nhận mới qua các năm",
                        tuple(r[0] for r in t.rows),
                        (("Còn hiệu lực cuối năm", tuple(float(r[5]) for r in t.rows)),
                         ("Công nhận mới", tuple(float(r[1]) for r in t.rows))), "sản phẩm")
    return t

