"""Reads of agency requests, returns and attachments, scoped to what the user may see.

The business team, chairs, members and the scrutineer see every request of their partnership; an agency
contributor sees only their own agency's requests, and never the review itself. A request the user may not see
and one that does not exist both raise Http404. Overdue is computed here, never stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Exists, OuterRef
from django.http import Http404

from casereview.domain.lifecycle import RapidReviewStatus
from casereview.partnerships.access import can_administer, can_read_all, contributor_agency_ids, partnerships_for
from casereview.partnerships.models import Access, Agency, Role
from casereview.partnerships.selectors import membership_list

from .models import AgencyRequest, AgencyReturn, Attachment, RequestStatus

S = RapidReviewStatus
# Once a review is submitted to the Panel (or closed, or withdrawn) its evidence is fixed.
CLOSED_TO_RETURNS = frozenset({S.SUBMITTED, S.FEEDBACK_RECEIVED, S.CLOSED, S.WITHDRAWN})
REVIEW_CLOSED = "The review has closed: returns can no longer be added"
ATTACHMENTS_FIXED = "The review has closed: its attachments can no longer be replaced"
ALREADY_RETURNED = "This return has already been submitted"
RETURNED = frozenset({RequestStatus.RETURNED, RequestStatus.NIL_RETURN})
TAGS = {
    "requested": ("Requested", "govuk-tag--blue"),
    "reminded": ("Reminded", "govuk-tag--yellow"),
    "returned": ("Returned", "govuk-tag--green"),
    "nil_return": ("Nil return", "govuk-tag--grey"),
    "overdue": ("Overdue", "govuk-tag--red"),
}


@dataclass(frozen=True)
class RequestRow:
    """A request with what the page shows about it: its state as a tag, and whether it can be chased."""

    request: AgencyRequest
    overdue: bool
    remindable: bool

    @property
    def state(self) -> str:
        return "overdue" if self.overdue else self.request.status

    @property
    def label(self) -> str:
        return TAGS[self.state][0]

    @property
    def tag_class(self) -> str:
        return TAGS[self.state][1]


@dataclass(frozen=True)
class AgencyOption:
    """An agency the business team may ask, with why it is on the list."""

    agency: Agency
    statutory: str = ""
    co_opted: list[str] = field(default_factory=list)
    asked_on: date | None = None

    @property
    def hint(self) -> str:
        parts = [f"Statutory partner: {self.statutory}"] if self.statutory else []
        parts += [f"Co-opted member: {name}" for name in self.co_opted]
        if self.asked_on:
            parts.append(f"Already asked on {self.asked_on.day} {self.asked_on:%B %Y}")
        return ". ".join(parts)


def is_overdue(agency_request: AgencyRequest, today: date, has_return: bool | None = None) -> bool:
    """Overdue means past its due date with no return; a request with a return is never overdue."""
    if has_return is None:
        has_return = getattr(agency_request, "has_return", None)
    if has_return is None:
        has_return = agency_request.status in RETURNED
    return today > agency_request.due_date and not has_return


def can_see_request(user, agency_request: AgencyRequest) -> bool:
    partnership = agency_request.partnership
    return can_read_all(user, partnership) or agency_request.agency_id in contributor_agency_ids(user, partnership)


def can_submit_return(user, agency_request: AgencyRequest) -> bool:
    """The business team, or a contributor acting for the agency asked."""
    partnership = agency_request.partnership
    return can_administer(user, partnership) or agency_request.agency_id in contributor_agency_ids(user, partnership)


def returns_closed_reason(agency_request: AgencyRequest) -> str:
    """Why no return can be added to this request now ("" when one can)."""
    if agency_request.rapid_review.status in CLOSED_TO_RETURNS:
        return REVIEW_CLOSED
    if AgencyReturn.objects.filter(request=agency_request).exists():
        return ALREADY_RETURNED
    return ""


def _annotated(qs):
    return qs.annotate(has_return=Exists(AgencyReturn.objects.filter(request=OuterRef("pk"))))


def _row(agency_request: AgencyRequest, today: date) -> RequestRow:
    review_open = agency_request.rapid_review.status not in CLOSED_TO_RETURNS
    returned = agency_request.has_return or agency_request.status in RETURNED
    # Once the review has closed to returns, an unanswered request is history, not overdue work.
    return RequestRow(agency_request, review_open and is_overdue(agency_request, today), review_open and not returned)


def request_rows(user, review, today: date) -> list[RequestRow]:
    """The requests of one review for those who read it (the review page's section), in one query."""
    if not can_read_all(user, review.partnership):
        return []
    qs = _annotated(AgencyRequest.objects.filter(rapid_review=review).select_related("agency", "rapid_review"))
    return [_row(r, today) for r in qs.order_by("agency__name")]


def my_request_rows(user, today: date) -> list[RequestRow]:
    """An agency contributor's requests, across reviews, soonest due first; empty for every other role."""
    agency_ids = Access.objects.filter(user=user, role=Role.AGENCY_CONTRIBUTOR).values("agency_id")
    qs = _annotated(AgencyRequest.objects.filter(agency_id__in=agency_ids).select_related(
        "agency", "rapid_review__notification", "rapid_review__group"))
    return [_row(r, today) for r in qs.order_by("due_date", "pk")]


def is_agency_contributor(user) -> bool:
    return Access.objects.filter(user=user, role=Role.AGENCY_CONTRIBUTOR).exists()


def request_get(user, pk) -> AgencyRequest:
    """Return one request the user may see, else raise Http404."""
    agency_request = _annotated(AgencyRequest.objects.select_related(
        "agency", "partnership", "rapid_review__notification", "rapid_review__group",
    )).filter(pk=pk, partnership__in=partnerships_for(user)).first()
    if agency_request is None or not can_see_request(user, agency_request):
        raise Http404("No such request.")
    return agency_request


@dataclass(frozen=True)
class AttachmentRow:
    """One attachment as the request page lists it: its current version, and the earlier ones newest first,
    each with the version that replaced it."""

    attachment: Attachment
    earlier: list[tuple[Attachment, Attachment]]


def attachment_rows(agency_request: AgencyRequest) -> list[AttachmentRow]:
    """The request's attachments grouped into their versions, in one query."""
    every = list(agency_request.attachments.select_related("uploaded_by"))
    successor = {a.replaces_id: a for a in every if a.replaces_id}
    rows = []
    for first in (a for a in every if a.replaces_id is None):
        chain = [first]
        while chain[-1].pk in successor:
            chain.append(successor[chain[-1].pk])
        rows.append(AttachmentRow(chain[-1], [(old, chain[i + 1]) for i, old in enumerate(chain[:-1])][::-1]))
    return rows


def attachments_replaceable(user, agency_request: AgencyRequest) -> bool:
    """Whether the user may replace the request's attachments now: the agency asked or the business team,
    until the review is submitted to the Panel, closed or withdrawn."""
    return (can_submit_return(user, agency_request)
            and agency_request.rapid_review.status not in CLOSED_TO_RETURNS)


def request_page(user, agency_request: AgencyRequest, today: date) -> dict:
    """Everything the request page shows: its state, its return and attachments, and what the user may do."""
    agency_return = AgencyReturn.objects.filter(request=agency_request).select_related("submitted_by").first()
    return {
        "agency_request": agency_request, "row": _row(agency_request, today), "agency_return": agency_return,
        "attachments": attachment_rows(agency_request),
        "can_replace_attachments": attachments_replaceable(user, agency_request),
        "can_manage": can_administer(user, agency_request.partnership),
        "can_read_review": can_read_all(user, agency_request.partnership),
        "can_submit": can_submit_return(user, agency_request) and not returns_closed_reason(agency_request),
    }


def attachment_get(user, pk) -> Attachment:
    """Return one attachment whose request the user may see, else raise Http404."""
    attachment = Attachment.objects.select_related("request__partnership").filter(
        pk=pk, request__partnership__in=partnerships_for(user)
    ).first()
    if attachment is None or not can_see_request(user, attachment.request):
        raise Http404("No such attachment.")
    return attachment


def returns_due_date(review) -> date:
    """The default due date for returns: the review's "returns due" milestone, else the review's own due date."""
    milestone = review.milestones.filter(key="returns_due").first()
    return milestone.due_date if milestone else review.due_date


def agency_options(review) -> list[AgencyOption]:
    """The agencies that may be asked: the partnership's own, and those of the group's co-opted members."""
    co_opted: dict[int, list[str]] = {}
    for seat in membership_list(review.group):
        if seat.co_opted:
            co_opted.setdefault(seat.person.agency_id, []).append(f"{seat.person.full_name}, {seat.role_title}")
    asked = {r.agency_id: r.requested_at.date() for r in review.agency_requests.all()}
    agencies = Agency.objects.filter(partnership=review.partnership) | Agency.objects.filter(pk__in=co_opted)
    return [
        AgencyOption(agency, agency.statutory_partner.label if agency.statutory_partner else "",
                     co_opted.get(agency.pk, []), asked.get(agency.pk))
        for agency in agencies.distinct().order_by("name")
    ]
