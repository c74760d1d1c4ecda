"""Minutes drafted against the agenda (with declared conflicts noted and actions set), approved at a later held
meeting of the same group, and distributed to the invitees by e-mail."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from casereview.actions.models import Action
from casereview.audit.models import AuditEvent
from casereview.meetings.minutes_services import minutes_approve, minutes_distribute, minutes_save
from casereview.meetings.models import AgendaItem, Declaration, MinuteEntry, Minutes
from tests.actions.governance_helpers import CRS_QUORATE, gov, held, invite, meeting_on, person, record  # noqa: F401
from tests.conftest import sign_in

DAY = date(2025, 11, 4)
NEXT = DAY + timedelta(days=91)


def _entries(meeting, **fields):
    """Service entries for each agenda item, with the same fields."""
    return [{"key": f"item{i.pk}", "item_id": i.pk, "discussion": "", "decision": "", "action": None, **fields}
            for i in meeting.items.all()]


def _save(gov, meeting, entries):  # noqa: F811
    return minutes_save(actor=gov["admin"], meeting=meeting, entries=entries)


def test_one_entry_per_agenda_item_in_order_then_other_business(gov):  # noqa: F811
    """Entries follow the agenda, headed by each item; other business comes last."""
    meeting = held(gov, gov["crs"], DAY, items=("Welcome", "Case A", "Training"))
    entries = _entries(meeting, discussion="Discussed.")[:2]  # the form may leave an item out: it still gets one
    entries.append({"key": "new", "item_id": None, "entry_id": None, "heading": "Date of next meeting",
                    "discussion": "Agreed for February.", "decision": "", "action": None})
    minutes = _save(gov, meeting, entries)
    headings = [str(e) for e in sorted(minutes.entries.all(), key=lambda e: (e.item is None, e.item.number
                                                                             if e.item else 0))]
    assert headings == ["1. Welcome", "2. Case A", "3. Training", "Date of next meeting"]
    assert minutes.status == "draft"
    assert AuditEvent.objects.filter(target_type="meetings.minutes", verb="created").count() == 1


def test_minutes_wait_for_the_meeting_to_be_held(gov):  # noqa: F811
    """A scheduled meeting has no minutes yet."""
    meeting = meeting_on(gov["crs"], DAY)
    AgendaItem.objects.create(meeting=meeting, number=1, title="Case A")
    with pytest.raises(ValidationError) as caught:
        _save(gov, meeting, _entries(meeting))
    assert caught.value.messages == ["Minutes can be drafted once the meeting has been marked held"]


@pytest.mark.parametrize("restricted, note", [
    (False, "Devon Okafor declared an interest and took no part in the decision on this item."),
    (True, "Devon Okafor declared an interest and took no part in the decision on this item. The item is "
           "restricted: its papers were withheld from Devon Okafor."),
])
def test_declared_conflict_is_written_into_the_minutes(gov, restricted, note):  # noqa: F811
    """Who took no part because of a declared conflict is noted automatically (and papers withheld if restricted)."""
    meeting = held(gov, gov["crs"], DAY, items=("Case A",))
    item = meeting.items.get()
    item.restricted = restricted
    item.save()
    Declaration.objects.create(meeting=meeting, item=item, person=person("Devon"), kind="professional",
                               interest="Line manager of an officer involved (fictional).")
    _save(gov, meeting, _entries(meeting, discussion="Discussed.", excluded_note="typed over"))
    assert MinuteEntry.objects.get(item=item).excluded_note == note


def test_an_action_in_the_minutes_goes_to_the_tracker(gov):  # noqa: F811
    """An action set against an entry is owned by the person's agency, set on the meeting date, linked back."""
    meeting = held(gov, gov["crs"], DAY, items=("Case A",))
    owner = person("Priya")
    _save(gov, meeting, _entries(meeting, action={"title": "Share the learning brief", "owner": owner,
                                                  "due_date": DAY + timedelta(days=30)}))
    action = Action.objects.get()
    assert (action.agency, action.set_on, action.meeting, action.minute_entry.item.title) == (
        owner.agency, DAY, meeting, "Case A")
    assert AuditEvent.objects.filter(target_type="actions.action", verb="created").count() == 1


