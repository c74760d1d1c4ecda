"""Pages of the working-days calculator and of the partnership's closure days. Thin: parse, call, render."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from casereview.web.exports import Column, Export, export_requested, export_response
from casereview.web.formviews import handle_form

from . import calendar_selectors as selectors
from . import calendar_services as services
from .access import can_administer, current_partnership, partnership_for_request, require_administer_page
from .calendar_forms import AddDaysForm, CalendarDayForm, CountForm, HolidaysForm, RemoveForm

# One GET page holds three forms; each form's prefix keeps its field names apart and names its calculation.
CALCULATORS = {"add": AddDaysForm, "count": CountForm, "holidays": HolidaysForm}
CALCULATIONS = {
    "add": selectors.working_days_from,
    "count": selectors.working_days_count,
    "holidays": selectors.holidays_in_range,
}
# The closures list, column for column as the page shows it.
CLOSURES_EXPORT = Export("Closures and openings", "closures-and-openings", [
    Column("Date", lambda day: day.date, 12),
    Column("Closed or open", lambda day: "Closed" if day.kind == "closed" else "Open", 14),
    Column("Reason", lambda day: day.reason, 40),
    Column("Added by", lambda day: day.created_by.get_username() if day.created_by else "Unknown", 20),
    Column("Added on", lambda day: timezone.localdate(day.created_at), 12),
])


def _chosen(query) -> str | None:
    """Return which calculator was submitted: its button's value, else the prefix of the fields sent."""
    chosen = query.get("calculate")
    if chosen in CALCULATORS:
        return chosen
    return next((key for key in CALCULATORS if any(name.startswith(f"{key}-") for name in query)), None)


@login_required
def calculator(request):
    partnership = current_partnership(request)
    calendar = selectors.partnership_calendar(partnership)
    chosen = _chosen(request.GET)
    forms = {key: form(request.GET if key == chosen else None, prefix=key) for key, form in CALCULATORS.items()}
    bound = forms.get(chosen)
    result = CALCULATIONS[chosen](calendar, **bound.cleaned_data) if bound and bound.is_valid() else None
    return render(request, "partnerships/calendar/calculator.html", {
        "calculators": forms, "chosen": chosen, "form": bound, "result": result,
        "partnership": partnership, "closures": len(calendar.closures), "openings": len(calendar.openings),
    }, status=400 if bound is not None and bound.errors else 200)



@login_required
def closures(request):
    partnership = partnership_for_request(request)
    days = selectors.calendar_days(request.user, partnership)
    if fmt := export_requested(request):
        return export_response(request=request, partnership=partnership, export=CLOSURES_EXPORT, rows=days, fmt=fmt)
    return render(request, "partnerships/calendar/closures.html", {
        "days": days,
        "partnership": partnership,
        "can_edit": can_administer(request.user, partnership),
    })


@login_required
def closure_add(request):
    partnership = partnership_for_request(request)
    require_administer_page(request, partnership)
    back = reverse("calendar:closures")
    return handle_form(
        request, CalendarDayForm(request.POST or None),
        call=lambda data: services.calendar_day_add(actor=request.user, partnership=partnership, **data),
        success_url=back, message="Calendar entry added",
        context={"page_heading": "Add a closure or opening", "caption": partnership.name, "back_url": back,
                 "lede": "Close the partnership on a working day (it will not count towards any clock), "
                         "or open it on a weekend or bank holiday (it will count)."},
    )


@login_required
def closure_remove(request, pk):
    day = selectors.calendar_day_get(request.user, pk)
    require_administer_page(request, day.partnership)
    back = reverse("calendar:closures")
    when = selectors.long_date(day.date)
    return handle_form(
        # Bound on any POST: the form has no fields, so the POST data is empty and `or None` would unbind it.
        request, RemoveForm(request.POST if request.method == "POST" else None),
        call=lambda data: services.calendar_day_remove(actor=request.user, day=day),
        success_url=back, message=f"Calendar entry for {when} removed",
        context={"page_heading": f"Remove the entry for {when}?", "caption": day.get_kind_display(),
                 "lede": f"Reason given: {day.reason}. Once removed, the date follows the England and Wales "
                         "calendar again, and clocks counted from now on use it.",
                 "back_url": back, "submit_label": "Remove entry"},
    )
