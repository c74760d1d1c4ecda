"""Spreadsheet imports, step by step: upload a file, choose the column for each field, check every row (the dry
run, which imports nothing), then import the valid rows in one transaction. Each step is audited.

The file's rows are kept in ImportRun.mapping["rows"] (text cells, at most 5,000 rows), so no file is stored."""

from __future__ import annotations

import hashlib
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casereview.actions.models import Action
from casereview.audit.services import audit_record
from casereview.audit.vocabulary import Verb
from casereview.domain.governance_lifecycle import ActionStatus
from casereview.domain.practice_reviews import OtherReviewStatus, PracticeReviewStatus
from casereview.partnerships.models import Person
from casereview.reviews.uploads import display_name

from .access import require_manage_learning
from .import_selectors import FIELDS, Check, check_rows, fields_for, run_stage, suggest_mapping
from .models import ImportRun, Recommendation, Review, ReviewKind, Theme, ThemeTag
from .models.themes import TagSource
from .spreadsheets import MAX_BYTES, SpreadsheetError, read_upload

SOURCE_OF_KIND = {"lcspr": TagSource.LCSPR, "national": TagSource.NATIONAL, "sar": TagSource.ADULT,
                  "darr": TagSource.ADULT, "single_agency": TagSource.SINGLE_AGENCY, "audit": TagSource.AUDIT}
ALREADY_IMPORTED = "This file has already been imported: upload it again to start a new import"
NO_ROWS = "This import holds no rows: upload the file again"


@transaction.atomic
def import_run_create(*, actor, partnership, kind: str, upload) -> ImportRun:
    """Read an uploaded action plan or tracker and keep its rows, with the columns suggested for each field."""
    require_manage_learning(actor, partnership)
    if kind not in FIELDS:
        raise ValidationError({"kind": ["Choose whether the file is an action plan or a learning tracker"]})
    if upload is None:
        raise ValidationError({"file": ["Choose a file"]})
    if upload.size > MAX_BYTES:
        raise ValidationError({"file": [f"The file must be {MAX_BYTES // (1024 * 1024)}MB or smaller"]})
    content = b"".join(upload.chunks())
    try:
        sheet = read_upload(content)
    except SpreadsheetError as exc:
        raise ValidationError({"file": [str(exc)]}) from exc
    name = display_name(upload.name)
    run = ImportRun.objects.create(
        partnership=partnership, kind=kind, filename=name, sha256=hashlib.sha256(content).hexdigest(),
        rows_total=len(sheet.rows), created_by=actor, dry_run=True,
        mapping={"header": sheet.header, "rows": [[n, cells] for n, cells in sheet.rows], "fields": {},
                 "suggested": suggest_mapping(kind, sheet.header)})
    audit_record(actor=actor, verb=Verb.CREATED, target=run, partnership=partnership, changes={
        "kind": [None, kind], "filename": [None, name], "rows": [None, len(sheet.rows)], "sha256": [None, run.sha256]})
    return run


def _locked(actor, run: ImportRun) -> ImportRun:
    require_manage_learning(actor, run.partnership)
    locked = ImportRun.objects.select_for_update(of=("self",)).select_related("partnership").get(pk=run.pk)
    stage = run_stage(locked)
    if stage == "imported":
        raise ValidationError(ALREADY_IMPORTED)
    if stage == "empty":
        raise ValidationError(NO_ROWS)
    return locked


@transaction.atomic
def import_mapping_save(*, actor, run: ImportRun, columns: dict[str, int | None]) -> ImportRun:
    """Record which column (by position) each field comes from; required fields need one, and no column twice."""
    locked = _locked(actor, run)
    header = locked.mapping["header"]
    chosen: dict[str, int | None] = {}
    errors: dict[str, list[str]] = {}
    taken: dict[int, str] = {}
    for target in fields_for(locked.kind):
        index = columns.get(target.key)
        if index is None or not 0 <= index < len(header):
            chosen[target.key] = None
            if target.required:
                errors[target.key] = [f"Choose the column that holds the {target.label[:1].lower()}{target.label[1:]}"]
        elif index in taken:
            errors[target.key] = [f'The column "{header[index]}" is already chosen for {taken[index]}']
        else:
            chosen[target.key], taken[index] = index, target.label
    if errors:
        raise ValidationError(errors)
    before = _in_words(locked, locked.mapping.get("fields") or {})
    locked.mapping = {**locked.mapping, "fields": chosen}
    locked.save(update_fields=["mapping"])
    audit_record(actor=actor, verb=Verb.UPDATED, target=locked, partnership=locked.partnership,
                 changes={"mapping": [before or None, _in_words(locked, chosen)]})
    return locked


def _in_words(run: ImportRun, chosen: dict) -> dict:
    header = run.mapping.get("header", [])
    return {key: header[i] for key, i in chosen.items() if i is not None and 0 <= i < len(header)}


