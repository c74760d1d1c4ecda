"""Escalations to the SLG: the route from the terms of reference, each agency's position, the decision,
and who may read (every reader, the independent scrutineer included) and write (the business team)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from casereview.accounts.models import User
from casereview.audit.models import AuditEvent
from casereview.meetings.escalation_services import escalation_raise, escalation_resolve
from casereview.meetings.models import Escalation, Meeting
from casereview.partnerships.demo import load_demo
from casereview.partnerships.models import Agency, AgencyKind, Group
from tests.conftest import PartnershipFactory, sign_in, user_with_role

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def demo(db):
    load_demo()
    agencies = {a.kind: a for a in Agency.objects.all()}
    return {
        "admin": User.objects.get(username="business.manager"),
        "subgroup": Group.objects.get(name="Case Review Subgroup"),
        "rapid": Group.objects.get(name="Rapid Review Group"),
        "la": agencies[AgencyKind.LA_CHILDRENS_SERVICES], "police": agencies[AgencyKind.POLICE],
        "health": agencies[AgencyKind.HEALTH_ICB],
    }


def positions(demo, *rows):
    """Position rows as the form sends them: four rows, blanks included."""
    filled = [{"agency": demo[key] if key else None, "position": text} for key, text in rows]
    return filled + [{"agency": None, "position": ""}] * (4 - len(filled))


def raised(demo, group="subgroup", **overrides) -> Escalation:
    data = {"subject": "Whether the threshold for a practice review is met", "raised_on": date(2026, 3, 11),
            "positions": positions(demo, ("la", "Criteria met: two agencies worked poorly together."),
                                   ("police", "Criteria not met: a single-agency review is enough."))}
    return escalation_raise(actor=demo["admin"], group=demo[group], **{**data, **overrides})


def test_raising_uses_the_body_the_terms_name_and_is_audited(demo):
    """Kingston & Richmond terms escalate to the SLG: the record says so, with both positions and an audit row."""
    escalation = raised(demo)
    assert escalation.body == "SLG"
    assert escalation.status == "raised"
    assert [(p.agency.kind, p.position[:8]) for p in escalation.positions.all()] == [
        ("la_childrens_services", "Criteria"), ("police", "Criteria")]
    event = AuditEvent.objects.get(target_type="meetings.escalation", target_id=str(escalation.pk))
    assert event.verb == "created" and event.changes["body"] == [None, "SLG"]


def test_kent_terms_name_no_route_so_the_business_team_must_confirm(demo):
    """Kent's terms name no escalation route: refused unless the SLG is confirmed, and then the record says so."""
    with pytest.raises(ValidationError) as refused:
        raised(demo, group="rapid")
    assert "name no escalation route" in refused.value.message_dict["confirm_default_body"][0]
    escalation = raised(demo, group="rapid", confirm_default_body=True)
    assert escalation.body.startswith("Safeguarding Leadership Group")
    assert "name no route" in escalation.body


@pytest.mark.parametrize("rows, field, message", [
    ([("la", "Met.")], "__all__", "at least 2 agencies"),
    ([("la", "Met."), ("la", "Not met.")], "agency_2", "already listed"),
    ([("la", "Met."), ("police", "")], "position_2", "Enter the position of"),
    ([("la", "Met."), (None, "Not met.")], "agency_2", "Choose the agency"),
    ([], "__all__", "at least 2 agencies"),
])
def test_positions_need_two_different_agencies_each_with_text(demo, rows, field, message):
    """At least two positions, from different agencies, each with its text; the error names the row."""
    with pytest.raises(ValidationError) as refused:
        raised(demo, positions=positions(demo, *rows))
    assert message in " ".join(refused.value.message_dict[field])
    assert not Escalation.objects.exists()


def test_an_agency_of_another_partnership_is_refused(demo):
    """A position from an agency outside the partnership is refused on its row."""
    stranger = Agency.objects.create(partnership=PartnershipFactory(), name="Elsewhere Police", kind="police")
    rows = [{"agency": demo["la"], "position": "Met."}, {"agency": stranger, "position": "Not met."}]
    with pytest.raises(ValidationError) as refused:
        raised(demo, positions=rows)
    assert "agency_2" in refused.value.message_dict


def test_meeting_and_review_must_belong_to_the_group(demo):
    """A meeting of another group cannot be named as where the disagreement arose."""
    other = Meeting.objects.create(partnership=demo["rapid"].partnership, group=demo["rapid"], kind="rapid_review",
                                   starts_at=datetime(2026, 3, 2, 10, tzinfo=LONDON), mode="virtual")
    with pytest.raises(ValidationError) as refused:
        raised(demo, meeting=other)
    assert "Choose a meeting of the Case Review Subgroup" in refused.value.message_dict["meeting"][0]


