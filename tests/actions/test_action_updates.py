"""Progress updates on actions: progress (required), impact, a move through the ACTION lifecycle, a RAG rating
and evidence files, saved all together or not at all; the owning agency's contributor posts them, another
agency's cannot even see the action; evidence downloads are audited."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from casereview.accounts.models import User
from casereview.actions.models import Action, ActionEvidence, ActionUpdate
from casereview.actions.update_services import action_update_add
from casereview.audit.models import AuditEvent
from tests.actions.governance_helpers import gov, person  # noqa: F401  (gov is a fixture)
from tests.conftest import sign_in

TODAY = date(2026, 3, 2)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _action(gov, owner="Priya", status="not_started", rag=""):  # noqa: F811
    who = person(owner)
    return Action.objects.create(partnership=gov["crs"].partnership, title="Train officers", owner=who,
                                 agency=who.agency, due_date=date(2026, 6, 1), status=status, rag=rag,
                                 set_on=date(2026, 1, 5))


def _contributor():
    return User.objects.get(username="contributor")


def _file(name, content):
    return SimpleUploadedFile(name, content)


def _zip_not_office() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.exe", b"MZ")
    return buffer.getvalue()


def test_contributor_updates_their_agencys_action_with_evidence(gov):  # noqa: F811
    """The police contributor posts progress, impact, a move to on track, amber, and two files."""
    action = _action(gov)
    update = action_update_add(actor=_contributor(), action=action, progress="Training booked for all teams.",
                               impact="Referrals now name the child's school.", status="on_track", rag="amber",
                               files=[_file("plan.pdf", PDF), _file("register.txt", b"Attended: 40 officers")],
                               today=TODAY)
    action.refresh_from_db()
    assert (action.status, action.rag) == ("on_track", "amber")
    assert (update.status_after, update.rag_after, update.written_by) == ("on_track", "amber", _contributor())
    assert [(e.original_name, e.content_type, e.size) for e in update.evidence.all()] == [
        ("plan.pdf", "application/pdf", len(PDF)), ("register.txt", "text/plain", 21)]
    event = AuditEvent.objects.filter(target_type="actions.action", verb="updated").get()
    assert event.changes["status"] == ["not_started", "on_track"] and event.changes["rag"] == [None, "amber"]
    assert len(event.changes["evidence_sha256"][1]) == 2 and "Training booked" not in str(event.changes)


def test_contributor_cannot_update_another_agencys_action(gov):  # noqa: F811
    """An LA action is out of the police contributor's reach (service refuses; the page is a 404)."""
    with pytest.raises(PermissionDenied):
        action_update_add(actor=_contributor(), action=_action(gov, owner="Ayla"), progress="x", today=TODAY)
    assert not ActionUpdate.objects.exists()


def test_a_bad_file_rejects_the_whole_update(gov):  # noqa: F811
    """One file that is not an allowed type: nothing is saved — no update, no evidence, no status change."""
    action = _action(gov)
    with pytest.raises(ValidationError) as caught:
        action_update_add(actor=_contributor(), action=action, progress="Done.", status="complete", rag="green",
                          files=[_file("plan.pdf", PDF), _file("tool.docx", _zip_not_office())], today=TODAY)
    assert caught.value.message_dict == {"evidence": [
        "tool.docx must be a PDF, Word document (.docx), Excel spreadsheet (.xlsx), PNG, JPEG or plain text file"]}
    action.refresh_from_db()
    assert (action.status, action.rag) == ("not_started", "")
    assert not ActionUpdate.objects.exists() and not ActionEvidence.objects.exists()
    assert not AuditEvent.objects.filter(target_type="actions.action").exists()


