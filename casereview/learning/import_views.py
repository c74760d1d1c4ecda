"""Pages for importing an action plan or a learning tracker: upload, choose columns, dry run, import."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from casereview.partnerships.access import partnership_for_request
from casereview.web.formviews import handle_form

from . import import_selectors as selectors
from . import import_services as services
from .access import can_manage_learning
from .import_forms import ImportMapForm, ImportStartForm


@login_required
def import_start(request):
    partnership = partnership_for_request(request)
    if not can_manage_learning(request.user, partnership):
        raise PermissionDenied
    form = ImportStartForm(request.POST or None, request.FILES or None)
    return handle_form(
        request, form,
        call=lambda data: services.import_run_create(actor=request.user, partnership=partnership, kind=data["kind"],
                                                     upload=data["file"]),
        success_url=lambda run: reverse("learning:import_map", args=[run.pk]),
        message="File read: now choose the column for each field",
        template="learning/imports/start.html",
        context={"page_heading": "Import a spreadsheet", "submit_label": "Read the file",
                 "runs": selectors.import_runs(request.user, partnership)},
    )


@login_required
def import_map(request, pk):
    run = selectors.import_run_get(request.user, pk)
    stage = selectors.run_stage(run)
    if stage in ("empty", "imported"):  # nothing to choose: the import's own page says why
        return _detail(request, run, status=200 if request.method == "GET" else 400,
                       errors=[] if request.method == "GET" else [services.NO_ROWS if stage == "empty"
                                                                  else services.ALREADY_IMPORTED])
    chosen = selectors.chosen_columns(run) or run.mapping.get("suggested", {})
    form = ImportMapForm(request.POST or None, run=run, chosen=chosen)
    back = reverse("learning:import_detail", args=[run.pk])
    return handle_form(
        request, form,
        call=lambda data: services.import_mapping_save(actor=request.user, run=run, columns=form.columns()),
        success_url=back, message="Columns chosen: run the dry run to check every row",
        template="learning/imports/map.html",
        context={"page_heading": "Choose the columns", "caption": run.filename, "back_url": back,
                 "submit_label": "Save the columns", "run": run, **selectors.preview(run)},
    )


def _detail(request, run, *, errors=(), status=200):
    return render(request, "learning/imports/detail.html", {**selectors.run_page(run), "errors": list(errors)},
                  status=status)


@login_required
def import_detail(request, pk):
    return _detail(request, selectors.import_run_get(request.user, pk))


def _step(request, pk, call, message):
    run = selectors.import_run_get(request.user, pk)
    try:
        result = call(run)
    except ValidationError as exc:
        return _detail(request, run, errors=exc.messages, status=400)
    messages.success(request, message(result))
    return redirect("learning:import_detail", run.pk)


@login_required
@require_POST
def import_dry_run(request, pk):
    return _step(request, pk, lambda run: services.import_dry_run(actor=request.user, run=run,
                                                                  today=timezone.localdate()),
                 lambda check: f"Dry run finished: {len(check.valid)} of {check.total} rows can be imported. "
                               "Nothing has been imported yet")


@login_required
@require_POST
def import_confirm(request, pk):
    return _step(request, pk, lambda run: services.import_confirm(actor=request.user, run=run,
                                                                  today=timezone.localdate()),
                 lambda run: f"{run.rows_imported} row{'s' if run.rows_imported != 1 else ''} imported")
