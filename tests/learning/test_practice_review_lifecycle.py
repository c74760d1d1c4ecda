"""A practice review moves only as PRACTICE_REVIEW allows: start, quality assured (once the subgroup's QA is
done), send back, then published (date, link, pseudonyms) or not published (reasons, completion date); the
advance copy, reviewers and milestones are recorded and audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from casereview.audit.models import AuditEvent
from casereview.learning.models import Reviewer, ReviewMilestone
from casereview.learning.review_services import (
    advance_copy_record,
    practice_review_not_publish,
    practice_review_publish,
    practice_review_update,
    review_move,
)
from casereview.learning.review_team_services import milestone_add, milestone_update, reviewer_add, reviewer_remove
from tests.learning.test_practice_review_support import commissioned, days_ago, demo_records

pytestmark = pytest.mark.django_db
URL = "https://partnership.example.org/reviews/child-o"


@pytest.fixture
def demo(db):
    return demo_records()


def move(demo, review, *moves):
    for name in moves:
        review = review_move(actor=demo["admin"], review=review, move=name)
    return review


def qa_done(demo, review, on=None):
    return milestone_add(actor=demo["admin"], review=review, kind="quality_assurance", planned_on=days_ago(20),
                         done_on=on or days_ago(10))


def assured(demo):
    review = move(demo, commissioned(demo), "start")
    qa_done(demo, review)
    return move(demo, review, "quality_assured")


def test_a_review_runs_from_commissioned_to_published_and_each_step_is_audited(demo):
    """Start, QA, send back, QA again, publish: each status change has its audit row."""
    review = assured(demo)
    review = move(demo, review, "send_back", "quality_assured")
    review = practice_review_publish(actor=demo["admin"], review=review, published_on=days_ago(1),
                                     publication_url=URL, pseudonyms="Child O, Child P")
    assert (review.status, review.published_on, review.publication_url) == ("published", days_ago(1), URL)
    steps = [e.changes["status"] for e in AuditEvent.objects.filter(target_type="learning.review").order_by("seq")
             if "status" in e.changes]
    assert steps == [[None, "commissioned"], ["commissioned", "in_progress"], ["in_progress", "quality_assured"],
                     ["quality_assured", "in_progress"], ["in_progress", "quality_assured"],
                     ["quality_assured", "published"]]


@pytest.mark.parametrize("moves, refused, message", [
    ([], "quality_assured", "commissioned cannot become quality assured"),
    ([], "send_back", "Only a practice review that is quality assured can do this: this one is commissioned"),
    (["start"], "start", "in progress cannot become in progress"),
    ([], "complete", "Choose what to do"),
    ([], "nonsense", "Choose what to do"),
])
def test_moves_outside_the_lifecycle_are_refused_beside_the_field(demo, moves, refused, message):
    """The lifecycle's refusal says what the review can become, on the "move" field."""
    review = move(demo, commissioned(demo), *moves)
    with pytest.raises(ValidationError) as error:
        review_move(actor=demo["admin"], review=review, move=refused)
    assert message in error.value.message_dict["move"][0]


def test_quality_assured_needs_the_subgroups_qa_done(demo):
    """A planned but not done QA milestone is not enough; once its date is recorded the move is allowed."""
    review = move(demo, commissioned(demo), "start")
    milestone = milestone_add(actor=demo["admin"], review=review, kind="quality_assurance", planned_on=days_ago(5))
    with pytest.raises(ValidationError) as error:
        review_move(actor=demo["admin"], review=review, move="quality_assured")
    assert "quality assurance by the subgroup as done" in error.value.message_dict["move"][0]
    milestone_update(actor=demo["admin"], review=review, milestone=milestone, done_on=days_ago(1))
    assert move(demo, review, "quality_assured").status == "quality_assured"


def test_publication_needs_quality_assurance_first(demo):
    """An in-progress review cannot be published: the lifecycle's refusal is shown on the form."""
    review = move(demo, commissioned(demo), "start")
    with pytest.raises(ValidationError) as error:
        practice_review_publish(actor=demo["admin"], review=review, published_on=days_ago(1), publication_url=URL,
                                pseudonyms="Child O")
    assert "in progress cannot become published" in error.value.message_dict["__all__"][0]


