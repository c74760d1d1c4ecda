"""Invitations: who is invited in what capacity, guests, re-sending, answers, and apologies naming a deputy
who is then invited and sent the ICS (and stood down again when the apologies are withdrawn)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from casereview.accounts.models import User
from casereview.audit.models import AuditEvent
from casereview.meetings.ics import invitations_mail, meeting_uid
from casereview.meetings.models import Invitation
from casereview.meetings.schedule_services import (
    invitation_add,
    invitation_apologies,
    invitation_apologies_withdraw,
    invitation_resend,
    invitation_respond,
)
from casereview.outbox.models import OutboxMessage, Status
from tests.conftest import sign_in
from tests.meetings.test_schedule_support import calendar_of, calendar_part, demo_fixture, event_of, inbox_for  # noqa: F401

pytestmark = pytest.mark.django_db


def _devon(meeting) -> Invitation:
    return meeting.invitations.get(person__full_name="Devon Okafor")


def test_member_sends_own_apologies_and_their_deputy_is_invited(client, demo, smtp_inbox,
                                                                django_capture_on_commit_callbacks):
    """Devon (the demo member) sends apologies on the page; his named deputy Priya is preselected, invited
    for his seat and e-mailed an ICS request for the same meeting."""
    meeting = demo.schedule()
    invitation = _devon(meeting)
    client = sign_in(client, User.objects.get(username="member"))
    url = reverse("meetings:apologies", args=[meeting.pk, invitation.pk])
    form = client.get(url).context["form"]
    priya = demo.person("Priya")
    assert form.initial["deputy"] == str(priya.pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"deputy": str(priya.pk)})
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert (invitation.response, invitation.deputy_named) == ("apologies", priya)
    deputy = meeting.invitations.get(person=priya)
    assert (deputy.as_deputy, deputy.seat, deputy.response) == (True, invitation.seat, "invited")
    [message] = inbox_for(smtp_inbox, priya.email)
    assert calendar_part(message).get_param("method") == "REQUEST"
    assert "deputy for Devon Okafor (Detective Inspector)" in message.get_payload()[0].get_payload()
    event = event_of(message)
    assert str(event["UID"]) == meeting_uid(meeting)
    attendees = {str(a): a.params["PARTSTAT"] for a in event["ATTENDEE"]}
    assert attendees["mailto:member@northmoor.example"] == "DECLINED"
    assert attendees[f"mailto:{priya.email}"] == "NEEDS-ACTION"
    audit = AuditEvent.objects.filter(target_type="meetings.invitation", target_id=str(invitation.pk)).latest("seq")
    assert audit.actor_label == "member" and audit.changes["deputy_invited"] == [None, priya.full_name]
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Sent apologies; deputy: Priya Lindqvist" in page
    assert "Deputy for Devon Okafor (Detective Inspector)" in page


def test_withdrawing_apologies_stands_the_deputy_down(client, demo, smtp_inbox, django_capture_on_commit_callbacks):
    """The member can come after all: marked attending; the deputy's invitation is withdrawn and they get a
    CANCEL naming only them."""
    meeting = demo.schedule()
    invitation, priya = _devon(meeting), demo.person("Priya")
    invitation_apologies(actor=demo.manager, invitation=invitation, deputy=priya)
    client = sign_in(client, User.objects.get(username="member"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meetings:apologies_withdraw", args=[meeting.pk, invitation.pk]))
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert (invitation.response, invitation.deputy_named) == ("accepted", None)
    assert meeting.invitations.get(person=priya).withdrawn
    [message] = inbox_for(smtp_inbox, priya.email)
    calendar = calendar_of(message)
    [event] = calendar.walk("VEVENT")
    assert calendar["METHOD"] == "CANCEL" and "STATUS" not in event
    assert str(event["ATTENDEE"]) == f"mailto:{priya.email}"
    again = client.post(reverse("meetings:apologies_withdraw", args=[meeting.pk, invitation.pk]))
    assert again.status_code == 400 and "has not sent apologies" in again.content.decode()


def test_changing_the_deputy_stands_down_the_first_and_invites_the_second(demo, smtp_inbox,
                                                                         django_capture_on_commit_callbacks):
    """Naming someone else withdraws the first deputy (CANCEL) and invites the second (REQUEST)."""
    meeting = demo.schedule()
    invitation, priya, marcus = _devon(meeting), demo.person("Priya"), demo.person("Marcus")
    invitation_apologies(actor=demo.manager, invitation=invitation, deputy=priya)
    with django_capture_on_commit_callbacks(execute=True):
        invitation_apologies(actor=demo.manager, invitation=invitation, deputy=marcus)
    assert calendar_part(inbox_for(smtp_inbox, priya.email)[0]).get_param("method") == "CANCEL"
    assert calendar_part(inbox_for(smtp_inbox, marcus.email)[0]).get_param("method") == "REQUEST"
    assert meeting.invitations.get(person=marcus).as_deputy
    assert meeting.invitations.filter(withdrawn=False, as_deputy=True).count() == 1


@pytest.mark.parametrize(("who", "message"), [
    ("Helena", "already invited as member"),
    ("Devon", "cannot be their own deputy"),
])
def test_a_deputy_must_be_free_to_attend_in_that_capacity(demo, who, message):
    """A member invited for their own seat cannot also be a deputy; nobody deputises for themself."""
    meeting = demo.schedule()
    with pytest.raises(ValidationError) as caught:
        invitation_apologies(actor=demo.manager, invitation=_devon(meeting), deputy=demo.person(who))
    assert message in caught.value.message_dict["deputy"][0]
    assert _devon(meeting).response == "invited"


def test_apologies_without_a_deputy_and_a_guest_cannot_name_one(demo):
    """Apologies may name nobody; a guest (no seat) cannot name a deputy."""
    meeting = demo.schedule()
    invitation_apologies(actor=demo.manager, invitation=_devon(meeting), deputy=None)
    assert _devon(meeting).response == "apologies"
    guest = invitation_add(actor=demo.manager, meeting=meeting, person=demo.person("Saoirse"))
    with pytest.raises(ValidationError) as caught:
        invitation_apologies(actor=demo.manager, invitation=guest, deputy=demo.person("Kit"))
    assert "Only a member invited for their own seat" in caught.value.message_dict["deputy"][0]


def test_a_co_opted_member_cannot_name_a_deputy(demo):
    """Co-opted for their expertise, Saoirse sends apologies but nobody takes her place."""
    meeting = demo.schedule(group=demo.rapid, kind="rapid_review")
    co_opted = meeting.invitations.get(person=demo.person("Saoirse"))
    with pytest.raises(ValidationError):
        invitation_apologies(actor=demo.manager, invitation=co_opted, deputy=demo.person("Kit"))
    assert invitation_apologies(actor=demo.manager, invitation=co_opted).response == "apologies"


def test_only_the_invitee_or_the_business_team_answers(client, demo):
    """Another member cannot send apologies for Ayla; the scrutineer cannot either."""
    meeting = demo.schedule()
    ayla = meeting.invitations.get(person__full_name="Ayla Brennan")
    with pytest.raises(PermissionDenied):
        invitation_apologies(actor=User.objects.get(username="member"), invitation=ayla)
    client = sign_in(client, User.objects.get(username="scrutineer"))
    assert client.get(reverse("meetings:apologies", args=[meeting.pk, ayla.pk])).status_code == 403
    assert client.post(reverse("meetings:apologies_withdraw", args=[meeting.pk, ayla.pk])).status_code == 403


def test_inviting_a_guest_sends_them_the_ics(client, demo, smtp_inbox, django_capture_on_commit_callbacks):
    """A guest is invited as a guest and e-mailed the current ICS; inviting them twice is refused."""
    meeting = demo.schedule()
    saoirse = demo.person("Saoirse")
    client = sign_in(client, demo.manager)
    url = reverse("meetings:invite", args=[meeting.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"person": str(saoirse.pk)}).status_code == 302
    invitation = meeting.invitations.get(person=saoirse)
    assert (invitation.seat, invitation.as_deputy) == (None, False)
    [message] = inbox_for(smtp_inbox, saoirse.email)
    assert "You are invited as: guest" in message.get_payload()[0].get_payload()
    assert client.post(url, {"person": str(saoirse.pk)}).status_code == 400


def test_a_co_opted_member_shows_as_co_opted(demo):
    """Saoirse, co-opted to the Rapid Review Group, is invited as a co-opted member."""
    from casereview.meetings.schedule_selectors import invitations_part

    meeting = demo.schedule(group=demo.rapid, kind="rapid_review")
    rows = {r["name"]: r for r in invitations_part(meeting, demo.manager, timezone.localdate())["invitations_rows"]}
    assert rows["Saoirse Delacroix"]["capacity"] == "co-opted member (Rapid reviews needing legal advice)"
    assert rows["Imogen Tate"]["chair"] is True


def test_no_email_is_skipped_and_shown(client, demo, smtp_inbox, django_capture_on_commit_callbacks):
    """Someone without an address gets nothing; the page says "No e-mail address"; re-sending is refused."""
    grace = demo.person("Grace")
    grace.email = ""
    grace.save()
    with django_capture_on_commit_callbacks(execute=True):
        meeting = demo.schedule()
    assert inbox_for(smtp_inbox, "") == [] and len(smtp_inbox.messages) == 5
    client = sign_in(client, demo.manager)
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "No e-mail address" in page and "Grace Muldoon" in page
    invitation = meeting.invitations.get(person=grace)
    response = client.post(reverse("meetings:invitation_resend", args=[meeting.pk, invitation.pk]))
    assert response.status_code == 400 and "has no e-mail address" in response.content.decode()


def test_resend_sends_again_and_records_when(client, demo, smtp_inbox, django_capture_on_commit_callbacks):
    """Send again e-mails the one person and updates "last sent"; audited as sent."""
    meeting = demo.schedule()
    invitation = _devon(meeting)
    client = sign_in(client, demo.manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meetings:invitation_resend", args=[meeting.pk, invitation.pk]))
    assert response.status_code == 302
    assert [m["To"] for m in smtp_inbox.messages] == ["member@northmoor.example"]
    invitation.refresh_from_db()
    assert invitation.sent_at is not None and invitation.sent_sequence == 0
    assert AuditEvent.objects.filter(target_type="meetings.invitation", verb="sent").count() == 1


def test_recording_an_answer(demo):
    """The business team records that someone will attend; an unknown answer is refused."""
    meeting = demo.schedule()
    invitation = invitation_respond(actor=demo.manager, invitation=_devon(meeting), response="accepted")
    assert invitation.response == "accepted"
    with pytest.raises(ValidationError):
        invitation_respond(actor=demo.manager, invitation=invitation, response="maybe")


def test_answers_close_with_the_meeting(demo):
    """Once cancelled, apologies and answers are refused with the reason."""
    from casereview.meetings.schedule_services import meeting_cancel

    meeting = demo.schedule()
    meeting_cancel(actor=demo.manager, meeting=meeting, reason="Clash")
    for call in (lambda i: invitation_apologies(actor=demo.manager, invitation=i),
                 lambda i: invitation_apologies_withdraw(actor=demo.manager, invitation=i),
                 lambda i: invitation_resend(actor=demo.manager, invitation=i)):
        with pytest.raises(ValidationError) as caught:
            call(_devon(meeting))
        assert "cancelled" in caught.value.messages[0]


def test_a_mail_server_fault_is_logged_not_raised(demo, settings, caplog, django_capture_on_commit_callbacks):
    """With the mail server down, the invitation waits in the outbox to be retried, the fault is logged, and
    "last sent" stays empty until it has gone."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    meeting = demo.schedule()
    with django_capture_on_commit_callbacks(execute=True):
        assert invitations_mail(meeting.pk, [_devon(meeting).pk], "invite") == [_devon(meeting).pk]
    assert _devon(meeting).sent_at is None
    assert OutboxMessage.objects.get(to=_devon(meeting).person.email).status == Status.FAILED
    assert "Could not" in caplog.text
