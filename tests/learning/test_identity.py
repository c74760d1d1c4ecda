"""Identity and disproportionality: the children in notifications by ethnicity, sex, age band, disability and
legal status against the partnership's baseline, suppressed on the page and in the export, every read audited."""

import csv
import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from casereview.audit.models import AuditEvent
from casereview.learning.identity_selectors import identity_report
from casereview.learning.identity_services import baseline_remove, baseline_save
from casereview.learning.models import PopulationBaseline
from tests.conftest import sign_in
from tests.reviews.conftest import child, demo, record  # noqa: F401  (demo is a fixture)

pytestmark = pytest.mark.django_db
START, END = date(2025, 1, 1), date(2025, 12, 31)


def dated(received: date) -> dict:
    return {"incident_date": received, "la_aware_date": received, "sin_submitted_date": received,
            "received_date": received}


@pytest.fixture
def children(demo):  # noqa: F811
    """Ten children in three notifications received in 2025, and one child in a 2021 notification."""
    c = child
    record(demo, reference="SIN-I-1", **dated(date(2025, 2, 3)), children=[
        c(pseudonym="Child A", ethnicity="White British", sex="female", unborn=True, age_years=None),
        c(pseudonym="Child B", ethnicity="White British", sex="female", age_years=0),
        c(pseudonym="Child C", ethnicity="Black African", sex="male", age_years=0, disability="Autism"),
        c(pseudonym="Child D", ethnicity="Black African", sex="male", age_years=3, legal_status="looked_after")])
    record(demo, reference="SIN-I-2", **dated(date(2025, 5, 6)), children=[
        c(pseudonym="Child E", ethnicity="white british ", sex="female", age_years=3),
        c(pseudonym="Child F", ethnicity="Black African", sex="male", age_years=3, disability="Hearing loss"),
        c(pseudonym="Child G", ethnicity="Asian", sex="female", age_years=7, legal_status="looked_after")])
    record(demo, reference="SIN-I-3", **dated(date(2025, 9, 9)), children=[
        c(pseudonym="Child H", ethnicity="White British", sex="male", age_years=7),
        c(pseudonym="Child I", ethnicity="Asian", sex="female", age_years=12, legal_status="looked_after"),
        c(pseudonym="Child J", ethnicity="Asian", sex="male", age_years=16)])
    record(demo, reference="SIN-I-OLD", **dated(date(2021, 3, 1)), children=[c(pseudonym="Child Z")])
    partnership = demo["rapid"].partnership
    for category, count in (("White British", 80000), ("Black African", 5000), ("Asian", 15000)):
        baseline_save(actor=demo["admin"], partnership=partnership, dimension="ethnicity", category=category,
                      count=count, source="Fictional estimates 2025", as_of=date(2025, 6, 30))
    return {"partnership": partnership, "admin": demo["admin"]}


def dimension(report, key):
    return next(d for d in report.dimensions if d.key == key)


def test_aggregates_and_ratio_against_the_baseline(children):
    """Counts and shares of the period's children only; the ratio compares the share with the baseline's."""
    report = identity_report(children["partnership"], START, END)
    assert report.children == 10
    ethnicity = {row.category: row for row in dimension(report, "ethnicity").comparison.rows}
    assert {k: r.count for k, r in ethnicity.items()} == {"White British": 4, "Black African": 3, "Asian": 3}
    assert ethnicity["Black African"].ratio == pytest.approx(6.0)
    assert ethnicity["White British"].ratio == pytest.approx(0.5)
    shown = {row.category: row for row in dimension(report, "ethnicity").rows}
    assert shown["Black African"].ratio_text == "6.0 times the share in the baseline population"
    assert shown["Asian"].share == "30.0%" and shown["Asian"].baseline_share == "15.0%"
    ages = {row.category: row.count for row in dimension(report, "age_band").comparison.rows}
    assert ages == {"Unborn": 1, "Under 1": 2, "1 to 4": 3, "5 to 9": 2, "10 to 15": 1, "16 to 17": 1}


