"""The secure return form: a full return with chronology and attachments, nil returns, and what is refused."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casereview.audit.models import AuditEvent
from casereview.reviews.models import AgencyRequest, AgencyReturn, Attachment
from casereview.reviews.requests_services import agency_return_submit
from casereview.reviews.services import rapid_review_transition
from casereview.reviews.uploads import MAX_BYTES
from tests.conftest import sign_in

from .conftest import EXE_BYTES, PDF_BYTES, pdf, user

pytestmark = pytest.mark.django_db

ROWS = {"chronology-TOTAL_FORMS": "5", "chronology-INITIAL_FORMS": "0", "chronology-MIN_NUM_FORMS": "0",
        "chronology-MAX_NUM_FORMS": "20"}


def form_data(**overrides):
    data = {
        **ROWS, "involved_from": "2025-03-01", "involved_to": "2025-12-15",
        "key_contacts": "DS Priya Lindqvist (fictional)", "practice_episodes": "A fictional home visit in March.",
        "went_well": "Prompt referral.", "concerns": "", "immediate_actions": "Sibling safety check.",
        "identity_considerations": "Interpreter used.",
        "chronology-0-date": "2025-11-20", "chronology-0-event": "Strategy discussion (fictional).",
        "chronology-1-date": "2025-03-01", "chronology-1-event": "First contact (fictional).",
    }
    return {**data, **overrides}


def submit(client, agency_request, **data):
    return client.post(reverse("reviews:return_submit", args=[agency_request.pk]), data)


def test_contributor_returns_with_chronology_and_a_pdf(client, police_request):
    """The police contributor's return is saved with its chronology in date order and its PDF, and audited."""
    sign_in(client, user("contributor"))
    response = submit(client, police_request, **form_data(attachments=[pdf()]))
    assert response.status_code == 302
    saved = AgencyReturn.objects.get(request=police_request)
    assert [row["date"] for row in saved.chronology] == ["2025-03-01", "2025-11-20"]
    assert saved.submitted_by == user("contributor") and not saved.nil_return
    attachment = Attachment.objects.get(request=police_request)
    assert attachment.content_type == "application/pdf" and attachment.original_name == "chronology.pdf"
    assert attachment.file.read() == PDF_BYTES and len(attachment.sha256) == 64
    assert AgencyRequest.objects.get(pk=police_request.pk).status == "returned"
    event = AuditEvent.objects.get(target_type="reviews.agencyreturn")
    assert event.changes["attachments_sha256"] == [None, [attachment.sha256]]


def test_the_form_page_is_multipart_with_every_section(client, police_request):
    """The form uploads files and asks for every part of the return."""
    sign_in(client, user("contributor"))
    page = client.get(reverse("reviews:return_submit", args=[police_request.pk])).content.decode()
    assert 'enctype="multipart/form-data"' in page and 'multiple' in page
    for label in ("Involvement began", "Key practice episodes", "What went well", "Immediate actions taken",
                  "Identity and diversity considerations", "Entry 5", "Nil return"):
        assert label in page


def test_more_chronology_rows_keep_what_was_typed(client, police_request):
    """Asking for more rows re-shows the form with five more rows and saves nothing."""
    sign_in(client, user("contributor"))
    response = submit(client, police_request, **form_data(more_rows="1"))
    page = response.content.decode()
    assert response.status_code == 200 and "Entry 10" in page and "Strategy discussion (fictional)." in page
    assert not AgencyReturn.objects.exists()


def test_nil_return(demo, police_request):
    """A nil return needs only a short explanation, kept as its concerns."""
    agency_return_submit(actor=user("contributor"), request=police_request, files=[], nil_return=True,
                         data={"nil_explanation": "Police systems searched; no records (fictional)."})
    police_request.refresh_from_db()
    assert police_request.status == "nil_return"
    assert police_request.agency_return.concerns.startswith("Police systems searched")


def test_nil_return_needs_an_explanation(client, police_request):
    """A nil return without a word of explanation is refused beside that field."""
    sign_in(client, user("contributor"))
    response = submit(client, police_request, **ROWS, nil_return="on", nil_explanation="")
    assert response.status_code == 400
    assert "Explain briefly why your agency had no involvement" in response.content.decode()
    assert not AgencyReturn.objects.exists()


def test_a_second_submission_is_refused(client, police_request):
    """A double submission saves one return and says the second was refused."""
    sign_in(client, user("contributor"))
    assert submit(client, police_request, **form_data()).status_code == 302
    again = submit(client, police_request, **form_data())
    assert again.status_code == 400
    assert "This return has already been submitted" in again.content.decode()
    assert AgencyReturn.objects.count() == 1


