"""Recording a notification through its page: the rapid review opens on the group's clock, bad input changes nothing."""

from datetime import date

import pytest
from django.urls import reverse

from casereview.incidents.models import Child, IdentityRecord, Notification
from casereview.reviews.models import RapidReview

from .conftest import REAL_NAME, child_row, form_data

pytestmark = pytest.mark.django_db
URL = "/notifications/new/"


def _nothing_saved():
    return not (Notification.objects.exists() or Child.objects.exists() or IdentityRecord.objects.exists()
                or RapidReview.objects.exists())


def test_page_shows_the_form_and_the_restricted_fieldset(demo, signed_in):
    """The business team sees the GOV.UK form, with the identity fields in their own restricted fieldset."""
    response = signed_in(demo["business_team"]).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Identity register (restricted)" in html
    assert 'name="children-TOTAL_FORMS"' in html and 'name="children-5-pseudonym"' in html
    assert "<legend" in html and "style=" not in html and "<script>" not in html


def test_only_groups_with_terms_in_force_are_offered(demo, signed_in):
    """A group with no terms of reference cannot run a rapid review, so it is not offered."""
    from tests.conftest import GroupFactory

    bare = GroupFactory(partnership=demo["rapid"].partnership, name="Task and Finish Group")
    form = signed_in(demo["business_team"]).get(URL).context["form"]
    assert set(form.fields["group"].queryset) == {demo["rapid"], demo["subgroup"]}
    assert bare not in form.fields["group"].queryset


@pytest.mark.parametrize("role", ["chair", "member", "agency_contributor", "scrutineer"])
def test_other_roles_are_refused(demo, signed_in, role):
    """Only the business team records notifications: every other role gets 403 and nothing is saved."""
    client = signed_in(demo[role])
    assert client.get(URL).status_code == 403
    assert client.post(URL, form_data(demo["rapid"])).status_code == 403
    assert _nothing_saved()


def test_kent_group_records_and_opens_review_due_14_january(demo, signed_in):
    """Kent rules: received Saturday 20 December 2025, so the review is due Wednesday 14 January 2026."""
    client = signed_in(demo["business_team"])
    response = client.post(URL, form_data(demo["rapid"]), follow=True)
    review = RapidReview.objects.get()
    assert response.redirect_chain == [(reverse("reviews:detail", args=[review.pk]), 302)]
    assert review.clock_started_on == date(2025, 12, 20) and review.due_date == date(2026, 1, 14)
    assert ("Notification recorded. The rapid review is open: Day 0 of 15 — due Wednesday 14 January 2026"
            in response.content.decode())
    child = Child.objects.get()
    assert child.pseudonym == "Child A" and child.identity.full_name == REAL_NAME


def test_kingston_richmond_group_starts_the_clock_when_sent_to_the_panel(demo, signed_in):
    """K&R rules: sent Thursday 18 December 2025 starts the clock, so due Tuesday 13 January 2026."""
    client = signed_in(demo["business_team"])
    response = client.post(URL, form_data(demo["subgroup"], sin_submitted_date="2025-12-18"), follow=True)
    review = RapidReview.objects.get()
    assert review.clock_start_event == "sin_submitted_date" and review.due_date == date(2026, 1, 13)
    assert "The rapid review is open: Day 0 of 15 — due Tuesday 13 January 2026" in response.content.decode()


def test_empty_extra_child_rows_are_ignored(demo, signed_in):
    """Six rows posted, one filled: the untouched rows (box ticked or not) record no child."""
    blank = {"in_main_list": "on"}
    children = [child_row(), blank, {}, blank, {}, blank]
    response = signed_in(demo["business_team"]).post(URL, form_data(demo["rapid"], children=children))
    assert response.status_code == 302
    assert Child.objects.count() == 1


def test_a_second_child_without_identity_gets_no_register_entry(demo, signed_in):
    """The identity register holds an entry only for a child whose identity was given."""
    sibling = child_row(pseudonym="Child B", full_name="", other_names="", date_of_birth="", address="")
    response = signed_in(demo["business_team"]).post(URL, form_data(demo["rapid"], children=[child_row(), sibling]))
    assert response.status_code == 302
    assert [c.pseudonym for c in Child.objects.order_by("position")] == ["Child A", "Child B"]
    assert IdentityRecord.objects.count() == 1


