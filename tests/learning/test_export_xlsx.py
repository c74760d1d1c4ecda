"""The XLSX exports: the action plans (every action the user may see, contributors only their agency's) and
the learning tracker with small counts suppressed; each download is audited and opens with openpyxl."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from casereview.accounts.models import User
from casereview.actions.models import Action, ActionUpdate
from casereview.audit.models import AuditEvent
from casereview.learning import import_services as services
from casereview.learning.export_selectors import ACTION_HEADER
from casereview.learning.models import Review, ThemeTag
from casereview.partnerships.models import Agency, Person
from tests.conftest import sign_in
from tests.learning.test_import_support import POLICE, setting

pytestmark = pytest.mark.django_db


@pytest.fixture
def s(db):
    found = setting()
    today = timezone.localdate()
    police = Agency.objects.get(name=POLICE)
    health = Agency.objects.get(name="Eastbridge Community Health NHS Trust")
    devon = Person.objects.get(full_name="Devon Okafor")
    grace = Person.objects.get(full_name="Grace Muldoon")
    found["late"] = Action.objects.create(
        partnership=found["partnership"], title="=HYPERLINK(\"http://example.test\")", owner=devon, agency=police,
        due_date=today - timedelta(days=3), set_on=today - timedelta(days=30), recommendation=found["rec"],
        status="on_track", rag="red")
    ActionUpdate.objects.create(action=found["late"], progress="Training booked (fictional).")
    ActionUpdate.objects.create(action=found["late"], progress="Half the officers trained (fictional).")
    found["health"] = Action.objects.create(
        partnership=found["partnership"], title="Update the safeguarding policy", owner=grace, agency=health,
        due_date=today + timedelta(days=30), set_on=today - timedelta(days=1), recommendation=found["rec"])
    return found


def _open(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].startswith('attachment; filename="')
    return load_workbook(io.BytesIO(response.content))


def _rows(sheet):
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_action_plans_export_opens_with_the_expected_header_and_rows(client, s):
    """Every visible action, overdue first, with its review, recommendation, owner, status and latest update."""
    sign_in(client, s["admin"])
    book = _open(client.get(reverse("learning:actions_xlsx")))
    header, *rows = _rows(book["Action plans"])
    assert header == ACTION_HEADER
    assert len(rows) == Action.objects.count() == 2
    late = dict(zip(header, rows[0], strict=True))
    assert late["Action"] == '=HYPERLINK("http://example.test")'  # text, never a formula
    assert book["Action plans"]["A2"].data_type == "s"
    assert (late["Review"], late["Review reference"], late["Recommendation number"]) == (
        s["lcspr"].title, "LCSPR-IMP-1", 1)
    assert (late["Owning agency"], late["Lead"], late["Status"], late["Overdue"], late["RAG rating"]) == (
        POLICE, "Devon Okafor", "On track", "Yes", "Red")
    assert late["Latest update"] == "Half the officers trained (fictional)."
    assert late["Due date"].date() == s["late"].due_date
    assert dict(zip(header, rows[1], strict=True))["Overdue"] == "No"


def test_a_contributor_exports_only_their_own_agency_actions(client, s):
    """The police contributor's file holds the police action and not the health one."""
    sign_in(client, User.objects.get(username="contributor"))
    _header, *rows = _rows(_open(client.get(reverse("learning:actions_xlsx")))["Action plans"])
    assert [row[6] for row in rows] == [POLICE]


def test_each_export_is_audited(client, s):
    """A download writes an EXPORTED event naming what was exported."""
    sign_in(client, s["admin"])
    client.get(reverse("learning:actions_xlsx"))
    client.get(reverse("learning:tracker_xlsx"))
    exported = [e.changes["exported"][1] for e in AuditEvent.objects.filter(verb="exported").order_by("seq")]
    assert exported == ["Action plans (XLSX): 2 actions", "Learning tracker (XLSX), small counts suppressed"]


def test_the_tracker_export_suppresses_counts_of_two_or_fewer(client, s):
    """Three reviews under neglect show as 3; one under SUDI shows as [c]; none shows as 0."""
    neglect, sudi = s["themes"]["neglect"], s["themes"]["sudi"]
    for n in range(3):
        review = Review.objects.create(partnership=s["partnership"], kind="lcspr", status="published",
                                       title=f"Neglect review {n} (fictional)", year=2023)
        ThemeTag.objects.create(partnership=s["partnership"], theme=neglect, review=review, source="lcspr",
                                year=2023)
    ThemeTag.objects.create(partnership=s["partnership"], theme=sudi, review=s["national"], source="national",
                            year=2024)
    sign_in(client, User.objects.get(username="chair"))
    book = _open(client.get(reverse("learning:tracker_xlsx")))
    header, *rows = _rows(book["Themes"])
    assert header[:3] == ["Category", "Theme", "Local reviews"]
    by_theme = {row[1]: dict(zip(header, row, strict=True)) for row in rows}
    assert by_theme["Neglect"]["Local reviews"] == 3
    assert by_theme["Sudden unexpected death in infancy"]["National reviews"] == "[c]"
    assert by_theme["Domestic abuse"]["Local reviews"] == 0
    years = {row[0]: row[1:] for row in _rows(book["By year"])[1:]}
    assert years == {2023: [3, 0], 2024: [0, "[c]"]}
    assert "[c]" in str(_rows(book["About"]))


def test_a_contributor_cannot_export_the_tracker(client, s):
    """The tracker is for those who read all the partnership's records."""
    sign_in(client, User.objects.get(username="contributor"))
    assert client.get(reverse("learning:tracker_xlsx")).status_code == 403


def test_an_exported_plan_imports_back_as_duplicates(client, s):
    """Importing the action plans export finds every action already in the plan: nothing is doubled."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    sign_in(client, s["admin"])
    data = client.get(reverse("learning:actions_xlsx")).content
    run = services.import_run_create(actor=s["admin"], partnership=s["partnership"], kind="actions",
                                     upload=SimpleUploadedFile("export.xlsx", data))
    assert run.mapping["suggested"]["review"] == ACTION_HEADER.index("Review")
    run = services.import_mapping_save(actor=s["admin"], run=run, columns=run.mapping["suggested"])
    check = services.import_dry_run(actor=s["admin"], run=run, today=date.today())
    assert check.valid == []
    assert all(any(r.startswith("Already in the action plan") for r in v.reasons) for v in check.rejected)
