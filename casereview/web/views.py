"""Pages every user sees: the dashboard, the accessibility statement and the error pages."""

import sys

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.views.decorators.http import require_POST

from casereview.partnerships.access import SESSION_KEY, current_partnership, partnership_of_user, partnerships_for
from casereview.web.page_cache import remembered_page

from . import dashboard as dashboard_selectors
from .storage import FileDecryptionError

RETRY_AFTER_SECONDS = 30


@login_required
@remembered_page
def dashboard(request):
    partnership = current_partnership(request)
    context = dashboard_selectors.dashboard_for(request.user, partnership)
    context["partnerships"] = list(partnerships_for(request.user))
    return render(request, "web/dashboard.html", context)


def health(request):
    """A trivial view for load balancers and as the benchmark's baseline: no session, no database."""
    return HttpResponse("ok", content_type="text/plain")


def accessibility(request):
    return render(request, "web/accessibility.html")


@login_required
@require_POST
def switch_partnership(request):
    chosen = partnership_of_user(request.user, request.POST.get("partnership"))
    if chosen is None:
        raise Http404("No such partnership.")
    request.session[SESSION_KEY] = chosen.pk
    return redirect("web:dashboard")


def permission_denied(request, exception=None):
    return render(request, "web/403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "web/404.html", status=404)


def server_error(request):
    # Rendered without the request, so no context processor touches the database: it may be the fault.
    if isinstance(sys.exc_info()[1], FileDecryptionError):
        # A stored file no listed key opens (logged with its name by casereview.storage): say so, plainly.
        html = loader.get_template("web/file_unavailable.html").render({"service_name": settings.SERVICE_NAME})
        return HttpResponse(html, status=503)
    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        # The database is unreachable (restarting, failing over, disk full): say so, and ask the client to retry.
        # Django closes the broken connection when the request ends, so the next request reconnects by itself.
        html = loader.get_template("web/503.html").render({"service_name": settings.SERVICE_NAME})
        return HttpResponse(html, status=503, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
    html = loader.get_template("web/500.html").render({"service_name": settings.SERVICE_NAME})
    return HttpResponseServerError(html)