FIVE = [child_row(pseudonym=f"Child {letter}") for letter in "ABCDE"]


@pytest.mark.parametrize("overrides, message", [
    ({"received_date": "2025-12-10"}, "The notification cannot have been received before the incident"),
    ({"children": FIVE}, "The main list holds up to 4 children"),
    ({"children": [child_row(pseudonym="")]}, "Enter a pseudonym for the child"),
    ({"incident_date": "31/02/2025"}, "Date of the incident must be a real date"),
    ({"received_date": "2099-01-01"}, "The date must be today or in the past"),
    ({"children": [child_row(full_name="")]}, "Enter the child&#x27;s full name, or leave the identity register"),
    ({"nature": "accident"}, "Select a valid choice"),
    ({"children": [child_row(unborn="on")]}, "Leave the age empty for an unborn child"),
])
def test_bad_input_gives_400_with_the_message_and_saves_nothing(demo, signed_in, overrides, message):
    """Each mistake is shown on the page (400) and nothing at all is recorded."""
    response = signed_in(demo["business_team"]).post(URL, form_data(demo["rapid"], **overrides))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and "There is a problem" in html
    assert _nothing_saved()


def test_invalid_child_row_shows_the_error_beside_its_field(demo, signed_in):
    """A missing pseudonym in the second row is marked on that row's field and linked from the summary."""
    rows = [child_row(), child_row(pseudonym="", full_name="")]
    html = signed_in(demo["business_team"]).post(URL, form_data(demo["rapid"], children=rows)).content.decode()
    assert 'href="#id_children-1-pseudonym">Child 2: Enter a pseudonym for the child' in html
    assert 'id="div_id_children-1-pseudonym" class="govuk-form-group govuk-form-group--error"' in html
    assert "<details class=\"govuk-details\" open>" in html  # the row with the mistake is opened


def test_duplicate_reference_on_a_second_post_is_a_field_error(demo, signed_in):
    """A double submission records one notification; the second POST is told why, beside the reference."""
    client = signed_in(demo["business_team"])
    assert client.post(URL, form_data(demo["rapid"])).status_code == 302
    response = client.post(URL, form_data(demo["rapid"]))
    assert response.status_code == 400
    assert "A notification with this reference has already been recorded" in response.content.decode()
    assert response.context["form"].errors["reference"]
    assert Notification.objects.count() == 1 and RapidReview.objects.count() == 1


def test_a_tampered_formset_is_refused_without_a_crash(demo, signed_in):
    """Missing management data or too many rows give 400 with a message, never a server error."""
    client = signed_in(demo["business_team"])
    data = form_data(demo["rapid"])
    del data["children-TOTAL_FORMS"]
    assert client.post(URL, data).status_code == 400
    seven = form_data(demo["rapid"], children=[child_row(pseudonym=f"Child {n}", in_main_list=None)
                                               for n in range(7)])
    assert client.post(URL, seven).status_code == 400
    assert _nothing_saved()


def test_another_partnerships_group_cannot_be_chosen(demo, signed_in):
    """A group id from another partnership is not in the list: refused beside the field, nothing saved."""
    from tests.conftest import GroupFactory

    elsewhere = GroupFactory()
    response = signed_in(demo["business_team"]).post(URL, form_data(elsewhere))
    assert response.status_code == 400
    assert "Choose a group from the list" in response.content.decode()
    assert _nothing_saved()


def test_group_without_terms_on_the_received_date_is_a_field_error(demo, signed_in):
    """A group whose terms began after the notification arrived cannot time its review: told on the group field."""
    from casereview.domain.presets import load_preset
    from casereview.partnerships.terms_services import terms_version_create
    from tests.conftest import GroupFactory

    group = GroupFactory(partnership=demo["rapid"].partnership, name="New Rapid Review Group")
    terms_version_create(actor=demo["sysadmin"], group=group, document=load_preset("kent-rapid-review-group"),
                         effective_from=date(2026, 1, 1), change_note="Adopted.")
    response = signed_in(demo["business_team"]).post(URL, form_data(group))
    assert response.status_code == 400
    assert "has no rapid review clock in its terms of reference" in response.context["form"].errors["group"][0]
    assert _nothing_saved()
