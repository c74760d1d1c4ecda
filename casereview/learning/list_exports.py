"""What the learning lists download as CSV and XLSX (reviews, themes, a review's recommendations, national
recommendations to assess), and their rows: the same selectors as the pages, every row rather than one page.

Each column is one the page shows, or a date or id held on the record's own page that the same reader may open.
"""

from __future__ import annotations

from datetime import date

from casereview.partnerships.calendar_selectors import partnership_calendar
from casereview.web.exports import Column, Export

from . import selectors
from .models import ReviewKind
from .review_clocks import publication_clock_state
from .review_selectors import status_label


def _clock_text(clock: dict | None) -> str:
    if clock is None:
        return ""
    return clock["summary"] if clock["set"] else clock["text"]


def _rapid_review_reference(review) -> str:
    return review.rapid_review.notification.reference if review.rapid_review_id else ""


REVIEWS = Export("Reviews", "reviews", [
    Column("Id", lambda r: r["review"].pk, 8),
    Column("Review", lambda r: r["review"].title, 45),
    Column("Kind", lambda r: r["review"].get_kind_display(), 30),
    Column("Reference", lambda r: r["review"].reference, 18),
    Column("Status", lambda r: r["status"], 18),
    Column("Year", lambda r: r["review"].year, 8),
    Column("Group", lambda r: r["review"].group.name if r["review"].group_id else "", 25),
    Column("Rapid review", lambda r: _rapid_review_reference(r["review"]), 15),
    Column("Decision date", lambda r: r["review"].decision_date, 12),
    Column("Publication due", lambda r: (r["clock"] or {}).get("due"), 12),
    Column("Publication clock", lambda r: _clock_text(r["clock"]), 40),
    Column("Planned publication", lambda r: r["review"].planned_publication_date, 12),
    Column("Advance copy sent", lambda r: r["review"].advance_copy_sent_on, 12),
    Column("Published on", lambda r: r["review"].published_on, 12),
    Column("Completed on", lambda r: r["review"].completed_on, 12),
    Column("Published by", lambda r: r["review"].source_body, 25),
    Column("Recorded on", lambda r: r["review"].created_at, 16),
])


def review_export_rows(user, partnership, *, kind: str, status: str, today: date):
    """Every review the list shows with these filters, newest first, each practice review with its clock."""
    reviews = selectors.review_list(user, partnership, kind=kind or None)
    if status:
        reviews = reviews.filter(status=status)
    calendar = partnership_calendar(partnership)
    for review in reviews:
        clock = publication_clock_state(review, today, calendar) if review.kind == ReviewKind.LCSPR else None
        yield {"review": review, "status": status_label(review), "clock": clock}


THEMES = Export("Themes", "themes", [
    Column("Category", lambda row: row[0], 20),
    Column("Theme", lambda row: row[1].label, 40),
    Column("Key", lambda row: row[1].key, 25),
    Column("Tags", lambda row: row[1].uses, 8),
    Column("Added in version", lambda row: row[1].added_in.version, 10),
    Column("Status", lambda row: (f"Retired in version {row[1].retired_in.version}" if row[1].retired_in_id
                                  else "In use"), 22),
])


def theme_export_rows(overview: dict) -> list[tuple]:
    """(category, theme) for every theme of the page's overview, in the page's order."""
    return [(category, theme) for category, themes in overview["categories"] for theme in themes]


def _action(row, read):
    item = row["item"]
    return read(item["action"]) if item else None


_ACTION_COLUMNS = [
    Column("Action reference", lambda r: _action(r, lambda a: a.pk), 10),
    Column("Action", lambda r: _action(r, lambda a: a.title), 45),
    Column("Lead", lambda r: _action(r, lambda a: a.owner.full_name), 25),
    Column("Lead agency", lambda r: _action(r, lambda a: a.agency.name), 25),
    Column("Due", lambda r: _action(r, lambda a: a.due_date), 12),
    Column("Status", lambda r: _action(r, lambda a: a.get_status_display()), 15),
    Column("Overdue", lambda r: r["item"]["overdue"] if r["item"] else None, 10),
    Column("RAG", lambda r: _action(r, lambda a: a.get_rag_display()), 10),
]
_REC_COLUMNS = [
    Column("Recommendation", lambda r: r["rec"].number, 8),
    Column("Text", lambda r: r["rec"].text, 60),
]
_NATIONAL_COLUMNS = [
    Column("Local relevance", lambda r: r["rec"].get_local_relevance_display(), 20),
    Column("Assessed on", lambda r: r["rec"].assessed_on, 12),
    Column("Local response", lambda r: r["rec"].local_response, 50),
]


def recommendations_export(*, source: str, stem: str, national: bool) -> Export:
    """One row per action of each recommendation (a recommendation without actions has one row of its own).
    `source` names the review in the audit trail and the sheet, e.g. "Review 12" (no characters a sheet
    title refuses)."""
    columns = _REC_COLUMNS + (_NATIONAL_COLUMNS if national else []) + _ACTION_COLUMNS
    return Export(f"{source} recommendations", f"{stem}-recommendations", columns)


def recommendation_export_rows(recs_rows: list[dict]) -> list[dict]:
    """Flatten the page's recommendation rows (from recommendations_part) to one row per action."""
    return [{"rec": row["rec"], "item": item} for row in recs_rows for item in (row["actions"] or [None])]


NATIONAL_TO_ASSESS = Export("National recommendations to assess", "national-recommendations-to-assess", [
    Column("Review", lambda rec: rec.review.title, 45),
    Column("Published by", lambda rec: rec.review.source_body, 25),
    Column("Published on", lambda rec: rec.review.published_on, 12),
    Column("Recommendation", lambda rec: rec.number, 8),
    Column("Text", lambda rec: rec.text, 70),
    Column("Review id", lambda rec: rec.review_id, 8),
    Column("Recommendation id", lambda rec: rec.pk, 8),
])
