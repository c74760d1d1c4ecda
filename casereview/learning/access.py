"""Who may see and change reviews and learning: those who read all of a partnership's records read them;
the business team changes them. Agency contributors see only their own agency's actions (casereview.actions)."""

from django.core.exceptions import PermissionDenied

from casereview.partnerships.access import can_administer, can_read_all


def can_read_learning(user, partnership) -> bool:
    return can_read_all(user, partnership)


def can_manage_learning(user, partnership) -> bool:
    return can_administer(user, partnership)


def require_manage_learning(user, partnership) -> None:
    if not can_manage_learning(user, partnership):
        raise PermissionDenied("Only the partnership's business team can change reviews and learning records.")
