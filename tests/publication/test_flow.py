"""The whole journey through the pages: upload a Word report, the publication-harm check, redaction from the
identity register with each change reviewed, a change by hand, the redacted Word document, and sign-off by a
second person; each step audited without the names it removes."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from casereview.audit.models import AuditEvent
from casereview.publication.models import ProposedChange, PublicationDraft
from tests.conftest import sign_in

from .conftest import HARM_OK, docx_text, docx_upload

pytestmark = pytest.mark.django_db
REAL = ["Tamsin", "Tammy", "Orrin", "Exampleton", "Larch Road", "NM4 7QX", "020 7946 0018", "943 476 5919",
        "orrin.e@example.test", "4th March 2022", "04/03/2022", "Brackenbury"]


def url(name, draft):
    return reverse(f"publication:{name}", args=[draft.pk])


def start_and_review(client, demo) -> PublicationDraft:
    """Upload the report, answer the harm check and start redaction, as the business manager."""
    sign_in(client, demo["admin"])
    response = client.post(reverse("publication:draft_start", args=[demo["review"].pk]),
                           {"title": "Final report, version 1", "document": docx_upload()})
    assert response.status_code == 302, response.content.decode()[:2000]
    draft = PublicationDraft.objects.get()
    assert client.post(url("harm_check", draft), HARM_OK).status_code == 302
    assert client.post(url("redaction_start", draft)).status_code == 302
    draft.refresh_from_db()
    return draft


def test_the_whole_journey_from_a_word_report_to_a_signed_off_publishable_one(client, demo):
    """Every planted identifier is proposed; once accepted (and the childminder's name added by hand), the
    redacted Word document holds none of them, keeps its headings and table, and a second person signs it off."""
    draft = start_and_review(client, demo)
    assert draft.status == "in_review" and draft.source_format == "docx"
    originals = " | ".join(draft.changes.values_list("original", flat=True))
    for planted in REAL[:-1]:
        assert planted in originals, planted
    page = client.get(url("changes", draft))
    assert page.status_code == 200 and "Tamsin Jane Exampleton" in page.content.decode()
    assert client.post(url("changes", draft), {"every": "accept"}).status_code == 302
    response = client.post(url("change_add", draft), {"text": "Mrs Brackenbury", "replacement": "the childminder",
                                                      "kind": "name"})
    assert response.status_code == 302
    assert client.post(url("redaction_finish", draft)).status_code == 302
    preview = client.get(url("preview", draft)).content.decode()
    assert "Child A" in preview and "Tamsin" not in preview

    sign_in(client, demo["second"])
    download = client.get(url("download", draft) + "?format=docx")
    assert download.status_code == 200 and "not-signed-off" in download["Content-Disposition"]
    assert client.post(url("sign_off", draft)).status_code == 302
    draft.refresh_from_db()
    assert draft.status == "signed_off" and draft.signed_off_by == demo["second"]

    content = client.get(url("download", draft) + "?format=docx").content
    text = docx_text(content)
    for planted in REAL:
        assert planted not in text, planted
    assert "Child A" in text and "Child B" in text and "the childminder, raised a concern" in text
    assert "[date of birth removed]" in text and "Confidential: [name removed] review" in text

    rebuilt = Document(io.BytesIO(content))
    assert [p.style.name for p in rebuilt.paragraphs[:3]] == ["Title", "Heading 1", "Normal"]
    assert rebuilt.tables[0].cell(1, 1).text == "Child A born"


def test_each_step_is_audited_and_no_audit_event_holds_a_name(client, demo):
    """Created, harm check, start, decisions, manual change, finish, sign-off, export, and a read of the
    register per child whenever the changes are listed; none of them records the text removed."""
    draft = start_and_review(client, demo)
    client.get(url("changes", draft))
    client.post(url("changes", draft), {"every": "accept"})
    client.post(url("change_add", draft), {"text": "Mrs Brackenbury", "replacement": "", "kind": "name"})
    client.post(url("redaction_finish", draft))
    sign_in(client, demo["second"])
    client.post(url("sign_off", draft))
    client.get(url("download", draft) + "?format=txt")
    events = AuditEvent.objects.filter(target_type="publication.publicationdraft", target_id=str(draft.pk))
    verbs = list(events.order_by("seq").values_list("verb", flat=True))
    assert verbs[:3] == ["created", "updated", "updated"]
    assert "approved" in verbs and verbs[-1] == "exported"
    decided = AuditEvent.objects.filter(target_type="publication.proposedchange")
    assert decided.filter(verb="updated").count() == ProposedChange.objects.filter(manual=False).count()
    assert decided.filter(verb="created").count() == 1
    register_reads = AuditEvent.objects.filter(target_type="incidents.child", verb="viewed")
    assert register_reads.count() >= 6  # two children: at the start, on the list, and at sign-off
    everything = " ".join(str(e.changes) + e.target_label for e in AuditEvent.objects.all())
    for planted in REAL:
        assert planted not in everything, planted


def test_the_changes_page_shows_each_change_in_context(client, demo):
    """A few words either side, what it becomes and why."""
    draft = start_and_review(client, demo)
    page = client.get(url("changes", draft)).content.decode()
    assert "<mark>943 476 5919</mark>" in page and "[NHS number removed]" in page
    assert "an NHS number (valid check digit)" in page
    assert "her NHS number was " in page
    only_names = client.get(url("changes", draft) + "?kind=name").content.decode()
    assert "943 476 5919" not in only_names and "Exampleton" in only_names


def test_single_and_selected_decisions(client, demo):
    """One change accepted or rejected by its own button; several by ticking them."""
    draft = start_and_review(client, demo)
    first, second, third = draft.changes.order_by("start")[:3]
    client.post(url("changes", draft), {"accept": str(first.pk)})
    client.post(url("changes", draft), {"reject": str(second.pk)})
    client.post(url("changes", draft), {"bulk": "reject", "change": [str(third.pk), str(first.pk)]})
    statuses = dict(draft.changes.values_list("pk", "status"))
    assert (statuses[first.pk], statuses[second.pk], statuses[third.pk]) == ("rejected", "rejected", "rejected")
    response = client.post(url("changes", draft), {"bulk": "accept"})
    assert response.status_code == 400 and "Select at least one change" in response.content.decode()


def test_a_plain_text_report_downloads_as_text(client, demo):
    """A text file is read line by line and comes back as text with the changes made."""
    sign_in(client, demo["admin"])
    upload = SimpleUploadedFile("notes.txt", b"Tammy was seen.\r\nCall 07700 900123.\n")
    client.post(reverse("publication:draft_start", args=[demo["review"].pk]), {"title": "Notes", "document": upload})
    draft = PublicationDraft.objects.get()
    assert draft.source_format == "text" and draft.source_text == "Tammy was seen.\nCall 07700 900123.\n"
    client.post(url("harm_check", draft), HARM_OK)
    client.post(url("redaction_start", draft))
    client.post(url("changes", draft), {"every": "accept"})
    client.post(url("redaction_finish", draft))
    response = client.get(url("download", draft))
    assert response["Content-Type"].startswith("text/plain")
    assert response.content.decode() == "Child A was seen.\nCall [phone number removed].\n"
