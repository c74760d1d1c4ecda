"""The weekly digest: Mondays only, once a week, each person's own items only, nothing when nothing is due."""

from __future__ import annotations

from datetime import timedelta

import pytest

from casereview.actions.services import action_create
from casereview.audit.models import AuditEvent
from casereview.outbox.models import OutboxMessage
from casereview.partnerships.models import Person
from casereview.reminders.digest import weekly_digests_send
from casereview.reminders.models import DigestSent, ReminderPreference
from tests.reminders.helpers import CHILD_NAME, PSEUDONYM

pytestmark = pytest.mark.django_db


@pytest.fixture
def monday(world):
    """The first Monday at least a week after the world's today, with a rapid review and a police action open."""
    day = world.today + timedelta(days=7 + (7 - world.today.weekday()) % 7)
    world.review = world.rapid_review()  # due about three weeks after today: within 14 days of `day`, or overdue
    world.action = action_create(actor=world.admin, partnership=world.partnership, title="Brief officers (fictional)",
                                 owner=Person.objects.get(full_name="Devon Okafor"), due_date=day + timedelta(days=3),
                                 set_on=world.today)
    return day


def _bodies() -> dict[str, str]:
    return {m.to: m.body for m in OutboxMessage.objects.filter(key__startswith="digest:")}


def test_only_on_mondays(world, monday):
    """No digest goes out on any other day of the week."""
    for offset in range(1, 7):
        assert weekly_digests_send(today=monday + timedelta(days=offset)) == []
    assert weekly_digests_send(today=monday) != []


def test_each_person_gets_their_own_items_once_a_week(world, monday):
    """The business team gets the review's deadlines, the action's lead and contributor get the action; once."""
    sent = weekly_digests_send(today=monday)
    assert weekly_digests_send(today=monday) == []
    bodies = _bodies()
    assert set(bodies) == {"business.manager@northmoor.example", "member@northmoor.example",
                           "contributor@northmoor.example"}
    assert len(sent) == 3 == DigestSent.objects.count()
    assert "Submit the rapid review SIN-TEST-1 to the Panel" in bodies["business.manager@northmoor.example"]
    assert "Action: Brief officers" not in bodies["business.manager@northmoor.example"]
    member = bodies["member@northmoor.example"]
    assert "Action: Brief officers (fictional) — due" in member and f"/actions/{world.action.pk}/" in member
    assert "SIN-TEST-1" not in member
    for body in bodies.values():
        assert CHILD_NAME not in body and PSEUDONYM not in body
    event = AuditEvent.objects.filter(verb="sent", target_type="accounts.user").first()
    assert event.actor_label == "system: weekly digest"
    next_week = weekly_digests_send(today=monday + timedelta(days=7))
    assert {d.week for d in next_week} != {d.week for d in sent}


def test_opted_out_or_nothing_due_means_no_email(world, monday):
    """Someone who switched the digest off, or has nothing due, gets nothing."""
    ReminderPreference.objects.create(user=world.user("member"), weekly_digest=False)
    weekly_digests_send(today=monday)
    assert "member@northmoor.example" not in _bodies()
    assert "scrutineer@northmoor.example" not in _bodies()
    assert "chair@northmoor.example" not in _bodies()