def test_small_numbers_are_suppressed_with_their_complement(children):
    """Counts of 1 or 2 show as "[c]", and a lone one takes the next smallest with it, with shares and ratios."""
    report = identity_report(children["partnership"], START, END)
    disability = {row.category: row for row in dimension(report, "disability").rows}
    assert disability["Disability or SEND recorded"].count == "[c]"
    assert disability["None recorded"].count == "[c]" and disability["None recorded"].share == "[c]"
    ages = {row.category: row.count for row in dimension(report, "age_band").rows}
    assert ages == {"Unborn": "[c]", "Under 1": "[c]", "1 to 4": 3, "5 to 9": "[c]", "10 to 15": "[c]",
                    "16 to 17": "[c]"}
    legal = {row.category: row.count for row in dimension(report, "legal_status").rows}
    assert legal == {"Child in need": 7, "Looked after": 3}


def test_page_is_suppressed_and_its_view_is_audited(client, children):
    """Even the business team sees suppressed figures on the page, and each view is an audit event."""
    sign_in(client, children["admin"])
    response = client.get("/learning/identity/?start=2025-01-01&end=2025-12-31")
    assert response.status_code == 200
    html = response.content.decode()
    assert "[c]" in html and "6.0 times the share in the baseline population" in html
    assert "Autism" not in html and "Child C" not in html
    event = AuditEvent.objects.get(verb="viewed")
    assert event.changes["report"][1] == "Identity and disproportionality, 2025-01-01 to 2025-12-31"


def test_csv_is_suppressed_and_audited(client, children):
    """The export suppresses like the page and is recorded as an export."""
    sign_in(client, children["admin"])
    response = client.get("/learning/identity.csv?start=2025-01-01&end=2025-12-31")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Dimension", "Category", "Children"] and rows[1][:3] == ["All children", "", "10"]
    by = {(r[0], r[1]): r for r in rows[2:] if len(r) == 7}
    assert by[("Disability or SEND", "Disability or SEND recorded")][2:4] == ["[c]", "[c]"]
    assert by[("Ethnicity", "Black African")][2:] == ["3", "30.0%", "5000", "5.0%", "6.0"]
    assert "[c]" in rows[-1][0]
    assert AuditEvent.objects.filter(verb="exported").count() == 1


def test_bad_period_is_a_message_not_an_error(client, children):
    """An end before the start is shown beside the field with a 400, and nothing is audited."""
    sign_in(client, children["admin"])
    response = client.get("/learning/identity/?start=2025-12-31&end=2025-01-01")
    assert response.status_code == 400 and "same as or after its start" in response.content.decode()
    assert not AuditEvent.objects.filter(verb="viewed").exists()


def test_baseline_replaces_checks_categories_and_removes(children):
    """A second figure for a category replaces the first; fixed lists accept only their own categories."""
    partnership, admin = children["partnership"], children["admin"]
    row = baseline_save(actor=admin, partnership=partnership, dimension="ethnicity", category="asian", count=16000,
                        source="Fictional estimates 2026", as_of=date(2026, 1, 1))
    assert row.category == "Asian" and PopulationBaseline.objects.filter(category__iexact="asian").count() == 1
    assert AuditEvent.objects.filter(verb="updated", target_type="learning.populationbaseline").exists()
    sex = baseline_save(actor=admin, partnership=partnership, dimension="sex", category="female", count=49000,
                        source="Fictional", as_of=date(2025, 6, 30))
    assert sex.category == "Female"
    with pytest.raises(ValidationError) as error:
        baseline_save(actor=admin, partnership=partnership, dimension="age_band", category="Toddlers", count=1,
                      source="Fictional", as_of=date(2025, 6, 30))
    assert "Under 1" in str(error.value.message_dict["category"])
    baseline_remove(actor=admin, baseline=sex)
    assert AuditEvent.objects.filter(verb="deleted", target_type="learning.populationbaseline").count() == 1


def test_baseline_page_saves_a_figure(client, children):
    """The business team enters a figure on the baseline page; errors show by the field."""
    sign_in(client, children["admin"])
    ok = client.post("/learning/identity/baseline/", {"dimension": "legal_status", "category": "Looked after",
                                                      "count": "400", "source": "Fictional", "as_of": "2025-03-31"})
    assert ok.status_code == 302
    assert PopulationBaseline.objects.filter(dimension="legal_status", category="Looked after").exists()
    bad = client.post("/learning/identity/baseline/", {"dimension": "sex", "category": "Other", "count": "-1",
                                                       "source": "", "as_of": "2025-03-31"})
    assert bad.status_code == 400 and "cannot be negative" in bad.content.decode()
