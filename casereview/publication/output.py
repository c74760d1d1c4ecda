"""The redacted report, made from a draft's accepted changes (nothing else changes the text)."""

from __future__ import annotations

from casereview.domain.redaction import apply, segment_texts

from .models import ChangeStatus, PublicationDraft


def accepted_changes(draft: PublicationDraft) -> list[tuple[int, int, str]]:
    return list(draft.changes.filter(status=ChangeStatus.ACCEPTED).order_by("start", "-end")
                .values_list("start", "end", "replacement"))


def redacted_output(draft: PublicationDraft) -> str:
    """The whole redacted text."""
    return apply(draft.source_text, accepted_changes(draft))


def redacted_segments(draft: PublicationDraft) -> list[str]:
    """Each line or paragraph of the redacted report, for rebuilding the document."""
    bounds = [tuple(b) for b in draft.structure.get("bounds", [])]
    return segment_texts(draft.source_text, bounds, accepted_changes(draft))
