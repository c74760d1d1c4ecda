"""The chairs' quarterly update to the SLG: the quarter's figures, as a page, an editable DOCX and a PDF."""

import subprocess
from datetime import date, datetime, timedelta
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from docx import Document

from casereview.accounts.models import User
from casereview.actions.models import Action
from casereview.audit.models import AuditEvent
from casereview.incidents.services import notification_record
from casereview.meetings.models import Attendance, Escalation, Meeting, TaskGroup
from casereview.meetings.report_documents import HEADINGS, quarterly_docx, quarterly_pdf
from casereview.meetings.report_selectors import parse_quarter, quarter_choices, quarterly_update
from casereview.partnerships.demo import load_demo
from casereview.partnerships.models import Agency, AgencyKind, Group, Membership, Person
from casereview.reviews.models import Decision, Submission
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
Q1 = date(2026, 1, 1)
AFTER_Q1 = date(2026, 4, 10)


def _review(admin, group, reference, received):
    notification = notification_record(actor=admin, group=group, notification={
        "reference": reference, "local_authority": "Northmoor Council", "incident_date": received - timedelta(days=6),
        "la_aware_date": received - timedelta(days=5), "sin_submitted_date": received - timedelta(days=2),
        "received_date": received, "nature": "serious_harm", "harm_types": [], "summary": "A fictional incident."},
        children=[{"pseudonym": "Child Zed", "age_years": 4, "sex": "male", "ethnicity": "Not known",
                   "legal_status": "not_known"}])
    return notification.rapid_review


def _decide(review, on, outcome):
    return Decision.objects.create(rapid_review=review, decided_on=on, immediate_actions="x", learning_so_far="x",
                                   identity_and_inequalities="x", criteria={}, outcome=outcome)


def _meeting(group, day, rows):
    meeting = Meeting.objects.create(partnership=group.partnership, group=group, kind="business", status="held",
                                     starts_at=datetime(day.year, day.month, day.day, 10, tzinfo=LONDON),
                                     mode="virtual", quorate=True)
    for name, status, member in rows:
        seat = Membership.objects.get(group=group, person__full_name=member) if member else None
        Attendance.objects.create(meeting=meeting, person=Person.objects.get(full_name=name), status=status,
                                  attending_for=seat)
    return meeting


def _action(meeting, title, due, status="not_started", completed_on=None):
    devon = Person.objects.get(full_name="Devon Okafor")
    return Action.objects.create(partnership=meeting.partnership, title=title, owner=devon, agency=devon.agency,
                                 due_date=due, set_on=date(2026, 1, 15), status=status, completed_on=completed_on,
                                 meeting=meeting)


@pytest.fixture
def quarter(db):
    """One quarter (January to March 2026) of the Case Review Subgroup's work, with records either side."""
    load_demo()
    admin = User.objects.get(username="business.manager")
    group = Group.objects.get(name="Case Review Subgroup")
    opened = _review(admin, group, "SIN-2026-001", date(2026, 1, 20))
    _review(admin, group, "SIN-2026-002", date(2026, 2, 10))
    earlier = _review(admin, group, "SIN-2025-099", date(2025, 12, 1))
    _decide(opened, date(2026, 2, 5), "lcspr")
    _decide(earlier, date(2026, 1, 10), "no_further_review")
    Submission.objects.create(rapid_review=earlier, sent_on=date(2026, 1, 12), feedback_outcome="agrees",
                              feedback_received_on=date(2026, 2, 20))
    january = _meeting(group, date(2026, 1, 15), [
        ("Ayla Brennan", "present", None), ("Devon Okafor", "apologies", None),
        ("Priya Lindqvist", "deputy", "Devon Okafor"), ("Helena Strand", "present", None),
        ("Dr Farid Castellanos", "absent", None), ("Grace Muldoon", "present", None)])
    _meeting(group, date(2026, 3, 12), [(n, "present", None) for n in (
        "Ayla Brennan", "Devon Okafor", "Helena Strand", "Dr Farid Castellanos", "Grace Muldoon")])
    _action(january, "Share the neglect briefing", date(2026, 2, 15))
    _action(january, "Update the escalation policy", date(2026, 3, 1), "complete", date(2026, 2, 25))
    _action(january, "Audit school referrals", date(2026, 3, 20), "complete", date(2026, 4, 8))
    _action(january, "Train new starters", date(2026, 4, 30))
    police, la = Agency.objects.get(kind=AgencyKind.POLICE), Agency.objects.get(kind=AgencyKind.LA_CHILDRENS_SERVICES)
    for subject, raised_on, decided_on in (("Threshold for SIN-2026-001", date(2026, 2, 1), date(2026, 3, 5)),
                                           ("Audit scope", date(2026, 3, 20), None),
                                           ("Older disagreement", date(2025, 11, 1), None)):
        escalation = Escalation.objects.create(partnership=group.partnership, group=group, subject=subject,
                                               body="SLG", raised_on=raised_on, decided_on=decided_on,
                                               status="resolved" if decided_on else "raised")
        escalation.positions.create(agency=police, position="Fictional.")
        escalation.positions.create(agency=la, position="Fictional.")
    TaskGroup.objects.create(partnership=group.partnership, parent=group, name="Neglect audit", purpose="Audit.",
                             deadline=date(2026, 3, 15), created_on=date(2026, 1, 20))
    TaskGroup.objects.create(partnership=group.partnership, parent=group, name="Training review", purpose="Review.",
                             deadline=date(2026, 6, 30), created_on=date(2026, 2, 1), status="reported",
                             report="Done.", reported_on=date(2026, 3, 25))
    return group


