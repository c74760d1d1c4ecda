"""Recommendations and findings: contiguous numbers per source after any adds and removes, removal only while
a recommendation has no actions, national recommendations' local relevance, actions set from a recommendation,
and the audit rows each write leaves."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casereview.accounts.models import User
from casereview.audit.models import AuditEvent
from casereview.learning.models import Finding, Recommendation, Review
from casereview.learning.recommendation_services import (
    finding_add,
    finding_update,
    recommendation_action_add,
    recommendation_add,
    recommendation_assess,
    recommendation_remove,
    recommendation_update,
)
from casereview.partnerships.models import Agency, AgencyKind, Person
from tests.reviews.conftest import demo, record  # noqa: F401  (demo is a fixture)

TODAY = date(2026, 3, 2)


@pytest.fixture
def learn(demo):  # noqa: F811
    """The demo partnership with an LCSPR, a national review and a rapid review."""
    partnership = demo["subgroup"].partnership
    lcspr = Review.objects.create(partnership=partnership, kind="lcspr", title="Practice review: Child K (fictional)",
                                  status="in_progress", group=demo["subgroup"], decision_date=date(2026, 1, 5))
    national = Review.objects.create(partnership=partnership, kind="national", title="Panel report (fictional)",
                                     status="completed", source_body="The Panel", published_on=date(2025, 6, 1))
    return {**demo, "partnership": partnership, "lcspr": lcspr, "national": national,
            "rapid_review": record(demo).rapid_review,
            "police": Agency.objects.get(partnership=partnership, kind=AgencyKind.POLICE),
            "devon": Person.objects.get(full_name="Devon Okafor"), "ayla": Person.objects.get(full_name="Ayla Brennan")}


def _numbers(**source) -> list[int]:
    return list(Recommendation.objects.filter(**source).order_by("number").values_list("number", flat=True))


def _action(learn, rec, **overrides):
    data = {"title": "Train officers", "agency": learn["police"], "owner": learn["devon"],
            "due_date": TODAY + timedelta(days=60), "set_on": TODAY, "rag": "green"}
    return recommendation_action_add(actor=learn["admin"], recommendation=rec, **{**data, **overrides})


def test_numbers_follow_on_per_source(learn):
    """Each source numbers its own recommendations from 1."""
    for text in ("First.", "Second."):
        recommendation_add(actor=learn["admin"], review=learn["lcspr"], text=text)
    recommendation_add(actor=learn["admin"], rapid_review=learn["rapid_review"], text="Rapid one.")
    assert _numbers(review=learn["lcspr"]) == [1, 2]
    assert _numbers(rapid_review=learn["rapid_review"]) == [1]


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(steps=st.lists(st.one_of(st.just("add"), st.integers(min_value=0, max_value=6)), max_size=12))
def test_numbers_stay_contiguous_after_any_adds_and_removes(learn, steps):
    """Whatever mix of adds and removes (by position), the numbers are 1..n with the texts kept in order."""
    Recommendation.objects.filter(review=learn["lcspr"]).delete()
    expected: list[str] = []
    for n, step in enumerate(steps):
        if step == "add":
            expected.append(f"Recommendation text {n}")
            recommendation_add(actor=learn["admin"], review=learn["lcspr"], text=expected[-1])
        elif expected:
            position = step % len(expected)
            rec = Recommendation.objects.get(review=learn["lcspr"], number=position + 1)
            recommendation_remove(actor=learn["admin"], recommendation=rec)
            expected.pop(position)
    recs = Recommendation.objects.filter(review=learn["lcspr"]).order_by("number")
    assert [r.number for r in recs] == list(range(1, len(expected) + 1))
    assert [r.text for r in recs] == expected


def test_a_recommendation_with_actions_cannot_be_removed(learn):
    """Removal is refused once an action hangs off the recommendation; the numbering is untouched."""
    rec = recommendation_add(actor=learn["admin"], review=learn["lcspr"], text="Share information.")
    _action(learn, rec)
    with pytest.raises(ValidationError) as caught:
        recommendation_remove(actor=learn["admin"], recommendation=rec)
    assert caught.value.messages == ["Recommendation 1 has 1 action: it cannot be removed"]
    assert _numbers(review=learn["lcspr"]) == [1]


@pytest.mark.parametrize("text, message", [("", "Enter the recommendation"), ("   ", "Enter the recommendation"),
                                           ("x" * 5001, "The recommendation must be 5000 characters or fewer")])
def test_recommendation_text_is_required(learn, text, message):
    """Blank or overlong text is refused beside the field."""
    with pytest.raises(ValidationError) as caught:
        recommendation_add(actor=learn["admin"], review=learn["lcspr"], text=text)
    assert caught.value.message_dict == {"text": [message]}


def test_only_the_business_team_changes_recommendations(learn):
    """A chair reads but does not add, change or remove recommendations."""
    chair = User.objects.get(username="chair")
    rec = recommendation_add(actor=learn["admin"], review=learn["lcspr"], text="One.")
    for call in (lambda: recommendation_add(actor=chair, review=learn["lcspr"], text="Two."),
                 lambda: recommendation_update(actor=chair, recommendation=rec, text="Changed."),
                 lambda: recommendation_remove(actor=chair, recommendation=rec),
                 lambda: finding_add(actor=chair, review=learn["lcspr"], text="A finding.")):
        with pytest.raises(PermissionDenied):
            call()


def test_writes_are_audited(learn):
    """Adding, changing and removing a recommendation, and a finding, each leave one audit row."""
    rec = recommendation_add(actor=learn["admin"], review=learn["lcspr"], text="One.")
    recommendation_update(actor=learn["admin"], recommendation=rec, text="One, reworded.")
    recommendation_remove(actor=learn["admin"], recommendation=rec)
    finding = finding_add(actor=learn["admin"], review=learn["lcspr"], text="Information was not shared.")
    finding_update(actor=learn["admin"], finding=finding, text="Information was not shared in time.")
    rows = list(AuditEvent.objects.filter(target_type__in=["learning.recommendation", "learning.finding"])
                .order_by("seq").values_list("target_type", "verb"))
    assert rows == [("learning.recommendation", "created"), ("learning.recommendation", "updated"),
                    ("learning.recommendation", "deleted"), ("learning.finding", "created"),
                    ("learning.finding", "updated")]
    assert AuditEvent.objects.filter(verb="updated", target_type="learning.recommendation").get().changes == {
        "text": ["One.", "One, reworded."]}


def test_findings_are_numbered(learn):
    """Findings take the next number on their review."""
    for text in ("A.", "B.", "C."):
        finding_add(actor=learn["admin"], review=learn["lcspr"], text=text)
    assert list(Finding.objects.filter(review=learn["lcspr"]).values_list("number", "text")) == [
        (1, "A."), (2, "B."), (3, "C.")]


@pytest.mark.parametrize("relevance, response, assessed_on, errors", [
    ("relevant", "We will audit strategy meetings.", TODAY, {}),
    ("partly", "Only the health part applies.", TODAY, {}),
    ("not_relevant", "No secure unit in the area.", TODAY, {}),
    ("relevant", "", TODAY, {"response": ["Enter the local response"]}),
    ("partly", "  ", TODAY, {"response": ["Enter the local response"]}),
    ("not_relevant", "", TODAY, {"response": ["Say why it is not relevant locally"]}),
    ("not_assessed", "Anything.", TODAY, {"relevance": ["Choose whether the recommendation is relevant locally"]}),
    ("", "Anything.", TODAY, {"relevance": ["Choose whether the recommendation is relevant locally"]}),
    ("relevant", "Response.", None, {"assessed_on": ["Enter the date it was assessed"]}),
    ("relevant", "Response.", TODAY + timedelta(days=1),
     {"assessed_on": ["The date it was assessed must be today or in the past"]}),
    ("relevant", "Response.", date(2025, 5, 31),
     {"assessed_on": ["The date it was assessed cannot be before the review was published (Sunday 1 June 2025)"]}),
])
def test_national_assessment_rules(learn, relevance, response, assessed_on, errors):
    """Relevant or partly needs the local response, not relevant needs the reason; a real date, not in the
    future, not before publication."""
    rec = recommendation_add(actor=learn["admin"], review=learn["national"], text="Review strategy meetings.")
    call = lambda: recommendation_assess(actor=learn["admin"], recommendation=rec, relevance=relevance,  # noqa: E731
                                         response=response, assessed_on=assessed_on, today=TODAY)
    if errors:
        with pytest.raises(ValidationError) as caught:
            call()
        assert caught.value.message_dict == errors
        rec.refresh_from_db()
        assert (rec.local_relevance, rec.assessed_on) == ("not_assessed", None)
    else:
        assessed = call()
        assert (assessed.local_relevance, assessed.local_response, assessed.assessed_on) == (
            relevance, response, assessed_on)
        event = AuditEvent.objects.filter(verb="updated", target_type="learning.recommendation").get()
        assert event.changes["local_relevance"] == ["not_assessed", relevance]


def test_only_national_recommendations_are_assessed(learn):
    """A local review's recommendation has no local-relevance assessment."""
    rec = recommendation_add(actor=learn["admin"], review=learn["lcspr"], text="Local.")
    with pytest.raises(ValidationError) as caught:
        recommendation_assess(actor=learn["admin"], recommendation=rec, relevance="relevant", response="x",
                              assessed_on=TODAY, today=TODAY)
    assert caught.value.messages == ["Only recommendations of national reviews are assessed for local relevance"]


