"""Reads for an action's progress updates, their evidence and the group's sign-off."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import Http404

from casereview.domain.governance_lifecycle import ACTION
from casereview.meetings.models import Meeting
from casereview.partnerships.access import partnerships_for

from .models import Action, ActionEvidence, ActionUpdate
from .selectors import action_visible_to

SIGN_OFF_MEETINGS = 30


def action_updates(action: Action) -> list[ActionUpdate]:
    """The action's updates, oldest first, each with its evidence and `status_label` (two queries)."""
    updates = list(ActionUpdate.objects.filter(action=action).select_related("written_by").prefetch_related(
        Prefetch("evidence", queryset=ActionEvidence.objects.order_by("pk"))))
    for update in updates:
        update.status_label = ACTION.label(update.status_after) if update.status_after in ACTION.labels else ""
    return updates


def evidence_get(user, pk) -> ActionEvidence:
    """One evidence file whose action the user may see, else Http404."""
    evidence = ActionEvidence.objects.select_related("update__action__partnership").filter(
        pk=pk, update__action__partnership__in=partnerships_for(user)).first()
    if evidence is None or not action_visible_to(user, evidence.update.action):
        raise Http404("No such evidence.")
    return evidence


def sign_off_meetings(action: Action):
    """Held meetings of the action's partnership, latest first: where the group may have signed it off."""
    return (Meeting.objects.filter(partnership_id=action.partnership_id, status="held")
            .select_related("group").order_by("-starts_at", "-pk")[:SIGN_OFF_MEETINGS])


def meeting_of(action: Action, pk) -> Meeting | None:
    """A held meeting of the action's partnership by id, else None."""
    return Meeting.objects.filter(pk=pk, partnership_id=action.partnership_id, status="held").first()
