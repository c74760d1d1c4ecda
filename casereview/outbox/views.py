"""The outbox page: delivery state of the partnership's messages, with "retry now" for failed ones."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from casereview.partnerships.access import current_partnership
from casereview.web.exports import Column, Export, export_query, export_requested, export_response

from . import selectors, services
from .models import Status

PER_PAGE = 50
# The page's delivery columns; like the page, never a message's body. The last error shows until it is sent.
EXPORT = Export("Outbox", "outbox", [
    Column("Subject", lambda m: m.subject, 45),
    Column("To", lambda m: m.to, 30),
    Column("Status", lambda m: m.get_status_display(), 16),
    Column("Attempts", lambda m: m.attempts, 10),
    Column("Last error", lambda m: m.last_error if m.status != Status.SENT else "", 40),
    Column("Queued at", lambda m: m.created_at, 17),
    Column("Sent at", lambda m: m.sent_at, 17),
    Column("Next attempt at", lambda m: m.next_attempt_at if m.status in (Status.FAILED, Status.QUEUED) else None,
           17),
    Column("Message id", lambda m: m.pk, 10),
])


@login_required
def outbox_list(request):
    if fmt := export_requested(request):
        partnership = current_partnership(request)
        found = selectors.outbox_list(request.user, partnership, status=request.GET.get("status", ""))
        return export_response(request=request, partnership=partnership, export=EXPORT, rows=found, fmt=fmt)
    return _page(request, status=request.GET.get("status", ""))


def _page(request, *, status: str, errors=(), code: int = 200):
    partnership = current_partnership(request)
    status = status if status in Status.values else ""
    found = selectors.outbox_list(request.user, partnership, status=status)
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    counts = selectors.outbox_counts(partnership)
    return render(request, "outbox/list.html", {
        "page": page, "status": status, "errors": list(errors), "total": sum(counts.values()),
        "filters": [{"value": value, "label": label, "count": counts[value]} for value, label in Status.choices],
        "retryable": set(services.RETRYABLE), "query": urlencode({"status": status}) if status else "",
        "export_query": export_query(request),
    }, status=code)


@login_required
@require_POST
def outbox_retry(request, pk):
    partnership = current_partnership(request)
    message = selectors.outbox_get(request.user, partnership, pk)
    try:
        services.outbox_retry(actor=request.user, message=message)
    except ValidationError as exc:
        return _page(request, status=request.POST.get("status", ""), errors=exc.messages, code=400)
    messages.success(request, f"The message to {message.to} will be sent again now")
    back = reverse("outbox:list")
    status = request.POST.get("status", "")
    return redirect(f"{back}?{urlencode({'status': status})}" if status in Status.values else back)
