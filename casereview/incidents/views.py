"""Pages for serious incident notifications: the list (and its download), record one, read it, identities, Ofsted."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from casereview.audit.services import audit_read
from casereview.domain.clocks import format_date
from casereview.partnerships.access import can_administer, can_read_all, current_partnership
from casereview.web.exports import Column, Export, export_query, export_requested, export_response
from casereview.web.formviews import handle_form

from . import notice_services, selectors, services
from .forms import ChildFormSet, NotificationForm, OfstedToldForm, error_summary

DUPLICATE = "A notification with this reference has already been recorded"
PAGE_SIZE = 50
# The list's columns plus the notification's dates, all shown on its page to the same readers; never the
# children's details or the free-text summary, which the list does not show.
EXPORT = Export("Serious incident notifications", "notifications", [
    Column("Reference", lambda n: n.reference, 18),
    Column("Received", lambda n: n.received_date, 12),
    Column("What happened", lambda n: n.get_nature_display(), 15),
    Column("Children", lambda n: n.child_count, 10),
    Column("Rapid review status", lambda n: n.rapid_review.get_status_display(), 22),
    Column("Rapid review due", lambda n: n.rapid_review.due_date, 14),
    Column("Group", lambda n: n.group.name, 25),
    Column("Local authority", lambda n: n.local_authority, 25),
    Column("Incident date", lambda n: n.incident_date, 12),
    Column("Local authority aware", lambda n: n.la_aware_date, 14),
    Column("Sent to the Panel", lambda n: n.sin_submitted_date, 14),
    Column("Notification id", lambda n: n.pk, 10),
    Column("Rapid review id", lambda n: n.rapid_review.pk, 10),
])


@login_required
def notification_list(request):
    partnership = current_partnership(request)
    if partnership is None or not can_read_all(request.user, partnership):
        raise PermissionDenied
    notifications = selectors.notification_list(request.user, partnership)
    if fmt := export_requested(request):
        return export_response(request=request, partnership=partnership, export=EXPORT, rows=notifications,
                               fmt=fmt)
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "incidents/list.html", {
        "page": page, "can_manage": can_administer(request.user, partnership), "export_query": export_query(request),
    })


@login_required
def notification_create(request):
    partnership = current_partnership(request)
    if partnership is None or not can_administer(request.user, partnership):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = NotificationForm(data, groups=selectors.groups_for_notification(partnership, timezone.localdate()))
    formset = ChildFormSet(data, prefix="children")
    # A list, not `and`: both parts are validated so every mistake shows at once.
    if data is not None and all([form.is_valid(), formset.is_valid()]):
        try:
            notification = _record(request.user, form, formset)
        except ValidationError as exc:
            _show_errors(form, formset, exc)
        else:
            review = notification.rapid_review
            messages.success(request, selectors.opening_banner(review, timezone.localdate()))
            return redirect("reviews:detail", review.pk)
    return render(request, "incidents/create.html", {
        "form": form, "formset": formset, "errors": error_summary(form, formset),
    }, status=400 if data is not None else 200)


def _record(actor, form, formset):
    try:
        return services.notification_record(actor=actor, group=form.cleaned_data["group"],
                                            notification=form.notification_data(),
                                            children=formset.children_data())
    except IntegrityError as exc:
        # Two submissions at the same moment can both pass the service's duplicate check; the database's
        # unique reference then stops the second, which must read as the same field error, not a crash.
        raise ValidationError({"reference": DUPLICATE}) from exc


def _show_errors(form, formset, exc: ValidationError) -> None:
    """Put each of the service's messages beside its field; those about the children go above the children."""
    errors = exc.error_dict if hasattr(exc, "error_dict") else {None: exc.error_list}
    for key, messages_ in errors.items():
        if key == "children":
            formset.add_error(messages_)
        else:
            form.add_error(key if key in form.fields else None, messages_)


@never_cache  # special category data: not to be kept in a shared computer's browser cache
@login_required
def notification_detail(request, pk):
    notification = selectors.notification_get(request.user, pk)
    audit_read(actor=request.user, target=notification)  # every read of case material is logged
    return render(request, "incidents/detail.html", {
        "notification": notification,
        "children": selectors.children_of(notification),
        "harm_types": selectors.harm_type_labels(notification),
        "clocks": selectors.notification_clocks(notification, timezone.localdate()),
        "can_manage": can_administer(request.user, notification.partnership),
    })


@never_cache
@login_required
def notification_identity(request, pk):
    notification = selectors.notification_manage_get(request.user, pk)
    rows = notice_services.identity_register_open(actor=request.user, notification=notification)
    return render(request, "incidents/identity.html", {"notification": notification, "rows": rows})


@login_required
def notification_ofsted_told(request, pk):
    notification = selectors.notification_manage_get(request.user, pk)
    back = reverse("incidents:detail", args=[pk])
    form = OfstedToldForm(request.POST or None, initial={"told_on": notification.ofsted_sos_told_on})
    return handle_form(
        request, form,
        call=lambda data: notice_services.notification_ofsted_told(actor=request.user, notification=notification,
                                                                   **data),
        success_url=back, message="Date recorded: Ofsted and the Secretary of State were told",
        template="incidents/ofsted_told.html",
        context={"notification": notification, "page_heading": "Ofsted and the Secretary of State told",
                 "caption": f"Notification {notification.reference}", "back_url": back,
                 "submit_label": "Save date",
                 "lede": "Record the day both were told of the death. It cannot be before the day the local "
                         f"authority became aware ({format_date(notification.la_aware_date)}) or in the future."},
    )
