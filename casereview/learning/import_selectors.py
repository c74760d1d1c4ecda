"""Reads for spreadsheet imports: the runs a user may see, the fields each kind of import fills, the columns
suggested for them, and the check of every row (which writes nothing: the dry run and the import share it).

Rows are numbered as the spreadsheet numbers them: the headings are row 1, the first row of data row 2."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.http import Http404

from casereview.partnerships.access import partnerships_for

from .access import can_manage_learning
from .import_checks import RowVerdict, check_action_rows, check_tracker_rows
from .models import ImportRun


@dataclass(frozen=True)
class Target:
    """A field an import fills: its key, its label, whether a column is required, and headings that mean it."""

    key: str
    label: str
    required: bool
    headings: tuple[str, ...]
    hint: str = ""


ACTION_FIELDS = (
    Target("review", "Review (reference or title)", True,
           ("review reference or title", "review", "review title", "source review", "review reference", "reference"),
           "Must match a review the partnership has recorded."),
    Target("rec_number", "Recommendation number", True,
           ("recommendation number", "recommendation no", "rec number", "rec no", "rec", "number", "no")),
    Target("rec_text", "Recommendation text", False, ("recommendation text", "recommendation", "recommendations"),
           "Needed only for a recommendation not yet recorded: it is then created."),
    Target("title", "Action", True, ("action", "action title", "actions", "what will be done", "title")),
    Target("agency", "Owning agency", True, ("owning agency", "agency", "lead agency", "organisation",
                                             "organization")),
    Target("lead", "Lead", False, ("lead", "lead officer", "owner", "action owner", "responsible officer",
                                   "lead person"),
           "A person of the owning agency, by name. Left blank, the agency's representative on a group owns it."),
    Target("due_date", "Due date", True, ("due date", "due", "deadline", "target date", "by when", "completion date")),
    Target("status", "Status", False, ("status", "progress status", "current status")),
    Target("rag", "RAG rating", False, ("rag rating", "rag", "rag status")),
)
TRACKER_FIELDS = (
    Target("title", "Review title", True, ("review title", "title", "review", "name")),
    Target("kind", "Kind of review", True, ("kind of review", "kind", "type", "review type", "type of review")),
    Target("year", "Year", True, ("year", "year of publication", "year published")),
    Target("themes", "Themes", False, ("themes", "theme", "learning themes"),
           "Theme names or keys, separated by semicolons."),
    Target("summary", "Summary", False, ("summary", "learning", "key learning", "description")),
)
FIELDS = {"actions": ACTION_FIELDS, "tracker": TRACKER_FIELDS}


def fields_for(kind: str) -> tuple[Target, ...]:
    return FIELDS.get(kind, ())


def _normal(heading: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", (heading or "").lower()).split())


def suggest_mapping(kind: str, header: list[str]) -> dict[str, int | None]:
    """The column (by position) each field most likely comes from: an exact heading first, then a heading that
    contains one of the field's words; each column is used once."""
    names = [_normal(h) for h in header]
    chosen: dict[str, int | None] = {t.key: None for t in fields_for(kind)}
    used: set[int] = set()
    for exact in (True, False):
        for target in fields_for(kind):
            if chosen[target.key] is not None:
                continue
            for heading in target.headings:
                index = _find(names, heading, used, exact)
                if index is not None:
                    chosen[target.key] = index
                    used.add(index)
                    break
    return chosen


def _find(names: list[str], heading: str, used: set[int], exact: bool) -> int | None:
    for index, name in enumerate(names):
        if index in used:
            continue
        if name == heading or (not exact and len(heading) > 3 and heading in name):
            return index
    return None


def import_runs(user, partnership, limit: int = 10) -> list[ImportRun]:
    """The partnership's latest imports, for the business team."""
    if partnership is None or not can_manage_learning(user, partnership):
        return []
    return list(ImportRun.objects.filter(partnership=partnership).select_related("created_by")[:limit])


def import_run_get(user, pk) -> ImportRun:
    """One import the user may manage, else Http404 (another partnership's looks the same as none)."""
    run = ImportRun.objects.select_related("partnership", "created_by").filter(
        pk=pk, partnership__in=partnerships_for(user)).first()
    if run is None or not can_manage_learning(user, run.partnership):
        raise Http404("No such import.")
    return run


# The stored state of a run, in ImportRun.mapping: the file's rows, the chosen columns and the checks made.

def stored_rows(run: ImportRun) -> list[tuple[int, list[str]]]:
    return [(int(n), [str(c) for c in cells]) for n, cells in run.mapping.get("rows", [])]


def chosen_columns(run: ImportRun) -> dict[str, int | None]:
    return dict(run.mapping.get("fields") or {})


@dataclass
class Check:
    total: int
    valid: list[RowVerdict]
    rejected: list[RowVerdict]


def check_rows(run: ImportRun, today: date) -> Check:
    """Check every stored row against the chosen columns and the partnership's records; writes nothing."""
    columns = chosen_columns(run)
    rows = [(number, {key: (cells[i] if i is not None and 0 <= i < len(cells) else "").strip()
                      for key, i in columns.items()}) for number, cells in stored_rows(run)]
    checker = check_action_rows if run.kind == "actions" else check_tracker_rows
    verdicts = checker(run.partnership, rows, today)
    return Check(len(verdicts), [v for v in verdicts if not v.reasons], [v for v in verdicts if v.reasons])


def preview(run: ImportRun, rows: int = 3) -> dict:
    """The file's first rows, column by column, for the page where columns are chosen."""
    first = stored_rows(run)[:rows]
    header = run.mapping.get("header", [])
    return {"preview": first, "columns": [{"heading": h, "values": [cells[i] if i < len(cells) else ""
                                                                  for _n, cells in first]}
                                          for i, h in enumerate(header)]}


def run_stage(run: ImportRun) -> str:
    """Where the run is: "empty" (no file data), "uploaded", "mapped", "checked" or "imported"."""
    mapping = run.mapping or {}
    if mapping.get("imported_at"):
        return "imported"
    if not mapping.get("rows"):
        return "empty"
    if not mapping.get("fields"):
        return "uploaded"
    checked = mapping.get("checked") or {}
    return "checked" if checked.get("fields") == mapping.get("fields") else "mapped"


def run_page(run: ImportRun) -> dict:
    """What the import's page shows: its stage, the mapping in words, the rejected rows and the notes."""
    header = run.mapping.get("header", [])
    columns = chosen_columns(run)
    mapping = [{"label": t.label, "column": header[columns[t.key]]
                if columns.get(t.key) is not None and columns[t.key] < len(header) else ""}
               for t in fields_for(run.kind)]
    checked = run.mapping.get("checked") or {}
    return {"run": run, "stage": run_stage(run), "mapping_rows": mapping, "rejected": run.rejected or [],
            "notes": checked.get("notes", []), "valid_count": checked.get("valid", 0),
            "checked_at": _when(checked.get("at")), "imported_at": _when(run.mapping.get("imported_at"))}


def _when(text) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if text else None
    except (TypeError, ValueError):
        return None
