"""Identity and disproportionality pages: the aggregates of the children in notifications against the
partnership's baseline (every view and export audited), and the baseline itself (the business team)."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from casereview.partnerships.access import partnership_for_request
from casereview.web.formviews import handle_form

from . import identity_selectors as selectors
from . import identity_services as services
from .access import can_manage_learning, can_read_learning
from .identity_forms import BaselineForm, IdentityPeriodForm

CSV_HEADERS = ["Dimension", "Category", "Children", "Share of children", "Baseline", "Share of baseline",
               "Ratio of shares"]
SUPPRESSION_NOTE = ("Counts of 1 or 2 children are shown as [c], and so is one more count when needed so that a "
                    "hidden count cannot be worked out from the total. Shares and ratios of hidden counts are hidden.")


def _partnership(request):
    partnership = partnership_for_request(request)
    if not can_read_learning(request.user, partnership):
        raise PermissionDenied
    return partnership


def _report(request):
    partnership = _partnership(request)
    form = IdentityPeriodForm(request.GET if {"start", "end"} & set(request.GET) else None,
                              today=timezone.localdate())
    if form.is_bound and not form.is_valid():
        return partnership, form, None
    start, end = form.period()
    return partnership, form, selectors.identity_report(partnership, start, end)


@login_required
def identity(request):
    partnership, form, report = _report(request)
    if report is not None:
        services.identity_read_record(actor=request.user, partnership=partnership, start=report.start,
                                      end=report.end)
    return render(request, "learning/identity/report.html", {
        "form": form, "report": report, "note": SUPPRESSION_NOTE, "query": request.GET.urlencode(),
        "can_manage": can_manage_learning(request.user, partnership),
    }, status=400 if report is None else 200)


@login_required
def identity_csv(request):
    partnership, form, report = _report(request)
    if report is None:
        return render(request, "learning/identity/report.html", {"form": form, "report": None,
                                                                  "note": SUPPRESSION_NOTE}, status=400)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (f'attachment; filename="identity-{report.start.isoformat()}-to-'
                                       f'{report.end.isoformat()}.csv"')
    response["Cache-Control"] = "no-store"
    writer = csv.writer(response)
    writer.writerow(CSV_HEADERS)
    writer.writerow(["All children", "", report.children, "", "", "", ""])
    for dimension in report.dimensions:
        for row in dimension.rows:
            writer.writerow([_cell(v) for v in (dimension.label, row.category, row.count, row.share,
                                                "" if row.baseline_count is None else row.baseline_count,
                                                row.baseline_share, "" if row.ratio is None else row.ratio)])
    writer.writerow([])
    writer.writerow([f"Children in notifications received {report.period}. {SUPPRESSION_NOTE}"])
    services.identity_read_record(actor=request.user, partnership=partnership, start=report.start, end=report.end,
                                  export=True)
    return response


def _cell(value):
    """A spreadsheet cell that cannot run as a formula."""
    text = str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@login_required
def baseline_edit(request):
    partnership = _partnership(request)
    if not can_manage_learning(request.user, partnership):
        raise PermissionDenied
    back = reverse("learning:identity")
    return handle_form(
        request, BaselineForm(request.POST or None), success_url=reverse("learning:baseline_edit"),
        message="Baseline saved", template="learning/identity/baseline.html",
        call=lambda data: services.baseline_save(actor=request.user, partnership=partnership, **data),
        context={"back_url": back, "caption": "Identity and disproportionality", "submit_label": "Save the figure",
                 "page_heading": "The baseline", "rows": selectors.baseline_rows(partnership),
                 "lede": "Enter the partnership's own figures to compare the children in notifications with, for "
                         "example its child population by ethnicity. A figure for a category already entered "
                         "replaces it."})


@require_POST
@login_required
def baseline_remove(request, pk):
    row = selectors.baseline_get(request.user, pk)
    if not can_manage_learning(request.user, row.partnership):
        raise PermissionDenied
    services.baseline_remove(actor=request.user, baseline=row)
    messages.success(request, f"Baseline figure for {row.category} removed")
    return redirect("learning:baseline_edit")
