"""The collated pack for a rapid review meeting: what goes in it, who may have it, and the PDF itself.

The pack is never stored. It is rebuilt from the record as it stood when it was circulated (returns received
up to that moment, the clock as on that day), so the same record always gives the same bytes and the
SHA-256 kept with each distribution shows whether a later copy is the one that was sent.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from casereview.domain import clocks as domain_clocks
from casereview.domain.lifecycle import RapidReviewStatus
from casereview.partnerships.access import READ_ALL_ROLES, can_administer, roles_in
from casereview.partnerships.calendar_selectors import partnership_calendar
from casereview.partnerships.models import Access, Membership, Role

from .access import can_read_review
from .clock import review_clock_definition
from .models import AgencyRequest, AgencyReturn, PackDistribution

PACK_ROLES = (Role.BUSINESS_TEAM, Role.CHAIR, Role.MEMBER)


def render_pdf(template: str, context: dict) -> bytes:
    """Render a template to a tagged PDF (PDF/UA-1, so screen readers get headings and tables).

    No base URL: a document never fetches anything from outside."""
    return HTML(string=render_to_string(template, context)).write_pdf(pdf_variant="pdf/ua-1")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def circulated_at(review) -> datetime | None:
    """When the pack was circulated (the lifecycle step), or None if it has not been."""
    step = review.status_changes.filter(after=RapidReviewStatus.PACK_CIRCULATED).order_by("at").first()
    return step.at if step else None


def returns_for(review, until: datetime | None = None) -> list[AgencyReturn]:
    """The agencies' returns, by agency name; only those received by `until` when it is given."""
    qs = AgencyReturn.objects.filter(request__rapid_review=review).select_related("request__agency")
    if until is not None:
        qs = qs.filter(submitted_at__lte=until)
    return list(qs.order_by("request__agency__name", "pk"))


@dataclass(frozen=True)
class ChronologyRow:
    on: date | None
    text_date: str
    agency: str
    event: str


def chronology(returns: list[AgencyReturn]) -> list[ChronologyRow]:
    """Every agency's chronology merged into one, by date (undated entries last), naming the agency."""
    rows = []
    for agency_return in returns:
        for entry in agency_return.chronology or []:
            if not isinstance(entry, dict):
                continue
            raw = str(entry.get("date") or "")
            on = _parse(raw)
            rows.append(ChronologyRow(on, domain_clocks.format_date(on) if on else (raw or "Date not given"),
                                      agency_return.request.agency.name, str(entry.get("event") or "")))
    return sorted(rows, key=lambda r: (r.on is None, r.on or date.min, r.agency))


def _parse(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None


def pack_context(review, as_at: date, until: datetime | None) -> dict:
    """Everything the pack shows, as it stood on `as_at` with returns received by `until`."""
    returns = returns_for(review, until)
    definition = review_clock_definition(review)
    # The clock as on the day of circulation, ignoring any later submission, so a later copy is identical.
    clock = domain_clocks.evaluate(definition, anchor=review.clock_started_on, today=as_at,
                                   calendar=partnership_calendar(review.partnership))
    returned = {r.request.agency_id for r in returns}
    awaited = AgencyRequest.objects.filter(rapid_review=review).exclude(agency_id__in=returned)
    return {
        "review": review, "as_at": domain_clocks.format_date(as_at), "clock": clock.summary,
        "cover": _cover_rows(review), "chronology": chronology(returns),
        "summaries": [r for r in returns if not r.nil_return],
        "nil_returns": [(r.request.agency.name, r.concerns) for r in returns if r.nil_return],
        "awaited": list(awaited.values_list("agency__name", flat=True).order_by("agency__name")),
    }


def _cover_rows(review) -> list[tuple[str, str]]:
    """The cover sheet's facts; children appear by pseudonym only."""
    n, fmt = review.notification, domain_clocks.format_date
    return [
        ("Reference", n.reference), ("Group", review.group.name), ("Partnership", review.partnership.name),
        ("Children", ", ".join(c.pseudonym for c in n.children.all())),
        ("Incident", fmt(n.incident_date)), ("Local authority aware", fmt(n.la_aware_date)),
        ("Notification sent to the Panel", fmt(n.sin_submitted_date)),
        ("Notification received by the partnership", fmt(n.received_date)),
        ("Clock started", fmt(review.clock_started_on)), ("Rapid review due", fmt(review.due_date)),
    ]


def pack_pdf(review) -> bytes:
    """The pack as circulated (or, before circulation, as it would be circulated today)."""
    at = circulated_at(review)
    as_at = timezone.localdate(at) if at else timezone.localdate()
    return render_pdf("reviews/documents/pack.html", pack_context(review, as_at, at))


def pack_recipients(review) -> list:
    """Users entitled to the pack: members of the group with a sign-in, and the partnership's business team,
    chairs and members — never an agency contributor, whatever else they hold."""
    today = timezone.localdate()
    seats = Membership.objects.filter(group=review.group, start_date__lte=today, person__user__isnull=False).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today)).values("person__user")
    roles = Access.objects.filter(partnership=review.partnership, role__in=PACK_ROLES).values("user")
    contributors = Access.objects.filter(partnership=review.partnership, role=Role.AGENCY_CONTRIBUTOR).values("user")
    # A seat alone is not enough: the link must open for them, so they need a role that reads case material.
    readers = Access.objects.filter(partnership=review.partnership, role__in=READ_ALL_ROLES).values("user")
    users = get_user_model().objects.filter(Q(pk__in=seats) | Q(pk__in=roles), is_active=True, pk__in=readers)
    return list(users.exclude(pk__in=contributors).order_by("last_name", "first_name", "pk"))


def pack_entitled(user, review) -> bool:
    """The business team may always see the pack (and preview it); others once it has been sent to them."""
    if not can_read_review(user, review):
        return False
    if can_administer(user, review.partnership):
        return True
    if Role.AGENCY_CONTRIBUTOR in roles_in(user, review.partnership):
        return False
    return PackDistribution.objects.filter(rapid_review=review, recipient=user).exists()
