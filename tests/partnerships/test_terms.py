"""Terms of reference as versioned data: presets, validation, the rule in force, and the review clock."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from casereview.audit.models import AuditEvent
from casereview.domain.calendar import default_calendar
from casereview.domain.clocks import ClockStatus
from casereview.domain.presets import load_preset
from casereview.domain.terms_english import plain_english
from casereview.partnerships import terms_services
from casereview.partnerships.models import TermsVersion
from casereview.partnerships.terms_selectors import clock_rule_for, parsed, review_clock, terms_in_force
from tests.conftest import GroupFactory, user_with_role

pytestmark = pytest.mark.django_db

KR = "kingston-richmond-case-review-subgroup"
KENT = "kent-rapid-review-group"


@pytest.fixture
def group(partnership):
    return GroupFactory(partnership=partnership)


def _adopt(actor, group, preset=KR, on=date(2023, 10, 1)):
    return terms_services.terms_preset_load(actor=actor, group=group, preset=preset, effective_from=on,
                                            change_note="Adopted")


@pytest.mark.parametrize("preset, sentence", [
    (KR, "Quorate when the local authority, police and health are each represented (by a member or their deputy)."),
    (KENT, "The rapid review must be submitted within 15 working days of the notification being received by the "
           "partnership."),
])
def test_presets_load_and_read_back_as_plain_english(group, business_user, preset, sentence):
    """Each seed preset is stored as version 1 and reads back in plain English from the stored data."""
    version = _adopt(business_user, group, preset)
    assert version.version == 1
    sentences = [s for _heading, lines in plain_english(parsed(version)) for s in lines]
    assert sentence in sentences


def test_invalid_document_is_refused_with_each_bad_field_named(group, business_user):
    """A document that does not validate is refused, naming every bad field, and nothing is saved."""
    document = load_preset(KR)
    document["clocks"][1]["length"] = -3
    document["roles"][0]["represents"] = "fire_service"
    with pytest.raises(ValidationError) as excinfo:
        terms_services.terms_version_create(actor=business_user, group=group, document=document,
                                            effective_from=date(2024, 1, 1), change_note="Broken")
    messages = " ".join(excinfo.value.message_dict["document"])
    assert "clocks[1].length" in messages and "roles[0].represents" in messages
    assert not TermsVersion.objects.exists()
    assert not AuditEvent.objects.filter(target_type="partnerships.termsversion").exists()


def test_change_note_is_required(group, business_user):
    """Every version says what changed and why."""
    with pytest.raises(ValidationError) as excinfo:
        terms_services.terms_version_create(actor=business_user, group=group, document=load_preset(KR),
                                            effective_from=date(2024, 1, 1), change_note="  ")
    assert "change_note" in excinfo.value.message_dict


def test_member_cannot_change_terms(group, partnership):
    """Only the business team can change terms of reference."""
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        _adopt(user_with_role(partnership, "member"), group)


def test_earlier_case_keeps_the_rule_in_force_when_its_clock_started(group, business_user):
    """A new version lengthening the rapid review clock governs only cases started after it took effect."""
    _adopt(business_user, group, KENT, on=date(2020, 5, 1))
    changed = load_preset(KENT)
    next(c for c in changed["clocks"] if c["id"] == "rr")["length"] = 20
    terms_services.terms_version_create(actor=business_user, group=group, document=changed,
                                        effective_from=date(2025, 4, 1), change_note="Panel agreed 20 days")
    early_rule, early_version = clock_rule_for(group, "rr", date(2025, 3, 31))
    late_rule, late_version = clock_rule_for(group, "rr", date(2025, 4, 1))
    assert (early_rule.length, early_version.version) == (15, 1)
    assert (late_rule.length, late_version.version) == (20, 2)
    event = AuditEvent.objects.filter(target_type="partnerships.termsversion").order_by("-seq").first()
    assert event.changes["version"] == [1, 2]
    assert any("clocks" in path for path in event.changes)


def test_version_cannot_take_effect_before_the_latest(group, business_user):
    """Versions take effect in order, so the rule in force on any date is unambiguous."""
    _adopt(business_user, group, on=date(2023, 10, 1))
    with pytest.raises(ValidationError) as excinfo:
        _adopt(business_user, group, on=date(2023, 9, 30))
    assert "effective_from" in excinfo.value.message_dict


def test_no_terms_in_force_before_the_first_version(group, business_user):
    """Before the first version takes effect there is no rule, and asking for one says so."""
    _adopt(business_user, group, on=date(2023, 10, 1))
    assert terms_in_force(group, date(2023, 9, 30)) is None
    with pytest.raises(LookupError):
        clock_rule_for(group, "rr", date(2023, 9, 30))


def test_review_clock_runs_from_the_last_review(group, business_user):
    """The annual review is due 12 months after the last review recorded in the terms in force."""
    document = {**load_preset(KR), "last_reviewed_on": "2026-01-20"}
    terms_services.terms_version_create(actor=business_user, group=group, document=document,
                                        effective_from=date(2026, 2, 1), change_note="Reviewed")
    clock = review_clock(group, date(2026, 11, 22), default_calendar())
    assert clock.state.due == date(2027, 1, 20)
    assert clock.state.status == ClockStatus.RUNNING


def test_review_clock_overdue_then_extended(group, business_user):
    """An overdue review can be extended to an agreed date; the extension is kept as history and audited."""
    _adopt(business_user, group, on=date(2023, 10, 1))  # reviewed on adoption, 1 October 2023
    today = date(2024, 11, 1)
    assert review_clock(group, today, default_calendar()).state.status == ClockStatus.OVERDUE
    terms_services.review_clock_adjust(actor=business_user, group=group, kind="extend", on=date(2024, 10, 15),
                                       reason="Awaiting new Working Together", agreed_by="SLG chair",
                                       agreed_on=date(2024, 10, 14), new_due_date=date(2025, 1, 31))
    clock = review_clock(group, today, default_calendar())
    assert clock.state.due == date(2025, 1, 31)
    assert clock.state.status == ClockStatus.RUNNING
    assert len(clock.records) == 1
    assert AuditEvent.objects.filter(target_type="partnerships.group", verb="updated").exists()


def test_resume_without_pause_is_refused(group, business_user):
    """The domain rules reject an adjustment that does not fit the clock's history; nothing is stored."""
    _adopt(business_user, group)
    with pytest.raises(ValidationError):
        terms_services.review_clock_adjust(actor=business_user, group=group, kind="resume", on=date(2024, 3, 1),
                                           reason="Back on", agreed_by="Chair", agreed_on=date(2024, 3, 1))
    assert review_clock(group, date(2024, 3, 2), default_calendar()).records == []
