"""Reads of the action tracker: every action of the partnership for those who read all its records, and
only their own agency's for an agency contributor. "Overdue" is computed on the day, never stored.

An action comes from a meeting's minutes or from a recommendation (of a review or of a rapid review)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import BooleanField, Case, Exists, OuterRef, Q, Value, When
from django.http import Http404
from django.utils import timezone

from casereview.audit.models import AuditEvent
from casereview.domain.governance_lifecycle import ACTION, ActionStatus
from casereview.learning.models import Recommendation
from casereview.meetings.models import Meeting
from casereview.partnerships.access import can_read_all, contributor_agency_ids, partnerships_for
from casereview.partnerships.models import Access, Agency, Person, Role
from casereview.web.process_cache import remembered

from .models import RAG, Action

FINISHED = (ActionStatus.COMPLETE.value, ActionStatus.CLOSED.value)
HISTORY_FIELDS = {"status": "Status", "rag": "RAG rating", "due_date": "Due date", "owner": "Owner",
                  "completed_on": "Completed on", "title": "Title", "meeting": "Set at",
                  "sign_off_meeting": "Signed off at"}
SOURCE_RELATED = ("meeting__group", "recommendation__review", "recommendation__rapid_review__notification")


@dataclass(frozen=True)
class ActionFilters:
    status: str = ""
    agency: int | None = None
    owner: int | None = None
    meeting: int | None = None
    overdue_only: bool = False
    review: int | None = None
    recommendation: int | None = None
    rag: str = ""


def is_overdue(action: Action, today: date) -> bool:
    """Past its due date and not yet complete or closed."""
    return action.due_date < today and action.status not in FINISHED


# The statuses still open, named rather than "not finished", so the database can range over its index on
# (partnership, status, due date) to count and find overdue actions.
OPEN = tuple(s.value for s in ActionStatus if s.value not in FINISHED)


def _overdue_q(today: date) -> Q:
    return Q(due_date__lt=today) & Q(status__in=OPEN)


ALL = "all"


def _scope(user, partnership) -> str | tuple[int, ...] | None:
    """Which of the partnership's actions the user sees: ALL, the agencies they contribute for (sorted), or None
    (no partnership, or not signed in). One rule for the tracker, its filter lists and what those are kept under."""
    if partnership is None or not user.is_authenticated:
        return None
    if can_read_all(user, partnership):
        return ALL
    return tuple(sorted(contributor_agency_ids(user, partnership)))


def _in_scope(actions, scope):
    if scope is None:
        return actions.none()
    return actions if scope == ALL else actions.filter(agency_id__in=scope)


def actions_visible(user, partnership):
    """The partnership's actions the user may see (no filters)."""
    return _in_scope(Action.objects.filter(partnership=partnership), _scope(user, partnership))


def actions_visible_anywhere(user):
    """Every action the user may see across their partnerships: all of a partnership's where they read all
    records, and their own agency's where they are an agency contributor (the API's scope)."""
    if not user.is_authenticated:
        return Action.objects.none()
    readable = [p.pk for p in partnerships_for(user) if can_read_all(user, p)]
    agencies = Access.objects.filter(user=user, role=Role.AGENCY_CONTRIBUTOR, agency__isnull=False).values("agency_id")
    return Action.objects.filter(Q(partnership_id__in=readable) | Q(agency_id__in=agencies))


def action_visible_to(user, action: Action) -> bool:
    """Whether the user may see this action (the same rule as the tracker)."""
    return can_read_all(user, action.partnership) or action.agency_id in contributor_agency_ids(
        user, action.partnership)


def action_list(user, partnership, *, today: date, filters: ActionFilters | None = None):
    """Visible actions, overdue first, then by due date; each carries `overdue` (computed today)."""
    overdue = Case(When(_overdue_q(today), then=Value(True)), default=Value(False), output_field=BooleanField())
    return (_filtered(user, partnership, today, filters).select_related(*SOURCE_RELATED).annotate(overdue=overdue)
            .order_by("-overdue", "due_date", "pk"))


def action_pages(user, partnership, *, today: date, filters: ActionFilters | None = None) -> OverdueFirst:
    """The same actions in the same order as action_list, for a Paginator: read a page at a time. A page's sources
    (meeting, recommendation, review, case) are read in their own small queries: joined into one, PostgreSQL spent
    about 20 ms planning the nine-table join to fetch 25 rows."""
    return OverdueFirst(_filtered(user, partnership, today, filters).prefetch_related(*SOURCE_RELATED), today)


class OverdueFirst:
    """Actions overdue first (oldest due first), then the rest by due date, read one page at a time.

    Sorting every action on a computed "overdue" to show 25 costs time in proportion to the partnership's
    actions; here each part is read on its own in due-date order (the index on partnership and due date), so a
    page reads little more than its own rows. Paginator needs only count() and slicing."""

    def __init__(self, actions, today: date):
        self._overdue = actions.filter(_overdue_q(today)).annotate(overdue=Value(True)).order_by("due_date", "pk")
        self._rest = actions.exclude(_overdue_q(today)).annotate(overdue=Value(False)).order_by("due_date", "pk")
        self._overdue_count: int | None = None

    def _first(self) -> int:
        if self._overdue_count is None:
            self._overdue_count = self._overdue.count()
        return self._overdue_count

    def count(self) -> int:
        return self._first() + self._rest.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("OverdueFirst takes a slice of consecutive rows")
        start, stop, first = index.start or 0, index.stop, self._first()
        rows = list(self._overdue[start:min(stop, first)]) if start < first else []
        if stop > first:
            rows += list(self._rest[max(start - first, 0):stop - first])
        return rows


