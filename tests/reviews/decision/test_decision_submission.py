"""The Panel submission as DOCX and PDF, recording it, and the date the Panel's feedback is expected."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document

from casereview.accounts.models import User
from casereview.audit.models import AuditEvent
from casereview.reviews.models import Submission
from casereview.reviews.submission_documents import HEADINGS, submission_docx, submission_pdf
from casereview.reviews.submission_services import feedback_expectation, rapid_review_submit
from tests.conftest import sign_in

from .conftest import REAL_NAME, circulated, decided, met, pdf_text, poppler, signed

pytestmark = pytest.mark.django_db


def _signed_off(demo, group="rapid"):
    return signed(demo, decided(demo, met(demo, circulated(demo, group=group))))


def _docx_text(data: bytes) -> tuple[list[str], str]:
    doc = Document(BytesIO(data))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return headings, "\n".join([p.text for p in doc.paragraphs] + cells)


def test_docx_reads_back_with_every_heading_in_order(demo):
    """python-docx reads the Word file back; its Heading 1s are the thirteen of DOMAIN.md §5, in order."""
    headings, text = _docx_text(submission_docx(_signed_off(demo)))
    assert headings == list(HEADINGS)
    assert "Child A" in text and REAL_NAME not in text
    assert "Marcus Achterberg, Monday 12 January 2026" in text


def test_empty_sections_say_not_recorded(demo):
    """Where the record has nothing (the child's voice, parallel processes) the section says "Not recorded"."""
    doc = Document(BytesIO(submission_docx(_signed_off(demo))))
    paragraphs = [p.text for p in doc.paragraphs]
    for heading in ("The child's voice and family views", "Parallel processes"):
        assert paragraphs[paragraphs.index(heading) + 1] == "Not recorded"


def test_pdf_has_every_heading_in_order(demo, tmp_path):
    """pdftotext finds each heading after the one before it, and no real name."""
    text = " ".join(pdf_text(submission_pdf(_signed_off(demo)), tmp_path).split())
    position = 0
    for heading in HEADINGS:
        position = text.index(heading, position) + len(heading)
    assert REAL_NAME not in text and "Child A" in text


def test_docx_converts_with_libreoffice_or_is_valid_word(demo, tmp_path):
    """Where LibreOffice is installed the DOCX converts to PDF headless; otherwise python-docx proves it valid."""
    data = submission_docx(_signed_off(demo))
    (tmp_path / "submission.docx").write_bytes(data)
    soffice = shutil.which("soffice")
    if soffice:
        result = subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                                 str(tmp_path / "submission.docx")], capture_output=True, timeout=180)
        assert result.returncode == 0 and (tmp_path / "submission.pdf").stat().st_size > 0
    else:
        doc = Document(str(tmp_path / "submission.docx"))
        assert doc.core_properties.title == "Rapid review submission: SIN-2025-041"
        assert len(doc.tables) >= 5 and data[:2] == b"PK"


def test_kent_feedback_is_expected_ten_working_days_after_the_panel_meeting(demo):
    """Kent: Panel meeting Thursday 22 January 2026, feedback expected Thursday 5 February 2026."""
    submission = rapid_review_submit(actor=demo["admin"], review=_signed_off(demo), sent_on=date(2026, 1, 13),
                                     panel_meeting_date=date(2026, 1, 22))
    assert submission.feedback_expected_on == date(2026, 2, 5)


def test_kingston_richmond_sets_no_feedback_date_and_says_so(demo):
    """Kingston & Richmond's terms have no Panel clock: no expected date, and the page says why."""
    review = _signed_off(demo, "subgroup")
    submission = rapid_review_submit(actor=demo["admin"], review=review, sent_on=date(2026, 1, 13),
                                     panel_meeting_date=date(2026, 1, 22))
    assert submission.feedback_expected_on is None
    assert "set no date for the Panel's feedback" in feedback_expectation(review)


def test_second_submission_is_refused(demo):
    """The submission is recorded once; a double click changes nothing."""
    review = _signed_off(demo)
    rapid_review_submit(actor=demo["admin"], review=review, sent_on=date(2026, 1, 13))
    with pytest.raises(ValidationError, match="already been recorded"):
        rapid_review_submit(actor=demo["admin"], review=review, sent_on=date(2026, 1, 14))
    assert Submission.objects.get().sent_on == date(2026, 1, 13)


def test_submission_before_the_last_sign_off_is_refused(demo):
    """The date sent cannot precede the last partner's sign-off."""
    with pytest.raises(ValidationError) as excinfo:
        rapid_review_submit(actor=demo["admin"], review=_signed_off(demo), sent_on=date(2026, 1, 9))
    assert "sent_on" in excinfo.value.message_dict and not Submission.objects.exists()


@pytest.mark.parametrize("username, status", [("scrutineer", 200), ("chair", 200), ("contributor", 404)])
def test_submission_downloads_for_readers_are_audited(demo, client, username, status):
    """Readers download the Word and PDF files (each audited); an agency contributor gets 404."""
    review = _signed_off(demo)
    sign_in(client, User.objects.get(username=username))
    for name in ("reviews:submission_docx", "reviews:submission_pdf"):
        assert client.get(reverse(name, args=[review.pk])).status_code == status
    downloads = AuditEvent.objects.filter(verb="downloaded", actor_label=username, target_id=str(review.pk))
    assert downloads.count() == (2 if status == 200 else 0)


def test_submit_page_records_the_submission(demo, client):
    """The business team records the date sent and the Panel meeting; the review page shows the expected date."""
    review = _signed_off(demo)
    sign_in(client, demo["admin"])
    url = reverse("reviews:submit", args=[review.pk])
    assert "10 working days of the Panel meeting" in client.get(url).content.decode()
    response = client.post(url, {"sent_on": "2026-01-13", "panel_meeting_date": "2026-01-22"}, follow=True)
    assert "By Thursday 5 February 2026 (an expected date, not a deadline)" in response.content.decode()


def test_household_voice_and_parallel_processes_fill_their_sections(demo):
    """What the group records about the household, the child's voice and parallel processes reaches the DOCX."""
    review = signed(demo, decided(demo, met(demo, circulated(demo)), household_context="Lived with mother and "
                                  "her partner; father in contact weekly.", childs_voice="Said she liked school.",
                                  parallel_processes=["police_investigation", "coroner"],
                                  parallel_notes="Police investigation ongoing: disclosure limited."))
    doc = Document(BytesIO(submission_docx(review)))
    paragraphs = [p.text for p in doc.paragraphs]
    after = {h: paragraphs[paragraphs.index(h) + 1] for h in
             ("Household and family context", "The child's voice and family views", "Parallel processes")}
    assert after["Household and family context"].startswith("Lived with mother")
    assert after["The child's voice and family views"] == "Said she liked school."
    assert after["Parallel processes"] == "Under way: Police investigation, Coroner's inquest."


def test_pdf_is_tagged_for_screen_readers(demo, tmp_path):
    """The PDF is PDF/UA-1: pdfinfo reports it tagged, with the document's title and language."""
    source = tmp_path / "submission.pdf"
    source.write_bytes(submission_pdf(_signed_off(demo)))
    info = subprocess.run([poppler("pdfinfo"), str(source)], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info
    assert "Title:           Rapid review submission: SIN-2025-041" in info