def test_national_recommendation_takes_actions_only_when_relevant(learn):
    """Not yet assessed, or not relevant: no actions; relevant (or partly): actions may be set. And one with
    actions cannot then be assessed as not relevant."""
    rec = recommendation_add(actor=learn["admin"], review=learn["national"], text="Review strategy meetings.")
    with pytest.raises(ValidationError) as caught:
        _action(learn, rec)
    assert "Assess the national recommendation's local relevance" in caught.value.messages[0]
    recommendation_assess(actor=learn["admin"], recommendation=rec, relevance="not_relevant",
                          response="Not in our area.", assessed_on=TODAY, today=TODAY)
    with pytest.raises(ValidationError) as caught:
        _action(learn, rec)
    assert "not relevant locally" in caught.value.messages[0]
    recommendation_assess(actor=learn["admin"], recommendation=rec, relevance="partly",
                          response="The police part applies.", assessed_on=TODAY, today=TODAY)
    action = _action(learn, rec)
    assert action.recommendation == rec
    with pytest.raises(ValidationError) as caught:
        recommendation_assess(actor=learn["admin"], recommendation=rec, relevance="not_relevant",
                              response="Changed our mind.", assessed_on=TODAY, today=TODAY)
    assert caught.value.message_dict == {
        "relevance": ["It has local actions: it cannot be assessed as not relevant locally"]}


