"""The services' rules: the harm check comes first, uploads are checked by content, every change is decided
before redaction ends, a change by hand replaces what it covers, and sign-off needs a second person and no
name or date of birth from the register left."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from casereview.audit.models import AuditEvent
from casereview.learning.models import Review
from casereview.publication import redaction_services as redaction
from casereview.publication.models import ProposedChange, PublicationDraft
from casereview.publication.services import draft_start, harm_check_record
from casereview.publication.signoff_services import draft_export, draft_sign_off

from .conftest import HARM_OK, docx_upload, text_upload

pytestmark = pytest.mark.django_db
TEXT = "Tamsin Exampleton was born on 4 March 2022.\nOrrin saw Mum at 40 Kestrel Court.\n"


def started(demo, text=TEXT, review=None) -> PublicationDraft:
    return draft_start(actor=demo["admin"], review=review or demo["review"], title="Final report",
                       document=text_upload(text))


def in_review(demo, text=TEXT) -> PublicationDraft:
    draft = started(demo, text)
    harm_check_record(actor=demo["admin"], draft=draft, **HARM_OK)
    redaction.redaction_start(actor=demo["admin"], draft=draft)
    return PublicationDraft.objects.get(pk=draft.pk)


def finished(demo, text=TEXT, reject=()) -> PublicationDraft:
    draft = in_review(demo, text)
    redaction.changes_decide(actor=demo["admin"], draft=draft, decision="accept", every_proposed=True)
    ids = list(draft.changes.filter(original__in=reject).values_list("pk", flat=True))
    if ids:
        redaction.changes_decide(actor=demo["admin"], draft=draft, decision="reject", change_ids=ids)
    return redaction.redaction_finish(actor=demo["admin"], draft=draft)


# --- uploads ---------------------------------------------------------------------------------------------------

def _zip(name: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, "x")
    return buffer.getvalue()


@pytest.mark.parametrize("name, content, message", [
    ("report.docx", b"%PDF-1.4\n%fictional\n", "must be a Word document"),
    ("report.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "must be a Word document"),
    ("report.docx", _zip("other/readme.txt"), "must be a Word document"),
    ("report.docx", _zip("word/document.xml"), "could not be read"),
    ("report.txt", b"   \n\n", "no text"),
    ("report.txt", b"", "empty"),
])
def test_the_upload_is_checked_by_its_content(demo, name, content, message):
    """A PDF named .docx, an image named .txt, a ZIP that is no Word document, a broken one, nothing to read."""
    upload = docx_upload(name, content) if content else text_upload("", name)
    with pytest.raises(ValidationError) as refused:
        draft_start(actor=demo["admin"], review=demo["review"], title="Report", document=upload)
    assert message in " ".join(refused.value.messages)
    assert not PublicationDraft.objects.exists()


def test_only_the_business_team_starts_a_draft(demo):
    """A chair reads the review but cannot prepare its report."""
    with pytest.raises(PermissionDenied):
        draft_start(actor=demo["chair"], review=demo["review"], title="Report", document=text_upload(TEXT))


# --- the harm check comes first --------------------------------------------------------------------------------

def test_redaction_cannot_start_before_the_harm_check(demo):
    """A new draft must have its harm check answered first."""
    draft = started(demo)
    with pytest.raises(ValidationError, match="harm check needed cannot become changes being reviewed"):
        redaction.redaction_start(actor=demo["admin"], draft=draft)
    assert not ProposedChange.objects.exists()


def test_not_yet_holds_the_draft_until_the_check_is_answered_again(demo):
    """"Do not publish yet" holds it; redaction cannot start; a later check lets it."""
    draft = started(demo)
    harm_check_record(actor=demo["admin"], draft=draft, **{**HARM_OK, "proceedings_pending": "yes",
                                                           "harm_decision": "not_yet"})
    draft.refresh_from_db()
    assert draft.status == "held"
    with pytest.raises(ValidationError, match="not to be published yet cannot become"):
        redaction.redaction_start(actor=demo["admin"], draft=draft)
    harm_check_record(actor=demo["admin"], draft=draft, **HARM_OK)
    assert PublicationDraft.objects.get().status == "harm_checked"


def test_publishing_in_full_with_a_trial_pending_is_refused_beside_the_decision(demo):
    """The refusal names the decision field; nothing changes."""
    draft = started(demo)
    with pytest.raises(ValidationError) as refused:
        harm_check_record(actor=demo["admin"], draft=draft, **{**HARM_OK, "proceedings_pending": "yes"})
    assert "harm_decision" in refused.value.error_dict
    assert PublicationDraft.objects.get().status == "draft"


def test_the_harm_check_cannot_change_once_redaction_has_started(demo):
    draft = in_review(demo)
    with pytest.raises(ValidationError, match="can no longer change"):
        harm_check_record(actor=demo["admin"], draft=draft, **HARM_OK)


# --- reviewing changes -----------------------------------------------------------------------------------------

def test_redaction_ends_only_when_every_change_is_decided(demo):
    """Undecided changes are counted in the refusal."""
    draft = in_review(demo)
    with pytest.raises(ValidationError, match="still to decide"):
        redaction.redaction_finish(actor=demo["admin"], draft=draft)


def test_a_change_by_hand_replaces_every_occurrence_and_the_proposals_it_covers(demo):
    """"Orrin saw Mum" taken by hand, in any letter case, rejects the proposed "Orrin" inside it as replaced."""
    draft = in_review(demo, "Orrin saw Mum. Later orrin saw mum again, and Mum left.")
    added = redaction.change_add(actor=demo["admin"], draft=draft, text="Orrin saw Mum",
                                 replacement="Child B saw his mother", kind="name")
    assert [(c.original, c.status, c.manual) for c in added] == [("Orrin saw Mum", "accepted", True),
                                                                 ("orrin saw mum", "accepted", True)]
    covered = draft.changes.filter(manual=False, original__iexact="orrin")
    assert {(c.status, c.note) for c in covered} == {("rejected", redaction.REPLACED_NOTE)}
    [mum] = redaction.change_add(actor=demo["admin"], draft=draft, text="mum", replacement="", kind="other")
    assert (mum.original, mum.replacement) == ("Mum", "[removed]")  # the other two are inside accepted changes
    assert draft.changes.filter(manual=True, status="accepted").count() == 3
    with pytest.raises(ValidationError, match="already inside an accepted change"):
        redaction.change_add(actor=demo["admin"], draft=draft, text="saw", kind="other")


def test_a_change_by_hand_must_appear_in_the_report(demo):
    draft = in_review(demo)
    with pytest.raises(ValidationError) as refused:
        redaction.change_add(actor=demo["admin"], draft=draft, text="Grandma Pell", kind="name")
    assert "does not appear" in refused.value.error_dict["text"][0].message


def test_decisions_are_locked_once_redaction_is_finished_until_it_is_reopened(demo):
    """A finished redaction is reopened to change a decision; reopening empties the redacted text."""
    draft = finished(demo)
    change = draft.changes.first()
    with pytest.raises(ValidationError, match="Reopen the redaction"):
        redaction.changes_decide(actor=demo["admin"], draft=draft, decision="reject", change_ids=[change.pk])
    draft = redaction.redaction_reopen(actor=demo["admin"], draft=draft)
    assert draft.status == "in_review" and draft.redacted_text == ""
    assert redaction.changes_decide(actor=demo["admin"], draft=draft, decision="reject", change_ids=[change.pk]) == 1


# --- sign-off --------------------------------------------------------------------------------------------------

def test_the_person_who_prepared_it_cannot_sign_it_off(demo):
    """The business manager uploaded and redacted it: refused; the second business user may."""
    draft = finished(demo)
    with pytest.raises(ValidationError, match="A second person must sign off"):
        draft_sign_off(actor=demo["admin"], draft=draft)
    assert PublicationDraft.objects.get().status == "redacted"
    assert draft_sign_off(actor=demo["second"], draft=draft).status == "signed_off"


def test_whoever_finished_the_redaction_cannot_sign_it_off_either(demo):
    draft = in_review(demo)
    redaction.changes_decide(actor=demo["admin"], draft=draft, decision="accept", every_proposed=True)
    redaction.redaction_finish(actor=demo["second"], draft=draft)
    with pytest.raises(ValidationError, match="you finished its redaction"):
        draft_sign_off(actor=demo["second"], draft=PublicationDraft.objects.get())


def test_sign_off_is_blocked_while_a_register_name_remains(demo):
    """A rejected name stays in the text: sign-off is refused, naming it in context; the register reads are
    still recorded although the sign-off was refused."""
    draft = finished(demo, reject=("Orrin",))
    reads_before = AuditEvent.objects.filter(target_type="incidents.child", verb="viewed").count()
    with pytest.raises(ValidationError) as refused:
        draft_sign_off(actor=demo["second"], draft=draft)
    messages = refused.value.messages
    assert "names or dates of birth from the identity register remain" in messages[0]
    assert any("“Orrin” (first name of Child B) remains: “Orrin saw" in m for m in messages)
    assert PublicationDraft.objects.get().status == "redacted"
    assert AuditEvent.objects.filter(target_type="incidents.child", verb="viewed").count() == reads_before + 2
    assert not AuditEvent.objects.filter(verb="approved").exists()


def test_sign_off_is_blocked_while_a_date_of_birth_remains(demo):
    draft = finished(demo, reject=("4 March 2022",))
    with pytest.raises(ValidationError, match="date of birth of Child A"):
        draft_sign_off(actor=demo["second"], draft=draft)


def test_sign_off_needs_a_finished_redaction(demo):
    draft = in_review(demo)
    with pytest.raises(ValidationError, match="cannot become signed off"):
        draft_sign_off(actor=demo["second"], draft=draft)


def test_export_is_refused_before_redaction_ends_and_audited_after(demo):
    draft = in_review(demo)
    with pytest.raises(ValidationError):
        draft_export(actor=demo["admin"], draft=draft, fmt="txt")
    draft = finished(demo, text="Tammy.")
    content, name, _type = draft_export(actor=demo["admin"], draft=draft, fmt="txt")
    assert content == b"Child A." and name.endswith("-not-signed-off.txt")
    assert AuditEvent.objects.filter(verb="exported", target_id=str(draft.pk)).count() == 1


def test_a_review_without_a_rapid_review_is_redacted_by_pattern_only(demo):
    """A national review has no identity register: only patterns are found, and nothing is read."""
    national = Review.objects.create(partnership=demo["partnership"], kind="national", title="A national review",
                                     status="completed")
    draft = started(demo, "Call 07700 900123. Tamsin.", review=national)
    harm_check_record(actor=demo["admin"], draft=draft, **HARM_OK)
    assert redaction.redaction_start(actor=demo["admin"], draft=draft) == 1
    assert not AuditEvent.objects.filter(target_type="incidents.child", verb="viewed").exists()
