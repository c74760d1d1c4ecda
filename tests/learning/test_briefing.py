"""The seven-minute briefing: one page of a review's learning, as DOCX and PDF, with pseudonyms only."""

import subprocess
from io import BytesIO

import pytest
from docx import Document

from casereview.audit.models import AuditEvent
from casereview.learning.briefing_documents import HEADINGS, briefing, briefing_docx, briefing_pdf, clip
from casereview.learning.models import Finding, Recommendation, Review, Theme, ThemeTag
from casereview.learning.theme_services import tags_set, taxonomy_ensure
from casereview.partnerships.models import Agency
from tests.conftest import sign_in, user_with_role
from tests.reviews.conftest import child, demo, record  # noqa: F401  (demo is a fixture)

pytestmark = pytest.mark.django_db
SUMMARY = (
    "Child O was a baby of four months who lived with Family U. Health visitors, the GP and children's social care "
    "knew the family. Concerns about a bruise were noted but not shared between agencies, and the father's "
    "history was not known to the professionals who visited. Child O was taken to hospital with serious injuries. "
    "The review looked at how agencies worked together over the six months before the incident, and heard from "
    "practitioners at a learning event and from the mother.")


def make_review(demo, findings=4, recommendations=4, text="A fictional piece of learning about practice."):  # noqa: F811
    notification = record(demo, reference="SIN-BRIEF-1", children=[child(pseudonym="Child O")])
    partnership = demo["rapid"].partnership
    review = Review.objects.create(
        partnership=partnership, kind="lcspr", title="Practice review: Child O", reference="LCSPR-2025-01",
        status="published", year=2025, summary=SUMMARY, pseudonyms="Child O, Family U",
        rapid_review=notification.rapid_review, publication_url="https://example.test/child-o")
    for n in range(1, findings + 1):
        Finding.objects.create(review=review, number=n, text=f"Finding {n}. {text}")
    for n in range(1, recommendations + 1):
        Recommendation.objects.create(partnership=partnership, review=review, number=n, text=f"Rec {n}. {text}")
    taxonomy_ensure(partnership, demo["admin"])
    themes = list(Theme.objects.filter(partnership=partnership, key__in=["nai_babies", "information_sharing",
                                                                          "fathers"]))
    tags_set(actor=demo["admin"], target=review, themes=themes, source="lcspr", year=2025)
    return review


def pdf_pages(data: bytes, tmp_path) -> tuple[int, str]:
    path = tmp_path / "briefing.pdf"
    path.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return pages, text


def test_docx_has_the_seven_headings_in_order(demo):  # noqa: F811
    """The Word document opens with python-docx and has the title and the seven sections as Heading 1."""
    review = make_review(demo)
    doc = Document(BytesIO(briefing_docx(review)))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == list(HEADINGS)
    text = "\n".join(p.text for p in doc.paragraphs)
    assert doc.paragraphs[0].text == "Seven-minute briefing: Practice review: Child O"
    assert "Names used: Child O, Family U." in text and "1. Finding 1." in text and "4. Rec 4." in text
    assert "Non-accidental injury in babies" in text and "https://example.test/child-o" in text
    assert "SIN-BRIEF-1" not in text  # nothing from the notification


def test_pdf_is_one_page_with_the_same_sections(demo, tmp_path):  # noqa: F811
    """A typical review's briefing is one A4 page whose text has every heading and the learning."""
    review = make_review(demo)
    data = briefing_pdf(review)
    (tmp_path.parent / "briefing-sample.pdf").write_bytes(data)
    pages, text = pdf_pages(data, tmp_path)
    assert pages == 1
    for heading in HEADINGS:
        assert heading in text
    assert "Child O" in text and "Questions for reflection" in text and "SIN-BRIEF-1" not in text
    assert "bruises or injuries in a baby" in " ".join(text.split())  # the theme's own reflection question


def test_a_long_review_still_fits_one_page(demo, tmp_path):  # noqa: F811
    """Many long findings and recommendations are cut to five each, with a pointer to the full report."""
    review = make_review(demo, findings=9, recommendations=7, text="Long learning " * 40)
    content = briefing(review)
    learning = dict(content.sections)["Key learning"]
    assert len(learning) == 6 and learning[-1] == "And 4 more findings in the full report."
    assert all(len(item) <= 310 for item in learning)
    pages, _text = pdf_pages(briefing_pdf(review), tmp_path)
    assert pages == 1


def test_clip_cuts_at_a_word():
    """Long text is cut at a word with an ellipsis; short text is left alone."""
    assert clip("short text") == "short text"
    assert clip("one two three four", limit=10) == "one two…"


def test_downloads_are_audited_and_scoped(client, demo):  # noqa: F811
    """Each download is an export in the audit trail; an agency contributor gets 404."""
    review = make_review(demo)
    sign_in(client, demo["admin"])
    for kind, content_type in (("docx", "application/vnd.openxmlformats"), ("pdf", "application/pdf")):
        response = client.get(f"/learning/reviews/{review.pk}/briefing.{kind}")
        assert response.status_code == 200 and response["Content-Type"].startswith(content_type)
        assert "seven-minute-briefing-lcspr-2025-01" in response["Content-Disposition"]
    events = AuditEvent.objects.filter(verb="exported", target_type="learning.review", target_id=str(review.pk))
    assert sorted(e.changes["document"][1] for e in events) == ["Seven-minute briefing (DOCX)",
                                                               "Seven-minute briefing (PDF)"]
    agency = Agency.objects.filter(partnership=review.partnership).order_by("pk").first()
    contributor = user_with_role(review.partnership, "agency_contributor", agency=agency)
    sign_in(client, contributor)
    assert client.get(f"/learning/reviews/{review.pk}/briefing.pdf").status_code == 404


def test_recurring_themes_are_named(demo):  # noqa: F811
    """"Why it matters" names the themes that earlier reviews share with this one."""
    review = make_review(demo)
    earlier = Review.objects.create(partnership=review.partnership, kind="national", title="Earlier national",
                                    status="completed", year=2022)
    ThemeTag.objects.create(partnership=review.partnership, theme=Theme.objects.get(
        partnership=review.partnership, key="fathers"), review=earlier, source="national", year=2022)
    why = dict(briefing(review).sections)["Why it matters"]
    assert why[-1] == "These themes have come up in earlier reviews too: Fathers and male carers."
