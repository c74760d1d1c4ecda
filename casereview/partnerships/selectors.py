"""Reads of partnership records, always scoped to what the user may see.

A record the user may not see and one that does not exist both raise Http404, so ids leak nothing.
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from .access import can_read_all, contributor_agency_ids, partnerships_for
from .models import Agency, Group, Membership, Person


def _visible_partnership_ids(user) -> list[int]:
    return list(partnerships_for(user).values_list("pk", flat=True))


def agency_list(user, partnership):
    """Agencies of the partnership; an agency contributor sees only their own agency."""
    # Ordered here: Django leaves a model's default ordering out of a query that counts (GROUP BY), so without it
    # PostgreSQL listed the rows in any order, and the page and its download could differ.
    qs = Agency.objects.filter(partnership=partnership).annotate(people_count=Count("people")).order_by("name", "pk")
    if can_read_all(user, partnership):
        return qs
    return qs.filter(pk__in=contributor_agency_ids(user, partnership))


def agency_get(user, pk):
    """Return one agency the user may see, else raise Http404."""
    agency = Agency.objects.select_related("partnership").filter(
        pk=pk, partnership_id__in=_visible_partnership_ids(user)
    ).first()
    if agency is None or not agency_list(user, agency.partnership).filter(pk=pk).exists():
        raise Http404("No such agency.")
    return agency


def person_list(user, partnership, *, search: str = "", agency=None):
    """People of the partnership; an agency contributor sees only their own agency's people."""
    qs = Person.objects.filter(partnership=partnership).select_related("agency")
    if not can_read_all(user, partnership):
        qs = qs.filter(agency_id__in=contributor_agency_ids(user, partnership))
    if agency is not None:
        qs = qs.filter(agency=agency)
    if search:
        qs = qs.filter(Q(full_name__icontains=search) | Q(job_title__icontains=search))
    return qs


def person_get(user, pk):
    """Return one person the user may see, else raise Http404."""
    person = Person.objects.select_related("agency", "partnership").filter(
        pk=pk, partnership_id__in=_visible_partnership_ids(user)
    ).first()
    if person is None or not person_list(user, person.partnership).filter(pk=pk).exists():
        raise Http404("No such person.")
    return person


def group_list(user, partnership):
    """Groups of the partnership, for those who may read all its governance records."""
    if not can_read_all(user, partnership):
        return Group.objects.none()
    return Group.objects.filter(partnership=partnership).annotate(
        member_count=Count("memberships", filter=_current_q(prefix="memberships__"))
    ).order_by("name", "pk")  # explicitly: see agency_list


def group_get(user, pk):
    """Return one group with its memberships, else raise Http404."""
    group = Group.objects.select_related("partnership").filter(
        pk=pk, partnership_id__in=_visible_partnership_ids(user)
    ).first()
    if group is None or not can_read_all(user, group.partnership):
        raise Http404("No such group.")
    return group


def _current_q(prefix: str = "") -> Q:
    """Memberships in force today: started, and not yet ended (a future end date counts until it passes)."""
    today = timezone.localdate()
    not_ended = Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": today})
    return Q(**{f"{prefix}start_date__lte": today}) & not_ended


def membership_list(group, *, ended: bool = False):
    """Current (or ended) memberships of a group with people, agencies and deputies in one query."""
    qs = Membership.objects.filter(group=group).filter(~_current_q() if ended else _current_q())
    return qs.select_related("person__agency", "deputy__agency").order_by("co_opted", "role_title", "person__full_name")


def person_memberships(user, person):
    """The groups a person sits on, for those who may read governance records."""
    if not can_read_all(user, person.partnership):
        return Membership.objects.none()
    return Membership.objects.filter(person=person).select_related("group").order_by("-start_date")


def membership_get(user, pk):
    """Return one membership the user may see, else raise Http404."""
    membership = Membership.objects.select_related("group__partnership", "person", "deputy").filter(
        pk=pk, partnership_id__in=_visible_partnership_ids(user)
    ).first()
    if membership is None or not can_read_all(user, membership.partnership):
        raise Http404("No such membership.")
    return membership


def _visible_filter(user, agency_field: str) -> Q:
    """A filter matching records of every partnership the user reads in full, or of their own agency."""
    condition = Q(pk__in=[])
    for partnership in partnerships_for(user):
        if can_read_all(user, partnership):
            condition |= Q(partnership=partnership)
        else:
            agencies = contributor_agency_ids(user, partnership)
            condition |= Q(partnership=partnership, **{f"{agency_field}__in": agencies})
    return condition


def agencies_visible(user):
    """Agencies across all the user's partnerships, for the API."""
    return Agency.objects.filter(_visible_filter(user, "pk")).order_by("name")


def people_visible(user):
    """People across all the user's partnerships, for the API."""
    return Person.objects.filter(_visible_filter(user, "agency_id")).select_related("agency").order_by("full_name")


def readable_partnership_ids(user) -> list[int]:
    """Partnerships whose governance records (groups, memberships) the user may read."""
    return [p.pk for p in partnerships_for(user) if can_read_all(user, p)]


def groups_visible(user):
    return Group.objects.filter(partnership_id__in=readable_partnership_ids(user)).order_by("name")


def memberships_visible(user):
    return Membership.objects.filter(partnership_id__in=readable_partnership_ids(user)).order_by("group", "role_title")


def seats_of_user(user, partnership):
    """The user's own current seats on the partnership's groups."""
    return Membership.objects.filter(_current_q(), partnership=partnership, person__user=user).select_related(
        "group"
    ).order_by("group__name")
