"""The agenda and declarations parts of the meeting page cost the same number of queries however many items,
papers, circulations and declarations the meeting has."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casereview.meetings.agenda_selectors import agenda_part
from casereview.meetings.agenda_services import papers_circulate
from casereview.meetings.interests_selectors import declarations_part
from casereview.meetings.interests_services import declaration_record
from casereview.meetings.models import RegisteredInterest
from tests.conftest import sign_in
from tests.meetings import test_agenda_support as support
from tests.meetings.test_agenda_support import add_item, add_paper, invite, meeting_on, person

pytestmark = pytest.mark.django_db
demo = support.demo
PEOPLE = ["Ayla Brennan", "Devon Okafor", "Helena Strand", "Dr Farid Castellanos", "Grace Muldoon"]


def _meeting(demo, items: int, papers: int):
    actor = demo["business"]
    meeting = meeting_on(demo["subgroup"], date(2026, 3, 10))
    invite(meeting, *PEOPLE[: 2 + items // 4])
    for n in range(items):
        item = add_item(actor, meeting, f"Item {n}", restricted=n % 2 == 1, owner=person("Helena Strand"))
        for m in range(papers):
            add_paper(actor, item, f"Paper {n}.{m}")
        declaration_record(actor=actor, meeting=meeting, person=person("Devon Okafor"), item=item, kind="personal",
                           interest=f"Interest {n} (fictional).")
        RegisteredInterest.objects.create(partnership=meeting.partnership, person=person(PEOPLE[n % 2]),
                                          kind="personal", interest=f"Standing {n}", declared_on=date(2025, 1, 1))
    papers_circulate(actor=actor, meeting=meeting)
    return meeting


def _count(call) -> int:
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured)


def test_parts_do_not_query_per_item_or_paper(demo, django_capture_on_commit_callbacks):
    """Two items (one restricted) with a paper each, or twelve with three papers each: the same queries."""
    small, large = _meeting(demo, 2, 1), _meeting(demo, 12, 3)
    user = demo["member"]
    for part in (agenda_part, declarations_part):
        part(small, user, date(2026, 3, 1))  # the user's roles are then cached, as they are within a request
        assert _count(lambda p=part: p(large, user, date(2026, 3, 1))) == _count(
            lambda p=part: p(small, user, date(2026, 3, 1)))


def test_the_meeting_page_stays_within_a_fixed_budget(client, demo, django_assert_max_num_queries,
                                                      django_capture_on_commit_callbacks):
    """The whole page for a busy meeting stays under a fixed number of queries."""
    meeting = _meeting(demo, 12, 3)
    sign_in(client, demo["business"])
    with django_assert_max_num_queries(60):
        assert client.get(f"/meetings/{meeting.pk}/").status_code == 200
