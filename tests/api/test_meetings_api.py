"""The meetings API: meetings with agenda, attendance, declarations and minutes, scoped like the pages;
papers by title only, withheld from a person conflicted on a restricted item; all in the OpenAPI schema."""

from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command

from casereview.accounts.models import User
from casereview.audit.models import AuditEvent
from casereview.meetings.models import (
    AgendaItem,
    Attendance,
    Declaration,
    Meeting,
    MinuteEntry,
    Minutes,
    Paper,
)
from casereview.partnerships.demo import load_demo
from casereview.partnerships.models import Group, Membership, Person
from tests.conftest import GroupFactory, PartnershipFactory, sign_in, user_with_role

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def meeting(db, settings, tmp_path):
    """A held subgroup meeting: a restricted item with a paper on which the member (Devon) declared a conflict."""
    settings.MEDIA_ROOT = tmp_path
    load_demo()
    group = Group.objects.get(name="Case Review Subgroup")
    devon, priya = Person.objects.get(full_name="Devon Okafor"), Person.objects.get(full_name="Priya Lindqvist")
    held = Meeting.objects.create(partnership=group.partnership, group=group, kind="business", status="held",
                                  starts_at=datetime(2026, 3, 10, 10, tzinfo=LONDON), mode="virtual")
    open_item = AgendaItem.objects.create(meeting=held, number=1, title="Learning briefing")
    restricted = AgendaItem.objects.create(meeting=held, number=2, title="Case discussion", restricted=True)
    for item, title in ((open_item, "Briefing note"), (restricted, "Chronology for SIN-2026-001")):
        Paper.objects.create(item=item, title=title, file=ContentFile(b"Fictional.", name="p.txt"),
                             original_name="p.txt", content_type="text/plain", size=10, sha256="0" * 64)
    Declaration.objects.create(meeting=held, item=restricted, person=devon, kind="professional",
                               interest="Line-manages the officer involved (fictional).")
    Attendance.objects.create(meeting=held, person=priya, status="deputy",
                              attending_for=Membership.objects.get(group=group, person=devon))
    minutes = Minutes.objects.create(meeting=held)
    MinuteEntry.objects.create(minutes=minutes, item=open_item, discussion="Discussed.", decision="Agreed.")
    return held


def _items(body):
    return {item["title"]: item for item in body["agenda_items"]}


def test_a_member_reads_the_meeting_with_everything_nested(meeting, client):
    """A chair reads the meeting: agenda with paper titles (no file link), attendance, declarations, minutes."""
    sign_in(client, User.objects.get(username="chair"))
    body = client.get(f"/api/v1/meetings/{meeting.pk}/").json()
    items = _items(body)
    assert [p["title"] for p in items["Learning briefing"]["papers"]] == ["Briefing note"]
    assert [p["title"] for p in items["Case discussion"]["papers"]] == ["Chronology for SIN-2026-001"]
    assert "file" not in items["Case discussion"]["papers"][0] and "url" not in items["Case discussion"]["papers"][0]
    assert body["attendance"] == [{
        "id": body["attendance"][0]["id"], "meeting": meeting.pk, "person": body["attendance"][0]["person"],
        "person_name": "Priya Lindqvist", "agency_name": "Northmoor Constabulary", "status": "deputy",
        "attending_for": body["attendance"][0]["attending_for"], "attending_for_name": "Devon Okafor"}]
    assert body["declarations"][0]["person_name"] == "Devon Okafor"
    assert body["minutes"]["entries"][0]["decision"] == "Agreed."
    assert AuditEvent.objects.filter(verb="viewed", target_type="meetings.meeting").count() == 1


def test_a_conflicted_person_does_not_see_restricted_paper_titles(meeting, client):
    """Devon declared a conflict on the restricted item: its papers (titles too) are withheld from him only."""
    sign_in(client, User.objects.get(username="member"))  # the demo member is Devon Okafor
    items = _items(client.get(f"/api/v1/meetings/{meeting.pk}/").json())
    assert items["Case discussion"]["papers"] == [] and items["Case discussion"]["papers_withheld"] is True
    assert [p["title"] for p in items["Learning briefing"]["papers"]] == ["Briefing note"]
    listed = client.get(f"/api/v1/agenda-items/?meeting={meeting.pk}").json()["results"]
    assert "Chronology for SIN-2026-001" not in str(listed)


