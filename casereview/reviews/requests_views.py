"""Pages for agency requests: asking, chasing, the secure return form, and downloading attachments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from casereview.partnerships.access import current_partnership
from casereview.web.exports import Column, Export, export_requested, export_response
from casereview.web.formviews import apply_errors, handle_form

from . import requests_selectors as selectors
from . import requests_services as services
from .access import can_manage_review
from .requests_forms import AttachmentReplaceForm, RequestsSendForm, ReturnForm, chronology_formset, chronology_rows
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


# What the contributor's list shows, and the day each request was made (as on its page); no case details.
MY_REQUESTS_EXPORT = Export("Agency requests", "agency-requests", [
    Column("Review", lambda row: row.request.rapid_review.notification.reference, 18),
    Column("Group", lambda row: row.request.rapid_review.group.name, 25),
    Column("Agency", lambda row: row.request.agency.name, 25),
    Column("Due", lambda row: row.request.due_date, 12),
    Column("Status", lambda row: row.label, 12),
    Column("Asked on", lambda row: timezone.localdate(row.request.requested_at), 12),
    Column("Request id", lambda row: row.request.pk, 10),
])


@login_required
def my_requests(request):
    rows = selectors.my_request_rows(request.user, timezone.localdate())
    if fmt := export_requested(request):
        return export_response(request=request, partnership=current_partnership(request),
                               export=MY_REQUESTS_EXPORT, rows=rows, fmt=fmt)
    return render(request, "reviews/requests/mine.html", {
        "rows": rows,
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


@login_required
def attachment_replace(request, pk):
    """Upload a new version of an attachment; the earlier one stays listed and downloadable."""
    attachment = selectors.attachment_get(request.user, pk)
    agency_request = selectors.request_get(request.user, attachment.request_id)
    if not selectors.can_submit_return(request.user, agency_request):
        raise PermissionDenied
    posted = request.method == "POST"
    form = AttachmentReplaceForm(request.POST if posted else None, request.FILES if posted else None)
    back = reverse("reviews:request_detail", args=[agency_request.pk])
    closed = "" if selectors.attachments_replaceable(request.user, agency_request) else selectors.ATTACHMENTS_FIXED
    return handle_form(
        request, form,
        call=lambda data: services.attachment_replace(actor=request.user, attachment=attachment, file=data["file"]),
        success_url=back, message=f"New version of {attachment.original_name} uploaded",
        context={"page_heading": f"Replace {attachment.original_name}", "caption": str(agency_request.agency),
                 "back_url": back, "submit_label": "Upload the new version", "warning": closed,
                 "lede": f"The new file becomes version {attachment.version + 1}. Version {attachment.version} stays "
                         "listed on the request and can still be downloaded by everyone who could download it."})