def test_action_from_a_recommendation(learn):
    """The action is owned by the agency, led by one of its people, carries its RAG and is audited."""
    rec = recommendation_add(actor=learn["admin"], review=learn["lcspr"], text="Share information.")
    action = _action(learn, rec, rag="amber", description="All response officers.")
    assert (action.agency, action.owner, action.rag, action.status, action.set_on) == (
        learn["police"], learn["devon"], "amber", "not_started", TODAY)
    event = AuditEvent.objects.filter(target_type="actions.action", verb="created").get()
    assert event.changes["recommendation"] == [None, rec.pk] and event.changes["rag"] == [None, "amber"]


@pytest.mark.parametrize("overrides, errors", [
    ({"owner": "ayla"}, {"owner": ["Choose a lead from Northmoor Constabulary"]}),
    ({"agency": None}, {"agency": ["Choose the agency that owns the action"]}),
    ({"title": ""}, {"title": ["Enter what the action is"]}),
    ({"owner": None}, {"owner": ["Choose who owns the action"]}),
    ({"due_date": TODAY - timedelta(days=1)}, {"due_date": ["The due date cannot be before Monday 2 March 2026"]}),
    ({"rag": "purple"}, {"rag": ["Choose red, amber or green"]}),
])
def test_action_from_a_recommendation_refusals(learn, overrides, errors):
    """The lead must be of the owning agency; title, lead and a due date from today are needed; RAG is R/A/G."""
    rec = recommendation_add(actor=learn["admin"], review=learn["lcspr"], text="Share information.")
    if overrides.get("owner") == "ayla":
        overrides["owner"] = learn["ayla"]
    with pytest.raises(ValidationError) as caught:
        _action(learn, rec, **overrides)
    assert caught.value.message_dict == errors


def test_rapid_review_recommendations_take_actions(learn):
    """A rapid review's recommendation takes actions like any other."""
    rec = recommendation_add(actor=learn["admin"], rapid_review=learn["rapid_review"], text="Immediate learning.")
    assert _action(learn, rec).recommendation.rapid_review == learn["rapid_review"]
