"""Records due for review, keep-until decisions, legal holds and deletion (service and pages)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from casereview.audit.models import AuditEvent
from casereview.domain.retention import RecordType
from casereview.incidents.models import Child, IdentityRecord, Notification
from casereview.records.deletion_services import record_delete, record_keep
from casereview.records.hold_services import legal_hold_item_add, legal_hold_place, legal_hold_release
from casereview.records.models import DeletionLog
from casereview.reviews.models import Attachment, RapidReview
from tests.conftest import sign_in
from tests.records.helpers import notification_with_attachment

NOTIFICATION = RecordType.NOTIFICATION


def _delete(rec, notification, reason="Review found no reason to keep it"):
    return record_delete(actor=rec["admin"], partnership=rec["partnership"], record_type=NOTIFICATION,
                         object_id=notification.pk, reason=reason)


def test_an_old_notification_is_due_and_a_new_one_is_not(client, rec):
    """The review list is worked out from the rule and the record's dates on each request."""
    old, _ = notification_with_attachment(rec["admin"])
    notification_with_attachment(rec["admin"], reference="SIN-REC-NEW", received=timezone.localdate())
    sign_in(client, rec["admin"])
    page = client.get("/records/").content.decode()
    assert "Notification SIN-REC-1" in page and "4 March 2023" in page
    assert "SIN-REC-NEW" not in page
    assert "Quentin" not in page


def test_keep_until_takes_it_off_the_list_until_then(client, rec):
    """A keep-until decision moves the review date, and the record is not deletable before it."""
    notification, _ = notification_with_attachment(rec["admin"])
    sign_in(client, rec["admin"])
    later = timezone.localdate() + timedelta(days=400)
    response = client.post(f"/records/notification/{notification.pk}/keep/",
                           {"keep_until": later.isoformat(), "reason": "Coroner's inquest not yet held"})
    assert response.status_code == 302
    assert f'href="/records/notification/{notification.pk}/"' not in client.get("/records/").content.decode()
    with pytest.raises(ValidationError, match="kept until"):
        _delete(rec, notification)
    assert client.post(f"/records/notification/{notification.pk}/keep/",
                       {"keep_until": "2001-01-01", "reason": "x"}).status_code == 400


def test_deletion_removes_rows_and_files_and_logs(rec, django_capture_on_commit_callbacks):
    """Deleting a notification removes its rapid review, children, identity records, attachments and files."""
    notification, attachment = notification_with_attachment(rec["admin"])
    path = rec["media"] / attachment.file.name
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        log = _delete(rec, notification)
    assert not Notification.objects.filter(pk=notification.pk).exists()
    assert not RapidReview.objects.filter(notification_id=notification.pk).exists()
    assert not Child.objects.exists() and not IdentityRecord.objects.exists() and not Attachment.objects.exists()
    assert not path.exists()
    assert (log.label, log.files_removed, log.review_date) == ("Notification SIN-REC-1", 1, date(2023, 3, 4))
    assert log.rows_by_model["incidents.IdentityRecord"] == 1 and log.rows_removed >= 6
    assert "Quentin" not in str(log.__dict__) and "Child Q" not in log.label
    event = AuditEvent.objects.filter(verb="deleted", target_type="incidents.notification").get()
    assert event.changes["reason"] == [None, "Review found no reason to keep it"]


def test_the_deletion_log_is_append_only(rec, django_capture_on_commit_callbacks):
    """The log cannot be edited or deleted through the application."""
    notification, _ = notification_with_attachment(rec["admin"])
    log = _delete(rec, notification)
    with pytest.raises(PermissionError):
        log.save()
    with pytest.raises(PermissionError):
        DeletionLog.objects.all().delete()
    with pytest.raises(PermissionError):
        DeletionLog.objects.update(reason="changed")


