"""Pages for declarations of interest at a meeting and for the standing register of interests."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from casereview.partnerships.access import current_partnership
from casereview.partnerships.models import Person
from casereview.web.exports import export_requested, export_response
from casereview.web.formviews import handle_form

from . import interests_selectors as selectors
from . import interests_services as services
from . import list_exports
from .access import can_manage_meetings, can_read_meetings
from .interests_forms import DeclarationForm, RegisteredInterestForm
from .selectors import meeting_get, meeting_page_parts

FORM = "meetings/interests/form.html"


def _posted(request):
    return request.POST if request.method == "POST" else None


@login_required
def declare(request, pk):
    meeting = meeting_get(request.user, pk)
    if not selectors.can_declare(request.user, meeting):
        raise PermissionDenied
    manager = can_manage_meetings(request.user, meeting.partnership)
    people = selectors.declarable_people(meeting) if manager else selectors.own_people(request.user, meeting)
    form = DeclarationForm(_posted(request), people=Person.objects.filter(pk__in=[p.pk for p in people]),
                           items=meeting.items.all(),
                           initial={"person": people[0].pk} if len(people) == 1 else None)
    _declare, duty = selectors.conflicts_duty(meeting)
    back = reverse("meetings:detail", args=[meeting.pk]) + "#declarations"
    return handle_form(
        request, form, template=FORM, success_url=back, message="Declaration recorded",
        call=lambda data: services.declaration_record(actor=request.user, meeting=meeting, **data),
        context={"caption": str(meeting), "back_url": back, "page_heading": "Declare an interest",
                 "submit_label": "Record the declaration", "lede": duty})


@login_required
@require_POST
def declaration_delete(request, pk):
    declaration = selectors.declaration_get(request.user, pk)
    meeting = declaration.meeting
    if not can_manage_meetings(request.user, meeting.partnership):
        raise PermissionDenied
    try:
        services.declaration_remove(actor=request.user, declaration=declaration)
    except ValidationError as exc:
        context = meeting_page_parts(meeting, request.user, timezone.localdate())
        return render(request, "meetings/detail.html", {**context, "declarations_errors": exc.messages}, status=400)
    messages.success(request, f"Declaration by {declaration.person.full_name} removed")
    return redirect(reverse("meetings:detail", args=[meeting.pk]) + "#declarations")


@login_required
def interest_register(request):
    partnership = current_partnership(request)
    if partnership is None or not can_read_meetings(request.user, partnership):
        raise PermissionDenied
    rows = selectors.register_rows(partnership, timezone.localdate())
    if fmt := export_requested(request):
        return export_response(request=request, partnership=partnership, export=list_exports.INTERESTS,
                               rows=rows, fmt=fmt)
    return render(request, "meetings/interests/register.html", {
        "partnership": partnership, "rows": rows, "can_manage": can_manage_meetings(request.user, partnership),
    })


@login_required
def person_interests(request, pk):
    person = selectors.person_for_interests(request.user, pk)
    return render(request, "meetings/interests/person.html", {
        "person": person, "rows": selectors.person_interests(person), "today": timezone.localdate(),
        "can_edit": selectors.can_edit_interests(request.user, person),
    })


@login_required
def interest_add(request, pk):
    person = selectors.person_for_interests(request.user, pk)
    if not selectors.can_edit_interests(request.user, person):
        raise PermissionDenied
    back = reverse("meetings:person_interests", args=[person.pk])
    form = RegisteredInterestForm(_posted(request), initial={"declared_on": timezone.localdate()})
    return handle_form(
        request, form, template=FORM, success_url=back, message="Interest added to the register",
        call=lambda data: services.registered_interest_add(actor=request.user, person=person, **data),
        context={"caption": person.full_name, "back_url": back, "page_heading": "Add a registered interest",
                 "submit_label": "Add the interest",
                 "lede": "A standing interest is shown to the business team whenever the person is invited to a "
                         "meeting, as a reminder to declare it on any item it touches."})


@login_required
@require_POST
def interest_end(request, pk):
    interest = selectors.interest_get(request.user, pk)
    if not selectors.can_edit_interests(request.user, interest.person):
        raise PermissionDenied
    back = reverse("meetings:person_interests", args=[interest.person_id])
    try:
        services.registered_interest_end(actor=request.user, interest=interest)
    except ValidationError as exc:
        return render(request, "meetings/interests/person.html", {
            "person": interest.person, "rows": selectors.person_interests(interest.person),
            "today": timezone.localdate(), "can_edit": True, "errors": exc.messages}, status=400)
    messages.success(request, "Interest ended")
    return redirect(back)
