"""Retention rules: defaults for every partnership, and the business team's changes with validation."""

from casereview.audit.models import AuditEvent
from casereview.domain.retention import RECORD_TYPES
from casereview.records.models import RetentionRule
from tests.conftest import PartnershipFactory, sign_in


def test_a_new_partnership_gets_the_default_rules(db):
    """Creating a partnership creates one rule per record type with the documented default period."""
    partnership = PartnershipFactory()
    rules = {r.record_type: r.years for r in RetentionRule.objects.filter(partnership=partnership)}
    assert rules == {t.value: info.default_years for t, info in RECORD_TYPES.items()}


def test_rules_page_lists_every_type(client, rec):
    """The business team sees each record type's rule in words."""
    sign_in(client, rec["admin"])
    page = client.get("/records/rules/").content.decode()
    assert "15 years after the date the rapid review closed" in page
    assert "Meeting and its papers" in page


def test_rules_are_for_the_business_team_only(client, rec):
    """A member gets a 404, as for the outbox."""
    sign_in(client, rec["member"])
    rule = RetentionRule.objects.filter(partnership=rec["partnership"]).first()
    assert client.get("/records/rules/").status_code == 404
    assert client.get(f"/records/rules/{rule.pk}/").status_code == 404


def _edit(client, rule, **data):
    form = {"years": "15", "months": "0", "trigger": "the date the review closed", "notes": ""} | data
    return client.post(f"/records/rules/{rule.pk}/", form)


def test_rule_edit_validation(client, rec):
    """Impossible periods are refused beside the field, and nothing is saved."""
    sign_in(client, rec["admin"])
    rule = RetentionRule.objects.get(partnership=rec["partnership"], record_type="meeting")
    cases = [({"years": "0", "months": "0"}, "at least one month"), ({"months": "12"}, "Months must be 11 or less"),
             ({"years": "-1"}, "Years cannot be negative"), ({"years": "ten"}, "Years must be a whole number"),
             ({"trigger": ""}, "Enter what starts the retention period"), ({"years": "101"}, "100 or less")]
    for data, message in cases:
        response = _edit(client, rule, **data)
        assert response.status_code == 400
        assert message in response.content.decode()
        assert "govuk-error-summary" in response.content.decode()
    rule.refresh_from_db()
    assert (rule.years, rule.months) == (7, 0)


def test_rule_edit_saves_and_audits(client, rec):
    """A valid change is saved and recorded with its old and new values."""
    sign_in(client, rec["admin"])
    rule = RetentionRule.objects.get(partnership=rec["partnership"], record_type="meeting")
    response = _edit(client, rule, years="10", months="6", trigger="the date of the meeting", notes="Local policy")
    assert response.status_code == 302
    rule.refresh_from_db()
    assert (rule.years, rule.months, rule.notes) == (10, 6, "Local policy")
    event = AuditEvent.objects.filter(target_type="records.retentionrule", verb="updated").get()
    assert event.changes["years"] == [7, 10]