def test_a_hold_blocks_deletion_until_released(client, rec, django_capture_on_commit_callbacks):
    """Under an active hold the service and the page refuse; after release the record can be deleted."""
    notification, _ = notification_with_attachment(rec["admin"])
    hold = legal_hold_place(actor=rec["admin"], partnership=rec["partnership"], kind="litigation",
                            description="Civil claim, fictional reference CC-1")
    legal_hold_item_add(actor=rec["admin"], hold=hold, record_type="notification", reference="sin-rec-1")
    with pytest.raises(ValidationError, match="legal hold"):
        _delete(rec, notification)
    sign_in(client, rec["admin"])
    page = client.get(f"/records/notification/{notification.pk}/delete/").content.decode()
    assert "cannot be deleted" in page and "Litigation: Civil claim" in page
    response = client.post(f"/records/notification/{notification.pk}/delete/",
                           {"reason": "Due", "confirm": "on"})
    assert response.status_code == 400 and "legal hold" in response.content.decode()
    assert Notification.objects.filter(pk=notification.pk).exists()

    legal_hold_release(actor=rec["admin"], hold=hold, reason="Claim settled")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/records/notification/{notification.pk}/delete/",
                               {"reason": "Due and no longer needed", "confirm": "on"})
    assert response.status_code == 302
    assert not Notification.objects.filter(pk=notification.pk).exists()
    assert "Notification SIN-REC-1" in client.get("/records/deleted/").content.decode()


def test_a_whole_type_hold_covers_every_record_of_the_type(rec):
    """A hold on a record type blocks deletion of any record of it."""
    notification, _ = notification_with_attachment(rec["admin"])
    hold = legal_hold_place(actor=rec["admin"], partnership=rec["partnership"], kind="inquiry",
                            description="Public inquiry (fictional)")
    legal_hold_item_add(actor=rec["admin"], hold=hold, record_type="notification", whole_type=True)
    with pytest.raises(ValidationError, match="Public inquiry"):
        _delete(rec, notification)


def test_hold_pages_validate(client, rec):
    """Placing a hold needs a kind and a description; adding a record needs one that exists."""
    sign_in(client, rec["admin"])
    response = client.post("/records/holds/new/", {"kind": "", "description": ""})
    assert response.status_code == 400 and "Choose what the hold is for" in response.content.decode()
    response = client.post("/records/holds/new/", {"kind": "criminal_proceedings", "description": "Trial (fictional)"})
    assert response.status_code == 302
    add = response.url + "add/"
    response = client.post(add, {"record_type": "notification", "reference": "NO-SUCH"})
    assert response.status_code == 400 and "No record of this type" in response.content.decode()
    response = client.post(response.request["PATH_INFO"], {"record_type": "meeting", "reference": ""})
    assert "Enter the record" in response.content.decode()


def test_a_record_others_depend_on_is_refused_with_a_message(client, rec):
    """A rapid review that a meeting points to (PROTECT) cannot be deleted: the message says what depends on it."""
    from tests.actions.governance_helpers import meeting_on

    notification, _ = notification_with_attachment(rec["admin"])
    meeting = meeting_on(notification.group, date(2025, 12, 30), kind="rapid_review")
    meeting.rapid_review = notification.rapid_review
    meeting.save()
    with pytest.raises(ValidationError, match="other records depend on its rapid review: 1 meeting"):
        _delete(rec, notification)
    sign_in(client, rec["admin"])
    response = client.post(f"/records/notification/{notification.pk}/delete/", {"reason": "Due", "confirm": "on"})
    assert response.status_code == 400 and "1 meeting" in response.content.decode()
    assert Notification.objects.filter(pk=notification.pk).exists() and Attachment.objects.exists()


