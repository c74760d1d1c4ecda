"""Pages for a group's terms of reference: plain English, history, comparison, editing and the review clock."""

import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from casereview.domain.terms_english import diff, plain_english
from casereview.web.formviews import handle_form
from casereview.web.page_cache import remembered_page

from . import selectors, terms_selectors, terms_services
from .access import can_administer
from .calendar_selectors import partnership_calendar
from .terms_forms import ClocksForm, PresetForm, ReviewClockAdjustForm, TermsEditForm


def _group_for_admin(request, pk):
    group = selectors.group_get(request.user, pk)
    if not can_administer(request.user, group.partnership):
        raise PermissionDenied
    return group


@login_required
@remembered_page
def terms_overview(request, pk):
    group = selectors.group_get(request.user, pk)
    today = timezone.localdate()
    in_force = terms_selectors.terms_in_force(group, today)
    return render(request, "partnerships/terms/overview.html", {
        "group": group,
        "version": in_force,
        "sections": plain_english(terms_selectors.parsed(in_force)) if in_force else [],
        "history": terms_selectors.terms_history(group),
        "review": terms_selectors.review_clock(group, today, partnership_calendar(group.partnership)),
        "can_edit": can_administer(request.user, group.partnership),
    })


@login_required
def terms_version(request, pk, version):
    group = selectors.group_get(request.user, pk)
    found = terms_selectors.terms_version_get(group, version)
    return render(request, "partnerships/terms/version.html", {
        "group": group, "version": found, "sections": plain_english(terms_selectors.parsed(found)),
    })


@login_required
def terms_compare(request, pk):
    group = selectors.group_get(request.user, pk)
    history = list(terms_selectors.terms_history(group))
    try:
        a, b = int(request.GET.get("a", 0)), int(request.GET.get("b", 0))
    except ValueError as exc:
        raise Http404("Choose two versions.") from exc
    if len(history) < 2 and not (a and b):
        return render(request, "partnerships/terms/compare.html", {"group": group, "history": history})
    a = a or history[1].version
    b = b or history[0].version
    older, newer = (terms_selectors.terms_version_get(group, v) for v in sorted((a, b)))
    old_terms, new_terms = terms_selectors.parsed(older), terms_selectors.parsed(newer)
    return render(request, "partnerships/terms/compare.html", {
        "group": group, "history": history, "older": older, "newer": newer,
        "changes": diff(old_terms, new_terms),
        "old_sections": plain_english(old_terms), "new_sections": plain_english(new_terms),
    })


@login_required
def terms_edit(request, pk):
    group = _group_for_admin(request, pk)
    latest = terms_selectors.terms_history(group).first()
    initial = {"document": json.dumps(latest.document if latest else {}, indent=2, ensure_ascii=False),
               "effective_from": timezone.localdate()}
    back = reverse("partnerships:terms_overview", args=[pk])
    return handle_form(
        request, TermsEditForm(request.POST or None, initial=initial),
        call=lambda data: terms_services.terms_version_create(actor=request.user, group=group, **data),
        success_url=back, message="New version of the terms of reference saved",
        context={"page_heading": "Change the terms of reference", "caption": group.name, "back_url": back,
                 "lede": "Saving creates a new version. Earlier versions are kept, and cases keep the rules in "
                         "force when their clocks started.", "submit_label": "Save new version"},
    )


@login_required
def terms_preset(request, pk):
    group = _group_for_admin(request, pk)
    back = reverse("partnerships:terms_overview", args=[pk])
    return handle_form(
        request, PresetForm(request.POST or None, initial={"effective_from": timezone.localdate()}),
        call=lambda data: terms_services.terms_preset_load(actor=request.user, group=group, **data),
        success_url=back, message="Preset adopted as a new version",
        context={"page_heading": "Adopt a preset", "caption": group.name, "back_url": back,
                 "lede": "Start from a published partnership's terms of reference, then adapt them.",
                 "submit_label": "Adopt preset"},
    )


@login_required
def review_clock_adjust(request, pk):
    group = _group_for_admin(request, pk)
    back = reverse("partnerships:terms_overview", args=[pk])
    return handle_form(
        request, ReviewClockAdjustForm(request.POST or None),
        call=lambda data: terms_services.review_clock_adjust(actor=request.user, group=group, **data),
        success_url=back, message="Review clock updated",
        context={"page_heading": "Extend or pause the review clock", "caption": group.name, "back_url": back},
    )


@login_required
def terms_clocks(request, pk):
    group = _group_for_admin(request, pk)
    latest = terms_selectors.terms_history(group).first()
    if latest is None:
        raise Http404("Adopt terms of reference first.")
    form = ClocksForm(request.POST or None, clocks=latest.document.get("clocks", []),
                      initial={"effective_from": timezone.localdate()})
    back = reverse("partnerships:terms_overview", args=[pk])
    return handle_form(
        request, form,
        call=lambda data: terms_services.terms_clocks_update(
            actor=request.user, group=group, changes=form.changes(), effective_from=data["effective_from"],
            change_note=data["change_note"]),
        success_url=back, message="New version saved with the changed clocks",
        context={"page_heading": "Change the clocks", "caption": group.name, "back_url": back,
                 "lede": "Saving creates a new version. Cases whose clocks started earlier keep the rules they "
                         "started under.", "submit_label": "Save new version"},
    )