def test_a_return_after_withdrawal_is_refused(client, demo, police_request):
    """Once the review is withdrawn the form says so and nothing is saved."""
    rapid_review_transition(actor=demo["admin"], review=police_request.rapid_review, to="withdrawn",
                            reason="Criteria not met.")
    sign_in(client, user("contributor"))
    response = submit(client, police_request, **form_data())
    assert "The review has closed: returns can no longer be added" in response.content.decode()
    assert not AgencyReturn.objects.exists()


@pytest.mark.parametrize("upload, message", [
    (SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * MAX_BYTES), "big.pdf must be 10MB or smaller"),
    (SimpleUploadedFile("invoice.pdf", EXE_BYTES), "invoice.pdf must be a PDF, Word document"),
    (SimpleUploadedFile("archive.docx", b"PK\x05\x06" + b"\x00" * 18), "archive.docx must be a PDF"),
    (SimpleUploadedFile("notes.txt", "Caf\u00e9".encode("latin-1")), "notes.txt must be a PDF"),
])
def test_a_bad_file_refuses_the_whole_return(client, police_request, upload, message):
    """An oversized or wrong-type file is named in an error beside the field; nothing is saved."""
    sign_in(client, user("contributor"))
    response = submit(client, police_request, **form_data(attachments=[pdf(), upload]))
    assert response.status_code == 400
    page = response.content.decode()
    beside_field = page.split('id="div_id_attachments"')[1]
    assert 'id="id_attachments_1_error"' in beside_field and message in beside_field
    assert not AgencyReturn.objects.exists() and not Attachment.objects.exists()
    assert AgencyRequest.objects.get(pk=police_request.pk).status == "requested"


def test_plain_text_and_office_files_are_recognised_from_content(demo, police_request):
    """UTF-8 text and a ZIP with a word/ folder pass; the stored type comes from the content."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    files = [SimpleUploadedFile("notes.txt", "Café notes".encode()), SimpleUploadedFile("summary", buffer.getvalue())]
    agency_return_submit(actor=user("contributor"), request=police_request, files=files,
                         data=_valid_data())
    assert sorted(Attachment.objects.values_list("content_type", flat=True)) == [
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "text/plain"]


def _valid_data(**overrides):
    from datetime import date

    return {"involved_from": date(2025, 3, 1), "involved_to": None, "practice_episodes": "A fictional visit.",
            "chronology": [], **overrides}


@pytest.mark.parametrize("overrides, field", [
    ({"involved_from": None}, "involved_from"),
    ({"involved_to": "2025-01-01"}, "involved_to"),
    ({"involved_from": "2099-01-01"}, "involved_from"),
    ({"practice_episodes": ""}, "practice_episodes"),
    ({"chronology": [{"date": "2025-13-40", "event": "x"}]}, "chronology"),
    ({"chronology": [{"date": "2025-03-02", "event": ""}]}, "chronology"),
])
def test_return_rules(demo, police_request, overrides, field):
    """Dates in order and not in the future, practice episodes given, every chronology row complete."""
    from datetime import date

    data = _valid_data(**overrides)
    for key in ("involved_from", "involved_to"):
        if isinstance(data[key], str):
            data[key] = date.fromisoformat(data[key])
    with pytest.raises(ValidationError) as excinfo:
        agency_return_submit(actor=user("contributor"), request=police_request, files=[], data=data)
    assert field in excinfo.value.message_dict


def test_chronology_row_errors_show_beside_the_row(client, police_request):
    """A chronology entry with text but no date is refused beside that row's date."""
    sign_in(client, user("contributor"))
    response = submit(client, police_request, **form_data(**{"chronology-2-event": "Undated visit."}))
    assert response.status_code == 400
    assert "Chronology entry 3: Enter the date of this entry" in response.content.decode()


@pytest.mark.parametrize("username", ["chair", "member", "scrutineer"])
def test_readers_cannot_submit(demo, police_request, username):
    """Those who read reviews but do not act for the agency cannot submit its return."""
    with pytest.raises(PermissionDenied):
        agency_return_submit(actor=user(username), request=police_request, files=[], data=_valid_data())


def test_the_business_team_can_submit_for_an_agency(demo, education_request):
    """The business team may enter a return on an agency's behalf."""
    agency_return_submit(actor=demo["admin"], request=education_request, files=[], data=_valid_data())
    assert AgencyRequest.objects.get(pk=education_request.pk).status == "returned"
