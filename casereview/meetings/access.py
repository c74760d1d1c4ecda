"""Who may see and run meetings: governance records are read by those who read all of a partnership's
records (business team, chairs, members, scrutineer); only the business team changes them."""

from django.core.exceptions import PermissionDenied

from casereview.partnerships.access import can_administer, can_read_all


def can_read_meetings(user, partnership) -> bool:
    return can_read_all(user, partnership)


def can_manage_meetings(user, partnership) -> bool:
    return can_administer(user, partnership)


def require_manage_meetings(user, partnership) -> None:
    if not can_manage_meetings(user, partnership):
        raise PermissionDenied("Only the partnership's business team can change meeting records.")