@pytest.mark.parametrize("field, data, message", [
    ("published_on", {"published_on": None}, "Enter the date it was published"),
    ("published_on", {"published_on": days_ago(-3)}, "cannot be in the future"),
    ("published_on", {"published_on": days_ago(400)}, "cannot be before the decision"),
    ("publication_url", {"publication_url": ""}, "Enter the address"),
    ("publication_url", {"publication_url": "javascript:alert(1)"}, "starting https://"),
    ("pseudonyms", {"pseudonyms": " "}, "Enter the pseudonyms"),
])
def test_publish_requires_its_fields(demo, field, data, message):
    """Date, link and pseudonyms are all required; the review stays quality assured."""
    review = assured(demo)
    values = {"published_on": days_ago(1), "publication_url": URL, "pseudonyms": "Child O", **data}
    with pytest.raises(ValidationError) as error:
        practice_review_publish(actor=demo["admin"], review=review, **values)
    assert message in error.value.message_dict[field][0]
    review.refresh_from_db()
    assert review.status == "quality_assured"


def test_not_publishing_requires_reasons_and_completes_the_review(demo):
    """No reasons, no decision; with reasons the review is completed without publication."""
    review = assured(demo)
    with pytest.raises(ValidationError) as error:
        practice_review_not_publish(actor=demo["admin"], review=review, reasons="  ", completed_on=days_ago(1))
    assert "Enter why the report is not being published" in error.value.message_dict["reasons"][0]
    review = practice_review_not_publish(actor=demo["admin"], review=review, reasons="Harm to a surviving child.",
                                         completed_on=days_ago(1))
    assert (review.status, review.completed_on) == ("not_published", days_ago(1))
    with pytest.raises(ValidationError, match="cannot become"):
        review_move(actor=demo["admin"], review=review, move="send_back")


def test_advance_copy_date_is_recorded_and_audited(demo):
    """The date sent is kept; a future date is refused."""
    review = commissioned(demo)
    with pytest.raises(ValidationError) as error:
        advance_copy_record(actor=demo["admin"], review=review, sent_on=days_ago(-1))
    assert "cannot be in the future" in error.value.message_dict["sent_on"][0]
    review = advance_copy_record(actor=demo["admin"], review=review, sent_on=days_ago(2))
    assert review.advance_copy_sent_on == days_ago(2)
    assert AuditEvent.objects.filter(verb="sent", target_id=str(review.pk)).exists()


def test_editing_the_record_is_audited_with_what_changed(demo):
    """A change of planned publication date and methodology appears in the audit row."""
    review = commissioned(demo)
    practice_review_update(actor=demo["admin"], review=review, planned_publication_date=days_ago(-30),
                           methodology="Hybrid")
    event = AuditEvent.objects.filter(target_id=str(review.pk), verb="updated").get()
    assert event.changes["methodology"][1] == "Hybrid"
    assert event.changes["planned_publication_date"][1] == days_ago(-30).isoformat()
    with pytest.raises(PermissionDenied):
        practice_review_update(actor=demo["chair"], review=review, title="X")


def test_reviewers_independent_needs_a_statement_and_a_non_independent_one_is_allowed(demo):
    """An independent reviewer needs the statement; one who is not is recorded (the page flags it)."""
    review = commissioned(demo)
    with pytest.raises(ValidationError) as error:
        reviewer_add(actor=demo["admin"], review=review, name="Alex Reviewer", independent=True)
    assert "independent" in error.value.message_dict["independence"][0]
    reviewer_add(actor=demo["admin"], review=review, name="Alex Reviewer", organisation="Fictional Reviews Ltd",
                 independent=True, independence="No role in any agency involved.")
    inside = reviewer_add(actor=demo["admin"], review=review, name="Sam Insider", independent=False)
    assert [(r.name, r.independent) for r in review.reviewers.all()] == [("Alex Reviewer", True),
                                                                         ("Sam Insider", False)]
    reviewer_remove(actor=demo["admin"], review=review, reviewer=inside)
    assert not Reviewer.objects.filter(name="Sam Insider").exists()
    assert AuditEvent.objects.filter(target_type="learning.reviewer", verb="deleted").count() == 1


@pytest.mark.parametrize("data, field, message", [
    ({"kind": "other", "label": ""}, "label", "Say what the milestone is"),
    ({"kind": "nonsense"}, "kind", "Choose the kind"),
    ({"planned_on": None}, "planned_on", "Enter the date"),
    ({"planned_on": days_ago(400)}, "planned_on", "before the decision"),
    ({"done_on": days_ago(-2)}, "done_on", "cannot be in the future"),
])
def test_milestone_fields_are_checked(demo, data, field, message):
    """Kind, a label for Other, a planned date after the decision, and no done date in the future."""
    review = commissioned(demo)
    values = {"kind": "practitioner_event", "planned_on": days_ago(30), **data}
    with pytest.raises(ValidationError) as error:
        milestone_add(actor=demo["admin"], review=review, **values)
    assert message in error.value.message_dict[field][0]
    assert not ReviewMilestone.objects.exists()
