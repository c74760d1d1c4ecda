"""Who sees which request, chasing agencies, overdue flags, the review page's section and downloads."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.loader import render_to_string
from django.urls import reverse

from casereview.audit.models import AuditEvent
from casereview.reviews.models import AgencyRequest
from casereview.reviews.requests_selectors import is_overdue, my_request_rows, request_rows
from casereview.reviews.requests_services import agency_request_remind, agency_return_submit
from tests.conftest import sign_in

from .conftest import PDF_BYTES, pdf, user

pytestmark = pytest.mark.django_db


def _returned_with_pdf(agency_request):
    data = {"involved_from": date(2025, 3, 1), "practice_episodes": "A fictional visit.", "chronology": []}
    agency_return_submit(actor=user("contributor"), request=agency_request, data=data, files=[pdf()])
    return agency_request.attachments.get()


def test_contributor_sees_only_their_agencys_request(client, police_request, education_request):
    """The police contributor opens the police request; education's request and the review page are 404."""
    sign_in(client, user("contributor"))
    assert client.get(reverse("reviews:request_detail", args=[police_request.pk])).status_code == 200
    assert client.get(reverse("reviews:request_detail", args=[education_request.pk])).status_code == 404
    assert client.get(reverse("reviews:return_submit", args=[education_request.pk])).status_code == 404
    assert client.get(reverse("reviews:detail", args=[police_request.rapid_review_id])).status_code == 404


def test_contributor_page_hides_the_childs_details(client, police_request):
    """The contributor's view of the request names the review but not the child."""
    sign_in(client, user("contributor"))
    page = client.get(reverse("reviews:request_detail", args=[police_request.pk])).content.decode()
    assert "SIN-2025-041" in page and "Baby Q" not in page
    assert reverse("reviews:detail", args=[police_request.rapid_review_id]) not in page


def test_my_requests_lists_the_contributors_agency_only(client, police_request, education_request):
    """The contributor's list has the police request with its due date and overdue flag; not education's."""
    sign_in(client, user("contributor"))
    page = client.get(reverse("reviews:my_requests")).content.decode()
    assert reverse("reviews:request_detail", args=[police_request.pk]) in page
    assert reverse("reviews:request_detail", args=[education_request.pk]) not in page
    assert "Wednesday 7 January 2026" in page and "Overdue" in page


def test_my_requests_says_so_for_other_roles(client, police_request):
    """A chair's list is empty and says why."""
    sign_in(client, user("chair"))
    page = client.get(reverse("reviews:my_requests")).content.decode()
    assert "You are not an agency contributor" in page
    assert reverse("reviews:request_detail", args=[police_request.pk]) not in page


def test_overdue_is_computed_from_the_due_date_and_the_return(police_request):
    """Overdue only after the due date, and never once returned."""
    due = police_request.due_date
    assert not is_overdue(police_request, due, has_return=False)
    assert is_overdue(police_request, due + timedelta(days=1), has_return=False)
    assert not is_overdue(police_request, due + timedelta(days=1), has_return=True)
    [row] = my_request_rows(user("contributor"), due + timedelta(days=1))
    assert row.state == "overdue" and row.label == "Overdue"
    _returned_with_pdf(police_request)
    [row] = my_request_rows(user("contributor"), due + timedelta(days=1))
    assert row.state == "returned" and not row.remindable


def test_remind_counts_marks_audits_and_emails(demo, police_request, django_capture_on_commit_callbacks):
    """A reminder increments the count, marks the request reminded, is audited and e-mails the agency."""
    with django_capture_on_commit_callbacks(execute=True):
        reminded = agency_request_remind(actor=demo["admin"], request=police_request)
    assert reminded.status == "reminded" and reminded.reminders_sent == 1
    assert AuditEvent.objects.filter(target_type="reviews.agencyrequest", changes__reminders_sent=[0, 1]).exists()
    assert "contributor@northmoor.example" in [address for m in mail.outbox for address in m.to]
    for message in mail.outbox:
        assert message.subject.startswith("Reminder:") and len(message.to) == 1
        assert "Baby Q" not in message.body


def test_a_double_click_sends_one_reminder(demo, police_request):
    """Two presses within minutes count as one reminder."""
    agency_request_remind(actor=demo["admin"], request=police_request)
    agency_request_remind(actor=demo["admin"], request=police_request)
    assert AgencyRequest.objects.get(pk=police_request.pk).reminders_sent == 1