def test_sub_resources_filter_by_meeting(meeting, client):
    """Agenda items, attendance, declarations and minutes list by meeting; minutes are found by the meeting id."""
    sign_in(client, User.objects.get(username="scrutineer"))
    assert [i["number"] for i in client.get(f"/api/v1/agenda-items/?meeting={meeting.pk}").json()["results"]] == [1, 2]
    assert client.get(f"/api/v1/agenda-items/?meeting={meeting.pk + 1000}").json()["results"] == []
    assert len(client.get(f"/api/v1/attendance/?meeting={meeting.pk}").json()["results"]) == 1
    assert len(client.get("/api/v1/declarations/").json()["results"]) == 1
    assert client.get(f"/api/v1/minutes/{meeting.pk}/").json()["meeting"] == meeting.pk
    assert client.get("/api/v1/agenda-items/?meeting=abc").status_code == 400
    assert client.get("/api/v1/meetings/?group=99999999999999999999").status_code == 400
    assert client.get("/api/v1/minutes/99999999999999999999/").status_code == 404


def test_a_contributor_sees_nothing(meeting, client):
    """Agency contributors read no governance records: lists are empty and details 404."""
    sign_in(client, User.objects.get(username="contributor"))
    for path in ("meetings", "agenda-items", "attendance", "declarations", "minutes"):
        assert client.get(f"/api/v1/{path}/").json()["results"] == [], path
    assert client.get(f"/api/v1/meetings/{meeting.pk}/").status_code == 404
    assert client.get(f"/api/v1/minutes/{meeting.pk}/").status_code == 404


def test_another_partnership_gets_404(meeting, client):
    """The business team of another partnership sees none of these meetings."""
    other = PartnershipFactory()
    Meeting.objects.create(partnership=other, group=GroupFactory(partnership=other), kind="business",
                           starts_at=datetime(2026, 3, 1, 10, tzinfo=LONDON), mode="virtual")
    sign_in(client, user_with_role(other, "business_team"))
    assert client.get(f"/api/v1/meetings/{meeting.pk}/").status_code == 404
    assert client.get(f"/api/v1/minutes/{meeting.pk}/").status_code == 404
    assert [m["partnership"] for m in client.get("/api/v1/meetings/").json()["results"]] == [other.pk]
    assert client.get(f"/api/v1/attendance/?meeting={meeting.pk}").json()["results"] == []


def test_schema_validates_and_lists_the_meetings_endpoints():
    """The OpenAPI schema validates with no warnings and names each meetings endpoint."""
    out = StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", "--format", "openapi-json", stdout=out)
    schema = out.getvalue()
    for path in ("/api/v1/meetings/", "/api/v1/meetings/{id}/", "/api/v1/agenda-items/", "/api/v1/attendance/",
                 "/api/v1/declarations/", "/api/v1/minutes/", "/api/v1/minutes/{id}/"):
        assert f'"{path}"' in schema, path
    assert "papers_withheld" in schema


def test_populated_responses_match_the_published_schema(meeting, settings):
    """With a real meeting behind them, every meetings endpoint answers as the schema says (nulls included)."""
    import schemathesis
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections
    from schemathesis.specs.openapi.checks import response_schema_conformance

    from casereview.accounts.services import api_token_issue
    from config.wsgi import application

    _token, secret = api_token_issue(actor=User.objects.get(username="business.manager"), name="meetings")
    headers = {"Authorization": f"Bearer {secret}"}
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application, headers=headers)
        failures = []
        for result in schema.get_all_operations():
            operation = result.ok()
            if not operation.path.startswith(("/api/v1/meetings", "/api/v1/agenda-items", "/api/v1/attendance",
                                              "/api/v1/declarations", "/api/v1/minutes")):
                continue
            case = operation.Case(path_parameters={"id": meeting.pk} if "{id}" in operation.path else None)
            response = case.call(headers=headers)
            assert response.status_code == 200, (operation.path, response.status_code)
            try:
                case.validate_response(response, checks=[response_schema_conformance])
            except Exception as exc:  # collect every operation's failure, then report them together
                failures.append(f"{operation.path}: {str(exc).splitlines()[0][:300]}")
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    assert failures == []
