"""Browsing and exporting the audit trail."""

import csv

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from casereview.partnerships.access import current_partnership

from . import selectors
from .services import audit_record_export
from .vocabulary import Verb

CSV_COLUMNS = ["seq", "occurred_at", "actor_label", "verb", "target_type", "target_id", "target_label",
               "changes", "ip_address", "hash"]


@login_required
def event_list(request):
    partnership = current_partnership(request)
    verb, actor = request.GET.get("verb", ""), request.GET.get("actor", "")[:100]
    events = selectors.events_for_partnership(request.user, partnership, verb=verb, actor=actor)
    if request.GET.get("format") == "csv":
        audit_record_export(actor=request.user, partnership=partnership, what="audit trail")
        return _csv(events, "audit-trail.csv")
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "audit/event_list.html", {
        "page": page, "verbs": Verb.choices, "verb": verb, "actor": actor,
    })


@login_required
def record_history(request, target_type, target_id):
    partnership = current_partnership(request)
    events = selectors.events_for_record(request.user, partnership, target_type, target_id)
    if request.GET.get("format") == "csv":
        audit_record_export(actor=request.user, partnership=partnership, what=f"history of {events[-1].target_label}")
        return _csv(events, f"history-{target_type}-{target_id}.csv")
    return render(request, "audit/record_history.html", {
        "events": events, "label": events[-1].target_label, "target_type": target_type, "target_id": target_id,
    })


def _csv(events, filename):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for event in events:
        writer.writerow([_safe_cell(getattr(event, column)) for column in CSV_COLUMNS])
    return response


def _safe_cell(value):
    """Neutralise spreadsheet formulas in exported text (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
