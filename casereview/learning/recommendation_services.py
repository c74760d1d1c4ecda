"""Recommendations and findings of reviews (and recommendations of rapid reviews), national recommendations'
local relevance, and the actions set from a recommendation.

Numbers are contiguous within their source (a review, or a rapid review): a new recommendation takes the next
number, and removing one (only while it has no actions) closes the gap. A national recommendation is assessed
for local relevance before actions are set from it, and one assessed as not relevant locally has none.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max

from casereview.actions.models import Action
from casereview.actions.services import action_create
from casereview.audit.services import audit_record
from casereview.audit.vocabulary import Verb
from casereview.domain.clocks import format_date
from casereview.reviews.models import RapidReview

from .access import require_manage_learning
from .models import Finding, Recommendation, Review, ReviewKind
from .models.recommendations import LocalRelevance

TEXT_MAX = 5000
ASSESSED = (LocalRelevance.RELEVANT, LocalRelevance.PARTLY, LocalRelevance.NOT_RELEVANT)


def _text(text: str, what: str, field: str = "text") -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({field: [f"Enter the {what}"]})
    if len(text) > TEXT_MAX:
        raise ValidationError({field: [f"The {what} must be {TEXT_MAX} characters or fewer"]})
    return text


def _lock_source(review: Review | None, rapid_review: RapidReview | None):
    """Lock the source's row so that two additions cannot take the same number."""
    if (review is None) == (rapid_review is None):
        raise ValueError("A recommendation comes from exactly one of a review or a rapid review.")
    if review is not None:
        return Review.objects.select_for_update().get(pk=review.pk)
    return RapidReview.objects.select_for_update().get(pk=rapid_review.pk)


@transaction.atomic
def recommendation_add(*, actor, text: str, review: Review | None = None,
                       rapid_review: RapidReview | None = None) -> Recommendation:
    """Add a recommendation to a review or a rapid review, numbered next after its source's others."""
    source = _lock_source(review, rapid_review)
    require_manage_learning(actor, source.partnership)
    text = _text(text, "recommendation")
    key = {"review": source} if review is not None else {"rapid_review": source}
    number = (Recommendation.objects.filter(**key).aggregate(n=Max("number"))["n"] or 0) + 1
    recommendation = Recommendation.objects.create(partnership=source.partnership, number=number, text=text,
                                                   created_by=actor, **key)
    audit_record(actor=actor, verb=Verb.CREATED, target=recommendation, partnership=source.partnership, changes={
        "source": [None, str(source)], "number": [None, number], "text": [None, text]})
    return recommendation


@transaction.atomic
def recommendation_update(*, actor, recommendation: Recommendation, text: str) -> Recommendation:
    """Change a recommendation's wording (its number and actions stay)."""
    require_manage_learning(actor, recommendation.partnership)
    locked = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    text = _text(text, "recommendation")
    if text != locked.text:
        audit_record(actor=actor, verb=Verb.UPDATED, target=locked, partnership=recommendation.partnership,
                     changes={"text": [locked.text, text]})
        locked.text = text
        locked.save(update_fields=["text"])
    return locked


@transaction.atomic
def recommendation_remove(*, actor, recommendation: Recommendation) -> None:
    """Remove a recommendation that has no actions; the later ones move up a number."""
    require_manage_learning(actor, recommendation.partnership)
    _lock_source(recommendation.review, recommendation.rapid_review)
    locked = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    actions = Action.objects.filter(recommendation=locked).count()
    if actions:
        raise ValidationError({"__all__": [f"Recommendation {locked.number} has {actions} "
                                           f"action{'s' if actions > 1 else ''}: it cannot be removed"]})
    key = {"review_id": locked.review_id} if locked.review_id else {"rapid_review_id": locked.rapid_review_id}
    audit_record(actor=actor, verb=Verb.DELETED, target=locked, partnership=recommendation.partnership,
                 changes={"number": [locked.number, None], "text": [locked.text, None]})
    number = locked.number
    locked.delete()
    Recommendation.objects.filter(number__gt=number, **key).update(number=F("number") - 1)


@transaction.atomic
def finding_add(*, actor, review: Review, text: str) -> Finding:
    """Add a finding to a review, numbered next after its others."""
    source = Review.objects.select_for_update().get(pk=review.pk)
    require_manage_learning(actor, source.partnership)
    text = _text(text, "finding")
    number = (Finding.objects.filter(review=source).aggregate(n=Max("number"))["n"] or 0) + 1
    finding = Finding.objects.create(review=source, number=number, text=text)
    audit_record(actor=actor, verb=Verb.CREATED, target=finding, partnership=source.partnership,
                 changes={"review": [None, str(source)], "number": [None, number], "text": [None, text]})
    return finding


