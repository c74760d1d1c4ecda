"""Reads for the spreadsheet exports: the action plans a user may see (their own agency's for an agency
contributor) and the learning tracker with small counts suppressed, because exports are shared."""

from __future__ import annotations

from datetime import date

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from casereview.actions.models import RAG, ActionUpdate
from casereview.actions.selectors import action_list
from casereview.domain.governance_lifecycle import ACTION
from casereview.domain.suppression import SUPPRESS_AT_OR_BELOW, SUPPRESSED

from .spreadsheets import SheetData
from .tracker_selectors import table, tracker, year_totals

ACTION_HEADER = ["Action", "Review", "Review reference", "Recommendation number", "Recommendation", "Meeting",
                 "Owning agency", "Lead", "Set on", "Due date", "Status", "Overdue", "RAG rating", "Latest update",
                 "Latest update on", "Completed on", "Closed on"]
ACTION_WIDTHS = [40, 40, 16, 12, 50, 30, 30, 24, 12, 12, 14, 10, 10, 50, 14, 12, 12]
RAG_LABELS = dict(RAG.choices)


def action_plan_sheet(user, partnership, today: date) -> tuple[SheetData, int]:
    """Every action the user may see, overdue first, with its source, owner, status and latest update."""
    latest = ActionUpdate.objects.filter(action=OuterRef("pk")).order_by("-written_at", "-pk")
    actions = list(action_list(user, partnership, today=today).select_related("recommendation").annotate(
        latest_progress=Subquery(latest.values("progress")[:1]),
        latest_at=Subquery(latest.values("written_at")[:1])))
    return SheetData("Action plans", ACTION_HEADER, [_action_row(a) for a in actions], ACTION_WIDTHS), len(actions)


def _action_row(action) -> list:
    rec = action.recommendation
    review = rec.review if rec else None
    rapid = rec.rapid_review if rec and not review else None
    if review:
        source, reference = review.title, review.reference
    elif rapid:
        source, reference = f"Rapid review {rapid.notification.reference}", rapid.notification.reference
    else:
        source, reference = "", ""
    meeting = (f"{action.meeting.group.name}, {timezone.localdate(action.meeting.starts_at):%d/%m/%Y}"
               if action.meeting else "")
    latest_on = timezone.localdate(action.latest_at) if action.latest_at else None
    return [action.title, source, reference, rec.number if rec else None, rec.text if rec else "", meeting,
            action.agency.name, action.owner.full_name, action.set_on, action.due_date,
            ACTION.label(action.status) if action.status in ACTION.labels else action.status,
            "Yes" if action.overdue else "No", RAG_LABELS.get(action.rag, ""), action.latest_progress or "",
            latest_on, action.completed_on, action.closed_on]


def tracker_sheets(partnership, today: date) -> list[SheetData]:
    """The tracker's theme table and yearly totals, every count of 1 or 2 shown as the suppression marker."""
    result = tracker(partnership, today)
    themes = table(result, suppressed=True)
    rows = [[row["category"], _label(row["theme"]), *row["values"]] for row in themes["rows"]]
    years = [[year, local, national] for year, local, national in year_totals(result, suppressed=True)]
    about = [
        ["Partnership", partnership.name],
        ["Exported on", today],
        ["Small numbers", f"Counts of {SUPPRESS_AT_OR_BELOW} or fewer (but not 0) are shown as {SUPPRESSED}, as in "
                          "national statistics, because this file may be shared."],
        ["Counting", "A review is under a theme when it, one of its findings or one of its recommendations is "
                     "tagged with it. Actions are those of the recommendations under the theme."],
    ]
    return [SheetData("Themes", themes["headers"], rows, [16, 44] + [14] * (len(themes["headers"]) - 2)),
            SheetData("By year", ["Year", "Local and rapid reviews", "National reviews"], years, [10, 24, 18]),
            SheetData("About", ["About this export", ""], about, [20, 100])]


def _label(theme) -> str:
    return f"{theme.label} (retired)" if theme.retired_in_id else theme.label
