"""The demo's governance history loads through the services and every meeting page shows it without error."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from casereview.accounts.models import User
from casereview.actions.models import Action
from casereview.meetings.models import Escalation, Meeting, MinuteEntry, Minutes
from casereview.partnerships.demo import load_demo
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def governance_demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    assert load_demo(with_meetings=True)


def test_demo_history_is_consistent(governance_demo):
    held = Meeting.objects.filter(status="held", kind="business").order_by("starts_at")
    assert [m.quorate for m in held] == [True, False]  # the police deputy made the first; the second went ahead
    first, second = held
    assert Minutes.objects.get(meeting=first).status == "distributed"
    assert Minutes.objects.get(meeting=first).approved_at == second
    assert MinuteEntry.objects.filter(minutes__meeting=second, needs_ratification=True).exists()
    assert "took no part" in MinuteEntry.objects.get(minutes__meeting=first, item__number=2).excluded_note
    assert Meeting.objects.filter(status="scheduled").count() == 1
    assert Action.objects.filter(agency__name="Northmoor Constabulary", meeting__isnull=False).count() == 1
    assert Escalation.objects.filter(status="raised").count() == 1
    call_command("audit_verify")  # the chain is intact (the command exits non-zero otherwise)


@pytest.mark.parametrize("username", ["business.manager", "chair", "member", "scrutineer", "contributor"])
def test_every_governance_page_renders_for_every_role(client, governance_demo, username):
    sign_in(client, User.objects.get(username=username))
    urls = [reverse("meetings:list"), reverse("actions:list"), reverse("meetings:governance"),
            reverse("meetings:escalation_list"), reverse("meetings:task_group_list"),
            reverse("meetings:interest_register"), reverse("web:dashboard")]
    urls += [reverse("meetings:detail", args=[m.pk]) for m in Meeting.objects.all()]
    urls += [reverse("actions:detail", args=[a.pk]) for a in Action.objects.all()]
    statuses = {url: client.get(url).status_code for url in urls}
    if username == "contributor":
        # Agency contributors see their own agency's actions and nothing of the group's governance.
        assert statuses[reverse("actions:list")] == 200
        assert all(s in (200, 403, 404) for s in statuses.values())
        police = Action.objects.get(agency__name="Northmoor Constabulary", meeting__isnull=False)
        assert statuses[reverse("actions:detail", args=[police.pk])] == 200
        assert statuses[reverse("meetings:list")] == 403
    else:
        assert statuses == dict.fromkeys(urls, 200)


def test_meeting_page_shows_the_demo_story(client, governance_demo):
    sign_in(client, User.objects.get(username="business.manager"))
    second = Meeting.objects.filter(status="held").order_by("starts_at").last()
    page = client.get(reverse("meetings:detail", args=[second.pk])).content.decode()
    assert "need ratification" in page and "Not quorate" in page
    upcoming = Meeting.objects.get(status="scheduled")
    page = client.get(reverse("meetings:detail", args=[upcoming.pk])).content.decode()
    assert "Scoping a local review" in page and "Agenda and papers" in page


def test_dashboard_shows_meetings_minutes_and_overdue_actions(client, governance_demo):
    sign_in(client, User.objects.get(username="business.manager"))
    page = client.get(reverse("web:dashboard")).content.decode()
    assert "Next meetings" in page and "Agenda and papers due by" in page
    assert "Minutes to send out" in page and "Minutes distributed" not in page
    assert "1 overdue action" in page


def test_contributor_dashboard_shows_only_their_agencys_overdue_actions(client, governance_demo):
    sign_in(client, User.objects.get(username="contributor"))
    page = client.get(reverse("web:dashboard")).content.decode()
    assert "1 overdue action" in page and "for your agency" in page
    assert "Next meetings" not in page
