"""Importing a learning tracker: earlier reviews with kind, year and themes; unknown themes and kinds, bad years
and repeated rows rejected with their row numbers; the import makes the reviews and their theme tags."""

from __future__ import annotations

import pytest

from casereview.learning import import_services as services
from casereview.learning.models import Review, TaxonomyVersion, ThemeTag
from tests.learning.test_import_support import TODAY, csv_upload, rejected_by_row, setting, uploaded

pytestmark = pytest.mark.django_db
HEADER = ["Title", "Type", "Year", "Themes", "Summary"]
TRACKER = [
    (2, ["Child T: chronic neglect (fictional)", "LCSPR", "2021", "Neglect; information_sharing",
         "Concerns were not brought together."], []),
    (3, ["A national review of exploitation (fictional)", "Panel report", "2022",
         "Extra-familial harm (sexual and criminal exploitation)", ""], []),
    (4, ["Mr X (fictional SAR)", "Safeguarding adult review", "2020", "", ""], []),
    (5, ["Themes unknown", "audit", "2023", "Neglect; Poverty; ", ""], ['Unknown theme "Poverty"']),
    (6, ["Kind unknown", "Inspection", "2023", "", ""], ['Kind of review "Inspection" is not known']),
    (7, ["Year short", "DHR", "23", "", ""], ['Year must be a year from 1990 to 2026, such as 2024: not "23"']),
    (8, ["Year ahead", "single agency", "2031", "", ""], ["Year must be a year from 1990"]),
    (9, ["", "", "", "", "A summary alone"], ["Review title is missing", "Kind of review is missing",
                                               "Year is missing"]),
    (10, ["child t: chronic neglect (fictional)", "lcspr", "2022", "", ""], ["Repeats row 2 of this file"]),
    (11, ["Men who care (fictional national review)", "national", "2024", "", ""],
     ['Already recorded: a review called "Men who care (fictional national review)"']),
    (12, ["Retired theme", "audit", "2023", "Young carers", ""], ['Theme "Young carers" is retired']),
]


@pytest.fixture
def s(db):
    found = setting()
    version = TaxonomyVersion.objects.create(partnership=found["partnership"], version=2, note="Young carers retired")
    found["themes"]["young_carers"].retired_in = version
    found["themes"]["young_carers"].save()
    return found


def _run(s):
    run = uploaded(s, "tracker", csv_upload(HEADER, [cells for _row, cells, _reasons in TRACKER], delimiter=";",
                                            bom=True, name="tracker.csv"))
    check = services.import_dry_run(actor=s["admin"], run=run, today=TODAY)
    run.refresh_from_db()
    return run, check


def test_each_malformed_tracker_row_is_rejected_with_its_reasons(s):
    """Every rejected row is named by its row number with every reason; the rest are valid."""
    run, check = _run(s)
    found = rejected_by_row(run)
    wrong = [f"row {row}: {part!r} not in {found.get(row)}" for row, _cells, reasons in TRACKER for part in reasons
             if not any(part in reason for reason in found.get(row, []))]
    assert wrong == []
    assert sorted(found) == [row for row, _cells, reasons in TRACKER if reasons]
    assert [v.row for v in check.valid] == [2, 3, 4]


def test_the_tracker_import_makes_reviews_with_their_themes(s):
    """Each valid row becomes a review of its kind and year, tagged with its themes from the right source."""
    run, _check = _run(s)
    tags_before = ThemeTag.objects.count()
    services.import_confirm(actor=s["admin"], run=run, today=TODAY)
    neglect = Review.objects.get(title="Child T: chronic neglect (fictional)")
    assert (neglect.kind, neglect.year, neglect.status) == ("lcspr", 2021, "published")
    assert neglect.summary == "Concerns were not brought together."
    assert sorted(neglect.tags.values_list("theme__key", "source", "year")) == [
        ("information_sharing", "lcspr", 2021), ("neglect", "lcspr", 2021)]
    national = Review.objects.get(title="A national review of exploitation (fictional)")
    assert (national.kind, national.status) == ("national", "completed")
    assert list(national.tags.values_list("source", flat=True)) == ["national"]
    assert Review.objects.get(title="Mr X (fictional SAR)").kind == "sar"
    assert ThemeTag.objects.count() == tags_before + 3
