"""Spreadsheet downloads: the action plans (every action the user may see) and the learning tracker (small
counts suppressed). Each download is recorded in the audit trail."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone

from casereview.audit.services import audit_record
from casereview.audit.vocabulary import Verb
from casereview.partnerships.access import partnership_for_request

from .access import can_read_learning
from .export_selectors import action_plan_sheet, tracker_sheets
from .spreadsheets import XLSX_CONTENT_TYPE, workbook_bytes


def _download(request, partnership, data: bytes, filename: str, what: str) -> HttpResponse:
    with transaction.atomic():
        audit_record(actor=request.user, verb=Verb.EXPORTED, partnership=partnership,
                     changes={"exported": [None, what]})
    response = HttpResponse(data, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def actions_xlsx(request):
    partnership = partnership_for_request(request)
    today = timezone.localdate()
    sheet, count = action_plan_sheet(request.user, partnership, today)
    return _download(request, partnership, workbook_bytes([sheet]), f"action-plans-{today.isoformat()}.xlsx",
                     f"Action plans (XLSX): {count} action{'s' if count != 1 else ''}")


@login_required
def tracker_xlsx(request):
    partnership = partnership_for_request(request)
    if not can_read_learning(request.user, partnership):
        raise PermissionDenied
    today = timezone.localdate()
    return _download(request, partnership, workbook_bytes(tracker_sheets(partnership, today)),
                     f"learning-tracker-{today.isoformat()}.xlsx", "Learning tracker (XLSX), small counts suppressed")