@transaction.atomic
def import_dry_run(*, actor, run: ImportRun, today: date) -> Check:
    """Check every row and record the rejected ones with their reasons; import nothing."""
    locked = _locked(actor, run)
    if not locked.mapping.get("fields"):
        raise ValidationError("Choose the columns before the dry run")
    check = check_rows(locked, today)
    locked.rejected = [{"row": v.row, "reasons": v.reasons} for v in check.rejected]
    locked.rows_total = check.total
    locked.mapping = {**locked.mapping, "checked": {
        "at": timezone.now().isoformat(), "fields": locked.mapping["fields"], "valid": len(check.valid),
        "valid_rows": [v.row for v in check.valid],
        "notes": [{"row": v.row, "notes": v.notes} for v in check.valid if v.notes]}}
    locked.save(update_fields=["rejected", "rows_total", "mapping"])
    audit_record(actor=actor, verb=Verb.UPDATED, target=locked, partnership=locked.partnership, changes={
        "dry_run": [None, f"{len(check.valid)} rows would be imported, {len(check.rejected)} rejected"]})
    return check


@transaction.atomic
def import_confirm(*, actor, run: ImportRun, today: date) -> ImportRun:
    """Import the rows the dry run found valid, all or none; refuse if the check now differs from the dry run."""
    locked = _locked(actor, run)
    if run_stage(locked) != "checked":
        raise ValidationError("Run the dry run first (and again after changing the columns)")
    check = check_rows(locked, today)
    if [v.row for v in check.valid] != locked.mapping["checked"].get("valid_rows"):
        raise ValidationError("The partnership's records have changed since the dry run: run it again")
    if not check.valid:
        raise ValidationError("No row can be imported: correct the file and upload it again")
    create = _import_action if locked.kind == "actions" else _import_review
    made: dict = {"people": Person.objects.in_bulk({v.values.get("owner_id") for v in check.valid} - {None}),
                  "themes": Theme.objects.in_bulk({t for v in check.valid for t in v.values.get("theme_ids", [])})}
    for verdict in check.valid:
        create(actor, locked, verdict, today, made)
    locked.rows_imported, locked.dry_run = len(check.valid), False
    locked.mapping = {**locked.mapping, "imported_at": timezone.now().isoformat()}
    locked.save(update_fields=["rows_imported", "dry_run", "mapping"])
    audit_record(actor=actor, verb=Verb.UPDATED, target=locked, partnership=locked.partnership, changes={
        "rows_imported": [0, len(check.valid)], "rejected": [None, len(check.rejected)]})
    return locked


def _import_action(actor, run: ImportRun, verdict, today: date, made: dict) -> Action:
    v, partnership = verdict.values, run.partnership
    source = f"{run.filename}, row {verdict.row}"
    rec_id = v["rec_id"] or made.get((v["review_id"], v["rec_number"]))
    if rec_id is None:
        rec = Recommendation.objects.create(partnership=partnership, review_id=v["review_id"], number=v["rec_number"],
                                            text=v["rec_text"], created_by=actor)
        audit_record(actor=actor, verb=Verb.CREATED, target=rec, partnership=partnership, changes={
            "number": [None, rec.number], "text": [None, rec.text], "import": [None, source]})
        rec_id = made[(v["review_id"], v["rec_number"])] = rec.pk
    due = date.fromisoformat(v["due_date"])
    finished = v["status"] in (ActionStatus.COMPLETE, ActionStatus.CLOSED)
    closed = v["status"] == ActionStatus.CLOSED
    owner = made["people"][v["owner_id"]]
    action = Action.objects.create(
        partnership=partnership, title=v["title"], owner=owner, agency_id=v["agency_id"], due_date=due,
        status=v["status"], set_on=min(today, due), completed_on=today if finished else None,
        closed_on=today if closed else None, closed_by=actor if closed else None,
        sign_off_note=f"Closed before it was imported ({source})" if closed else "", recommendation_id=rec_id,
        rag=v["rag"], created_by=actor)
    audit_record(actor=actor, verb=Verb.CREATED, target=action, partnership=partnership, changes={
        "title": [None, action.title], "owner": [None, str(owner)], "due_date": [None, due.isoformat()],
        "status": [None, action.status], "rag": [None, action.rag], "import": [None, source]})
    return action


def _import_review(actor, run: ImportRun, verdict, today: date, made: dict) -> Review:
    v, partnership = verdict.values, run.partnership
    status = PracticeReviewStatus.PUBLISHED if v["kind"] == ReviewKind.LCSPR else OtherReviewStatus.COMPLETED
    review = Review.objects.create(partnership=partnership, kind=v["kind"], title=v["title"], summary=v["summary"],
                                   status=status.value, year=v["year"], created_by=actor)
    themes = [made["themes"][pk] for pk in v["theme_ids"]]
    ThemeTag.objects.bulk_create([ThemeTag(partnership=partnership, theme=t, review=review, year=v["year"],
                                           source=SOURCE_OF_KIND[v["kind"]], created_by=actor) for t in themes])
    audit_record(actor=actor, verb=Verb.CREATED, target=review, partnership=partnership, changes={
        "title": [None, review.title], "kind": [None, review.kind], "year": [None, review.year],
        "themes": [None, sorted(t.label for t in themes)], "import": [None, f"{run.filename}, row {verdict.row}"]})
    return review