@pytest.mark.parametrize("action, field, message", [
    ({"title": "", "owner": "Priya", "due_date": DAY}, "_action_title", "Enter what the action is"),
    ({"title": "Brief", "owner": None, "due_date": DAY}, "_action_owner", "Choose who owns the action"),
    ({"title": "Brief", "owner": "Priya", "due_date": None}, "_action_due_date", "Enter the date the action is due"),
    ({"title": "Brief", "owner": "Priya", "due_date": DAY - timedelta(days=1)}, "_action_due_date",
     "The due date cannot be before Tuesday 4 November 2025"),
])
def test_action_needs_owner_title_and_a_due_date_not_before_the_meeting(gov, action, field, message):  # noqa: F811
    """An incomplete action is refused beside its field, and nothing is saved."""
    meeting = held(gov, gov["crs"], DAY, items=("Case A",))
    action = {**action, "owner": person(action["owner"]) if action["owner"] else None}
    with pytest.raises(ValidationError) as caught:
        _save(gov, meeting, _entries(meeting, action=action))
    key = f"item{meeting.items.get().pk}{field}"
    assert caught.value.message_dict[key] == [message]
    assert not Action.objects.exists() and not Minutes.objects.exists()


def test_other_business_needs_a_heading(gov):  # noqa: F811
    """Other business with text but no heading is refused."""
    meeting = held(gov, gov["crs"], DAY)
    with pytest.raises(ValidationError) as caught:
        _save(gov, meeting, [{"key": "new", "item_id": None, "entry_id": None, "heading": "",
                              "discussion": "Something else.", "decision": "", "action": None}])
    assert caught.value.message_dict == {"new_heading": ["Enter a heading for this item of other business"]}


# --- approval ---

def _drafted(gov):  # noqa: F811
    meeting = held(gov, gov["crs"], DAY, items=("Case A",))
    _save(gov, meeting, _entries(meeting, discussion="Discussed."))
    return meeting


def test_approved_at_the_next_held_meeting(gov):  # noqa: F811
    """Approval at a later held meeting of the group records that meeting and its date."""
    meeting = _drafted(gov)
    later = held(gov, gov["crs"], NEXT)
    minutes = minutes_approve(actor=gov["admin"], meeting=meeting, at_meeting=later)
    assert (minutes.status, minutes.approved_at, minutes.approved_on) == ("approved", later, NEXT)
    assert AuditEvent.objects.filter(target_type="meetings.minutes", verb="approved").exists()


@pytest.mark.parametrize("case", ["earlier", "scheduled", "other_group", "same_day_other_meeting"])
def test_approval_only_at_a_later_held_meeting_of_the_same_group(gov, case):  # noqa: F811
    """An earlier, not yet held, or other group's meeting cannot approve the minutes."""
    meeting = _drafted(gov)
    at = {
        "earlier": lambda: held(gov, gov["crs"], DAY - timedelta(days=91)),
        "scheduled": lambda: meeting_on(gov["crs"], NEXT),
        "other_group": lambda: meeting_on(gov["kent"], NEXT, status="held", quorate=True),
        "same_day_other_meeting": lambda: meeting,
    }[case]()
    with pytest.raises(ValidationError) as caught:
        minutes_approve(actor=gov["admin"], meeting=meeting, at_meeting=at)
    assert "at a later meeting of the same group that has been held" in caught.value.messages[0]
    assert Minutes.objects.get(meeting=meeting).status == "draft"


