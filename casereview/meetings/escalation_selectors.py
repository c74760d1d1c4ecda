"""Reads of escalations to the SLG, scoped like every governance record: those who read all of a
partnership's records (business team, chairs, members and the independent scrutineer) read every escalation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.http import Http404

from casereview.domain.governance_lifecycle import EscalationStatus
from casereview.partnerships.access import partnerships_for
from casereview.partnerships.models import Agency, Group
from casereview.partnerships.terms_selectors import parsed, terms_in_force

from .access import can_read_meetings
from .models import Escalation, Meeting

# Used only when a group's terms of reference name no escalation route and the business team confirms it.
DEFAULT_BODY = "Safeguarding Leadership Group"
STATUS_FILTERS = {"open": [EscalationStatus.RAISED.value], "resolved": [EscalationStatus.RESOLVED.value]}


def escalation_list(user, partnership, *, status: str = "", group=None):
    """Escalations of the partnership, newest first; `status` "open" or "resolved" narrows the list."""
    if partnership is None or not can_read_meetings(user, partnership):
        return Escalation.objects.none()
    qs = Escalation.objects.filter(partnership=partnership).select_related(
        "group", "meeting__group", "rapid_review__notification").prefetch_related("positions__agency")
    if status in STATUS_FILTERS:
        qs = qs.filter(status__in=STATUS_FILTERS[status])
    if group is not None:
        qs = qs.filter(group=group)
    return qs


def escalation_get(user, pk) -> Escalation:
    """One escalation the user may read, else Http404 (another partnership's looks the same as none)."""
    escalation = Escalation.objects.select_related(
        "group", "partnership", "meeting__group", "rapid_review__notification", "raised_by",
    ).prefetch_related("positions__agency").filter(pk=pk, partnership__in=partnerships_for(user)).first()
    if escalation is None or not can_read_meetings(user, escalation.partnership):
        raise Http404("No such escalation.")
    return escalation


@dataclass(frozen=True)
class Route:
    """Where a group's disagreements go, from the terms in force: `named` is False when the terms are silent."""

    body: str
    named: bool
    explanation: str


def escalation_route(group, on: date) -> Route:
    """The body the group's terms of reference in force on `on` name for escalating a disagreement."""
    version = terms_in_force(group, on)
    escalation = parsed(version).escalation if version is not None else None
    if escalation is not None:
        return Route(escalation.body, True,
                     f"The terms of reference of the {group.name} say disagreements are escalated to the "
                     f"{escalation.body}.")
    return Route(DEFAULT_BODY, False,
                 f"The terms of reference of the {group.name} name no escalation route. It can still be raised "
                 f"with the {DEFAULT_BODY} if you confirm that is where it goes.")


def raise_choices(partnership) -> dict:
    """What the raise form offers: the partnership's groups, meetings, rapid reviews and agencies."""
    from casereview.reviews.models import RapidReview

    return {
        "groups": Group.objects.filter(partnership=partnership).order_by("name"),
        "meetings": Meeting.objects.filter(partnership=partnership).select_related("group").order_by("-starts_at"),
        "reviews": RapidReview.objects.filter(partnership=partnership).select_related("notification").order_by(
            "-clock_started_on"),
        "agencies": Agency.objects.filter(partnership=partnership).order_by("name"),
    }


def preselected(partnership, *, group_id=None, meeting_id=None, review_id=None) -> dict:
    """Initial values for the raise form from the query string; ids outside the partnership are ignored."""
    choices = raise_choices(partnership)
    initial: dict = {}
    meeting = _one(choices["meetings"], meeting_id)
    review = _one(choices["reviews"], review_id)
    group = _one(choices["groups"], group_id) or (meeting.group if meeting else None) or (
        review.group if review else None)
    if group is not None:
        initial["group"] = group
    if meeting is not None and (group is None or meeting.group_id == group.pk):
        initial["meeting"] = meeting
    if review is not None and (group is None or review.group_id == group.pk):
        initial["rapid_review"] = review
    return initial


def record_id(value) -> int | None:
    """A record id from the query string, or None when it is missing, junk or too big for the database."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**31 else None


def _one(qs, pk):
    number = record_id(pk)
    return qs.filter(pk=number).first() if number is not None else None


def open_escalations_by_group(partnership) -> dict[int, int]:
    """How many escalations of each group are still open (raised, not resolved)."""
    counts: dict[int, int] = {}
    for group_id in Escalation.objects.filter(partnership=partnership, status=EscalationStatus.RAISED.value
                                              ).values_list("group_id", flat=True):
        counts[group_id] = counts.get(group_id, 0) + 1
    return counts
