"""Sentences that explain a sheet's or a council's result to an officer: the points, the
band, every criterion that held the rank back and why, an elimination, missing criteria,
the council's spread. Used by the evaluation form's result panel and the council summary."""

from __future__ import annotations

from ocop_desktop.i18n import _, format_number, ngettext
from ocop_desktop.scoring.engine import Cap, CouncilResult, SheetResult


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _cap_line(cap: Cap) -> str:
    line = ngettext("Criterion {code} needs at least “{option}” ({points} point) for {needs} stars; "
                    "the chosen option is worth {chosen}.",
                    "Criterion {code} needs at least “{option}” ({points} points) for {needs} stars; "
                    "the chosen option is worth {chosen}.", cap.required_points).format(
        code=cap.criterion, option=_short(cap.required_option), points=cap.required_points,
        needs=cap.needs_stars, chosen=cap.chosen_points)
    return line + _members_text(cap)


def _members_text(cap: Cap) -> str:
    if not cap.members:
        return ""
    names = ", ".join(_("the agreed sheet") if m < 0 else _("member {n}").format(n=m + 1)
                      for m in cap.members)
    return " " + _("Sheets below it: {names}.").format(names=names)


def _stars_lines(points_text: str, band: int, stars: int, caps: tuple[Cap, ...]) -> list[str]:
    if not caps:
        return [ngettext("{stars} star by points ({points}).", "{stars} stars by points ({points}).",
                         band).format(stars=band, points=points_text)]
    if len(caps) == 1:
        cap = caps[0]
        return [ngettext("{band} stars by points ({points}), but criterion {code} needs at least "
                         "“{option}” ({required} point) for {needs} stars: {stars} stars.",
                         "{band} stars by points ({points}), but criterion {code} needs at least "
                         "“{option}” ({required} points) for {needs} stars: {stars} stars.",
                         cap.required_points).format(
            band=band, points=points_text, code=cap.criterion, option=_short(cap.required_option),
            required=cap.required_points, needs=cap.needs_stars, stars=stars)
            + _members_text(cap)]
    lines = [_("{band} stars by points ({points}), but {n} criteria are below the star minima: {stars} stars.")
             .format(band=band, points=points_text, n=len(caps), stars=stars)]
    lines += [_cap_line(c) for c in caps]
    return lines


def explain(result: SheetResult | CouncilResult) -> list[str]:
    """Sentences for the officer: the points, the band, every cap and why, elimination,
    missing criteria, the council's spread."""
    lines: list[str] = []
    if isinstance(result, CouncilResult):
        n = len(result.member_totals)
        lines.append(ngettext("Average of {n} member's total: {average}.",
                              "Average of {n} members' totals: {average}.", n).format(
            n=n, average=result.average_text))
        points_text = result.average_text
        if result.spread_warning:
            lines.append(_("The members' totals differ by {spread} points, more than {limit}: the council "
                           "discusses and the members score again.").format(
                spread=result.spread, limit=result.spread_limit))
        missing = sorted({c for r in result.member_results for c in r.missing}, key=_code_order)
        if missing and result.eliminated is None:
            lines.append(_("Not complete: some members' sheets have criteria with no option chosen ({codes}).")
                         .format(codes=", ".join(missing)))
    else:
        points_text = format_number(result.total)
        parts = ", ".join(f"{k} {format_number(v)}" for k, v in result.parts.items())
        lines.append(_("Total {total} points ({parts}).").format(total=points_text, parts=parts))
        if result.missing and result.eliminated is None:
            lines.append(ngettext("Draft: criterion {codes} has no option chosen yet.",
                                  "Draft: {n} criteria have no option chosen yet: {codes}.",
                                  len(result.missing)).format(n=len(result.missing),
                                                              codes=", ".join(result.missing)))
    el = result.eliminated
    if el is not None:
        if el.criterion is not None:
            lines.append(_("Eliminated under criterion {code}: {reason}").format(code=el.criterion,
                                                                                 reason=el.reason))
        else:
            lines.append(_("Eliminated: {reason}").format(reason=el.reason))
        if el.member is not None:
            lines.append(_("Recorded on member {n}'s sheet.").format(n=el.member + 1))
        lines.append(ngettext("Not ranked. For the record: {points} points, {stars} star by points.",
                              "Not ranked. For the record: {points} points, {stars} stars by points.",
                              result.stars_by_points).format(points=points_text,
                                                             stars=result.stars_by_points))
        return lines
    lines += _stars_lines(points_text, result.stars_by_points, result.stars, result.capped_by)
    if isinstance(result, CouncilResult) and result.capped_by:
        if result.mode == "agreed":
            lines.append(_("The star minima were checked on the council's agreed sheet."))
        else:
            lines.append(_("The star minima were checked on every member's sheet."))
    if result.stars < 3:
        lines.append(_("Below 3 stars a product is not recognised as an OCOP product."))
    return lines


def _code_order(code: str) -> tuple[int, ...]:
    """Criterion codes in sheet order: "8" < "9" < "10" < "10.1" (not text order)."""
    return tuple(int(p) if p.isdigit() else 0 for p in code.split("."))