def test_a_returned_request_is_not_reminded(demo, police_request):
    """Chasing an agency that has returned is refused."""
    _returned_with_pdf(police_request)
    with pytest.raises(ValidationError):
        agency_request_remind(actor=demo["admin"], request=police_request)


def test_remind_is_for_the_business_team_by_post(client, demo, police_request):
    """The remind URL takes POST from the business team only."""
    url = reverse("reviews:request_remind", args=[police_request.pk])
    sign_in(client, user("chair"))
    assert client.post(url).status_code == 403
    sign_in(client, demo["admin"])
    assert client.get(url).status_code == 405
    response = client.post(url, {"next": "review"})
    assert response.status_code == 302
    assert response.url == reverse("reviews:detail", args=[police_request.rapid_review_id])
    with pytest.raises(PermissionDenied):
        agency_request_remind(actor=user("contributor"), request=police_request)


def test_review_section_shows_status_tags_and_remind_buttons(demo, rf, police_request, education_request):
    """The review page's section lists each agency with its status tag, due date and a Remind form."""
    _returned_with_pdf(police_request)
    review = police_request.rapid_review
    html = render_to_string("reviews/_requests_section.html", {"review": review, "user": demo["admin"],
                                                               "can_manage": True}, request=rf.get("/"))
    assert "govuk-tag--green\">Returned" in html and "govuk-tag--red\">Overdue" in html
    assert html.count("csrfmiddlewaretoken") == 1  # a Remind form for education only
    assert reverse("reviews:request_remind", args=[education_request.pk]) in html
    assert "Ask agencies for information" in html


def test_review_section_empty_state(demo, rf, review):
    """With no agency asked, the section says so."""
    html = render_to_string("reviews/_requests_section.html", {"review": review, "user": user("chair"),
                                                               "can_manage": False}, request=rf.get("/"))
    assert "No agencies have been asked for information yet" in html and "Ask agencies" not in html


def test_section_rows_take_two_queries(demo, police_request, education_request, django_assert_max_num_queries):
    """The section's data comes in a small, fixed number of queries."""
    review = police_request.rapid_review
    with django_assert_max_num_queries(2):
        rows = request_rows(demo["admin"], review, date(2026, 1, 1))
        [row.request.agency.name for row in rows]


def test_download_is_audited_and_safe(client, police_request):
    """The contributor downloads the PDF as an attachment with its stored type, nosniff, and an audit row."""
    attachment = _returned_with_pdf(police_request)
    sign_in(client, user("contributor"))
    response = client.get(reverse("reviews:attachment_download", args=[attachment.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment") and "chronology.pdf" in disposition
    assert response["X-Content-Type-Options"] == "nosniff"
    assert AuditEvent.objects.filter(verb="downloaded", target_type="reviews.attachment",
                                     target_id=str(attachment.pk), actor_label="contributor").exists()


@pytest.mark.parametrize("username, status", [
    ("business.manager", 200), ("chair", 200), ("member", 200), ("scrutineer", 200), ("contributor", 404),
])
def test_download_permissions(client, police_request, education_request, username, status):
    """Readers of the partnership download any attachment; another agency's contributor gets 404."""
    data = {"involved_from": date(2025, 3, 1), "practice_episodes": "A fictional visit.", "chronology": []}
    agency_return_submit(actor=user("business.manager"), request=education_request, data=data, files=[pdf()])
    attachment = education_request.attachments.get()
    sign_in(client, user(username))
    assert client.get(reverse("reviews:attachment_download", args=[attachment.pk])).status_code == status
    assert AuditEvent.objects.filter(verb="downloaded").exists() == (status == 200)


def test_request_page_shows_the_return_and_audits_the_read(client, demo, police_request):
    """The business team sees the return with its attachment link; the read is audited."""
    attachment = _returned_with_pdf(police_request)
    sign_in(client, demo["admin"])
    page = client.get(reverse("reviews:request_detail", args=[police_request.pk])).content.decode()
    assert "A fictional visit." in page
    assert reverse("reviews:attachment_download", args=[attachment.pk]) in page
    assert AuditEvent.objects.filter(verb="viewed", target_type="reviews.agencyreturn").exists()
