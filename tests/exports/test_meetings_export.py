"""The governance lists download as CSV and XLSX: meetings (upcoming and past, with a "When" column),
escalations, task-and-finish groups and the register of interests: the page's rows, filters and access,
audited, never another partnership's."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casereview.accounts.models import User
from casereview.meetings.models import Escalation, EscalationPosition, RegisteredInterest, TaskGroup, TaskGroupMember
from casereview.partnerships.models import Agency, AgencyKind, Person
from tests.actions.governance_helpers import gov, meeting_on  # noqa: F401  (gov is a fixture)
from tests.conftest import AgencyFactory, GroupFactory, PartnershipFactory, PersonFactory, sign_in
from tests.exports.helpers import csv_rows, last_export, xlsx_rows

ELSEWHERE = "Elsewhere"


def user(name: str) -> User:
    return User.objects.get(username=name)


def column(rows: list[list], heading: str) -> list:
    index = rows[0].index(heading)
    return [row[index] for row in rows[1:]]


@pytest.fixture
def other(gov):  # noqa: F811
    """A second partnership with a group, an agency and a person of its own."""
    partnership = PartnershipFactory(name="Elsewhere Safeguarding Children Partnership")
    agency = AgencyFactory(partnership=partnership, name="Elsewhere Police", kind=AgencyKind.POLICE)
    group = GroupFactory(partnership=partnership, name="Elsewhere Rapid Review Group")
    person = PersonFactory(agency=agency, full_name="Zebedee Otherside")
    return {"partnership": partnership, "agency": agency, "group": group, "person": person}


# --- meetings --------------------------------------------------------------------------------------------

@pytest.fixture
def meetings(gov, other):  # noqa: F811
    today = timezone.localdate()
    made = {
        "soon": meeting_on(gov["crs"], today + timedelta(days=7)),
        "later": meeting_on(gov["kent"], today + timedelta(days=30), kind="rapid_review"),
        "held": meeting_on(gov["crs"], today - timedelta(days=30), status="held", quorate=True),
        "cancelled": meeting_on(gov["kent"], today - timedelta(days=3), status="cancelled"),
    }
    meeting_on(other["group"], today + timedelta(days=7))
    return made


def test_meetings_download_both_tables_with_a_when_column(client, gov, meetings):  # noqa: F811
    """Upcoming (soonest first) then past (newest first), the same meetings as the page, audited."""
    sign_in(client, user("scrutineer"))
    page = client.get(reverse("meetings:list")).context
    upcoming = [row["meeting"].pk for row in page["upcoming_rows"]]
    past = [row["meeting"].pk for row in page["past_rows"]]
    rows = csv_rows(client.get(reverse("meetings:list"), {"format": "csv"}))
    assert [int(pk) for pk in column(rows, "Id")] == upcoming + past
    assert column(rows, "When") == ["Upcoming"] * len(upcoming) + ["Past"] * len(past)
    assert upcoming == [meetings["soon"].pk, meetings["later"].pk]
    assert column(rows, "Status")[-1] == "Held" and column(rows, "Quorate")[-1] == "yes"
    assert ELSEWHERE not in str(rows)
    assert last_export(user("scrutineer")) == "Meetings (CSV): 4 rows"
    book = xlsx_rows(client.get(reverse("meetings:list"), {"format": "xlsx"}))
    assert column(book, "Date")[0].date() == timezone.localdate() + timedelta(days=7)
    assert column(book, "Starts (UK time)")[0].hour == 10


def test_meetings_download_keeps_the_group_filter(client, gov, meetings):  # noqa: F811
    sign_in(client, user("business.manager"))
    rows = csv_rows(client.get(reverse("meetings:list"), {"format": "csv", "group": gov["kent"].pk}))
    assert set(column(rows, "Group")) == {"Rapid Review Group"}
    assert [int(pk) for pk in column(rows, "Id")] == [meetings["later"].pk, meetings["cancelled"].pk]
    page = client.get(reverse("meetings:list"), {"group": gov["kent"].pk}).content.decode()
    assert f'?group={gov["kent"].pk}&amp;format=csv"' in page


def test_meetings_download_is_refused_as_the_page(client, gov, meetings):  # noqa: F811
    sign_in(client, user("contributor"))
    assert client.get(reverse("meetings:list")).status_code == 403
    assert client.get(reverse("meetings:list"), {"format": "csv"}).status_code == 403


def test_meetings_download_queries_do_not_grow_with_rows(client, gov, meetings):  # noqa: F811
    sign_in(client, user("business.manager"))

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            csv_rows(client.get(reverse("meetings:list"), {"format": "csv"}))
        return len(queries)

    small = count()
    for n in range(16):
        meeting_on(gov["crs"], timezone.localdate() + timedelta(days=40 + n))
    assert count() == small


# --- escalations -----------------------------------------------------------------------------------------

def escalation(group, subject, *, status="raised", agencies=()):
    made = Escalation.objects.create(partnership=group.partnership, group=group, subject=subject,
                                     body="Safeguarding Leadership Group", raised_on=date(2026, 3, 11), status=status,
                                     decided_on=date(2026, 4, 1) if status == "resolved" else None)
    for agency in agencies:
        EscalationPosition.objects.create(escalation=made, agency=agency, position="A position (fictional).")
    return made


@pytest.fixture
def escalations(gov, other):  # noqa: F811
    la, police = (Agency.objects.get(partnership=gov["crs"].partnership, kind=k)
                  for k in (AgencyKind.LA_CHILDRENS_SERVICES, AgencyKind.POLICE))
    escalation(other["group"], "Elsewhere disagreement", agencies=[other["agency"]])
    return {"open": escalation(gov["crs"], "Threshold for a practice review", agencies=[la, police]),
            "resolved": escalation(gov["kent"], "Timeliness of returns", status="resolved", agencies=[police])}


def test_escalations_download_keeps_the_status_filter(client, gov, escalations):  # noqa: F811
    """Open by default, as the page; ?status=all gives both; agencies are listed; audited."""
    sign_in(client, user("scrutineer"))
    page = client.get(reverse("meetings:escalation_list")).context
    shown = [e.subject for e in page["escalations"]]
    rows = csv_rows(client.get(reverse("meetings:escalation_list"), {"format": "csv"}))
    assert column(rows, "Subject") == shown == ["Threshold for a practice review"]
    assert column(rows, "Agencies")[0].count(";") == 1
    rows = csv_rows(client.get(reverse("meetings:escalation_list"), {"format": "csv", "status": "all"}))
    assert sorted(column(rows, "Subject")) == ["Threshold for a practice review", "Timeliness of returns"]
    book = xlsx_rows(client.get(reverse("meetings:escalation_list"), {"format": "xlsx", "status": "resolved"}))
    assert column(book, "Subject") == ["Timeliness of returns"]
    assert column(book, "Decided on")[0].date() == date(2026, 4, 1)
    assert last_export(user("scrutineer")) == "Escalations (XLSX): 1 row"


def test_escalations_download_is_refused_as_the_page(client, gov, escalations):  # noqa: F811
    sign_in(client, user("contributor"))
    assert client.get(reverse("meetings:escalation_list"), {"format": "xlsx"}).status_code == 403


def test_escalations_download_queries_do_not_grow_with_rows(client, gov, escalations):  # noqa: F811
    sign_in(client, user("business.manager"))
    police = Agency.objects.get(partnership=gov["crs"].partnership, kind=AgencyKind.POLICE)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            csv_rows(client.get(reverse("meetings:escalation_list"), {"format": "csv", "status": "all"}))
        return len(queries)

    small = count()
    for n in range(18):
        escalation(gov["crs"], f"Disagreement {n}", agencies=[police])
    assert count() == small


# --- task-and-finish groups ------------------------------------------------------------------------------

def task_group(parent, name, *, status="active", deadline=date(2026, 1, 31), members=()):
    made = TaskGroup.objects.create(partnership=parent.partnership, parent=parent, name=name, purpose="Fictional.",
                                    deadline=deadline, status=status, created_on=date(2025, 11, 1))
    for person in members:
        TaskGroupMember.objects.create(task_group=made, person=person, nominated_by=person.agency,
                                       nominated_on=date(2025, 11, 2))
    return made


def test_task_groups_download_with_status_and_members(client, gov, other):  # noqa: F811
    """The page's rows (closed ones only with ?show=all); an active group past its deadline is overdue."""
    people = list(Person.objects.filter(partnership=gov["crs"].partnership).order_by("full_name")[:2])
    late = timezone.localdate() - timedelta(days=1)
    task_group(gov["crs"], "Neglect audit", deadline=late, members=people)
    task_group(gov["kent"], "Finished work", status="closed")
    task_group(other["group"], "Elsewhere task group")
    sign_in(client, user("member"))
    shown = [row.task_group.name for row in client.get(reverse("meetings:task_group_list")).context["rows"]]
    rows = csv_rows(client.get(reverse("meetings:task_group_list"), {"format": "csv"}))
    assert column(rows, "Name") == shown == ["Neglect audit"]
    assert column(rows, "Status") == ["Overdue"] and column(rows, "Members") == ["2"]
    assert column(rows, "Member names") == ["; ".join(p.full_name for p in people)]
    every = client.get(reverse("meetings:task_group_list"), {"show": "all"}).context["rows"]
    rows = csv_rows(client.get(reverse("meetings:task_group_list"), {"format": "csv", "show": "all"}))
    assert column(rows, "Name") == [row.task_group.name for row in every] == ["Finished work", "Neglect audit"]
    assert last_export(user("member")) == "Task-and-finish groups (CSV): 2 rows"
    sign_in(client, user("contributor"))
    assert client.get(reverse("meetings:task_group_list"), {"format": "csv"}).status_code == 403


