"""The "Reminders and digest" page: each signed-in person chooses what they are e-mailed."""

from django.contrib.auth.decorators import login_required
from django.urls import reverse
from django.views.decorators.cache import never_cache

from casereview.web.formviews import handle_form

from .forms import ReminderPreferenceForm
from .preferences import FIELDS, preference_for_user, reminder_preference_update

LEDE = ("Reminders are e-mailed before something you are responsible for is due and once when it is overdue. "
        "They say what is due and link to it; they never name a child.")


@login_required
@never_cache
def preferences(request):
    """Show and save the signed-in person's own reminder choices."""
    current = preference_for_user(request.user)
    form = ReminderPreferenceForm(request.POST if request.method == "POST" else None,
                                  initial={name: getattr(current, name) for name in FIELDS})
    return handle_form(
        request, form, success_url=reverse("reminders:preferences"), message="Your reminder choices are saved",
        call=lambda data: reminder_preference_update(actor=request.user, **data),
        context={"page_heading": "Reminders and digest", "lede": LEDE, "submit_label": "Save choices"})
