"""A sample publication draft for the role-by-URL walk: a redacted (not yet signed-off) plain-text report of the
sample practice review, prepared by the business manager (so the walk's empty POST to sign-off is refused)."""

from __future__ import annotations

from datetime import date

from casereview.accounts.models import User
from casereview.learning.models import Review
from casereview.publication.models import ProposedChange, PublicationDraft

TEXT = "Child A was seen at nursery.\nThe health visitor rang 07700 900123."


def publication_samples(partnership, rapid_review) -> dict:
    """Return {"publication_draft": {"pk": …}} for a redacted draft of the sample LCSPR (made if missing)."""
    review = Review.objects.filter(rapid_review=rapid_review, kind="lcspr").first() or Review.objects.create(
        partnership=partnership, kind="lcspr", title="Practice review (fictional)", status="commissioned",
        rapid_review=rapid_review, decision_date=date(2026, 1, 12))
    manager = User.objects.get(username="business.manager")
    start = TEXT.index("07700")
    draft = PublicationDraft.objects.create(
        partnership=partnership, review=review, title="Final report (fictional)", status="redacted",
        source_name="report.txt", source_format="text", source_sha256="0" * 64, source_text=TEXT,
        structure={"format": "text", "bounds": [[0, 28], [29, len(TEXT)]]}, harm_to_child="no",
        proceedings_pending="no", family_told="yes", harm_decision="full", harm_reasons="Fictional.",
        harm_checked_by=manager, prepared_by=manager, redacted_by=manager,
        redacted_text=TEXT[:start] + "[phone number removed]")
    ProposedChange.objects.create(draft=draft, start=start, end=len(TEXT), segment=1, original=TEXT[start:],
                                  replacement="[phone number removed]", kind="phone", status="accepted",
                                  reason="a UK phone number", decided_by=manager)
    return {"publication_draft": {"pk": draft.pk}}
