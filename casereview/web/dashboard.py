"""What the dashboard shows a signed-in user: their roles, their groups and what to do next."""

from django.utils import timezone

from casereview.learning.review_list_selectors import practice_reviews_for_dashboard
from casereview.meetings.dashboard_selectors import governance_for_dashboard
from casereview.partnerships.access import can_administer, can_read_all, roles_in
from casereview.partnerships.calendar_selectors import partnership_calendar
from casereview.partnerships.models import Role
from casereview.partnerships.selectors import agency_list, group_list, seats_of_user
from casereview.partnerships.terms_selectors import review_clock
from casereview.reviews.selectors import open_reviews_for_dashboard


def dashboard_for(user, partnership) -> dict:
    """Return the dashboard's context for the user in their current partnership."""
    if partnership is None:
        return {"partnership": None}
    roles = roles_in(user, partnership)
    groups = list(group_list(user, partnership))
    agencies_count = agency_list(user, partnership).count() if can_administer(user, partnership) else None
    return {
        "partnership": partnership,
        "role_labels": [Role(r).label for r in sorted(roles)] or (["System administrator"] * user.is_superuser),
        "groups": groups,
        "is_admin": can_administer(user, partnership),
        "reads_all": can_read_all(user, partnership),
        "is_scrutineer": Role.SCRUTINEER in roles,
        "agencies_count": agencies_count,
        "my_seats": list(seats_of_user(user, partnership)),
        "open_reviews": open_reviews_for_dashboard(user, partnership, timezone.localdate()),
        "review_clocks": _review_clocks(groups, partnership) if can_read_all(user, partnership) else [],
        **governance_for_dashboard(user, partnership, timezone.localdate()),
        "practice_reviews": practice_reviews_for_dashboard(user, partnership, timezone.localdate()),
    }



def _review_clocks(groups, partnership) -> list:
    """The annual terms-of-reference review clock of each group that has one."""
    calendar = partnership_calendar(partnership)
    today = timezone.localdate()
    return [clock for group in groups if (clock := review_clock(group, today, calendar)) is not None]