def test_approve_page_offers_the_next_meeting_first(client, gov):  # noqa: F811
    """The approval form lists later held meetings with the next one chosen."""
    meeting = _drafted(gov)
    first, second = held(gov, gov["crs"], NEXT), held(gov, gov["crs"], NEXT + timedelta(days=91))
    sign_in(client, gov["admin"])
    response = client.get(f"/meetings/{meeting.pk}/minutes/approve/")
    form = response.context["form"]
    assert form["at_meeting"].value() == str(first.pk)
    assert [c[0] for c in form.fields["at_meeting"].choices] == [str(first.pk), str(second.pk)]
    response = client.post(f"/meetings/{meeting.pk}/minutes/approve/", {"at_meeting": str(second.pk)})
    assert response.status_code == 302
    assert Minutes.objects.get(meeting=meeting).approved_at == second


def test_approve_page_with_no_later_meeting_says_so(client, gov):  # noqa: F811
    """With no later held meeting, the page explains instead of offering a form."""
    meeting = _drafted(gov)
    sign_in(client, gov["admin"])
    response = client.get(f"/meetings/{meeting.pk}/minutes/approve/")
    assert response.status_code == 200 and "No later meeting of the Case Review Subgroup" in response.content.decode()


def test_approved_minutes_cannot_be_changed(gov):  # noqa: F811
    """Once approved the minutes, and the attendance they record, are fixed."""
    meeting = _drafted(gov)
    minutes_approve(actor=gov["admin"], meeting=meeting, at_meeting=held(gov, gov["crs"], NEXT))
    with pytest.raises(ValidationError) as caught:
        _save(gov, meeting, _entries(meeting, discussion="Changed."))
    assert caught.value.messages == ["These minutes are approved: they can no longer be changed"]
    with pytest.raises(ValidationError) as caught:
        record(gov, meeting, CRS_QUORATE)
    assert caught.value.messages == ["The minutes of this meeting are approved: its attendance can no longer be "
                                     "changed"]


# --- distribution ---

def test_draft_minutes_cannot_be_distributed(gov):  # noqa: F811
    """The MINUTES lifecycle refuses draft → distributed, saying what is allowed."""
    meeting = _drafted(gov)
    with pytest.raises(ValidationError) as caught:
        minutes_distribute(actor=gov["admin"], meeting=meeting)
    assert caught.value.messages == ["A set of minutes that is draft cannot become distributed; it can become "
                                     "approved."]


def test_distribution_e_mails_the_invitees(gov, smtp_inbox, django_capture_on_commit_callbacks):  # noqa: F811
    """Distributing approved minutes records when, and e-mails every invitee a notice with a link, no content."""
    meeting = _drafted(gov)
    for name in ("Ayla", "Helena", "Devon"):
        invite(meeting, name)
    minutes_approve(actor=gov["admin"], meeting=meeting, at_meeting=held(gov, gov["crs"], NEXT))
    with django_capture_on_commit_callbacks(execute=True):
        minutes = minutes_distribute(actor=gov["admin"], meeting=meeting)
    assert minutes.status == "distributed" and minutes.distributed_at is not None
    # One notice to each invitee on their own (Devon's address is his sign-in's).
    assert sorted(m["To"] for m in smtp_inbox.messages) == [
        "ayla@northmoor.example", "helena@northmoor.example", "member@northmoor.example"]
    message = smtp_inbox.messages[0]
    body = message.get_payload(decode=True).decode()
    subject = " ".join(message["Subject"].split())  # long headers are folded
    assert subject == "Minutes of the Case Review Subgroup meeting on Tuesday 4 November 2025"
    assert f"/meetings/{meeting.pk}/#minutes" in body and "Discussed." not in body
    with pytest.raises(ValidationError):
        minutes_distribute(actor=gov["admin"], meeting=meeting)  # distributed is final


def test_distribute_from_the_page(client, gov):  # noqa: F811
    """The distribute button refuses draft minutes with a 400 and the reason."""
    meeting = _drafted(gov)
    sign_in(client, gov["admin"])
    response = client.post(f"/meetings/{meeting.pk}/minutes/distribute/")
    assert response.status_code == 400
    assert "cannot become distributed; it can become approved" in response.content.decode()


