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

from . import selectors, services
from .models import Status

PER_PAGE = 50


@login_required
def outbox_list(request):
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
