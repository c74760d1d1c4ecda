"""Shared set-up for the records tests: the demo partnership, an old notification with files, and makers."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.base import ContentFile

from casereview.accounts.models import User
from casereview.incidents.models import Notification
from casereview.partnerships.demo import load_demo
from casereview.partnerships.models import Agency, AgencyKind, Group, Partnership

DOCUMENT_TEXT = b"Fictional agency note about Family Q: plain words that must never be seen on disk."


@pytest.fixture
def rec(db, settings, tmp_path):
    """The demo partnership, its business manager and a member, with files kept under a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    load_demo()
    return {"partnership": Partnership.objects.get(), "admin": User.objects.get(username="business.manager"),
            "member": User.objects.get(username="member"), "media": settings.MEDIA_ROOT}


def notification_with_attachment(admin, *, reference: str = "SIN-REC-1", received: date = date(2008, 3, 4)):
    """Record a fictional notification through the real service, attach a file to a police request, and age
    it so that it is due for review (received in 2008: 15 years on is 2023)."""
    from casereview.incidents.services import notification_record
    from casereview.reviews.models import Attachment
    from casereview.reviews.requests_services import agency_requests_send

    group = Group.objects.get(name="Rapid Review Group")
    notification = notification_record(
        actor=admin, group=group,
        notification={"reference": reference, "local_authority": "Northmoor Council",
                      "incident_date": date(2025, 12, 15), "la_aware_date": date(2025, 12, 16),
                      "sin_submitted_date": date(2025, 12, 19), "received_date": date(2025, 12, 20),
                      "nature": "serious_harm", "harm_types": [], "summary": "Fictional."},
        children=[{"pseudonym": "Child Q", "age_years": 4, "sex": "male", "ethnicity": "Not known",
                   "legal_status": "not_known", "identity": {"full_name": "Quentin Fictional"}}],
    )
    review = notification.rapid_review
    police = Agency.objects.get(partnership=review.partnership, kind=AgencyKind.POLICE)
    [request] = agency_requests_send(actor=admin, review=review, agencies=[police])
    attachment = Attachment.objects.create(
        request=request, file=ContentFile(DOCUMENT_TEXT, name="note.txt"), original_name="note.txt",
        content_type="text/plain", size=len(DOCUMENT_TEXT), sha256="0" * 64)
    Notification.objects.filter(pk=notification.pk).update(received_date=received)  # time passes
    notification.refresh_from_db()
    return notification, attachment