# --- the register of interests ---------------------------------------------------------------------------

def test_register_of_interests_download(client, gov, other):  # noqa: F811
    """Current interests only, as the page; another partnership's person never appears."""
    partnership = gov["crs"].partnership
    devon = Person.objects.get(partnership=partnership, full_name__contains="Devon")
    RegisteredInterest.objects.create(partnership=partnership, person=devon, kind="professional",
                                      interest="Trustee of a local charity (fictional).", declared_on=date(2025, 4, 1))
    RegisteredInterest.objects.create(partnership=partnership, person=devon, kind="financial", interest="Ended one.",
                                      declared_on=date(2024, 4, 1), ended_on=date(2024, 12, 1))
    RegisteredInterest.objects.create(partnership=other["partnership"], person=other["person"], kind="other",
                                      interest="Elsewhere interest.", declared_on=date(2025, 4, 1))
    sign_in(client, user("chair"))
    shown = [r.interest for r in client.get(reverse("meetings:interest_register")).context["rows"]]
    rows = csv_rows(client.get(reverse("meetings:interest_register"), {"format": "csv"}))
    assert column(rows, "Interest") == shown == ["Trustee of a local charity (fictional)."]
    assert rows[1][:3] == [devon.full_name, devon.agency.name, "Professional"]
    book = xlsx_rows(client.get(reverse("meetings:interest_register"), {"format": "xlsx"}))
    assert column(book, "Declared on")[0].date() == date(2025, 4, 1)
    assert last_export(user("chair")) == "Register of interests (XLSX): 1 row"
    sign_in(client, user("contributor"))
    assert client.get(reverse("meetings:interest_register"), {"format": "csv"}).status_code == 403
