"""Every clock reminds its people once before it is due and once when overdue, and not at all once done."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casereview.audit.models import AuditEvent
from casereview.reminders.digest import DIGEST_SOURCES
from casereview.reminders.models import Reminder
from casereview.reminders.scan import deadline_reminders_send, deadlines
from tests.reminders.helpers import CLOCKS

pytestmark = pytest.mark.django_db


def _mine(case, today):
    return [s for s in deadline_reminders_send(today=today) if s.object_key == case.key and s.clock == case.clock]


@pytest.mark.parametrize("clock", CLOCKS)
def test_reminded_before_due_and_when_overdue_once_each(world, clock):
    """Due soon five days before (the default), overdue the day after; running again sends nothing more."""
    case = world.case(clock)
    assert _mine(case, case.due - timedelta(days=6)) == []
    [soon] = _mine(case, case.due - timedelta(days=5))
    assert soon.kind == "due_soon" and case.expected <= set(soon.recipients)
    assert _mine(case, case.due - timedelta(days=5)) == []
    assert _mine(case, case.due) == []
    [late] = _mine(case, case.due + timedelta(days=1))
    assert late.kind == "overdue" and set(late.recipients) == set(soon.recipients)
    assert _mine(case, case.due + timedelta(days=1)) == []
    assert _mine(case, case.due + timedelta(days=9)) == []
    assert Reminder.objects.filter(clock=clock, object_key=case.key).count() == 2 * len(soon.recipients)
    event = AuditEvent.objects.filter(verb="sent", target_type=case.target._meta.label_lower,
                                      target_id=str(case.target.pk)).latest("seq")
    assert event.actor_label == "system: deadline reminders"
    assert event.changes["reminder"] == [None, f"{clock} overdue"]


@pytest.mark.parametrize("clock", CLOCKS)
def test_nothing_once_done(world, clock):
    """Once the work is done (submitted, returned, circulated, distributed, reviewed...), nobody is reminded."""
    case = world.case(clock)
    case.finish()
    assert _mine(case, case.due - timedelta(days=2)) == []
    assert _mine(case, case.due + timedelta(days=1)) == []


def test_reading_the_deadlines_takes_the_same_queries_however_many_there_are(world):
    """No query per row: three times the records cost no more queries."""

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            deadlines(world.today, DIGEST_SOURCES)
        return len(queries)

    for clock in CLOCKS:
        world.case(clock)
    few = count()
    for clock in ["rapid_review", "rapid_review_milestone", "agency_return", "panel_feedback", "papers", "minutes"] * 2:
        world.case(clock)
    assert count() == few