def test_deleting_a_meeting_removes_its_papers(rec, django_capture_on_commit_callbacks):
    """A meeting goes with its agenda and papers, and the paper files go from the store."""
    from django.core.files.base import ContentFile

    from casereview.meetings.models import AgendaItem, Meeting, Paper
    from casereview.partnerships.models import Group
    from tests.actions.governance_helpers import meeting_on

    meeting = meeting_on(Group.objects.get(name="Case Review Subgroup"), date(2012, 5, 1))
    item = AgendaItem.objects.create(meeting=meeting, number=1, title="Fictional item")
    paper = Paper.objects.create(item=item, title="Paper", file=ContentFile(b"A paper.", name="paper.txt"),
                                 original_name="paper.txt", content_type="text/plain", size=8, sha256="0" * 64)
    path = rec["media"] / paper.file.name
    with django_capture_on_commit_callbacks(execute=True):
        log = record_delete(actor=rec["admin"], partnership=rec["partnership"], record_type=RecordType.MEETING,
                            object_id=meeting.pk, reason="Seven years passed")
    assert not Meeting.objects.filter(pk=meeting.pk).exists() and not path.exists()
    assert log.files_removed == 1


def test_review_only_types_are_not_deleted(rec):
    """Actions and documents are reviewed but not deleted by the service."""
    _, attachment = notification_with_attachment(rec["admin"])
    with pytest.raises(ValidationError, match="not deleted by the service"):
        record_delete(actor=rec["admin"], partnership=rec["partnership"], record_type=RecordType.DOCUMENT,
                      object_id=attachment.pk, reason="x")


def test_records_pages_are_for_the_business_team_only(client, rec):
    """Members get 404 on the review list, a record, holds and the log."""
    notification, _ = notification_with_attachment(rec["admin"])
    sign_in(client, rec["member"])
    for url in ["/records/", f"/records/notification/{notification.pk}/", "/records/holds/", "/records/deleted/",
                f"/records/notification/{notification.pk}/delete/"]:
        assert client.get(url).status_code == 404, url


def test_keep_needs_a_reason(rec):
    """A keep-until decision needs a future date and a reason."""
    notification, _ = notification_with_attachment(rec["admin"])
    with pytest.raises(ValidationError) as error:
        record_keep(actor=rec["admin"], partnership=rec["partnership"], record_type=NOTIFICATION,
                    object_id=notification.pk, keep_until=date(2000, 1, 1), reason=" ")
    assert set(error.value.message_dict) == {"keep_until", "reason"}


def test_the_review_list_does_not_query_per_record(client, rec):
    """The number of queries for the review list does not grow with the number of records due."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    notification_with_attachment(rec["admin"])
    sign_in(client, rec["admin"])
    with CaptureQueriesContext(connection) as one:
        client.get("/records/")
    for n in range(2, 5):
        notification_with_attachment(rec["admin"], reference=f"SIN-REC-{n}")
    with CaptureQueriesContext(connection) as four:
        page = client.get("/records/").content.decode()
    assert page.count('href="/records/notification/') == 4
    assert len(four) == len(one)


def test_delete_page_asks_for_a_reason_and_confirmation(client, rec):
    """A due record's delete page says what goes; without a reason and the confirmation nothing is deleted."""
    notification, _ = notification_with_attachment(rec["admin"])
    sign_in(client, rec["admin"])
    url = f"/records/notification/{notification.pk}/delete/"
    page = client.get(url).content.decode()
    assert "Delete Notification SIN-REC-1" in page and "identity records" in page
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    assert "Enter why the record is being deleted" in response.content.decode()
    assert "Confirm that you understand" in response.content.decode()
    assert Notification.objects.filter(pk=notification.pk).exists()


def test_hold_release_page(client, rec):
    """Releasing a hold through its page needs a reason, then records the release."""
    hold = legal_hold_place(actor=rec["admin"], partnership=rec["partnership"], kind="other",
                            description="Subject access request (fictional)")
    sign_in(client, rec["admin"])
    assert client.post(f"/records/holds/{hold.pk}/release/", {"reason": ""}).status_code == 400
    assert client.post(f"/records/holds/{hold.pk}/release/", {"reason": "Answered"}).status_code == 302
    hold.refresh_from_db()
    assert hold.released_on is not None and hold.release_reason == "Answered"
    assert "Released" in client.get("/records/holds/").content.decode()
    assert AuditEvent.objects.filter(target_type="records.legalhold", verb="ended").count() == 1