# --- pages ---

def test_minutes_form_saves_text_and_an_action(client, gov):  # noqa: F811
    """The draft form shows one section per item and saves discussion, decision and a new action."""
    meeting = held(gov, gov["crs"], DAY, items=("Case A",))
    item = meeting.items.get()
    Declaration.objects.create(meeting=meeting, item=item, person=person("Devon"), kind="personal",
                               interest="Knows the family (fictional).")
    sign_in(client, gov["admin"])
    page = client.get(f"/meetings/{meeting.pk}/minutes/").content.decode()
    assert "1. Case A" in page and "Devon Okafor declared an interest" in page
    key = f"item{item.pk}"
    response = client.post(f"/meetings/{meeting.pk}/minutes/", {
        f"{key}_discussion": "The group discussed the case.", f"{key}_decision": "Commission a local review.",
        f"{key}_action_title": "Draft the review's terms", f"{key}_action_owner": str(person("Ayla").pk),
        f"{key}_action_due_date": "2025-12-01", "new_heading": "", "new_discussion": ""})
    assert response.status_code == 302
    entry = MinuteEntry.objects.get(item=item)
    assert entry.decision == "Commission a local review." and entry.actions.get().title == "Draft the review's terms"
    detail = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "Commission a local review." in detail and "Draft the review&#x27;s terms" in detail


def test_minutes_form_rejects_an_early_due_date_beside_the_field(client, gov):  # noqa: F811
    """A due date before the meeting comes back as a 400 with the message."""
    meeting = held(gov, gov["crs"], DAY, items=("Case A",))
    key = f"item{meeting.items.get().pk}"
    sign_in(client, gov["admin"])
    response = client.post(f"/meetings/{meeting.pk}/minutes/", {
        f"{key}_action_title": "Too early", f"{key}_action_owner": str(person("Ayla").pk),
        f"{key}_action_due_date": "2025-10-01"})
    assert response.status_code == 400
    assert "The due date cannot be before Tuesday 4 November 2025" in response.content.decode()


def test_minutes_page_before_the_meeting_is_held_explains(client, gov):  # noqa: F811
    """Opening the minutes of a scheduled meeting explains why they cannot be drafted yet."""
    meeting = meeting_on(gov["crs"], DAY)
    sign_in(client, gov["admin"])
    response = client.get(f"/meetings/{meeting.pk}/minutes/")
    assert response.status_code == 200 and "once the meeting has been marked held" in response.content.decode()
    assert client.post(f"/meetings/{meeting.pk}/minutes/").status_code == 400


def test_print_view(client, gov):  # noqa: F811
    """The printable minutes list who attended and the entries."""
    meeting = _drafted(gov)
    sign_in(client, gov["admin"])
    page = client.get(f"/meetings/{meeting.pk}/minutes/print/").content.decode()
    assert "Minutes of the business meeting on Tuesday 4 November 2025" in page
    assert "Priya Lindqvist (deputy for Devon Okafor)" in page and "1. Case A" in page


def test_minutes_part_queries_do_not_grow_with_entries(gov):  # noqa: F811
    """The minutes part costs the same with one agenda item or five, each with an action."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from casereview.meetings.minutes_selectors import minutes_part

    def cost(meeting):
        with CaptureQueriesContext(connection) as captured:
            minutes_part(meeting, gov["admin"], DAY)
        return len(captured)

    def drafted(day, n):
        meeting = held(gov, gov["crs"], day, items=[f"Item {i}" for i in range(n)])
        _save(gov, meeting, _entries(meeting, decision="Agreed.", action={
            "title": "Follow up", "owner": person("Ayla"), "due_date": day + timedelta(days=30)}))
        return meeting

    assert cost(drafted(DAY, 1)) == cost(drafted(DAY + timedelta(days=1), 5))
