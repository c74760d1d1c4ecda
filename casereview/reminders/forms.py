"""The form of a person's reminder choices."""

from django import forms

from casereview.domain.reminders import DAYS_BEFORE_MAX, DAYS_BEFORE_MIN
from casereview.web.forms import GovForm

from .preferences import DAYS_MESSAGE


class ReminderPreferenceForm(GovForm):
    before_due = forms.BooleanField(label="Remind me before things are due", required=False)
    days_before = forms.IntegerField(
        label="How many days before the due date?",
        help_text=f"A number from {DAYS_BEFORE_MIN} to {DAYS_BEFORE_MAX}. Counted in calendar days.",
        min_value=DAYS_BEFORE_MIN, max_value=DAYS_BEFORE_MAX,
        error_messages={"required": "Enter how many days before the due date to remind you",
                        "invalid": "Enter the number of days as a whole number, like 5",
                        "min_value": DAYS_MESSAGE, "max_value": DAYS_MESSAGE},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-2"}),
    )
    overdue = forms.BooleanField(label="Remind me once when something is overdue", required=False)
    weekly_digest = forms.BooleanField(
        label="Send me a weekly digest on Mondays", required=False,
        help_text="What is overdue and what is due in the next 14 days. Nothing is sent in a week with nothing due.")
