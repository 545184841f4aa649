"""A scoring sheet as text for a terminal (``ocop-desktop rubric show``): parts, groups,
criterion codes, option indexes (what ``ocop-desktop score --choices`` takes), points, star
markers and the notes with their ids (what ``--eliminated-by`` takes)."""

from __future__ import annotations

import shutil
import textwrap

from ocop_desktop.i18n import _
from ocop_desktop.scoring.model import Criterion, Note, NoteKind, Sheet


def _width() -> int:
    return max(60, min(140, shutil.get_terminal_size((100, 24)).columns))


def _n(text: str) -> str:
    return " ".join(text.split())


def _wrap(text: str, first: str, rest: str, width: int) -> list[str]:
    return textwrap.wrap(text, width=width, initial_indent=first, subsequent_indent=rest,
                         break_long_words=False, break_on_hyphens=False) or [first.rstrip()]


def _note_lines(note: Note, indent: str, width: int) -> list[str]:
    if note.kind in (NoteKind.ELIMINATE, NoteKind.STOP):
        label = _("eliminates") if note.kind == NoteKind.ELIMINATE else _("stops the evaluation")
        head = f"{indent}! [{note.id}] {label}: "
    else:
        head = f"{indent}· "
    return _wrap(_n(note.text), head, indent + "  ", width)


def _criterion_lines(crit: Criterion, indent: str, width: int) -> list[str]:
    lines = _wrap(f"{crit.code}  {_n(crit.title)}  ({crit.max_points})", indent, indent + " " * (len(crit.code) + 2),
                  width)
    if crit.yes_no:
        lines.append(indent + "  " + _("(printed without options: Không = 0 / Có = the maximum)"))
    if crit.anomaly:
        lines += _wrap(_n(crit.anomaly), indent + "  ⚠ ", indent + "    ", width)
    opt_indent = indent + "  "
    for o in crit.options:
        marker = "*" * o.min_stars if o.min_stars else ""
        first = f"{opt_indent}{o.index:>2} {o.points:>3}  {marker:<5}  "
        lines += _wrap(_n(o.text), first, " " * len(first), width)
    for note in crit.notes:
        lines += _note_lines(note, opt_indent, width)
    return lines


def sheet_text(sheet: Sheet, rubric_id: str, decision: str = "") -> str:
    width = _width()
    out = [f"{decision} ({rubric_id})" if decision else rubric_id]
    out += _wrap(_("Set {n}: {title}").format(n=sheet.set_number, title=sheet.title), "", "  ", width)
    if sheet.header:
        out += _wrap(_n(sheet.header), "", "  ", width)
    if sheet.rejection_rule:
        out += _wrap(_n(sheet.rejection_rule), "", "  ", width)
    for note in sheet.notes:
        out += _note_lines(note, "", width)
    out.append("")
    out += _wrap(_("Each option: its index (for --choices), its points, then its star marker "
                   "(*** minimum for 3 stars, **** for 4, ***** for 5). (n) = maximum points."), "", "", width)
    for part in sheet.parts:
        out.append("")
        out += _wrap(f"{part.code}  {_n(part.title)}  ({part.max_points})", "", "   ", width)
        if part.anomaly:
            out += _wrap(_n(part.anomaly), "   ⚠ ", "     ", width)
        for group in part.groups:
            if len(group.criteria) == 1 and group.criteria[0].code == group.number:
                # A group scored directly by its options ("7. TÍNH ĐỘC ĐÁO"): criterion "7".
                out += _criterion_lines(group.criteria[0], "   ", width)
                continue
            out += _wrap(f"{group.number}. {_n(group.title)}  ({group.max_points})", "   ", "      ", width)
            headings = {h.code: h for h in group.subheadings}
            for crit in group.criteria:
                indent = "      "
                parent = crit.code.rsplit(".", 1)[0]
                if parent in headings:
                    indent += "  "
                    heading = headings.pop(parent)
                    out += _wrap(f"{heading.code}  {_n(heading.title)}  ({heading.max_points})", "      ", "        ",
                                 width)
                elif any(h.code == parent for h in group.subheadings):
                    indent += "  "
                out += _criterion_lines(crit, indent, width)
    return "\n".join(out)
