"""New versions of an agency return's attachment: replaced while the review takes returns, checked like any
upload, the earlier version still listed ("replaced by version 2 on ...") and downloadable by the same people."""

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casereview.audit.models import AuditEvent
from casereview.reviews.models import Attachment
from casereview.reviews.requests_selectors import attachment_rows
from casereview.reviews.requests_services import agency_return_submit, attachment_replace
from casereview.reviews.services import rapid_review_transition
from casereview.reviews.uploads import MAX_BYTES
from tests.conftest import sign_in
from tests.reviews.requests import conftest as fixtures
from tests.reviews.requests.conftest import EXE_BYTES, PDF_BYTES, pdf, user

# The agency request fixtures live beside the request tests; these tests use them from here.
sandbox, review, police, education = fixtures.sandbox, fixtures.review, fixtures.police, fixtures.education
asked, police_request = fixtures.asked, fixtures.police_request

pytestmark = pytest.mark.django_db
V2_BYTES = PDF_BYTES.replace(b"Catalog", b"Catalog /Revised")


@pytest.fixture
def v1(police_request):
    """The police's nil return with one attachment, version 1."""
    agency_return_submit(actor=user("contributor"), request=police_request, nil_return=True, files=[pdf()],
                         data={"nil_explanation": "No open cases (fictional)."})
    return Attachment.objects.get(request=police_request)


def _url(attachment) -> str:
    return reverse("reviews:attachment_replace", args=[attachment.pk])


def _replace(client, attachment, content=V2_BYTES, name="chronology-v2.pdf", username="contributor"):
    return sign_in(client, user(username)).post(_url(attachment), {"file": SimpleUploadedFile(name, content)})


def test_the_contributor_replaces_an_attachment_and_the_old_one_stays(client, v1):
    response = _replace(client, v1)
    assert response.status_code == 302
    v2 = Attachment.objects.get(replaces=v1)
    assert (v2.version, v2.original_name, v2.request_id) == (2, "chronology-v2.pdf", v1.request_id)
    assert v2.sha256 == hashlib.sha256(V2_BYTES).hexdigest() and v2.uploaded_by == user("contributor")
    assert v1.file.storage.exists(v1.file.name)
    event = AuditEvent.objects.get(verb="created", target_type="reviews.attachment", target_id=str(v2.pk))
    assert event.changes["version"] == [1, 2] and event.changes["sha256"] == [v1.sha256, v2.sha256]


def test_the_request_page_lists_the_current_version_and_the_replaced_one(client, v1, police_request):
    _replace(client, v1)
    v2 = Attachment.objects.get(replaces=v1)
    [row] = attachment_rows(police_request)
    assert row.attachment == v2 and row.earlier == [(v1, v2)]
    page = sign_in(client, user("chair")).get(reverse("reviews:request_detail", args=[police_request.pk]))
    body = page.content.decode()
    assert f"/reviews/attachments/{v2.pk}/" in body and f"/reviews/attachments/{v1.pk}/" in body
    assert "replaced by version 2 on" in body and "version 2," in body
    assert "Replace with a new version" not in body  # the chair reads; only the agency or the business team replace


def test_both_versions_download_for_those_allowed_and_are_audited(client, v1, police_request):
    """The police contributor and the chair download both; the downloads are audited; nobody else gets them."""
    _replace(client, v1)
    v2 = Attachment.objects.get(replaces=v1)
    for username in ("contributor", "chair"):
        sign_in(client, user(username))
        for attachment, content in ((v1, PDF_BYTES), (v2, V2_BYTES)):
            response = client.get(reverse("reviews:attachment_download", args=[attachment.pk]))
            assert response.status_code == 200 and b"".join(response.streaming_content) == content
    assert AuditEvent.objects.filter(verb="downloaded", target_type="reviews.attachment",
                                     target_id=str(v1.pk)).count() == 2


def test_a_bad_file_is_refused_beside_the_field_and_nothing_is_saved(client, v1):
    for upload, message in ((SimpleUploadedFile("invoice.pdf", EXE_BYTES), "invoice.pdf must be a PDF"),
                            (SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * MAX_BYTES),
                             "big.pdf must be 10MB or smaller")):
        before = AuditEvent.objects.count()
        response = sign_in(client, user("contributor")).post(_url(v1), {"file": upload})
        body = response.content.decode()
        assert response.status_code == 400 and "govuk-error-summary" in body
        assert 'id="id_file_1_error"' in body.split('id="div_id_file"')[1] and message in body
        assert not Attachment.objects.filter(replaces=v1).exists() and AuditEvent.objects.count() == before
    response = sign_in(client, user("contributor")).post(_url(v1), {})
    assert response.status_code == 400 and "Choose the new version&#x27;s file" in response.content.decode()


def test_only_the_agency_asked_or_the_business_team_can_replace(client, demo, v1):
    """A reader gets 403; another agency's contributor cannot even see it; the business team can."""
    assert _replace(client, v1, username="chair").status_code == 403
    with pytest.raises(PermissionDenied):
        attachment_replace(actor=user("member"), attachment=v1, file=pdf())
    assert _replace(client, v1, username="business.manager").status_code == 302


def test_not_once_the_review_has_closed(client, demo, v1, police_request):
    """After withdrawal (or submission to the Panel) the evidence is fixed: the page says so, nothing is saved."""
    rapid_review_transition(actor=demo["admin"], review=police_request.rapid_review, to="withdrawn",
                            reason="Criteria not met.")
    page = sign_in(client, user("contributor")).get(_url(v1)).content.decode()
    assert "its attachments can no longer be replaced" in page
    response = _replace(client, v1)
    assert response.status_code == 400 and "its attachments can no longer be replaced" in response.content.decode()
    assert not Attachment.objects.filter(replaces=v1).exists()
    body = client.get(reverse("reviews:request_detail", args=[police_request.pk])).content.decode()
    assert "Replace with a new version" not in body


def test_only_the_current_version_is_replaced(v1):
    attachment_replace(actor=user("contributor"), attachment=v1, file=pdf())
    with pytest.raises(ValidationError, match="already been replaced by version 2"):
        attachment_replace(actor=user("contributor"), attachment=v1, file=pdf())


def test_deleting_an_old_version_under_retention_leaves_the_current_one(police_request, v1):
    """Records management may delete an earlier version on its own; the later one stays current, keeping its
    number (the services themselves never remove an earlier version)."""
    v2 = attachment_replace(actor=user("contributor"), attachment=v1, file=pdf())
    v1.delete()
    v2.refresh_from_db()
    [row] = attachment_rows(police_request)
    assert (row.attachment, row.earlier, v2.version, v2.replaces) == (v2, [], 2, None)
