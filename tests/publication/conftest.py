"""Fixtures for publication: the demo partnership, a practice review commissioned from a rapid review whose
notification names two invented children in the identity register, a second business team user, and a
Word report built here with python-docx."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from docx import Document

from casereview.accounts.models import User
from casereview.incidents.services import notification_record
from casereview.learning.review_services import practice_review_commission
from casereview.partnerships.demo import load_demo
from casereview.partnerships.models import Group, Partnership
from casereview.reviews.models import Decision
from tests.conftest import user_with_role

# Invented people and details (phone numbers from Ofcom's drama ranges; the NHS number from the test range).
CHILD_NAME = "Tamsin Jane Exampleton"
SIBLING_NAME = "Orrin Exampleton"
ADDRESS = "12 Larch Road\nNorthmoor\nNM4 7QX"
REPORT_LINES = [
    ("Title", "Local child safeguarding practice review: Tamsin"),
    ("Heading 1", "1. Background"),
    (None, "Tamsin Jane Exampleton (known as Tammy) was born on 4th March 2022 and lived with her brother Orrin "
           "at 12 Larch Road, Northmoor NM4 7QX."),
    (None, "Tamsin's health visitor rang 020 7946 0018; her NHS number was 943 476 5919."),
    ("Heading 1", "2. Learning"),
    ("List Bullet", "Agencies shared information late (Orrin's school e-mailed orrin.e@example.test)."),
    (None, "Mrs Brackenbury, the childminder, raised a concern."),
]


def report_docx() -> bytes:
    """A fictional report: styled paragraphs, a table naming the child, and a header with her name."""
    document = Document()
    for style, text in REPORT_LINES:
        document.add_paragraph(text, style=style)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Date", "Event"
    table.cell(1, 0).text, table.cell(1, 1).text = "04/03/2022", "Tamsin born"
    document.sections[0].header.paragraphs[0].text = "Confidential: Exampleton review"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_upload(name="report.docx", content=None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, report_docx() if content is None else content)


def text_upload(text: str, name="report.txt") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"))


def docx_text(content: bytes) -> str:
    """All the text of a Word document: body, tables and header."""
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    parts += [p.text for p in document.sections[0].header.paragraphs]
    return "\n".join(parts)


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    load_demo()
    partnership = Partnership.objects.get()
    admin = User.objects.get(username="business.manager")
    notification = notification_record(
        actor=admin, group=Group.objects.get(name="Rapid Review Group"),
        notification={"reference": "SIN-PUB-1", "local_authority": "Northmoor Council",
                      "incident_date": date(2025, 12, 15), "la_aware_date": date(2025, 12, 16),
                      "sin_submitted_date": date(2025, 12, 19), "received_date": date(2025, 12, 20),
                      "nature": "serious_harm", "harm_types": [], "summary": "Fictional."},
        children=[
            {"pseudonym": "Child A", "age_years": 3, "sex": "female", "ethnicity": "Not known",
             "legal_status": "not_known",
             "identity": {"full_name": CHILD_NAME, "other_names": "Tammy", "date_of_birth": date(2022, 3, 4),
                          "address": ADDRESS}},
            {"pseudonym": "Child B", "age_years": 6, "sex": "male", "ethnicity": "Not known",
             "legal_status": "not_known",
             "identity": {"full_name": SIBLING_NAME, "other_names": "", "date_of_birth": date(2019, 11, 23),
                          "address": ADDRESS}},
        ])
    rapid_review = notification.rapid_review
    Decision.objects.create(rapid_review=rapid_review, decided_on=timezone.localdate() - timedelta(days=100),
                            immediate_actions="x", learning_so_far="x", identity_and_inequalities="x", criteria={},
                            outcome="lcspr", methodology="SCIE Learning Together (systems)")
    review = practice_review_commission(
        actor=admin, rapid_review=rapid_review, title="Local child safeguarding practice review (SIN-PUB-1)",
        reference="LCSPR SIN-PUB-1", group=Group.objects.get(name="Case Review Subgroup"),
        scope="The year before the incident.", methodology="SCIE Learning Together (systems)",
        review_terms="Fictional terms.")
    return {
        "partnership": partnership, "admin": admin, "review": review, "notification": notification,
        "second": user_with_role(partnership, "business_team", username="second.business"),
        "chair": User.objects.get(username="chair"), "contributor": User.objects.get(username="contributor"),
    }


HARM_OK = {"harm_to_child": "no", "proceedings_pending": "no", "family_told": "yes", "harm_decision": "full",
           "harm_reasons": "No proceedings; the family have seen the report."}
