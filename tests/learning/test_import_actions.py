"""Importing an action plan: every malformed row is rejected with its spreadsheet row number and reasons, a dry
run imports nothing, the import brings in exactly the valid rows, and importing them again finds duplicates."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError

from casereview.actions.models import Action
from casereview.audit.models import AuditEvent
from casereview.learning import import_services as services
from casereview.learning.models import ImportRun, Recommendation, Review, ThemeTag
from tests.learning.test_import_support import (
    PLAN_HEADER,
    POLICE,
    TODAY,
    csv_upload,
    rejected_by_row,
    setting,
    uploaded,
    xlsx_upload,
)

pytestmark = pytest.mark.django_db

# (row in the spreadsheet, the row's cells, the reasons it is rejected: each given as a part of the message)
PLAN = [
    (2, ["LCSPR-IMP-1", "1", "", "Train officers in the bruising protocol", POLICE, "Devon Okafor", "31/03/2026",
         "On track", "Amber"], []),
    (3, ["LCSPR-IMP-1", "1", "", "", POLICE, "", "31/03/2026", "", ""], ["Action is missing"]),
    (4, ["LCSPR-IMP-1", "1", "", "Audit referrals", POLICE, "", "31/02/2026", "", ""],
     ['Due date "31/02/2026" is not a date']),
    (5, ["LCSPR-IMP-1", "1", "", "Brief fire crews", "Northmoor Fire Service", "", "01/04/2026", "", ""],
     ['No agency called "Northmoor Fire Service"']),
    (6, ["lcspr-imp-1", "1", "", "train officers in the bruising protocol", POLICE.upper(), "", "30/04/2026", "",
         ""], ["Repeats row 2 of this file"]),
    (7, ["LCSPR-NONE", "1", "", "Check records", POLICE, "", "01/04/2026", "", ""],
     ['No review of the partnership has the reference or title "LCSPR-NONE"']),
    (8, ["LCSPR-IMP-1", "9", "", "Review the pathway", POLICE, "", "01/04/2026", "", ""],
     ["Recommendation 9 is not recorded on this review: give its text"]),
    (9, ["LCSPR-IMP-1", "1", "", "Share the learning", POLICE, "", "01/04/2026", "Pending", ""],
     ["Status must be one of"]),
    (10, ["LCSPR-IMP-1", "1", "", "Report to the group", POLICE, "", "01/04/2026", "", "Purple"],
     ["RAG rating must be Red, Amber or Green"]),
    (11, ["LCSPR-IMP-1", "1", "", "Write the guidance", POLICE, "Nobody Here", "01/04/2026", "", ""],
     [f'No one called "Nobody Here" at {POLICE}']),
    (12, ["", "one", "", "Everything wrong", "", "", "next spring", "", ""],
     ["Review is missing", "Recommendation number must be a whole number", "Owning agency is missing",
      'Due date "next spring" is not a date']),
    (13, ["LCSPR-IMP-1", "1", "", "Legal briefing", "Riverside Legal Partnership", "", "01/04/2026", "", ""],
     ["Lead is missing, and the agency has no member on a group"]),
    (15, ["Men who care (fictional national review)", "2", "Record every man in a baby's life.",
          "Ask about fathers at every contact", POLICE, "", "2026-01-15", "Overdue", "red"], []),
    (16, ["Men who care (fictional national review)", "2", "", "Train call handlers", POLICE, "Priya Lindqvist",
          "2026-06-30", "Closed", "G"], []),
]
VALID_ROWS = [2, 15, 16]


def _cells(plan=PLAN):
    rows, number = [], 2
    for row, cells, _reasons in plan:
        while number < row:  # a blank row keeps the numbering honest
            rows.append([""] * len(PLAN_HEADER))
            number += 1
        rows.append(cells)
        number += 1
    return rows


@pytest.fixture
def s(db):
    return setting()


def _counts():
    return (Action.objects.count(), Recommendation.objects.count(), Review.objects.count(),
            ThemeTag.objects.count())


def _check_table(run):
    found = rejected_by_row(run)
    wrong = []
    for row, _cells, reasons in PLAN:
        got = found.get(row, [])
        if not reasons and got:
            wrong.append(f"row {row} rejected: {got}")
        for part in reasons:
            if not any(part in reason for reason in got):
                wrong.append(f"row {row}: expected {part!r} in {got}")
    assert wrong == []
    assert sorted(found) == sorted(row for row, _c, reasons in PLAN if reasons)


def test_a_csv_plan_rejects_each_malformed_row_with_its_row_number_and_reasons(s):
    """The dry run names every rejected row by its spreadsheet row number, with every reason."""
    run = uploaded(s, "actions", csv_upload(PLAN_HEADER, _cells()))
    check = services.import_dry_run(actor=s["admin"], run=run, today=TODAY)
    run.refresh_from_db()
    _check_table(run)
    assert [v.row for v in check.valid] == VALID_ROWS
    assert run.rows_total == len(PLAN)


def test_an_xlsx_plan_is_checked_the_same_way_with_excel_dates_and_numbers(s):
    """In an XLSX, date cells and day numbers are dates and 1.0 is recommendation 1."""
    rows = _cells()
    rows[0] = [*rows[0][:1], 1.0, *rows[0][2:6], datetime(2026, 3, 31), *rows[0][7:]]  # row 2: real date cell
    rows[-1] = [*rows[-1][:6], 46203, *rows[-1][7:]]  # row 16: Excel's day number for 30 June 2026
    run = uploaded(s, "actions", xlsx_upload(PLAN_HEADER, rows))
    check = services.import_dry_run(actor=s["admin"], run=run, today=TODAY)
    run.refresh_from_db()
    _check_table(run)
    assert {v.row: v.values["due_date"] for v in check.valid} == {2: "2026-03-31", 15: "2026-01-15",
                                                                   16: "2026-06-30"}


def test_a_dry_run_imports_nothing(s):
    """Row counts are the same before and after a dry run; the run records its verdict and is audited."""
    run = uploaded(s, "actions", csv_upload(PLAN_HEADER, _cells()))
    before = _counts()
    services.import_dry_run(actor=s["admin"], run=run, today=TODAY)
    assert _counts() == before
    run.refresh_from_db()
    assert run.dry_run is True and run.rows_imported == 0
    events = list(AuditEvent.objects.filter(target_type="learning.importrun", target_id=str(run.pk)).order_by("seq"))
    assert [e.verb for e in events] == ["created", "updated", "updated"]  # upload, columns, dry run
    assert events[0].changes["sha256"][1] == run.sha256 and events[0].changes["rows"][1] == 14
    assert events[1].changes["mapping"][1]["due_date"] == "Due date"
    assert "3 rows would be imported, 11 rejected" in events[2].changes["dry_run"][1]


def test_the_import_brings_in_exactly_the_valid_rows(s):
    """Confirming imports the valid rows in one go: statuses mapped, a missing lead filled, a new recommendation."""
    run = uploaded(s, "actions", csv_upload(PLAN_HEADER, _cells()))
    services.import_dry_run(actor=s["admin"], run=run, today=TODAY)
    before = Action.objects.count()
    run = services.import_confirm(actor=s["admin"], run=run, today=TODAY)
    assert Action.objects.count() == before + 3
    assert run.rows_imported == 3 and run.dry_run is False
    made = {a.title: a for a in Action.objects.filter(created_by=s["admin"]).select_related("owner", "recommendation")}
    train = made["Train officers in the bruising protocol"]
    assert (train.status, train.rag, train.owner.full_name, train.due_date) == ("on_track", "amber", "Devon Okafor",
                                                                                date(2026, 3, 31))
    assert train.recommendation == s["rec"]
    fathers = made["Ask about fathers at every contact"]
    assert fathers.status == "at_risk"  # "Overdue" is computed from the due date, never stored
    assert fathers.owner.full_name == "Devon Okafor"  # no lead: the police's member of the Case Review Subgroup
    assert fathers.set_on == date(2026, 1, 15)  # never after the due date
    handlers = made["Train call handlers"]
    assert (handlers.status, handlers.closed_on, handlers.closed_by) == ("closed", TODAY, s["admin"])
    assert "Closed before it was imported" in handlers.sign_off_note
    new_rec = Recommendation.objects.get(review=s["national"], number=2)
    assert new_rec.text == "Record every man in a baby's life."
    assert fathers.recommendation == handlers.recommendation == new_rec
    created = AuditEvent.objects.filter(target_type="actions.action", verb="created",
                                        target_id__in=[str(a.pk) for a in made.values()])
    assert created.count() == 3
    assert all(e.changes["import"][1].startswith("plan.csv, row ") for e in created)


def test_the_dry_run_notes_how_rows_were_read(s):
    """Notes say when a lead was filled in, a status read as another, or a recommendation will be added."""
    run = uploaded(s, "actions", csv_upload(PLAN_HEADER, _cells()))
    services.import_dry_run(actor=s["admin"], run=run, today=TODAY)
    run.refresh_from_db()
    notes = {item["row"]: " ".join(item["notes"]) for item in run.mapping["checked"]["notes"]}
    assert '"Overdue" is worked out from the due date' in notes[15]
    assert "owned by Devon Okafor" in notes[15]
    assert "Recommendation 2 is not recorded on this review: it will be added" in notes[15]


def test_importing_the_same_rows_again_finds_them_already_in_the_plan(s):
    """A second import of the same file rejects each row it imported before as already in the action plan."""
    first = uploaded(s, "actions", csv_upload(PLAN_HEADER, _cells()))
    services.import_dry_run(actor=s["admin"], run=first, today=TODAY)
    services.import_confirm(actor=s["admin"], run=first, today=TODAY)
    again = uploaded(s, "actions", csv_upload(PLAN_HEADER, _cells()))
    check = services.import_dry_run(actor=s["admin"], run=again, today=TODAY)
    again.refresh_from_db()
    assert check.valid == []
    for row in VALID_ROWS:
        assert any(r.startswith("Already in the action plan") for r in rejected_by_row(again)[row]), row
    with pytest.raises(ValidationError, match="No row can be imported"):
        services.import_confirm(actor=s["admin"], run=again, today=TODAY)


@pytest.mark.parametrize("step", ["no_dry_run", "columns_changed", "records_changed", "twice"])
def test_the_import_is_refused_unless_it_matches_a_current_dry_run(s, step):
    """Confirming needs a dry run with the current columns and unchanged records, and happens once."""
    run = uploaded(s, "actions", csv_upload(PLAN_HEADER, _cells()))
    if step != "no_dry_run":
        services.import_dry_run(actor=s["admin"], run=run, today=TODAY)
    if step == "columns_changed":
        columns = {**run.mapping["suggested"], "rag": None}
        services.import_mapping_save(actor=s["admin"], run=run, columns=columns)
    if step == "records_changed":
        Review.objects.filter(pk=s["national"].pk).update(title="Renamed")
    if step == "twice":
        services.import_confirm(actor=s["admin"], run=run, today=TODAY)
    before = _counts()
    with pytest.raises(ValidationError):
        services.import_confirm(actor=s["admin"], run=ImportRun.objects.get(pk=run.pk), today=TODAY)
    assert _counts() == before


def test_required_columns_must_be_chosen_and_used_once(s):
    """Saving the columns names each required field left out, and a column chosen twice."""
    run = services.import_run_create(actor=s["admin"], partnership=s["partnership"], kind="actions",
                                     upload=csv_upload(PLAN_HEADER, _cells()))
    columns = {**run.mapping["suggested"], "title": None, "lead": run.mapping["suggested"]["agency"]}
    with pytest.raises(ValidationError) as caught:
        services.import_mapping_save(actor=s["admin"], run=run, columns=columns)
    assert caught.value.message_dict == {"title": ["Choose the column that holds the action"],
                                         "lead": ['The column "Agency" is already chosen for Owning agency']}


def test_only_the_business_team_imports(s):
    """A member cannot start an import."""
    from django.contrib.auth import get_user_model
    from django.core.exceptions import PermissionDenied

    member = get_user_model().objects.get(username="member")
    with pytest.raises(PermissionDenied):
        services.import_run_create(actor=member, partnership=s["partnership"], kind="actions",
                                   upload=csv_upload(PLAN_HEADER, _cells()))
