"""Who may see and change what: the predicates every selector and service asks.

Access is split into "all records of a partnership" (business team, chairs, members, scrutineer)
and "records associated with my agency" (agency contributors). System administrators are superusers.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from .models import Access, Partnership, Role

READ_ALL_ROLES = {Role.BUSINESS_TEAM, Role.CHAIR, Role.MEMBER, Role.SCRUTINEER}
SESSION_KEY = "current_partnership_id"


def roles_in(user, partnership) -> set[str]:
    """Return the roles the user holds in the partnership (cached on the user object per request)."""
    if not user.is_authenticated or partnership is None:
        return set()
    cache = user.__dict__.setdefault("_casereview_roles", {})
    if partnership.pk not in cache:
        cache[partnership.pk] = set(
            Access.objects.filter(user=user, partnership=partnership).values_list("role", flat=True)
        )
    return cache[partnership.pk]


def partnerships_for(user):
    """Return the partnerships the user holds any role in (all of them for a system administrator)."""
    if not user.is_authenticated:
        return Partnership.objects.none()
    if user.is_superuser:
        return Partnership.objects.all()
    return Partnership.objects.filter(accesses__user=user).distinct()


def partnership_ids_for(user) -> list[int] | None:
    """The ids of the partnerships the user holds any role in, as partnerships_for counts them; None for a
    system administrator, who may see every one."""
    if user.is_superuser:
        return None
    return sorted(set(Access.objects.filter(user=user).values_list("partnership_id", flat=True)))


def partnership_of_user(user, pk) -> Partnership | None:
    """One of the user's partnerships by id, or None (a missing id and someone else's look the same)."""
    try:
        return partnerships_for(user).filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        return None


def can_administer(user, partnership) -> bool:
    """Business team members administer their partnership's records; so do system administrators."""
    return user.is_authenticated and (user.is_superuser or Role.BUSINESS_TEAM in roles_in(user, partnership))


def can_read_all(user, partnership) -> bool:
    """Whether the user may read every governance record of the partnership (not only their agency's)."""
    return user.is_authenticated and (user.is_superuser or bool(READ_ALL_ROLES & roles_in(user, partnership)))


def contributor_agency_ids(user, partnership) -> set[int]:
    """Return the agencies an agency contributor acts for in the partnership."""
    if not user.is_authenticated:
        return set()
    return set(
        Access.objects.filter(user=user, partnership=partnership, role=Role.AGENCY_CONTRIBUTOR).values_list(
            "agency_id", flat=True
        )
    )


def require_administer(user, partnership) -> None:
    """Raise PermissionDenied unless the user administers the partnership."""
    if not can_administer(user, partnership):
        raise PermissionDenied("Only the partnership's business team can change these records.")


def current_partnership(request) -> Partnership | None:
    """Return the partnership the user is working in: their chosen one, else their first."""
    if hasattr(request, "_current_partnership"):
        return request._current_partnership
    available = partnerships_for(request.user)
    chosen = request.session.get(SESSION_KEY)
    partnership = (available.filter(pk=chosen).first() if chosen else None) or available.first()
    request._current_partnership = partnership
    return partnership


def navigation_for(user, partnership) -> list[dict]:
    """Return the service navigation items the user's roles allow."""
    items = [{"text": "Dashboard", "href": reverse("web:dashboard")}]
    if partnership is None:
        return items
    if can_read_all(user, partnership):
        items += [
            {"text": "Rapid reviews", "href": reverse("reviews:list")},
            {"text": "Notifications", "href": reverse("incidents:list")},
            {"text": "Reviews", "href": reverse("learning:review_list")},
            {"text": "Meetings", "href": reverse("meetings:list")},
            {"text": "Actions", "href": reverse("actions:list")},
            {"text": "Learning", "href": reverse("learning:tracker")},
            {"text": "Governance", "href": reverse("meetings:governance")},
            {"text": "Groups", "href": reverse("partnerships:group_list")},
            {"text": "People", "href": reverse("partnerships:person_list")},
        ]
    else:
        items.append({"text": "Your agency's requests", "href": reverse("reviews:my_requests")})
        items.append({"text": "Your agency's actions", "href": reverse("actions:list")})
    items.append({"text": "Agencies", "href": reverse("partnerships:agency_list")})
    if can_administer(user, partnership):
        items.append({"text": "Audit trail", "href": reverse("audit:event_list")})
        items.append({"text": "Outbox", "href": reverse("outbox:list")})
        items.append({"text": "Records", "href": reverse("records:due")})
    return items


def partnership_for_request(request) -> Partnership:
    """The user's current partnership, or Http404 when they hold no role in any."""
    partnership = current_partnership(request)
    if partnership is None:
        raise Http404("You do not have access to a partnership yet.")
    return partnership


def require_administer_page(request, partnership) -> None:
    """For views: PermissionDenied (403) unless the user administers the partnership."""
    if not can_administer(request.user, partnership):
        raise PermissionDenied
