"""Records management pages for the business team: rules, records due for review, holds and the log."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse

from casereview.domain.retention import RECORD_TYPES, RecordType
from casereview.partnerships.access import current_partnership
from casereview.web.exports import Column, Export, export_query, export_requested, export_response
from casereview.web.formviews import handle_form

from . import deletion_services, hold_services, rule_services, selectors
from .forms import DeleteForm, HoldForm, HoldItemForm, KeepForm, ReleaseForm, RuleForm

LOG_PER_PAGE = 50
DUE_EXPORT = Export("Records due for review", "records-due-for-review", [
    Column("Record type", lambda s: RECORD_TYPES[s.record_type].label, 25),
    Column("Record", lambda s: s.label, 40),
    Column("Record number", lambda s: s.record.pk, 12),
    Column("Trigger date", lambda s: s.trigger, 12),
    Column("Due for review", lambda s: s.review_on, 14),
    Column("Kept until", lambda s: s.kept_until, 12),
    Column("Legal holds", lambda s: "; ".join(s.holds), 30),
    Column("May be deleted", lambda s: s.verdict.deletable, 12),
])
HOLDS_EXPORT = Export("Legal holds", "legal-holds", [
    Column("Hold", lambda h: str(h), 40),
    Column("Kind", lambda h: h.get_kind_display(), 20),
    Column("Placed on", lambda h: h.placed_on, 12),
    Column("Placed by", lambda h: h.placed_by.get_full_name() if h.placed_by else "", 20),
    Column("Records covered", lambda h: len(h.items.all()), 10),
    Column("Active", lambda h: h.active, 8),
    Column("Released on", lambda h: h.released_on, 12),
    Column("Release reason", lambda h: h.release_reason, 40),
])
LOG_EXPORT = Export("Deletion log", "deletion-log", [
    Column("Deleted at", lambda e: e.deleted_at, 18),
    Column("Record type", lambda e: e.get_record_type_display(), 25),
    Column("Record", lambda e: e.label, 40),
    Column("Record number", lambda e: e.object_id, 12),
    Column("Retention rule", lambda e: e.rule, 30),
    Column("Due for review", lambda e: e.review_date, 14),
    Column("Reason", lambda e: e.reason, 40),
    Column("Deleted by", lambda e: e.deleted_by_label, 20),
    Column("Rows removed", lambda e: e.rows_removed, 10),
    Column("Files removed", lambda e: e.files_removed, 10),
])


@login_required
def rules(request):
    found = selectors.rules_list(request.user, current_partnership(request))
    return render(request, "records/rules.html", {"rules": found})


@login_required
def rule_edit(request, pk):
    partnership = current_partnership(request)
    rule = selectors.rule_get(request.user, partnership, pk)
    initial = {"years": rule.years, "months": rule.months, "trigger": rule.trigger, "notes": rule.notes}
    form = RuleForm(request.POST or None, initial=initial)
    return handle_form(
        request, form,
        call=lambda data: rule_services.retention_rule_update(actor=request.user, rule=rule, **data),
        success_url=reverse("records:rules"), message=f"{rule.get_record_type_display()}: retention rule saved",
        context={"page_heading": f"Retention rule: {rule.get_record_type_display()}", "caption": "Records",
                 "back_url": reverse("records:rules"), "submit_label": "Save rule",
                 "lede": f"Covers {RECORD_TYPES[RecordType(rule.record_type)].covers}. The record is due for review "
                         "this long after the trigger date. No national retention period exists: the partnership "
                         "sets its own."})


@login_required
def due(request):
    partnership = current_partnership(request)
    sections = selectors.due_list(request.user, partnership)
    if fmt := export_requested(request):
        rows = [status for section in sections for status in section["due"]]
        return export_response(request=request, partnership=partnership, export=DUE_EXPORT, rows=rows, fmt=fmt)
    return render(request, "records/due.html", {"sections": sections, "limit": selectors.DUE_LIMIT,
                                                 "export_query": export_query(request)})


@login_required
def record(request, record_type, pk):
    status = selectors.record_status(request.user, current_partnership(request), record_type, pk)
    return render(request, "records/record.html", {"status": status,
                                                   "deletable_type": record_type in selectors.deletable_types()})


@login_required
def keep(request, record_type, pk):
    partnership = current_partnership(request)
    status = selectors.record_status(request.user, partnership, record_type, pk)
    form = KeepForm(request.POST or None)
    back = reverse("records:record", args=[record_type, pk])
    return handle_form(
        request, form,
        call=lambda data: deletion_services.record_keep(actor=request.user, partnership=partnership,
                                                        record_type=status.record_type, object_id=status.record.pk,
                                                        **data),
        success_url=back, message=f"{status.label} will be kept until the new date",
        context={"page_heading": f"Keep {status.label}", "caption": "Review a record", "back_url": back,
                 "submit_label": "Keep the record",
                 "lede": "Record the review's decision to keep this record longer. It will be due for review again "
                         "on the date you give."})


@login_required
def delete(request, record_type, pk):
    partnership = current_partnership(request)
    status = selectors.record_status(request.user, partnership, record_type, pk)
    form = DeleteForm(request.POST or None)
    if not status.verdict.deletable and request.method != "POST":
        return render(request, "records/cannot_delete.html", {"status": status})

    def call(data):
        return deletion_services.record_delete(actor=request.user, partnership=partnership,
                                               record_type=status.record_type, object_id=status.record.pk,
                                               reason=data["reason"])

    return handle_form(
        request, form, call=call, success_url=reverse("records:log"), message=f"{status.label} has been deleted",
        template="records/delete.html",
        context={"status": status, "page_heading": f"Delete {status.label}", "caption": "Review a record",
                 "back_url": reverse("records:record", args=[record_type, pk]), "submit_label": "Delete the record",
                 "covers": RECORD_TYPES[status.record_type].covers})


@login_required
def holds(request):
    partnership = current_partnership(request)
    found = selectors.holds_list(request.user, partnership)
    if fmt := export_requested(request):
        return export_response(request=request, partnership=partnership, export=HOLDS_EXPORT, rows=found, fmt=fmt)
    return render(request, "records/holds.html", {"holds": found, "export_query": export_query(request)})


@login_required
def hold_place(request):
    partnership = current_partnership(request)
    selectors.holds_list(request.user, partnership)
    form = HoldForm(request.POST or None)
    return handle_form(
        request, form,
        call=lambda data: hold_services.legal_hold_place(actor=request.user, partnership=partnership, **data),
        success_url=lambda hold: reverse("records:hold_detail", args=[hold.pk]),
        message="Hold placed: now add the records it covers",
        context={"page_heading": "Place a legal hold", "caption": "Legal holds", "back_url": reverse("records:holds"),
                 "submit_label": "Place the hold",
                 "lede": "A hold stops the records it covers from being deleted, whatever their review dates, until "
                         "it is released. Place one for an inquiry, litigation or criminal proceedings."})


@login_required
def hold_detail(request, pk):
    hold = selectors.hold_get(request.user, current_partnership(request), pk)
    return render(request, "records/hold.html", {"hold": hold, "items": list(hold.items.all())})


@login_required
def hold_add(request, pk):
    hold = selectors.hold_get(request.user, current_partnership(request), pk)
    form = HoldItemForm(request.POST or None)
    back = reverse("records:hold_detail", args=[hold.pk])
    return handle_form(
        request, form,
        call=lambda data: hold_services.legal_hold_item_add(actor=request.user, hold=hold, **data),
        success_url=back, message="The hold now covers the record",
        context={"page_heading": "Add records to the hold", "caption": str(hold), "back_url": back,
                 "submit_label": "Add to the hold"})


@login_required
def hold_release(request, pk):
    hold = selectors.hold_get(request.user, current_partnership(request), pk)
    form = ReleaseForm(request.POST or None)
    back = reverse("records:hold_detail", args=[hold.pk])
    return handle_form(
        request, form,
        call=lambda data: hold_services.legal_hold_release(actor=request.user, hold=hold, **data),
        success_url=back, message="The hold has been released",
        context={"page_heading": "Release the hold", "caption": str(hold), "back_url": back,
                 "submit_label": "Release the hold",
                 "warning": "Once released, the records it covered can be deleted when their review dates come."})


@login_required
def log(request):
    partnership = current_partnership(request)
    entries = selectors.deletion_log(request.user, partnership)
    if fmt := export_requested(request):
        return export_response(request=request, partnership=partnership, export=LOG_EXPORT, rows=entries, fmt=fmt)
    page = Paginator(entries, LOG_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "records/log.html", {"page": page, "export_query": export_query(request)})