@pytest.mark.parametrize("status, rag, progress, errors", [
    ("", "", "", {"progress": ["Say what progress has been made"]}),
    ("closed", "", "Done.", {"status": ["Closing an action is the group's sign-off: only the business team can "
                                        "close it on the sign-off page"]}),
    ("not_started", "", "Oops.", {"status": ["An action that is on track cannot become not started; it can become "
                                             "at risk, complete."]}),
    ("", "blue", "Done.", {"rag": ["Choose red, amber or green"]}),
])
def test_update_refusals(gov, status, rag, progress, errors):  # noqa: F811
    """Progress is required, closing is the sign-off, moves follow the ACTION table, RAG is red/amber/green."""
    action = _action(gov, status="on_track")
    with pytest.raises(ValidationError) as caught:
        action_update_add(actor=gov["admin"], action=action, progress=progress, status=status, rag=rag, today=TODAY)
    assert caught.value.message_dict == errors


def test_a_closed_action_takes_no_updates(gov):  # noqa: F811
    """Once signed off, an action takes no more updates."""
    with pytest.raises(ValidationError) as caught:
        action_update_add(actor=gov["admin"], action=_action(gov, status="closed"), progress="More.", today=TODAY)
    assert caught.value.messages == ["The action is closed: it was signed off and takes no more updates"]


def test_marking_complete_records_the_date(gov):  # noqa: F811
    """An update moving the action to complete sets its completion date."""
    action_update_add(actor=_contributor(), action=_action(gov, status="at_risk"), progress="All trained.",
                      status="complete", today=TODAY)
    assert Action.objects.get().completed_on == TODAY


def test_update_page_saves_and_evidence_downloads(client, gov):  # noqa: F811
    """The contributor posts an update with a file on the page; it shows on the action with its impact, and the
    file downloads (audited as a download) for the contributor and the chair."""
    action = _action(gov)
    sign_in(client, _contributor())
    response = client.post(f"/actions/{action.pk}/progress/", {
        "progress": "Training booked.", "impact": "Fewer missed referrals.", "status": "on_track", "rag": "green",
        "evidence": [_file("plan.pdf", PDF)]}, follow=True)
    page = response.content.decode()
    assert "Update posted" in page and "Training booked." in page and "Fewer missed referrals." in page
    evidence = ActionEvidence.objects.get()
    assert f'href="/actions/evidence/{evidence.pk}/"' in page and "Progress update posted with 1 evidence file" in page
    download = client.get(f"/actions/evidence/{evidence.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment") and 'filename="plan.pdf"' in download[
        "Content-Disposition"]
    sign_in(client, User.objects.get(username="chair"))
    assert client.get(f"/actions/evidence/{evidence.pk}/").status_code == 200
    assert AuditEvent.objects.filter(verb="downloaded", target_type="actions.actionevidence").count() == 2


def test_update_page_refuses_a_bad_file_with_400(client, gov):  # noqa: F811
    """A bad file is named beside the field and nothing is saved."""
    action = _action(gov)
    sign_in(client, _contributor())
    response = client.post(f"/actions/{action.pk}/progress/", {
        "progress": "Done.", "evidence": [_file("plan.pdf", PDF), _file("empty.txt", b"")]})
    assert response.status_code == 400 and "empty.txt is empty" in response.content.decode()
    assert not ActionUpdate.objects.exists()


def test_another_agencys_action_and_evidence_are_404_for_a_contributor(client, gov):  # noqa: F811
    """The police contributor cannot open the update form or the evidence of an LA action."""
    la_action = _action(gov, owner="Ayla")
    update = action_update_add(actor=gov["admin"], action=la_action, progress="Done.",
                               files=[_file("note.txt", b"Fictional.")], today=TODAY)
    sign_in(client, _contributor())
    assert client.get(f"/actions/{la_action.pk}/progress/").status_code == 404
    assert client.post(f"/actions/{la_action.pk}/progress/", {"progress": "Sneaky."}).status_code == 404
    assert client.get(f"/actions/evidence/{update.evidence.get().pk}/").status_code == 404
    assert ActionUpdate.objects.count() == 1


def test_chair_reads_but_does_not_update(client, gov):  # noqa: F811
    """A chair reads the action and its updates, but the update form is forbidden."""
    action = _action(gov)
    sign_in(client, User.objects.get(username="chair"))
    assert client.get(f"/actions/{action.pk}/").status_code == 200
    assert client.get(f"/actions/{action.pk}/progress/").status_code == 403
