"""A deadline as the reminder scan and the digest see it, and the people each kind of deadline goes to.

Every source (casereview.reminders.sources, .governance_sources) returns Deadline rows built from the dates its
own app computes; nothing here counts days. Titles name the record by its reference, never by a child."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse

from casereview.partnerships.models import Access, Membership, Role


@dataclass(frozen=True)
class Recipient:
    """An e-mail address to remind, and the user behind it when there is one (for their preferences)."""

    email: str
    user_id: int | None = None


@dataclass(frozen=True)
class Deadline:
    """One thing that falls due: which clock, on what record, when, and whom to tell."""

    clock: str
    target: models.Model
    partnership_id: int
    due: date
    done: bool
    title: str
    link: str
    recipients: tuple[Recipient, ...]

    @property
    def object_key(self) -> str:
        return f"{self.target._meta.label_lower}:{self.target.pk}"


def absolute(name: str, *args) -> str:
    """The full address of a page, for an e-mail."""
    return f"{settings.SITE_URL}{reverse(name, args=args)}"


def merged(*groups: Iterable[Recipient]) -> tuple[Recipient, ...]:
    """One recipient per address (keeping the user when any source knew it), sorted by address."""
    by_email: dict[str, Recipient] = {}
    for group in groups:
        for r in group:
            if not r.email:
                continue
            email = r.email.strip().lower()
            known = by_email.get(email)
            if known is None or (known.user_id is None and r.user_id is not None):
                by_email[email] = Recipient(email, r.user_id)
    return tuple(by_email[e] for e in sorted(by_email))


def business_teams(partnership_ids: Iterable[int]) -> dict[int, list[Recipient]]:
    """The business team of each partnership (one query)."""
    team: dict[int, list[Recipient]] = defaultdict(list)
    rows = Access.objects.filter(role=Role.BUSINESS_TEAM, partnership_id__in=set(partnership_ids),
                                 user__is_active=True).values_list("partnership_id", "user_id", "user__email")
    for partnership_id, user_id, email in rows:
        team[partnership_id].append(Recipient(email, user_id))
    return team


def agency_contributors(agency_ids: Iterable[int]) -> dict[int, list[Recipient]]:
    """The contributors of each agency (one query)."""
    found: dict[int, list[Recipient]] = defaultdict(list)
    rows = Access.objects.filter(role=Role.AGENCY_CONTRIBUTOR, agency_id__in=set(agency_ids),
                                 user__is_active=True).values_list("agency_id", "user_id", "user__email")
    for agency_id, user_id, email in rows:
        found[agency_id].append(Recipient(email, user_id))
    return found


def group_chairs(group_ids: Iterable[int], today: date) -> dict[int, list[Recipient]]:
    """The current chairs and co-chairs of each group (one query)."""
    chairs: dict[int, list[Recipient]] = defaultdict(list)
    rows = (Membership.objects.filter(group_id__in=set(group_ids), start_date__lte=today).exclude(chair="")
            .filter(models.Q(end_date__isnull=True) | models.Q(end_date__gte=today))
            .values_list("group_id", "person__user_id", "person__email"))
    for group_id, user_id, email in rows:
        chairs[group_id].append(Recipient(email, user_id))
    return chairs


def person_recipient(person) -> list[Recipient]:
    """A person record as a recipient (none when it has no e-mail address)."""
    if person is None or not person.email:
        return []
    return [Recipient(person.email, person.user_id)]
