"""Forms for agencies, people, groups and memberships. Saving goes through services, not the forms."""

from django import forms

from casereview.web.forms import GovForm, GovModelForm

from .models import Agency, Group, Membership, Person


class AgencyForm(GovModelForm):
    class Meta:
        model = Agency
        fields = ["name", "kind"]
        labels = {"name": "Agency name", "kind": "Kind of agency"}
        help_texts = {"kind": "The local authority, police and health (ICB) are the three statutory partners."}


class PersonForm(GovModelForm):
    class Meta:
        model = Person
        fields = ["agency", "full_name", "job_title", "email"]
        labels = {"full_name": "Full name", "email": "Work e-mail address (optional)"}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(partnership=partnership)


class GroupForm(GovModelForm):
    class Meta:
        model = Group
        fields = ["name", "kind"]
        labels = {"name": "Group name", "kind": "Kind of group"}


class MembershipForm(GovModelForm):
    class Meta:
        model = Membership
        fields = ["person", "role_title", "role_key", "represents", "chair", "deputy", "co_opted",
                  "co_opted_for", "start_date", "end_date"]
        labels = {
            "role_title": "Role in the group",
            "role_key": "Terms-of-reference role key (optional)",
            "represents": "Statutory partner represented",
            "deputy": "Named deputy (optional)",
            "co_opted": "Co-opted member (never counts towards quorum)",
            "co_opted_for": "Co-opted for (case or period)",
            "end_date": "End date (optional)",
        }
        help_texts = {"start_date": "For example, 2025-01-31", "end_date": "For example, 2026-01-31"}
        widgets = {"start_date": forms.DateInput(attrs={"type": "date"}),
                   "end_date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        people = Person.objects.filter(partnership=partnership).select_related("agency")
        self.fields["person"].queryset = people
        self.fields["deputy"].queryset = people
        self.fields["represents"].required = False


class EndMembershipForm(GovForm):
    end_date = forms.DateField(label="Date the membership ends", help_text="For example, 2026-03-31",
                               widget=forms.DateInput(attrs={"type": "date"}))
