"""Pages for preparing a report for publication: starting a draft from a review, the publication-harm check,
the draft's page, and the moves that end with sign-off. The business team only; every read is audited."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from casereview.audit.services import audit_read
from casereview.domain.publication import HARM_CHECK_OPEN
from casereview.web.formviews import handle_form

from . import redaction_services, selectors, services, signoff_services
from .forms import DraftStartForm, HarmCheckForm

FORM = "web/form_page.html"


def posted(request):
    return request.POST if request.method == "POST" else None


def closed(request, draft, heading: str, message: str):
    """A page that says why a form is not open now (400 when something was posted to it)."""
    return render(request, "publication/closed.html", {"draft": draft, "page_heading": heading, "message": message},
                  status=400 if request.method == "POST" else 200)


def detail_with_errors(request, draft, exc: ValidationError):
    context = selectors.draft_page(draft, request.user)
    return render(request, "publication/detail.html", {**context, "errors": exc.messages}, status=400)


@never_cache
@login_required
def draft_start(request, pk):
    review = selectors.review_for_publication(request.user, pk)
    form = DraftStartForm(posted(request), request.FILES if request.method == "POST" else None)
    back = reverse("learning:review_detail", args=[review.pk])
    return handle_form(
        request, form, template="publication/start.html",
        call=lambda data: services.draft_start(actor=request.user, review=review, **data),
        success_url=lambda draft: reverse("publication:draft_detail", args=[draft.pk]),
        message="Report uploaded: answer the publication-harm check before redaction",
        context={"review": review, "drafts": selectors.drafts_of(review), "back_url": back, "caption": review.title,
                 "page_heading": "Prepare the report for publication", "submit_label": "Upload the report"})


@never_cache
@login_required
def draft_detail(request, pk):
    draft = selectors.draft_get(request.user, pk)
    audit_read(actor=request.user, target=draft)
    return render(request, "publication/detail.html", selectors.draft_page(draft, request.user))


@never_cache
@login_required
def harm_check(request, pk):
    draft = selectors.draft_get(request.user, pk)
    if draft.status not in HARM_CHECK_OPEN:
        return closed(request, draft, "Publication-harm check",
                      "Redaction has started, so the publication-harm check can no longer change.")
    fields = HarmCheckForm.base_fields
    form = HarmCheckForm(posted(request), initial={f: getattr(draft, f) for f in fields if getattr(draft, f)})
    back = reverse("publication:draft_detail", args=[pk])
    return handle_form(
        request, form, template=FORM,
        call=lambda data: services.harm_check_record(actor=request.user, draft=draft, **data),
        success_url=back, message="Publication-harm check recorded",
        context={"back_url": back, "caption": draft.title, "page_heading": "Publication-harm check",
                 "lede": "Answer these before any redaction. A report is not published in full while a trial or "
                         "inquest may be pending, or while publication could harm a surviving child.",
                 "submit_label": "Record the check"})


def _move(request, pk, call, message: str, to: str = "publication:draft_detail"):
    draft = selectors.draft_get(request.user, pk)
    try:
        result = call(draft)
    except ValidationError as exc:
        return detail_with_errors(request, draft, exc)
    messages.success(request, message(result) if callable(message) else message)
    return redirect(to, pk=pk)


@login_required
@require_POST
def redaction_start(request, pk):
    return _move(request, pk, lambda d: redaction_services.redaction_start(actor=request.user, draft=d),
                 lambda n: f"{n} change{'' if n == 1 else 's'} proposed: accept or reject each",
                 to="publication:changes")


@login_required
@require_POST
def redaction_finish(request, pk):
    return _move(request, pk, lambda d: redaction_services.redaction_finish(actor=request.user, draft=d),
                 "Redaction finished: a second person of the business team can now sign it off")


@login_required
@require_POST
def redaction_reopen(request, pk):
    return _move(request, pk, lambda d: redaction_services.redaction_reopen(actor=request.user, draft=d),
                 "Redaction reopened", to="publication:changes")


@login_required
@require_POST
def sign_off(request, pk):
    return _move(request, pk, lambda d: signoff_services.draft_sign_off(actor=request.user, draft=d),
                 "Signed off: the redacted report is publishable")
