"""Who may see and change rapid reviews.

Case material is need-to-know: the business team, chairs, members and the scrutineer of the partnership
read reviews; an agency contributor reaches only their own agency's requests (see requests_selectors).
"""

from casereview.partnerships.access import can_administer, can_read_all


def can_read_review(user, review) -> bool:
    return can_read_all(user, review.partnership)


def can_manage_review(user, review) -> bool:
    return can_administer(user, review.partnership)
