"""The agencies and groups lists count something per row (GROUP BY), which makes Django drop the models' default
ordering: they are ordered by name explicitly, so the page and its download agree on every database."""

import pytest

from casereview.partnerships.models import Agency, Group
from casereview.partnerships.selectors import agency_list, group_list
from tests.conftest import user_with_role

pytestmark = pytest.mark.django_db


def test_groups_and_agencies_are_listed_by_name_whatever_order_they_were_made_in(partnership):
    for name in ("Zeta Group", "Mu Group", "Alpha Group"):
        Group.objects.create(partnership=partnership, name=name, kind="subgroup", slug=name.lower().replace(" ", "-"))
    for name in ("Zeta Agency", "Mu Agency", "Alpha Agency"):
        Agency.objects.create(partnership=partnership, name=name, kind="education")
    manager = user_with_role(partnership, "business_team")
    groups, agencies = group_list(manager, partnership), agency_list(manager, partnership)
    assert groups.ordered and agencies.ordered
    assert [g.name for g in groups] == ["Alpha Group", "Mu Group", "Zeta Group"]
    assert [a.name for a in agencies] == sorted(a.name for a in agencies)
    assert [a.name for a in agencies if a.name.endswith("Agency")] == ["Alpha Agency", "Mu Agency", "Zeta Agency"]
