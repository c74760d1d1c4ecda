"""Fixes for problems found while documenting: future end dates, review years, admin, demo in production."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from casereview.audit.models import AuditEvent
from casereview.domain.calendar import default_calendar
from casereview.domain.presets import load_preset
from casereview.partnerships import services, terms_services
from casereview.partnerships.selectors import membership_list
from casereview.partnerships.terms_selectors import review_clock
from tests.conftest import AgencyFactory, GroupFactory, PersonFactory, sign_in, user_with_role

pytestmark = pytest.mark.django_db


def test_membership_ending_in_future_is_still_current(partnership, business_user):
    """A seat ending next month still counts today, and moves to former members only after that date."""
    group = GroupFactory(partnership=partnership)
    person = PersonFactory(agency=AgencyFactory(partnership=partnership))
    seat = services.membership_create(actor=business_user, group=group, person=person, role_title="Nurse",
                                      start_date=date(2024, 1, 1))
    services.membership_end(actor=business_user, membership=seat, end_date=timezone.localdate() + timedelta(days=30))
    assert list(membership_list(group)) == [seat]
    assert list(membership_list(group, ended=True)) == []
    services.membership_end(actor=business_user, membership=seat, end_date=timezone.localdate() - timedelta(days=1))
    assert list(membership_list(group)) == []


def test_extension_from_an_earlier_review_year_does_not_apply_after_the_next_review(partnership, business_user):
    """After a new review date is recorded, last year's extension no longer moves (or breaks) the clock."""
    group = GroupFactory(partnership=partnership)
    terms_services.terms_preset_load(actor=business_user, group=group, preset="kingston-richmond-case-review-subgroup",
                                     effective_from=date(2023, 10, 1), change_note="Adopted")
    terms_services.review_clock_adjust(actor=business_user, group=group, kind="extend", on=date(2024, 10, 15),
                                       reason="Waiting for guidance", agreed_by="SLG chair",
                                       agreed_on=date(2024, 10, 14), new_due_date=date(2025, 1, 31))
    reviewed = {**load_preset("kingston-richmond-case-review-subgroup"), "last_reviewed_on": "2025-01-20"}
    terms_services.terms_version_create(actor=business_user, group=group, document=reviewed,
                                        effective_from=date(2025, 1, 20), change_note="Annual review")
    clock = review_clock(group, date(2025, 6, 1), default_calendar())
    assert clock.state.due == date(2026, 1, 20)
    assert clock.records == []


def test_admin_add_user_asks_for_email_and_is_audited(client, partnership):
    """The system administrator adds users with an e-mail address, and the admin action is in the audit chain."""
    from casereview.accounts.models import User

    admin_user = User.objects.create_superuser("root", "root@example.test", "a-long-admin-password")
    sign_in(client, admin_user)
    for n in (1, 2):
        response = client.post("/admin/accounts/user/add/", {
            "username": f"new{n}", "email": f"new{n}@example.test",
            "password1": "a-long-enough-password-1", "password2": "a-long-enough-password-1",
        })
        assert response.status_code == 302
    assert User.objects.filter(username__startswith="new").count() == 2
    assert AuditEvent.objects.filter(actor_id=admin_user.pk, verb="created", target_type="accounts.user").count() == 2


def test_load_demo_refuses_in_production(settings):
    """The demo's published credentials never reach a live database."""
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="CASEREVIEW_PRODUCTION"):
        call_command("load_demo")


def test_contributor_cannot_open_the_django_admin(client, partnership):
    """Partnership roles never reach the admin."""
    contributor = user_with_role(partnership, "agency_contributor", agency=AgencyFactory(partnership=partnership))
    sign_in(client, contributor)
    assert client.get("/admin/").status_code == 302
