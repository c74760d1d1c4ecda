"""Reads of notifications and their clocks, scoped to what the user may see.

Real identities are read only through `identity_view` (every read audited); nothing here touches them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count
from django.http import Http404

from casereview.domain import clocks as domain_clocks
from casereview.domain.notifications import OFSTED_SOS_CLOCK, ChildFacts, ofsted_and_secretary_of_state
from casereview.partnerships.access import can_administer, can_read_all, partnerships_for
from casereview.partnerships.calendar_selectors import partnership_calendar
from casereview.partnerships.models import Group
from casereview.partnerships.terms_selectors import parsed, terms_in_force
from casereview.reviews.clock import review_clock_state

from .models import HarmType, Notification

SIN_CLOCK = "sin"


def notification_list(user, partnership):
    """Notifications of the partnership for those who read case material, newest first."""
    if partnership is None or not can_read_all(user, partnership):
        return Notification.objects.none()
    return Notification.objects.filter(partnership=partnership).select_related("group", "rapid_review").annotate(
        child_count=Count("children")
    ).order_by("-received_date", "-pk")


def notification_get(user, pk) -> Notification:
    """Return one notification the user may read (with its children), else raise Http404."""
    notification = Notification.objects.select_related("partnership", "group", "rapid_review", "created_by").filter(
        pk=pk, partnership__in=partnerships_for(user)
    ).prefetch_related("children").first()
    if notification is None or not can_read_all(user, notification.partnership):
        raise Http404("No such notification.")
    return notification


def notification_manage_get(user, pk) -> Notification:
    """Return a notification the user administers, else raise Http404: a forbidden page looks missing."""
    notification = notification_get(user, pk)
    if not can_administer(user, notification.partnership):
        raise Http404("No such notification.")
    return notification


def groups_for_notification(partnership, today: date):
    """The partnership's groups with terms of reference in force today: only they can run a rapid review."""
    return Group.objects.filter(partnership=partnership, terms_versions__effective_from__lte=today).distinct()


def harm_type_labels(notification) -> list[str]:
    """The notification's harm types in words, in the order of the list."""
    chosen = set(notification.harm_types or [])
    return [label for value, label in HarmType.choices if value in chosen]


@dataclass(frozen=True)
class NoticeClock:
    """A clock on the notification page: its rule and state, or why it cannot be shown."""

    label: str
    state: domain_clocks.ClockState | None
    note: str = ""


def notification_clocks(notification, today: date) -> dict:
    """The SIN clock and, when a death must be reported, the Ofsted and Secretary of State clock with reasons."""
    calendar = partnership_calendar(notification.partnership)
    ofsted = None
    if notification.ofsted_sos_required:
        state = domain_clocks.evaluate(OFSTED_SOS_CLOCK, anchor=notification.la_aware_date, today=today,
                                       calendar=calendar, completed_on=notification.ofsted_sos_told_on)
        ofsted = NoticeClock(OFSTED_SOS_CLOCK.label, state, OFSTED_SOS_CLOCK.citation)
    return {"sin": _sin_clock(notification, today, calendar), "ofsted": ofsted,
            "ofsted_reasons": _ofsted_reasons(notification)}


def _sin_clock(notification, today: date, calendar) -> NoticeClock:
    """The group's "sin" clock in force when the local authority became aware, met when sent to the Panel."""
    version = terms_in_force(notification.group, notification.la_aware_date)
    try:
        definition = parsed(version).clock(SIN_CLOCK) if version is not None else None
    except KeyError:
        definition = None
    if definition is None:
        return NoticeClock("The Panel notified", None,
                           f"{notification.group} had no notification clock in its terms of reference on that date.")
    # The terms name the start event (the national rule: the day the local authority became aware).
    anchor = getattr(notification, definition.start_event.value, notification.la_aware_date)
    state = domain_clocks.evaluate(definition, anchor=anchor, today=today, calendar=calendar,
                                   completed_on=notification.sin_submitted_date)
    return NoticeClock(definition.label, state, f"Terms of reference version {version.version}")


def _ofsted_reasons(notification) -> list[str]:
    """Why each child's death must be reported, naming the child by pseudonym rather than by position."""
    reasons = []
    for child in notification.children.all():  # prefetched by notification_get
        facts = [ChildFacts(child.age_years, child.unborn, child.legal_status)]
        # Asked one child at a time, the rule calls the child "Child 1"; the page uses the pseudonym.
        reasons += [r.replace("Child 1", child.pseudonym, 1)
                    for r in ofsted_and_secretary_of_state(notification.nature, facts).reasons]
    return reasons


def opening_banner(review, today: date) -> str:
    """The banner after recording: the clock as it opened, and where it stands today if that differs."""
    calendar = partnership_calendar(review.partnership)
    opened = review_clock_state(review, review.clock_started_on, calendar).summary
    now = review_clock_state(review, today, calendar).summary
    text = f"Notification recorded. The rapid review is open: {opened}"
    return text if now == opened else f"{text}. Today: {now}"


def children_of(notification) -> list:
    """The notification's children in their order, by pseudonym (identities are never loaded here)."""
    return list(notification.children.all())