def test_resolve_records_the_decision_once(demo):
    """Resolving records the decision and date through the lifecycle; a second resolve is refused."""
    escalation = raised(demo)
    with pytest.raises(ValidationError) as early:
        escalation_resolve(actor=demo["admin"], escalation=escalation, decision="Hold a review.",
                           decided_on=date(2026, 3, 1))
    assert "before the escalation was raised" in early.value.message_dict["decided_on"][0]
    resolved = escalation_resolve(actor=demo["admin"], escalation=escalation, decision="Hold a review.",
                                  decided_on=date(2026, 4, 2))
    assert (resolved.status, resolved.decided_on) == ("resolved", date(2026, 4, 2))
    event = AuditEvent.objects.filter(target_type="meetings.escalation", verb="updated").get()
    assert event.changes["status"] == ["raised", "resolved"]
    with pytest.raises(ValidationError) as again:
        escalation_resolve(actor=demo["admin"], escalation=resolved, decision="Again.", decided_on=date(2026, 4, 3))
    assert "resolved cannot become resolved" in again.value.messages[0]


def test_only_the_business_team_raises(demo):
    """A chair reads escalations but cannot raise one."""
    with pytest.raises(PermissionDenied):
        escalation_raise(actor=User.objects.get(username="chair"), group=demo["subgroup"], subject="Threshold",
                         raised_on=date(2026, 3, 1), positions=positions(demo, ("la", "Met."), ("police", "Not.")))


def test_the_scrutineer_reads_every_escalation(demo, client):
    """The independent scrutineer sees open and resolved escalations in the list and each one's positions."""
    first = raised(demo)
    second = raised(demo, subject="Whether to commission a multi-agency audit")
    escalation_resolve(actor=demo["admin"], escalation=second, decision="Commission it.", decided_on=date(2026, 4, 1))
    sign_in(client, User.objects.get(username="scrutineer"))
    page = client.get(reverse("meetings:escalation_list") + "?status=all").content.decode()
    assert first.subject in page and second.subject in page
    detail = client.get(reverse("meetings:escalation_detail", args=[first.pk]))
    assert detail.status_code == 200
    assert "Criteria not met: a single-agency review is enough." in detail.content.decode()
    assert "Record the decision" not in detail.content.decode()


def test_a_contributor_cannot_read_escalations(demo, client):
    """An agency contributor gets 403 for the list and 404 for an escalation, as if it did not exist."""
    escalation = raised(demo)
    sign_in(client, User.objects.get(username="contributor"))
    assert client.get(reverse("meetings:escalation_list")).status_code == 403
    assert client.get(reverse("meetings:escalation_detail", args=[escalation.pk])).status_code == 404


def test_another_partnerships_escalation_is_not_found(demo, client):
    """A business team user of another partnership gets 404 for this partnership's escalation."""
    escalation = raised(demo)
    sign_in(client, user_with_role(PartnershipFactory(), "business_team"))
    assert client.get(reverse("meetings:escalation_detail", args=[escalation.pk])).status_code == 404


def test_raise_page_preselects_the_group_and_shows_the_route(demo, client):
    """?group= preselects the group and the page says where its disagreements go."""
    sign_in(client, demo["admin"])
    page = client.get(reverse("meetings:escalation_raise") + f"?group={demo['rapid'].pk}&meeting=junk")
    assert page.status_code == 200
    assert "name no escalation route" in page.content.decode()


def test_raise_page_posts_and_shows_row_errors(demo, client):
    """Posting the form raises the escalation; a missing second position is a 400 with the message."""
    sign_in(client, demo["admin"])
    url = reverse("meetings:escalation_raise")
    form = {"group": demo["subgroup"].pk, "subject": "Threshold", "raised_on": "2026-03-11",
            "agency_1": demo["la"].pk, "position_1": "Met.", "agency_2": demo["police"].pk, "position_2": ""}
    bad = client.post(url, form)
    assert bad.status_code == 400
    assert "Enter the position of Northmoor Constabulary" in bad.content.decode()
    good = client.post(url, {**form, "position_2": "Not met."})
    escalation = Escalation.objects.get()
    assert good.status_code == 302 and good["Location"] == reverse("meetings:escalation_detail", args=[escalation.pk])
    resolve = client.post(reverse("meetings:escalation_resolve", args=[escalation.pk]),
                          {"decision": "Hold a review.", "decided_on": "2026-04-01"})
    assert resolve.status_code == 302
    escalation.refresh_from_db()
    assert escalation.status == "resolved"
