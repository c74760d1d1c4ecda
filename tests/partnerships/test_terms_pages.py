"""Terms-of-reference pages: plain English, changing clocks through the form, editing the document, comparing."""

import json
from datetime import date

import pytest
from django.urls import reverse

from casereview.accounts.models import User
from casereview.partnerships.demo import load_demo
from casereview.partnerships.models import Group, TermsVersion
from casereview.partnerships.terms_selectors import clock_rule_for
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def rapid(client):
    load_demo()
    sign_in(client, User.objects.get(username="business.manager"))
    return Group.objects.get(name="Rapid Review Group")


def test_overview_states_the_rules_in_plain_english(client, rapid):
    """The group's page says when it is quorate and when its rapid review clock starts."""
    body = client.get(reverse("partnerships:terms_overview", args=[rapid.pk])).content.decode()
    assert "Not quorate if any of these is missing" in body or "Quorate when" in body
    assert "within 15 working days of the notification being received by the partnership" in body


def test_changing_a_clock_through_the_form_makes_a_new_version(client, rapid):
    """Lengthening the rapid review clock saves version 2; cases started before keep 15 days."""
    url = reverse("partnerships:terms_clocks", args=[rapid.pk])
    form = client.get(url).context["form"]
    data = {name: field.initial for name, field in form.fields.items() if field.initial is not None}
    data.update({"rr__length": 20, "effective_from": "2026-03-01", "change_note": "Panel agreed 20 days"})
    response = client.post(url, data)
    assert response.status_code == 302
    assert TermsVersion.objects.filter(group=rapid).count() == 2
    assert clock_rule_for(rapid, "rr", date(2026, 2, 28))[0].length == 15
    assert clock_rule_for(rapid, "rr", date(2026, 3, 1))[0].length == 20


def test_bad_clock_length_is_shown_beside_the_field(client, rapid):
    """A zero length is refused on its field and no version is saved."""
    url = reverse("partnerships:terms_clocks", args=[rapid.pk])
    response = client.post(url, {"rr__length": 0, "effective_from": "2026-03-01", "change_note": "x"})
    assert response.status_code == 400
    assert "rr__length" in response.context["form"].errors
    assert TermsVersion.objects.filter(group=rapid).count() == 1


def test_document_editor_names_each_bad_field(client, rapid):
    """An invalid document is refused with the path of each problem; invalid JSON gets its own message."""
    url = reverse("partnerships:terms_edit", args=[rapid.pk])
    document = TermsVersion.objects.get(group=rapid).document
    document["clocks"][0]["unit"] = "fortnights"
    response = client.post(url, {"document": json.dumps(document), "effective_from": "2026-03-01",
                                 "change_note": "Try"})
    assert response.status_code == 400
    assert "clocks[0].unit" in " ".join(response.context["form"].errors["document"])
    response = client.post(url, {"document": "{not json", "effective_from": "2026-03-01", "change_note": "Try"})
    assert "not valid structured data" in " ".join(response.context["form"].errors["document"])


def test_compare_page_shows_the_change(client, rapid):
    """After a clock change, the comparison lists it side by side."""
    url = reverse("partnerships:terms_clocks", args=[rapid.pk])
    form = client.get(url).context["form"]
    data = {name: field.initial for name, field in form.fields.items() if field.initial is not None}
    data.update({"rr__length": 20, "effective_from": "2026-03-01", "change_note": "Panel agreed 20 days"})
    client.post(url, data)
    body = client.get(reverse("partnerships:terms_compare", args=[rapid.pk])).content.decode()
    assert "length changed from 15 to 20" in body


def test_member_cannot_change_clocks(client):
    """Only the business team edits terms of reference."""
    load_demo()
    sign_in(client, User.objects.get(username="member"))
    group = Group.objects.get(name="Rapid Review Group")
    assert client.get(reverse("partnerships:terms_clocks", args=[group.pk])).status_code == 403
