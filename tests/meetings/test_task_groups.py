"""Task-and-finish groups: set up with a deadline, members nominated by agencies, report back, close."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from casereview.accounts.models import User
from casereview.audit.models import AuditEvent
from casereview.meetings.models import TaskGroup
from casereview.meetings.task_group_selectors import is_overdue, task_groups_by_group
from casereview.meetings.task_group_services import (
    task_group_close,
    task_group_create,
    task_group_nominate,
    task_group_report,
)
from casereview.partnerships.demo import load_demo
from casereview.partnerships.models import Agency, AgencyKind, Group, Person
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    load_demo()
    return {
        "admin": User.objects.get(username="business.manager"),
        "subgroup": Group.objects.get(name="Case Review Subgroup"),
        "police": Agency.objects.get(kind=AgencyKind.POLICE),
        "la": Agency.objects.get(kind=AgencyKind.LA_CHILDRENS_SERVICES),
        "devon": Person.objects.get(full_name="Devon Okafor"),
    }


def created(demo, **overrides) -> TaskGroup:
    data = {"name": "Neglect audit", "purpose": "Audit five neglect cases and report the learning.",
            "deadline": timezone.localdate() + timedelta(days=60)}
    return task_group_create(actor=demo["admin"], parent=demo["subgroup"], **{**data, **overrides})


def test_set_up_with_a_deadline_not_in_the_past(demo):
    """The deadline may be today or later; yesterday is refused with the reason on the field."""
    with pytest.raises(ValidationError) as refused:
        created(demo, deadline=timezone.localdate() - timedelta(days=1))
    assert refused.value.message_dict["deadline"] == ["The deadline cannot be in the past"]
    task_group = created(demo, deadline=timezone.localdate())
    assert (task_group.status, task_group.parent, task_group.created_on) == (
        "active", demo["subgroup"], timezone.localdate())
    assert AuditEvent.objects.filter(target_type="meetings.taskgroup", verb="created").count() == 1


def test_a_nominee_must_work_for_the_nominating_agency(demo):
    """The police cannot nominate a council officer; they can nominate their own officer, once."""
    task_group = created(demo)
    council_officer = Person.objects.get(full_name="Ayla Brennan")
    with pytest.raises(ValidationError) as refused:
        task_group_nominate(actor=demo["admin"], task_group=task_group, agency=demo["police"], person=council_officer)
    assert "works for Northmoor Council Children's Services, not Northmoor Constabulary" in \
        refused.value.message_dict["person"][0]
    member = task_group_nominate(actor=demo["admin"], task_group=task_group, agency=demo["police"],
                                 person=demo["devon"])
    assert member.nominated_by == demo["police"]
    with pytest.raises(ValidationError) as twice:
        task_group_nominate(actor=demo["admin"], task_group=task_group, agency=demo["police"], person=demo["devon"])
    assert "already a member" in twice.value.message_dict["person"][0]


def test_report_back_then_close_through_the_lifecycle(demo):
    """Active -> reported back (with text and date) -> closed; nothing moves out of closed."""
    task_group = created(demo)
    with pytest.raises(ValidationError) as empty:
        task_group_report(actor=demo["admin"], task_group=task_group, report=" ", reported_on=timezone.localdate())
    assert "report" in empty.value.message_dict
    reported = task_group_report(actor=demo["admin"], task_group=task_group, report="Five cases audited.",
                                 reported_on=timezone.localdate())
    assert (reported.status, reported.reported_on) == ("reported", timezone.localdate())
    closed = task_group_close(actor=demo["admin"], task_group=reported)
    assert closed.status == "closed"
    with pytest.raises(ValidationError) as again:
        task_group_report(actor=demo["admin"], task_group=closed, report="More.", reported_on=timezone.localdate())
    assert "closed cannot become reported back" in again.value.messages[0]
    with pytest.raises(ValidationError):
        task_group_nominate(actor=demo["admin"], task_group=closed, agency=demo["police"], person=demo["devon"])


@pytest.mark.parametrize("status, deadline_offset, overdue", [
    ("active", -1, True), ("active", 0, False), ("active", 5, False), ("reported", -10, False),
    ("closed", -10, False),
])
def test_overdue_only_when_active_past_the_deadline(status, deadline_offset, overdue):
    """Overdue is computed on the day: active with the deadline passed."""
    today = date(2026, 6, 1)
    task_group = TaskGroup(status=status, deadline=today + timedelta(days=deadline_offset))
    assert is_overdue(task_group, today) is overdue


def test_overdue_is_shown_on_the_pages_and_counted_per_group(demo, client):
    """A group past its deadline shows as overdue on its page and the list, and in the per-group counts."""
    task_group = created(demo)
    TaskGroup.objects.filter(pk=task_group.pk).update(deadline=date(2026, 1, 31))
    assert task_groups_by_group(demo["subgroup"].partnership, timezone.localdate()) == {
        demo["subgroup"].pk: {"active": 1, "overdue": 1}}
    sign_in(client, User.objects.get(username="scrutineer"))
    assert "Overdue" in client.get(reverse("meetings:task_group_list")).content.decode()
    page = client.get(reverse("meetings:task_group_detail", args=[task_group.pk])).content.decode()
    assert "has passed and it has not reported back" in page
    assert "Record the report back" not in page


def test_pages_set_up_nominate_report_and_close(demo, client):
    """The business team runs the whole life of a task-and-finish group from the pages."""
    sign_in(client, demo["admin"])
    create = reverse("meetings:task_group_create") + f"?group={demo['subgroup'].pk}"
    assert f'value="{demo["subgroup"].pk}" selected' in client.get(create).content.decode()
    past = client.post(create, {"parent": demo["subgroup"].pk, "name": "Audit", "purpose": "Audit.",
                                "deadline": "2020-01-01"})
    assert past.status_code == 400 and "The deadline cannot be in the past" in past.content.decode()
    deadline = (timezone.localdate() + timedelta(days=30)).isoformat()
    response = client.post(create, {"parent": demo["subgroup"].pk, "name": "Audit", "purpose": "Audit.",
                                    "deadline": deadline})
    task_group = TaskGroup.objects.get()
    assert response["Location"] == reverse("meetings:task_group_detail", args=[task_group.pk])
    nominate = reverse("meetings:task_group_nominate", args=[task_group.pk])
    wrong = client.post(nominate, {"agency": demo["la"].pk, "person": demo["devon"].pk})
    assert wrong.status_code == 400
    assert client.post(nominate, {"agency": demo["police"].pk, "person": demo["devon"].pk}).status_code == 302
    report = client.post(reverse("meetings:task_group_report", args=[task_group.pk]),
                         {"report": "Done.", "reported_on": timezone.localdate().isoformat()})
    assert report.status_code == 302
    assert client.post(reverse("meetings:task_group_close", args=[task_group.pk])).status_code == 302
    task_group.refresh_from_db()
    assert (task_group.status, task_group.members.get().person) == ("closed", demo["devon"])


def test_a_member_reads_but_cannot_set_up(demo, client):
    """A member reads the list; the set-up page and close are refused (403)."""
    task_group = created(demo)
    sign_in(client, User.objects.get(username="member"))
    assert client.get(reverse("meetings:task_group_list")).status_code == 200
    assert client.get(reverse("meetings:task_group_create")).status_code == 403
    assert client.post(reverse("meetings:task_group_close", args=[task_group.pk])).status_code == 403
