"""Browsing and downloading the audit trail (CSV or XLSX, through the shared export helper)."""

import json
import re
from operator import attrgetter

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from casereview.partnerships.access import current_partnership
from casereview.web.exports import Column, Export, export_query, export_requested, export_response

from . import selectors
from .vocabulary import Verb

# The columns the hand-written CSV always had, by the same names, so scripts that read it keep working. An
# investigator needs the second an event happened, and its changes as JSON a program can read back.
COLUMNS = [
    Column("seq", attrgetter("seq"), 8),
    Column("occurred_at", lambda event: timezone.localtime(event.occurred_at).isoformat(sep=" ", timespec="seconds"),
           20),
    Column("actor_label", attrgetter("actor_label"), 20),
    Column("verb", attrgetter("verb"), 12),
    Column("target_type", attrgetter("target_type"), 22),
    Column("target_id", attrgetter("target_id"), 10),
    Column("target_label", attrgetter("target_label"), 35),
    Column("changes", lambda event: json.dumps(event.changes, ensure_ascii=False, sort_keys=True, default=str), 60),
    Column("ip_address", attrgetter("ip_address"), 16),
    Column("hash", attrgetter("hash"), 66),
]
EVENTS_EXPORT = Export("Audit trail", "audit-trail", COLUMNS)
SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")  # characters a spreadsheet will not take in a sheet's name


@login_required
def event_list(request):
    partnership = current_partnership(request)
    verb, actor = request.GET.get("verb", ""), request.GET.get("actor", "")[:100]
    events = selectors.events_for_partnership(request.user, partnership, verb=verb, actor=actor)
    if fmt := export_requested(request):
        return export_response(request=request, partnership=partnership, export=EVENTS_EXPORT, rows=events, fmt=fmt)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "audit/event_list.html", {
        "page": page, "verbs": Verb.choices, "verb": verb, "actor": actor, "export_query": export_query(request),
    })


@login_required
def record_history(request, target_type, target_id):
    partnership = current_partnership(request)
    events = selectors.events_for_record(request.user, partnership, target_type, target_id)
    label = events[-1].target_label
    if fmt := export_requested(request):
        export = Export(SHEET_UNSAFE.sub(" ", f"History of {label}"), f"history-{target_type}-{target_id}", COLUMNS)
        return export_response(request=request, partnership=partnership, export=export, rows=events, fmt=fmt)
    return render(request, "audit/record_history.html", {
        "events": events, "label": label, "target_type": target_type, "target_id": target_id,
    })
