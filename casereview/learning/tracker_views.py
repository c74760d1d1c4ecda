"""The learning tracker page and its CSV export, and the seven-minute briefing of a review (DOCX and PDF).

The business team sees exact counts on screen (and can preview the page as it would be shared); everyone
else, every export and every shared view sees counts of 1 or 2 suppressed as "[c]"."""

import csv
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify

from casereview.audit.services import audit_record
from casereview.audit.vocabulary import Verb
from casereview.domain.suppression import SUPPRESSED
from casereview.partnerships.access import partnership_for_request
from casereview.web.page_cache import remembered_page

from . import briefing_documents
from . import tracker_selectors as selectors
from .access import can_manage_learning, can_read_learning
from .charts import bar_chart, grouped_bar_chart
from .selectors import review_get
from .theme_forms import TrackerFilterForm
from .theme_services import taxonomy_ensure

FILTER_KEYS = ("year_from", "year_to", "source", "category", "theme", "kind")
PDF, DOCX = "application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NOTE = f"Counts of 1 or 2 are shown as {SUPPRESSED}."


def _tracker(request):
    partnership = partnership_for_request(request)
    if not can_read_learning(request.user, partnership):
        raise PermissionDenied
    taxonomy_ensure(partnership, request.user)
    choices = selectors.filter_choices(partnership)
    form = TrackerFilterForm({k: request.GET[k] for k in FILTER_KEYS if k in request.GET} or None,
                             themes=choices["themes"])
    if form.is_bound:
        form.is_valid()
    filters = form.filters()
    return partnership, form, filters, selectors.tracker(partnership, timezone.localdate(), filters)


def _charts(result, suppressed: bool) -> list:
    themes = selectors.theme_totals(result, suppressed=suppressed)
    years = selectors.year_totals(result, suppressed=suppressed)
    return [
        bar_chart(chart_id="chart-themes", title="Reviews under each theme",
                  description="Horizontal bars: for each theme, the number of local reviews, rapid reviews and "
                              "national reviews tagged with it, most first. The table beside gives the numbers.",
                  label_header="Theme", value_header="Reviews", data=themes),
        grouped_bar_chart(chart_id="chart-years", title="Reviews tagged with a theme, by year",
                          description="Pairs of bars for each year: local reviews and rapid reviews, and national "
                                      "reviews. The table beside gives the numbers.",
                          category_header="Year", series=("Local and rapid reviews", "National reviews"),
                          data=years),
    ]


@login_required
@remembered_page
def tracker(request):
    partnership, form, filters, result = _tracker(request)
    shared = request.GET.get("view") == "shared"  # the page as it would be shared: suppressed, no record lists
    exact = can_manage_learning(request.user, partnership) and not shared
    theme = next((row.theme for row in result.rows if row.theme.pk == filters.theme), None)
    chosen = {k: v for k, v in form.data.items() if k in FILTER_KEYS and v} if form.is_bound else {}
    query = urlencode(chosen)
    if shared and can_manage_learning(request.user, partnership):
        chosen["view"] = "shared"  # the business team's preview keeps to the shared view as they click on
    return render(request, "learning/tracker/tracker.html", {
        "form": form, "table": selectors.table(result, suppressed=not exact), "charts": _charts(result, not exact),
        "exact": exact, "can_manage": can_manage_learning(request.user, partnership), "note": NOTE,
        "filtered": form.is_bound and any(form.data.get(k) for k in FILTER_KEYS), "query": query,
        "theme_query": urlencode({k: v for k, v in chosen.items() if k != "theme"}),
        "detail": selectors.theme_detail(result, theme) if theme and not shared else None,
    })


@login_required
def tracker_csv(request):
    partnership, form, filters, result = _tracker(request)
    data = selectors.table(result, suppressed=True)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="learning-tracker-{timezone.localdate().isoformat()}.csv"'
    response["Cache-Control"] = "no-store"
    writer = csv.writer(response)
    writer.writerow(data["headers"])
    for row in data["rows"]:
        label = row["theme"].label + (" (retired)" if row["theme"].retired_in_id else "")
        writer.writerow([_cell(v) for v in (row["category"], label, *row["values"])])
    writer.writerow([])
    writer.writerow([f"{NOTE} Filters: {_described(form, filters)}."])
    with transaction.atomic():
        audit_record(actor=request.user, verb=Verb.EXPORTED, partnership=partnership,
                     changes={"report": [None, f"Learning tracker (CSV); filters: {_described(form, filters)}"]})
    return response


def _described(form, filters) -> str:
    parts = [f"{form.fields[name].label} {getattr(filters, name)}" for name in FILTER_KEYS if getattr(filters, name)]
    return "; ".join(parts) or "none"


def _cell(value):
    """A spreadsheet cell that cannot run as a formula."""
    text = str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@login_required
def briefing_download(request, pk, kind):
    review = review_get(request.user, pk)
    data = briefing_documents.briefing_download(actor=request.user, review=review, kind=kind)
    response = HttpResponse(data, content_type=PDF if kind == "pdf" else DOCX)
    name = slugify(review.reference or review.title)[:60] or "review"
    response["Content-Disposition"] = f'attachment; filename="seven-minute-briefing-{name}.{kind}"'
    response["Cache-Control"] = "no-store"
    return response