@transaction.atomic
def finding_update(*, actor, finding: Finding, text: str) -> Finding:
    """Change a finding's wording."""
    require_manage_learning(actor, finding.review.partnership)
    locked = Finding.objects.select_for_update().get(pk=finding.pk)
    text = _text(text, "finding")
    if text != locked.text:
        audit_record(actor=actor, verb=Verb.UPDATED, target=locked, partnership=finding.review.partnership,
                     changes={"text": [locked.text, text]})
        locked.text = text
        locked.save(update_fields=["text"])
    return locked


@transaction.atomic
def recommendation_assess(*, actor, recommendation: Recommendation, relevance: str, response: str,
                          assessed_on: date | None, today: date) -> Recommendation:
    """Record a national recommendation's local relevance: relevant or partly relevant with the local response,
    or not relevant with the reason; the date it was assessed (not in the future, not before publication)."""
    require_manage_learning(actor, recommendation.partnership)
    locked = Recommendation.objects.select_for_update(of=("self",)).select_related("review").get(pk=recommendation.pk)
    errors = assessment_errors(locked, relevance, (response or "").strip(), assessed_on, today)
    if errors:
        raise ValidationError(errors)
    before = {"local_relevance": locked.local_relevance, "local_response": locked.local_response,
              "assessed_on": locked.assessed_on.isoformat() if locked.assessed_on else None}
    locked.local_relevance, locked.local_response, locked.assessed_on = relevance, response.strip(), assessed_on
    locked.save(update_fields=["local_relevance", "local_response", "assessed_on"])
    after = {"local_relevance": relevance, "local_response": locked.local_response,
             "assessed_on": assessed_on.isoformat()}
    audit_record(actor=actor, verb=Verb.UPDATED, target=locked, partnership=recommendation.partnership,
                 changes={k: [before[k], after[k]] for k in after if before[k] != after[k]})
    return locked


def assessment_errors(recommendation: Recommendation, relevance: str, response: str, assessed_on, today) -> dict:
    """The problems with an assessment of local relevance, keyed by field."""
    if recommendation.review is None or recommendation.review.kind != ReviewKind.NATIONAL:
        return {"__all__": ["Only recommendations of national reviews are assessed for local relevance"]}
    errors: dict[str, list[str]] = {}
    if relevance not in ASSESSED:
        errors["relevance"] = ["Choose whether the recommendation is relevant locally"]
    elif not response:
        errors["response"] = ["Say why it is not relevant locally" if relevance == LocalRelevance.NOT_RELEVANT
                              else "Enter the local response"]
    elif len(response) > TEXT_MAX:
        errors["response"] = [f"The local response must be {TEXT_MAX} characters or fewer"]
    if relevance == LocalRelevance.NOT_RELEVANT and Action.objects.filter(recommendation=recommendation).exists():
        errors["relevance"] = ["It has local actions: it cannot be assessed as not relevant locally"]
    published = recommendation.review.published_on
    if assessed_on is None:
        errors["assessed_on"] = ["Enter the date it was assessed"]
    elif assessed_on > today:
        errors["assessed_on"] = ["The date it was assessed must be today or in the past"]
    elif published and assessed_on < published:
        errors["assessed_on"] = [f"The date it was assessed cannot be before the review was published "
                                 f"({format_date(published)})"]
    return errors


@transaction.atomic
def recommendation_action_add(*, actor, recommendation: Recommendation, title: str, agency, owner, due_date,
                              set_on: date, rag: str = "", description: str = "") -> Action:
    """Set an action from a recommendation: owned by `agency`, led by `owner` (one of that agency's people),
    due on or after `set_on`, with an optional initial RAG rating."""
    require_manage_learning(actor, recommendation.partnership)
    locked = Recommendation.objects.select_for_update(of=("self",)).select_related("review").get(pk=recommendation.pk)
    errors = _source_errors(locked)
    if agency is None or agency.partnership_id != locked.partnership_id:
        errors["agency"] = ["Choose the agency that owns the action"]
    elif owner is not None and owner.agency_id != agency.pk:
        errors["owner"] = [f"Choose a lead from {agency.name}"]
    if errors:
        raise ValidationError(errors)
    return action_create(actor=actor, partnership=locked.partnership, title=title, owner=owner, due_date=due_date,
                         set_on=set_on, description=description or "", recommendation=locked, rag=rag)


def _source_errors(recommendation: Recommendation) -> dict:
    if recommendation.review is None or recommendation.review.kind != ReviewKind.NATIONAL:
        return {}
    if recommendation.local_relevance == LocalRelevance.NOT_ASSESSED:
        return {"__all__": ["Assess the national recommendation's local relevance before setting actions from it"]}
    if recommendation.local_relevance == LocalRelevance.NOT_RELEVANT:
        return {"__all__": ["The recommendation was assessed as not relevant locally: it has no local actions"]}
    return {}
