"""The standing register of interests: the partnership's current interests, each person's page, adding and
ending an interest — by the business team, or by the person themself."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from casereview.audit.models import AuditEvent
from casereview.meetings.interests_services import registered_interest_add, registered_interest_end
from casereview.meetings.models import RegisteredInterest
from tests.conftest import sign_in
from tests.meetings import test_agenda_support as support
from tests.meetings.test_agenda_support import person

pytestmark = pytest.mark.django_db
demo = support.demo


def _add(actor, who, text="Trustee of a local charity (fictional).", declared_on=date(2025, 4, 1)):
    return registered_interest_add(actor=actor, person=who, kind="personal", interest=text, declared_on=declared_on)


def test_the_register_lists_current_interests_only(client, demo):
    """Current interests of everyone appear; an ended one does not."""
    ayla, helena = person("Ayla Brennan"), person("Helena Strand")
    _add(demo["business"], ayla, "Governor of a school (fictional).")
    ended = _add(demo["business"], helena, "Former adviser (fictional).")
    registered_interest_end(actor=demo["business"], interest=ended)
    page = sign_in(client, demo["scrutineer"]).get("/meetings/interests/").content.decode()
    assert "Governor of a school (fictional)." in page and "Former adviser (fictional)." not in page


def test_agency_contributors_cannot_read_the_register(client, demo):
    """The register is for those who read all governance records."""
    assert sign_in(client, demo["contributor"]).get("/meetings/interests/").status_code == 403
    assert sign_in(client, demo["contributor"]).get(
        f"/meetings/interests/people/{person('Ayla Brennan').pk}/").status_code == 404


def test_business_team_adds_an_interest(client, demo):
    """The form adds the interest to the person's register, audited."""
    ayla = person("Ayla Brennan")
    sign_in(client, demo["business"])
    response = client.post(f"/meetings/interests/people/{ayla.pk}/add/", {
        "kind": "financial", "interest": "Shares in a care provider (fictional).", "declared_on": "2025-09-01"})
    assert response.status_code == 302
    interest = RegisteredInterest.objects.get(person=ayla)
    assert (interest.kind, interest.declared_on, interest.partnership) == ("financial", date(2025, 9, 1),
                                                                          ayla.partnership)
    assert AuditEvent.objects.filter(verb="created", target_type="meetings.registeredinterest").exists()
    assert "Shares in a care provider (fictional)." in client.get(
        f"/meetings/interests/people/{ayla.pk}/").content.decode()


def test_a_person_keeps_their_own_register(client, demo):
    """Devon (a member with a sign-in) adds and ends his own interest, but cannot touch Ayla's."""
    devon, ayla = person("Devon Okafor"), person("Ayla Brennan")
    sign_in(client, demo["member"])
    assert client.post(f"/meetings/interests/people/{devon.pk}/add/", {
        "kind": "personal", "interest": "Brother is a local councillor (fictional).",
        "declared_on": "2025-01-10"}).status_code == 302
    assert client.get(f"/meetings/interests/people/{ayla.pk}/add/").status_code == 403
    mine = RegisteredInterest.objects.get(person=devon)
    assert client.post(f"/meetings/interests/{mine.pk}/end/").status_code == 302
    mine.refresh_from_db()
    assert mine.ended_on == timezone.localdate()
    assert AuditEvent.objects.get(verb="ended", target_type="meetings.registeredinterest").changes == {
        "ended_on": [None, timezone.localdate().isoformat()]}
    theirs = _add(demo["business"], ayla)
    assert client.post(f"/meetings/interests/{theirs.pk}/end/").status_code == 403


@pytest.mark.parametrize(("data", "message"), [
    ({"kind": "personal", "interest": "", "declared_on": "2025-01-10"}, "Describe the interest"),
    ({"kind": "", "interest": "X", "declared_on": "2025-01-10"}, "Select the kind of interest"),
    ({"kind": "personal", "interest": "X", "declared_on": "31/02/2025"}, "Date declared must be a real date"),
])
def test_bad_input_is_refused_beside_the_field(client, demo, data, message):
    """Each missing or wrong answer gives a 400 and a message; nothing is stored."""
    response = sign_in(client, demo["business"]).post(
        f"/meetings/interests/people/{person('Ayla Brennan').pk}/add/", data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not RegisteredInterest.objects.exists()


def test_an_interest_cannot_be_declared_in_the_future(demo):
    """The date declared is today or earlier."""
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="cannot be in the future"):
        _add(demo["business"], person("Ayla Brennan"), declared_on=timezone.localdate() + timedelta(days=1))


def test_ending_twice_is_refused(client, demo):
    """An interest already ended cannot be ended again (400 with the reason)."""
    interest = _add(demo["business"], person("Ayla Brennan"))
    sign_in(client, demo["business"])
    assert client.post(f"/meetings/interests/{interest.pk}/end/").status_code == 302
    response = client.post(f"/meetings/interests/{interest.pk}/end/")
    assert response.status_code == 400 and "already ended" in response.content.decode()
