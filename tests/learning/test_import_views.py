"""The import pages: upload, choose the columns, the dry run's list of rejected rows, the import; who may use them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from casereview.accounts.models import User
from casereview.actions.models import Action
from casereview.learning.models import ImportRun
from tests.conftest import PartnershipFactory, sign_in, user_with_role
from tests.learning.test_import_support import PLAN_HEADER, POLICE, csv_upload, setting, xlsx_upload

pytestmark = pytest.mark.django_db
ROWS = [
    ["LCSPR-IMP-1", "1", "", "Train officers in the bruising protocol", POLICE, "Devon Okafor", "31/03/2027",
     "On track", "Amber"],
    ["LCSPR-IMP-1", "1", "", "Audit referrals", POLICE, "", "31/02/2027", "", ""],
]


@pytest.fixture
def s(db, client):
    found = setting()
    found["client"] = sign_in(client, found["admin"])
    return found


def test_the_business_team_imports_a_plan_through_the_pages(s):
    """Upload, keep the suggested columns, dry run (row 3 rejected, nothing imported), then import row 2."""
    client = s["client"]
    response = client.post(reverse("learning:import_start"), {"kind": "actions", "file": xlsx_upload(PLAN_HEADER,
                                                                                                      ROWS)})
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response.url == reverse("learning:import_map", args=[run.pk])
    page = client.get(response.url).content.decode()
    assert 'value="3" selected' in page  # the "Action" column suggested for the action's title
    assert "Row 2" in page and "Train officers in the bruising protocol" in page
    data = {key: "" if value is None else str(value) for key, value in run.mapping["suggested"].items()}
    assert client.post(reverse("learning:import_map", args=[run.pk]), data).status_code == 302
    before = Action.objects.count()
    response = client.post(reverse("learning:import_dry_run", args=[run.pk]), follow=True)
    page = response.content.decode()
    assert "Rows that would be rejected (1)" in page
    assert '<th scope="row" class="govuk-table__header">3</th>' in page
    assert 'Due date &quot;31/02/2027&quot; is not a date' in page
    assert "Nothing has been imported yet" in page
    assert Action.objects.count() == before
    response = client.post(reverse("learning:import_confirm", args=[run.pk]), follow=True)
    assert "1 row imported" in response.content.decode()
    assert Action.objects.count() == before + 1


def test_a_file_that_cannot_be_read_is_refused_beside_the_field(s):
    """A file of the wrong type comes back with the reason beside the file field, and a 400."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = s["client"].post(reverse("learning:import_start"), {
        "kind": "actions", "file": SimpleUploadedFile("plan.xlsx", b"%PDF-1.7 not a spreadsheet")})
    assert response.status_code == 400
    assert "must be an Excel workbook (.xlsx) or a CSV file" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_a_missing_column_is_shown_beside_its_field(s):
    """Leaving a required field without a column is refused beside that field."""
    run = ImportRun.objects.create(partnership=s["partnership"], kind="actions", filename="x.csv", sha256="0" * 64,
                                   mapping={"header": PLAN_HEADER, "rows": [[2, ROWS[0]]], "fields": {}})
    response = s["client"].post(reverse("learning:import_map", args=[run.pk]), {"review": "0"})
    assert response.status_code == 400
    assert "Choose the column that holds the action" in response.content.decode()


def test_the_dry_run_before_the_columns_is_refused_with_a_message(s):
    """A dry run of a file whose columns are not chosen answers 400 with the reason."""
    run = ImportRun.objects.create(partnership=s["partnership"], kind="actions", filename="x.csv", sha256="0" * 64,
                                   mapping={"header": PLAN_HEADER, "rows": [[2, ROWS[0]]], "fields": {}})
    response = s["client"].post(reverse("learning:import_dry_run", args=[run.pk]))
    assert response.status_code == 400
    assert "Choose the columns before the dry run" in response.content.decode()


def test_others_cannot_import(client, s):
    """A member is refused the upload page; another partnership's import looks missing."""
    run = ImportRun.objects.create(partnership=s["partnership"], kind="actions", filename="x.csv", sha256="0" * 64)
    sign_in(client, User.objects.get(username="member"))
    assert client.get(reverse("learning:import_start")).status_code == 403
    assert client.get(reverse("learning:import_detail", args=[run.pk])).status_code == 404
    elsewhere = user_with_role(PartnershipFactory(), "business_team")
    sign_in(client, elsewhere)
    assert client.get(reverse("learning:import_detail", args=[run.pk])).status_code == 404
    assert client.post(reverse("learning:import_confirm", args=[run.pk])).status_code == 404


def test_a_csv_upload_goes_straight_to_the_columns(s):
    """A CSV upload works the same way as an XLSX one."""
    response = s["client"].post(reverse("learning:import_start"),
                                {"kind": "actions", "file": csv_upload(PLAN_HEADER, ROWS)})
    assert response.status_code == 302
    assert ImportRun.objects.get().rows_total == 2
