"""Forms for moving a review through its lifecycle and moving its milestones."""

from django import forms

from casereview.web.forms import GovForm


class WithdrawForm(GovForm):
    reason = forms.CharField(label="Why the review is being withdrawn", widget=forms.Textarea(attrs={"rows": 4}),
                             max_length=4000,
                             help_text="For example, the case proved not to meet the notification criteria.")


class MilestoneForm(GovForm):
    due_date = forms.DateField(label="New date", widget=forms.DateInput(attrs={"type": "date"}))
