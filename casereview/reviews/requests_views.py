"""Pages for agency requests: asking, chasing, the secure return form, and downloading attachments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from casereview.web.formviews import apply_errors, handle_form

from . import requests_selectors as selectors
from . import requests_services as services
from .access import can_manage_review
from .requests_forms import RequestsSendForm, ReturnForm, chronology_formset, chronology_rows
from .selectors import review_get


@login_required
def requests_send(request, pk):
    review = review_get(request.user, pk)
    if not can_manage_review(request.user, review):
        raise PermissionDenied
    options = selectors.agency_options(review)
    initial = {"agencies": [str(o.agency.pk) for o in options if o.statutory and not o.asked_on]}
    form = RequestsSendForm(request.POST or None, options=options, default_due=selectors.returns_due_date(review),
                            initial=initial)
    back = reverse("reviews:detail", args=[pk])
    return handle_form(
        request, form, template="reviews/requests/send.html",
        call=lambda data: services.agency_requests_send(actor=request.user, review=review, **data),
        success_url=back, message="Agencies asked for information",
        context={"review": review, "back_url": back,
                 "rows": selectors.request_rows(request.user, review, timezone.localdate())},
    )


@login_required
def request_detail(request, pk):
    agency_request = selectors.request_get(request.user, pk)
    context = selectors.request_page(request.user, agency_request, timezone.localdate())
    if context["agency_return"]:
        services.agency_return_view(actor=request.user, agency_return=context["agency_return"])
    return render(request, "reviews/requests/detail.html", context)


@login_required
@require_POST
def request_remind(request, pk):
    agency_request = selectors.request_get(request.user, pk)
    try:
        services.agency_request_remind(actor=request.user, request=agency_request)
    except ValidationError as exc:
        context = selectors.request_page(request.user, agency_request, timezone.localdate())
        return render(request, "reviews/requests/detail.html", {**context, "errors": exc.messages}, status=400)
    messages.success(request, f"Reminder sent to {agency_request.agency}")
    if request.POST.get("next") == "review":
        return redirect("reviews:detail", pk=agency_request.rapid_review_id)
    return redirect("reviews:request_detail", pk=pk)


@login_required
def return_submit(request, pk):
    agency_request = selectors.request_get(request.user, pk)
    if not selectors.can_submit_return(request.user, agency_request):
        raise PermissionDenied
    posted = request.method == "POST"
    more = posted and "more_rows" in request.POST
    form = ReturnForm(request.POST if posted else None, request.FILES if posted else None)
    rows = chronology_formset(request.POST if posted else None, more=more)
    if posted and not more and all([form.is_valid(), rows.is_valid()]):  # a list, so both show their errors
        try:
            services.agency_return_submit(
                actor=request.user, request=agency_request, files=form.cleaned_data.pop("attachments"),
                nil_return=form.cleaned_data.pop("nil_return"),
                data={**form.cleaned_data, "chronology": chronology_rows(rows)})
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Return submitted")
            return redirect("reviews:request_detail", pk=pk)
    return render(request, "reviews/requests/return_form.html", {
        "form": form, "rows": rows, "agency_request": agency_request,
        "closed_reason": selectors.returns_closed_reason(agency_request),
    }, status=400 if posted and not more else 200)


@login_required
def my_requests(request):
    return render(request, "reviews/requests/mine.html", {
        "rows": selectors.my_request_rows(request.user, timezone.localdate()),
        "is_contributor": selectors.is_agency_contributor(request.user),
    })


@login_required
def attachment_download(request, pk):
    attachment = selectors.attachment_get(request.user, pk)
    try:
        handle = services.attachment_open(actor=request.user, attachment=attachment)
    except FileNotFoundError as exc:
        raise Http404("The file is missing.") from exc
    response = FileResponse(handle, as_attachment=True, filename=attachment.original_name,
                            content_type=attachment.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