def test_the_quarters_figures(quarter):
    """Opened and decided reviews, feedback, practice review decisions, overdue actions, escalations."""
    update = quarterly_update(quarter, Q1, AFTER_Q1)
    assert [r.notification.reference for r in update.reviews_opened] == ["SIN-2026-001", "SIN-2026-002"]
    assert [d.rapid_review.notification.reference for d in update.decisions] == ["SIN-2025-099", "SIN-2026-001"]
    assert [s.rapid_review.notification.reference for s in update.feedback] == ["SIN-2025-099"]
    assert [d.rapid_review.notification.reference for d in update.lcspr_decisions] == ["SIN-2026-001"]
    # Overdue at 31 March: not done by then, even if completed since.
    assert [a.title for a in update.overdue_actions] == ["Share the neglect briefing", "Audit school referrals"]
    assert ([e.subject for e in update.escalations_raised], [e.subject for e in update.escalations_resolved],
            update.escalations_open) == (["Threshold for SIN-2026-001", "Audit scope"],
                                         ["Threshold for SIN-2026-001"], 2)
    assert [(tg.name, late) for tg, late in update.task_groups] == [("Neglect audit", True),
                                                                    ("Training review", False)]
    assert update.slg_due == date(2026, 4, 30)
    assert len(update.attendance.meetings) == 2


def _docx_text(data: bytes) -> tuple[list[str], str]:
    doc = Document(BytesIO(data))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return headings, "\n".join([p.text for p in doc.paragraphs] + cells)


def test_docx_has_every_section_and_the_figures_but_no_child(quarter):
    """The Word file opens, carries each section heading in order, the figures, and no child's details."""
    headings, text = _docx_text(quarterly_docx(quarterly_update(quarter, Q1, AFTER_Q1)))
    assert headings == list(HEADINGS)
    for expected in ("January to March 2026", "Rapid reviews opened\n2", "Rapid reviews decided\n2",
                     "Panel feedback received\n1", "SIN-2026-001", "Agrees with the decision",
                     "Decisions to hold a practice review in the quarter\n1 (SIN-2026-001)",
                     "No practice reviews recorded", "Overdue at Tuesday 31 March 2026\n2",
                     "Share the neglect briefing", "Meetings held\n2", "Raised in the quarter\n2",
                     "Resolved in the quarter\n1", "Neglect audit", "Thursday 30 April 2026"):
        assert expected in text, expected
    # Police: one seat, two meetings, attended one, a deputy at the other.
    assert "Northmoor Constabulary\n1\n2\n1\n1\n0\n100%" in text
    assert "Child Zed" not in text and "A fictional incident." not in text


def test_pdf_text_has_the_figures(quarter):
    """The PDF is a PDF, and its text (pdftotext) has the same headings and figures."""
    data = quarterly_pdf(quarterly_update(quarter, Q1, AFTER_Q1))
    assert data.startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout
    text = " ".join(text.decode().split())
    for expected in (*HEADINGS, "Rapid reviews opened 2", "Panel feedback received 1", "Meetings held 2",
                     "Share the neglect briefing", "Audit school referrals", "SIN-2026-001"):
        assert expected in text, expected
    assert "Child Zed" not in text


def test_downloads_are_audited_as_exports(quarter, client):
    """A chair downloads both files for a chosen quarter; each download is an EXPORTED audit event."""
    sign_in(client, User.objects.get(username="chair"))
    query = f"?group={quarter.pk}&quarter=2026-Q1"
    docx = client.get(reverse("meetings:report_quarterly_docx") + query)
    pdf = client.get(reverse("meetings:report_quarterly_pdf") + query)
    assert docx.status_code == pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF") and docx["Content-Disposition"].endswith('2026-q1.docx"')
    events = AuditEvent.objects.filter(verb="exported", target_type="partnerships.group", target_id=str(quarter.pk))
    assert sorted(e.changes["document"][1].rsplit(" ", 1)[1] for e in events) == ["(DOCX)", "(PDF)"]


def test_page_shows_the_update_and_refuses_a_bad_quarter(quarter, client):
    """The page previews the sections; a made-up quarter is a 400 with a message, not a server error."""
    sign_in(client, User.objects.get(username="scrutineer"))
    page = client.get(reverse("meetings:report_quarterly") + f"?group={quarter.pk}&quarter=2026-Q1")
    assert page.status_code == 200 and "Share the neglect briefing" in page.content.decode()
    bad = client.get(reverse("meetings:report_quarterly") + f"?group={quarter.pk}&quarter=2026-Q7")
    assert bad.status_code == 400 and "Choose a quarter from the list" in bad.content.decode()


def test_kent_terms_set_no_quarterly_update(quarter):
    """The rapid review group reports per case: the update says no quarterly update is set."""
    update = quarterly_update(Group.objects.get(name="Rapid Review Group"), Q1, AFTER_Q1)
    assert update.slg_due is None
    _headings, text = _docx_text(quarterly_docx(update))
    assert "Not set by the terms of reference: they set no quarterly update" in text


@pytest.mark.parametrize("value, first", [("2026-Q1", date(2026, 1, 1)), ("2025-q4", date(2025, 10, 1)),
                                          ("2026-Q5", None), ("Q1-2026", None), ("", None), ("99999-Q1", None)])
def test_quarters_are_written_year_dash_q_number(value, first):
    """Quarters are chosen as "2026-Q1"; anything else is refused."""
    assert parse_quarter(value) == first


def test_quarter_choices_run_back_from_the_current_quarter():
    """Twelve quarters offered, newest first, labelled in words."""
    choices = quarter_choices(date(2026, 5, 14))
    assert choices[:2] == [("2026-Q2", "April to June 2026"), ("2026-Q1", "January to March 2026")]
    assert len(choices) == 12 and choices[-1][0] == "2023-Q3"
