"""The publication pages: who may open them, messages beside the fields, the review page's link, and the
pages that explain why a form is closed."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casereview.publication.models import PublicationDraft
from casereview.publication.services import draft_start
from tests.conftest import PartnershipFactory, sign_in, user_with_role

from .conftest import HARM_OK, text_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(demo):
    return draft_start(actor=demo["admin"], review=demo["review"], title="Final report",
                       document=text_upload("Tamsin was seen at 12 Larch Road."))


@pytest.mark.parametrize("who, status", [("chair", 403), ("contributor", 404), ("outsider", 404)])
def test_only_the_business_team_opens_a_draft(client, demo, draft, who, status):
    """Readers are refused; an agency contributor and another partnership's business team find nothing."""
    user = demo.get(who) or user_with_role(PartnershipFactory(), "business_team")
    sign_in(client, user)
    for name in ("draft_detail", "changes", "preview", "harm_check"):
        assert client.get(reverse(f"publication:{name}", args=[draft.pk])).status_code == status, name
    start = client.get(reverse("publication:draft_start", args=[demo["review"].pk])).status_code
    assert start == (403 if who == "chair" else 404)


def test_the_practice_review_page_links_to_publication_for_the_business_team(client, demo):
    """The business team sees "Prepare the report for publication"; a chair does not."""
    page = reverse("learning:review_detail", args=[demo["review"].pk])
    link = reverse("publication:draft_start", args=[demo["review"].pk])
    sign_in(client, demo["admin"])
    assert link in client.get(page).content.decode()
    sign_in(client, demo["chair"])
    assert link not in client.get(page).content.decode()


def test_a_bad_upload_is_explained_beside_the_field(client, demo):
    """An image named .docx: 400 with the message by the file field; nothing saved."""
    sign_in(client, demo["admin"])
    upload = SimpleUploadedFile("report.docx", b"\x89PNG\r\n\x1a\n" + b"\x00" * 30)
    response = client.post(reverse("publication:draft_start", args=[demo["review"].pk]),
                           {"title": "Final", "document": upload})
    assert response.status_code == 400
    assert "report.docx must be a Word document (.docx) or a plain text file" in response.content.decode()
    assert not PublicationDraft.objects.exists()


def test_the_harm_check_refusal_shows_beside_the_decision(client, demo, draft):
    sign_in(client, demo["admin"])
    response = client.post(reverse("publication:harm_check", args=[draft.pk]),
                           {**HARM_OK, "proceedings_pending": "yes"})
    assert response.status_code == 400 and "A criminal trial or inquest is pending" in response.content.decode()
    empty = client.post(reverse("publication:harm_check", args=[draft.pk]), {})
    assert empty.status_code == 400 and "Give the reasons for the decision" in empty.content.decode()


def test_the_draft_page_says_what_comes_next(client, demo, draft):
    """Before the harm check it asks for it; after, it offers to look for identifying details."""
    sign_in(client, demo["admin"])
    page = client.get(reverse("publication:draft_detail", args=[draft.pk])).content.decode()
    assert "Answer the publication-harm check" in page and "Look for identifying details" not in page
    client.post(reverse("publication:harm_check", args=[draft.pk]), {**HARM_OK, "family_told": "no"})
    page = client.get(reverse("publication:draft_detail", args=[draft.pk])).content.decode()
    assert "Look for identifying details" in page and "The family have not been told" in page


def test_starting_redaction_too_early_is_a_400_with_the_reason(client, demo, draft):
    sign_in(client, demo["admin"])
    response = client.post(reverse("publication:redaction_start", args=[draft.pk]))
    assert response.status_code == 400 and "cannot become changes being reviewed" in response.content.decode()


def test_closed_forms_say_why(client, demo, draft):
    """The harm check after redaction started, and a change by hand before it: a page that says why."""
    sign_in(client, demo["admin"])
    assert "Nothing has been looked for yet" in client.get(
        reverse("publication:changes", args=[draft.pk])).content.decode()
    assert "only while the redaction is being reviewed" in client.get(
        reverse("publication:change_add", args=[draft.pk])).content.decode()
    client.post(reverse("publication:harm_check", args=[draft.pk]), HARM_OK)
    client.post(reverse("publication:redaction_start", args=[draft.pk]))
    closed = client.get(reverse("publication:harm_check", args=[draft.pk]))
    assert closed.status_code == 200 and "can no longer change" in closed.content.decode()


def test_the_same_person_is_told_they_cannot_sign_off(client, demo, draft):
    """The preparer sees why there is no sign-off button; posting anyway is refused with the reason."""
    sign_in(client, demo["admin"])
    client.post(reverse("publication:harm_check", args=[draft.pk]), HARM_OK)
    client.post(reverse("publication:redaction_start", args=[draft.pk]))
    client.post(reverse("publication:changes", args=[draft.pk]), {"every": "accept"})
    client.post(reverse("publication:redaction_finish", args=[draft.pk]))
    page = client.get(reverse("publication:draft_detail", args=[draft.pk])).content.decode()
    assert "A second person must sign off: you prepared this draft" in page and "Sign off as publishable" not in page
    response = client.post(reverse("publication:sign_off", args=[draft.pk]))
    assert response.status_code == 400 and "you prepared this draft" in response.content.decode()


def test_download_is_not_found_before_redaction_ends_or_in_an_unknown_format(client, demo, draft):
    sign_in(client, demo["admin"])
    assert client.get(reverse("publication:download", args=[draft.pk])).status_code == 404
    assert client.get(reverse("publication:download", args=[draft.pk]) + "?format=pdf").status_code == 404