def _filtered(user, partnership, today: date, filters: ActionFilters | None):
    f = filters or ActionFilters()
    qs = actions_visible(user, partnership).select_related("owner", "agency")
    if f.status:
        qs = qs.filter(status=f.status)
    if f.rag:
        qs = qs.filter(rag="" if f.rag == "none" else f.rag)
    if f.review:
        qs = qs.filter(recommendation__review_id=f.review)
    if f.recommendation:
        qs = qs.filter(recommendation_id=f.recommendation)
    if f.agency:
        qs = qs.filter(agency_id=f.agency)
    if f.owner:
        qs = qs.filter(owner_id=f.owner)
    if f.meeting:
        qs = qs.filter(meeting_id=f.meeting)
    if f.overdue_only:
        qs = qs.filter(_overdue_q(today))
    return qs


def filter_choices(user, partnership) -> dict:
    """The agencies, owners, source meetings, reviews and recommendations that appear on the user's visible
    actions (four queries). Each is read from its own table with an EXISTS over the visible actions, so the cost
    follows the number of agencies, people, meetings, reviews and recommendations rather than of actions.
    Remembered while no record changes, per partnership and per set of visible agencies (everyone who reads all
    of a partnership's actions sees the same lists)."""
    scope = _scope(user, partnership)
    if scope is None:
        return _filter_choices(Action.objects.none(), None)
    # The actions as seen from a record of the partnership they link to (an agency, a person, a meeting or a
    # recommendation of the partnership only has actions of that partnership): without the partnership
    # condition, so that SQLite looks each record's actions up by its own foreign-key index.
    linked = _in_scope(Action.objects.all(), scope)
    return remembered("action filter choices", (partnership.pk, scope),
                      lambda: _filter_choices(linked, partnership.pk), partnership_id=partnership.pk)


def _filter_choices(visible, partnership_id) -> dict:
    agencies = (Agency.objects.filter(partnership_id=partnership_id)
                .filter(Exists(visible.filter(agency=OuterRef("pk")))).order_by("name").values_list("pk", "name"))
    owners = (Person.objects.filter(partnership_id=partnership_id)
              .filter(Exists(visible.filter(owner=OuterRef("pk")))).order_by("full_name")
              .values_list("pk", "full_name"))
    meetings = (Meeting.objects.filter(partnership_id=partnership_id)
                .filter(Exists(visible.filter(meeting=OuterRef("pk")))).order_by("-starts_at")
                .values_list("pk", "group__name", "starts_at"))
    return {
        "agencies": list(agencies),
        "owners": list(owners),
        "meetings": [(pk, f"{group}, {_day(starts_at)}") for pk, group, starts_at in meetings],
        "statuses": [(s.value, ACTION.label(s)) for s in ActionStatus],
        "rags": [*RAG.choices, ("none", "Not rated")],
        **_source_choices(visible, partnership_id),
    }


def _source_choices(visible, partnership_id) -> dict:
    """The recommendations that have visible actions, and their reviews (read from the same rows)."""
    recommendations = list(Recommendation.objects.filter(partnership_id=partnership_id)
                           .filter(Exists(visible.filter(recommendation=OuterRef("pk"))))
                           .order_by("review__title", "number", "pk")
                           .values_list("pk", "number", "review_id", "review__title",
                                        "rapid_review__notification__reference"))
    reviews = {review: title for _pk, _number, review, title, _reference in recommendations if review is not None}
    return {
        "reviews": sorted(reviews.items(), key=lambda item: (item[1], item[0])),
        "recommendations": [(pk, f"{title or f'Rapid review {reference}'}: recommendation {number}")
                            for pk, number, _review, title, reference in recommendations],
    }


def _day(starts_at) -> str:
    day = timezone.localdate(starts_at)
    return f"{day.day} {day:%B %Y}"


def action_get(user, pk) -> Action:
    """One action the user may see, else Http404 (another agency's looks the same as a missing one)."""
    # Where it came from and where it was signed off are read by their own small queries: joined with the rest,
    # fourteen tables took PostgreSQL about 20 ms to plan.
    action = (Action.objects.select_related("partnership", "owner", "agency", "created_by", "closed_by")
              .prefetch_related("minute_entry__item", "sign_off_meeting__group", *SOURCE_RELATED)
              .filter(pk=pk, partnership__in=partnerships_for(user)).first())
    if action is None or not action_visible_to(user, action):
        raise Http404("No such action.")
    return action


def action_history(action: Action) -> list[dict]:
    """The action's changes, oldest first, from its audit events: when, who, what changed, and the note."""
    events = AuditEvent.objects.filter(target_type="actions.action", target_id=str(action.pk)).order_by("seq")
    history = []
    for event in events:
        changes = event.changes or {}
        lines = [f"{label}: {_shown(changes[key][0])} → {_shown(changes[key][1])}"
                 for key, label in HISTORY_FIELDS.items()
                 if key in changes and isinstance(changes[key], list) and len(changes[key]) == 2]
        note = changes.get("note", [None, ""])[1] if isinstance(changes.get("note"), list) else ""
        if isinstance(changes.get("progress_update"), list):
            files = changes.get("evidence_sha256", [None, []])[1] or []
            lines.append(f"Progress update posted{f' with {len(files)} evidence file' if files else ''}"
                         f"{'s' if len(files) > 1 else ''}")
        history.append({"when": event.occurred_at, "who": event.actor_label, "verb": event.get_verb_display(),
                        "lines": lines, "note": note or ""})
    return history


def _shown(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, str) and value in ACTION.labels:
        return ACTION.label(value)
    if isinstance(value, str) and value in RAG.values:
        return RAG(value).label
    return str(value)
