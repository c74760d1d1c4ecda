"""Pages for the proposed changes: the list in context with accept and reject, adding a change by hand, the
preview of the redacted report and its download. The list shows what the identity register identifies, so
opening it reads the register (audited child by child, as the register's own page is)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from casereview.audit.services import audit_read
from casereview.domain.publication import DraftStatus
from casereview.web.formviews import handle_form

from . import redaction_services, selectors, signoff_services
from .forms import ChangeAddForm
from .register import register_entries
from .views import FORM, closed, posted


def _filters(request) -> dict:
    return {k: request.GET.get(k, "") for k in ("kind", "status") if request.GET.get(k)}


@never_cache
@login_required
def changes(request, pk):
    draft = selectors.draft_get(request.user, pk)
    errors = []
    if request.method == "POST":
        try:
            count = _decide(request, draft)
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, f"{count} change{'' if count == 1 else 's'} updated")
            query = urlencode(_filters(request))
            return redirect(reverse("publication:changes", args=[pk]) + (f"?{query}" if query else ""))
    entries = register_entries(actor=request.user, review=draft.review)  # the list shows what the register holds
    filters = _filters(request)
    return render(request, "publication/changes.html", {
        **selectors.draft_page(draft, request.user), "errors": errors,
        "rows": selectors.change_rows(draft, **filters), "filters": filters,
        "kinds": selectors.kind_filters(draft), "people": sorted({e.pseudonym for e in entries}),
        "query": urlencode(filters),
    }, status=400 if errors else 200)


def _decide(request, draft) -> int:
    """Read which buttons were pressed: one change's accept or reject, the ticked ones, or every proposed one."""
    post = request.POST
    for decision in ("accept", "reject"):
        if post.get(decision):
            return redaction_services.changes_decide(actor=request.user, draft=draft, decision=decision,
                                                     change_ids=[post[decision]])
    if post.get("bulk") in ("accept", "reject"):
        return redaction_services.changes_decide(actor=request.user, draft=draft, decision=post["bulk"],
                                                 change_ids=post.getlist("change"))
    if post.get("every") == "accept":
        return redaction_services.changes_decide(actor=request.user, draft=draft, decision="accept",
                                                 every_proposed=True)
    raise ValidationError("Choose a change to accept or reject")


@never_cache
@login_required
def change_add(request, pk):
    draft = selectors.draft_get(request.user, pk)
    if draft.status != DraftStatus.IN_REVIEW:
        return closed(request, draft, "Add a change by hand",
                      "Changes can be added only while the redaction is being reviewed"
                      + (": reopen the redaction first." if draft.status == DraftStatus.REDACTED else "."))
    form = ChangeAddForm(posted(request))
    back = reverse("publication:changes", args=[pk])
    return handle_form(
        request, form, template=FORM,
        call=lambda data: redaction_services.change_add(actor=request.user, draft=draft, **data),
        success_url=back,
        message="Change added wherever the text appears",
        context={"back_url": back, "caption": draft.title, "page_heading": "Add a change by hand",
                 "lede": "For anything the search did not find: a parent's or a professional's name, a school, "
                         "a nickname. The change is accepted at once; any proposed change it covers is rejected "
                         "as replaced.", "submit_label": "Add the change"})


@never_cache
@login_required
def preview(request, pk):
    draft = selectors.draft_get(request.user, pk)
    audit_read(actor=request.user, target=draft)
    started = draft.status in {DraftStatus.IN_REVIEW, DraftStatus.REDACTED, DraftStatus.SIGNED_OFF}
    return render(request, "publication/preview.html", {
        **selectors.draft_page(draft, request.user), "started": started,
        "paragraphs": selectors.preview_paragraphs(draft) if started else [],
    })


@never_cache
@login_required
@require_GET
def download(request, pk):
    draft = selectors.draft_get(request.user, pk)
    fmt = request.GET.get("format") or ("docx" if draft.source_format == "docx" else "txt")
    if fmt not in signoff_services.EXPORT_FORMATS or draft.status not in signoff_services.EXPORTABLE:
        raise Http404("Nothing to download.")
    content, name, content_type = signoff_services.draft_export(actor=request.user, draft=draft, fmt=fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
