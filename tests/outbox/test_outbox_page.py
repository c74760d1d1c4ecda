"""The outbox page: the business team sees delivery state (never bodies) and can send a failed message again."""

from __future__ import annotations

import pytest
from django.utils import timezone

from casereview.audit.models import AuditEvent
from casereview.outbox.models import OutboxMessage, Status
from casereview.outbox.services import outbox_queue
from tests.conftest import PartnershipFactory, sign_in, user_with_role

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.outbox.urlconf")]
SECRET_BODY = "Body text that the page must never show"


def _message(partnership, n=1, status=Status.QUEUED, **fields) -> OutboxMessage:
    message, _ = outbox_queue(to=f"person{n}@example.test", subject=f"Agenda and papers {n}", body=SECRET_BODY,
                              key=f"page:{partnership.pk}:{n}", partnership=partnership)
    OutboxMessage.objects.filter(pk=message.pk).update(status=status, **fields)
    return OutboxMessage.objects.get(pk=message.pk)


def test_the_business_team_sees_state_not_bodies(business_client, partnership):
    """Subject, address, status, attempts and last error show; the body never does."""
    _message(partnership, 1, Status.SENT, attempts=1, sent_at=timezone.now())
    _message(partnership, 2, Status.FAILED, attempts=3, last_error="ConnectionRefusedError: [Errno 111]")
    page = business_client.get("/outbox/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Agenda and papers 1" in text and "person2@example.test" in text and "ConnectionRefusedError" in text
    assert SECRET_BODY not in text
    assert "Failed, will retry" in text and text.count("Retry now") == 1


def test_filter_by_status(business_client, partnership):
    """?status= shows only that status; an unknown status shows everything."""
    _message(partnership, 1, Status.SENT)
    _message(partnership, 2, Status.GAVE_UP)
    text = business_client.get("/outbox/?status=gave_up").content.decode()
    assert "Agenda and papers 2" in text and "Agenda and papers 1" not in text
    text = business_client.get("/outbox/?status=nonsense").content.decode()
    assert "Agenda and papers 1" in text and "Agenda and papers 2" in text


def test_another_partnerships_messages_are_not_shown(business_client, partnership):
    """Only the current partnership's messages are listed; another's cannot be retried (404)."""
    other = _message(PartnershipFactory(), 9, Status.GAVE_UP)
    assert "Agenda and papers 9" not in business_client.get("/outbox/").content.decode()
    assert business_client.post(f"/outbox/{other.pk}/retry/").status_code == 404


@pytest.mark.parametrize("role", ["chair", "member", "scrutineer"])
def test_other_roles_cannot_see_the_outbox(client, partnership, role):
    """The outbox is the business team's: other roles get a 404."""
    sign_in(client, user_with_role(partnership, role))
    assert client.get("/outbox/").status_code == 404


def test_retry_now_sends_a_given_up_message_and_is_audited(business_client, business_user, partnership, mail_server,
                                                          django_capture_on_commit_callbacks):
    """"Retry now" on a message given up on sends it at once, with a fresh round of attempts, recorded."""
    message = _message(partnership, 1, Status.GAVE_UP, attempts=10, next_attempt_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        response = business_client.post(f"/outbox/{message.pk}/retry/", {"status": "gave_up"})
    assert response.status_code == 302 and response["Location"] == "/outbox/?status=gave_up"
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.SENT, 1)
    assert [m["To"] for m in mail_server.messages] == ["person1@example.test"]
    event = AuditEvent.objects.get(target_type="outbox.outboxmessage", target_id=str(message.pk))
    assert event.actor_id == business_user.pk and event.changes["status"] == ["gave_up", "queued"]


def test_a_sent_message_cannot_be_retried(business_client, partnership):
    """Retrying a sent message is refused with a reason (400), and nothing is queued."""
    message = _message(partnership, 1, Status.SENT)
    response = business_client.post(f"/outbox/{message.pk}/retry/")
    assert response.status_code == 400
    assert "has already been sent" in response.content.decode()
    assert OutboxMessage.objects.get(pk=message.pk).status == Status.SENT


def test_retry_is_post_only(business_client, partnership):
    """A GET of the retry address changes nothing (405)."""
    message = _message(partnership, 1, Status.FAILED)
    assert business_client.get(f"/outbox/{message.pk}/retry/").status_code == 405


def test_the_list_reads_a_page_in_a_few_queries(business_client, partnership, django_assert_max_num_queries):
    """Sixty messages cost no more queries than one (no per-row reads)."""
    for n in range(60):
        _message(partnership, n, Status.SENT)
    with django_assert_max_num_queries(15):
        assert business_client.get("/outbox/?page=2").status_code == 200
