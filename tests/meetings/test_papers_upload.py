"""Uploading a paper to an agenda item: checked by its content, stored with its SHA-256, audited; removable
until it has been circulated."""

import hashlib
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from casereview.audit.models import AuditEvent
from casereview.meetings.agenda_services import papers_circulate
from casereview.meetings.models import Paper
from casereview.reviews.uploads import MAX_BYTES
from tests.conftest import sign_in
from tests.meetings import test_agenda_support as support
from tests.meetings.test_agenda_support import EXE_BYTES, PDF_BYTES, add_item, add_paper, invite, meeting_on

pytestmark = pytest.mark.django_db
demo = support.demo


@pytest.fixture
def item(demo):
    return add_item(demo["business"], meeting_on(demo["subgroup"], date(2026, 3, 10)), "Learning briefing")


def _url(item) -> str:
    return f"/meetings/{item.meeting_id}/agenda/{item.pk}/papers/add/"


def test_a_paper_is_stored_with_its_hash_and_audited(client, demo, item):
    """The type comes from the content; the name the user gave is kept for display; the upload is audited."""
    upload = SimpleUploadedFile("../../Briefing.pdf", PDF_BYTES, content_type="text/html")
    response = sign_in(client, demo["business"]).post(_url(item), {"title": "Briefing", "file": upload})
    assert response.status_code == 302
    paper = Paper.objects.get(item=item)
    assert (paper.title, paper.original_name, paper.content_type) == ("Briefing", "Briefing.pdf", "application/pdf")
    assert paper.sha256 == hashlib.sha256(PDF_BYTES).hexdigest() and paper.size == len(PDF_BYTES)
    assert paper.uploaded_by == demo["business"] and paper.file.name.endswith(".pdf")
    assert "Briefing" not in paper.file.name  # stored under a random name
    event = AuditEvent.objects.get(verb="created", target_type="meetings.paper", target_id=str(paper.pk))
    assert event.changes["sha256"] == [None, paper.sha256]


@pytest.mark.parametrize(("data", "message"), [
    ({"title": "", "file": "pdf"}, "Enter a title for the paper"),
    ({"title": "A paper"}, "Choose the paper&#x27;s file"),
    ({"title": "A paper", "file": SimpleUploadedFile("invoice.pdf", EXE_BYTES)},
     "invoice.pdf must be a PDF, Word document (.docx), Excel spreadsheet (.xlsx), PNG, JPEG or plain text file"),
    ({"title": "A paper", "file": SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * MAX_BYTES)},
     "big.pdf must be 10MB or smaller"),
])
def test_bad_uploads_are_refused_beside_the_field(client, demo, item, data, message):
    """A missing title, no file, a disguised program or an oversized file: 400, a message, nothing stored."""
    if data.get("file") == "pdf":
        data = {**data, "file": SimpleUploadedFile("ok.pdf", PDF_BYTES)}
    response = sign_in(client, demo["business"]).post(_url(item), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Paper.objects.exists()


def test_a_paper_for_another_meetings_item_is_not_found(client, demo, item):
    """The item must belong to the meeting in the address."""
    other = meeting_on(demo["subgroup"], date(2026, 6, 9))
    url = f"/meetings/{other.pk}/agenda/{item.pk}/papers/add/"
    response = sign_in(client, demo["business"]).post(url, {"title": "X", "file": SimpleUploadedFile("a.pdf",
                                                                                                      PDF_BYTES)})
    assert response.status_code == 404 and not Paper.objects.exists()


def test_members_cannot_upload(client, demo, item):
    """Only the business team adds papers."""
    response = sign_in(client, demo["member"]).post(_url(item), {"title": "X"})
    assert response.status_code == 403


def test_a_paper_can_be_removed_until_it_is_circulated(client, demo, item, django_capture_on_commit_callbacks):
    """A paper uploaded in error can go before circulation; afterwards it stays."""
    actor = demo["business"]
    wrong = add_paper(actor, item, "Wrong file")
    stored = wrong.file.name
    sign_in(client, actor)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/meetings/papers/{wrong.pk}/remove/").status_code == 302
    assert not Paper.objects.filter(pk=wrong.pk).exists()
    assert not wrong.file.storage.exists(stored)  # the file goes too, once the removal is committed
    assert AuditEvent.objects.filter(verb="deleted", target_type="meetings.paper").count() == 1
    kept = add_paper(actor, item, "Right file")
    invite(item.meeting, "Ayla Brennan")
    papers_circulate(actor=actor, meeting=item.meeting)
    assert client.post(f"/meetings/papers/{kept.pk}/remove/").status_code == 400
    assert Paper.objects.filter(pk=kept.pk).exists()
