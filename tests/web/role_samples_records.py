"""Samples for the records management rows (call records_samples from _samples in test_role_urls.py)."""

from __future__ import annotations

from casereview.records.hold_services import legal_hold_item_add, legal_hold_place
from casereview.records.models import RetentionRule


def records_samples(partnership, review) -> dict:
    """A retention rule, an active hold covering the review's notification, and that notification as a record."""
    from casereview.accounts.models import User

    admin = User.objects.get(username="business.manager")
    hold = legal_hold_place(actor=admin, partnership=partnership, kind="inquiry", description="Fictional inquiry")
    legal_hold_item_add(actor=admin, hold=hold, record_type="notification", reference=str(review.notification_id))
    rule = RetentionRule.objects.filter(partnership=partnership).order_by("pk").first()
    return {"retention_rule": {"pk": rule.pk}, "legal_hold": {"pk": hold.pk},
            "retention_record": {"record_type": "notification", "pk": review.notification_id}}
