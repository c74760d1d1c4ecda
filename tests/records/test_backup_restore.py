"""Backup, wipe, restore: every record identical and every document byte for byte; the file is encrypted."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from cryptography.fernet import Fernet
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from casereview.accounts.models import User
from casereview.partnerships.demo import load_demo
from casereview.records.backup_contents import backed_up_models
from casereview.records.backup_make import serialised
from casereview.web.storage import stored_files
from tests.records.helpers import DOCUMENT_TEXT, notification_with_attachment

PAPER_TEXT = b"%PDF-1.4 fictional meeting paper \x00\x01\x02 binary bytes"
EVIDENCE_TEXT = b"Fictional evidence of an action: training records for the team."


def _documents_in_several_fields(admin):
    """An agency return attachment, a meeting paper and an action's evidence file."""
    from casereview.actions.models import Action, ActionEvidence, ActionUpdate
    from casereview.meetings.models import AgendaItem, Meeting, Paper

    notification_with_attachment(admin)
    _an_admin_log_entry(admin)
    meeting = Meeting.objects.order_by("pk").first()
    item = AgendaItem.objects.create(meeting=meeting, number=99, title="Fictional papers item")
    Paper.objects.create(item=item, title="Paper", file=ContentFile(PAPER_TEXT, name="paper.pdf"),
                         original_name="paper.pdf", content_type="application/pdf", size=len(PAPER_TEXT),
                         sha256="0" * 64)
    update = ActionUpdate.objects.create(action=Action.objects.order_by("pk").first(), written_by=admin,
                                         progress="Fictional progress")
    ActionEvidence.objects.create(update=update, file=ContentFile(EVIDENCE_TEXT, name="evidence.txt"),
                                  original_name="evidence.txt", content_type="text/plain", size=len(EVIDENCE_TEXT),
                                  sha256="0" * 64)


def _an_admin_log_entry(user):
    """A Django admin log entry: restoring it must not add an audit event of its own."""
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType

    LogEntry.objects.create(user=user, content_type=ContentType.objects.get_for_model(user), object_id=str(user.pk),
                            object_repr="business.manager", action_flag=CHANGE, change_message="Fictional change")


def _snapshot() -> dict[str, str]:
    return {m._meta.label: serialised(m._base_manager.order_by("pk")) for m in backed_up_models()}


def _documents() -> dict[str, bytes]:
    found = {}
    for stored in stored_files():
        with stored.storage.open(stored.name, "rb") as handle:
            found[stored.name] = handle.read()
    return found


def _wipe(media):
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media, ignore_errors=True)


@pytest.mark.django_db(transaction=True)
def test_backup_wipe_restore_reproduces_everything(settings, tmp_path, monkeypatch, capsys):
    """Restoring onto an emptied instance gives back identical records and byte-identical documents."""
    settings.MEDIA_ROOT = media = tmp_path / "media"
    monkeypatch.setenv("BACKUP_KEY", Fernet.generate_key().decode())
    load_demo(with_meetings=True)
    _documents_in_several_fields(User.objects.get(username="business.manager"))
    before, documents = _snapshot(), _documents()
    assert len(documents) == 3 and sum(1 for text in before.values() if text != "[]") > 20
    backup = tmp_path / "casereview.backup"

    call_command("backup", output=str(backup))
    raw = backup.read_bytes()
    for plaintext in [DOCUMENT_TEXT[:40], PAPER_TEXT[:20], EVIDENCE_TEXT[:30], b"Quentin Fictional",
                      b"business.manager", b"Northmoor"]:
        assert plaintext not in raw

    _wipe(media)
    assert _documents() == {} and not User.objects.exists()
    call_command("restore", str(backup))
    assert "every document's SHA-256 checked" in capsys.readouterr().out

    after = _snapshot()
    events_before = serializers.deserialize("jsonl", before.pop("audit.AuditEvent"))
    events_after = list(serializers.deserialize("jsonl", after.pop("audit.AuditEvent")))
    before.pop("audit.ChainHead"), after.pop("audit.ChainHead")
    assert after == before
    # The chain is the backed-up one plus the restore's own event, appended after it and linked to it.
    assert [e.object.hash for e in events_after[:-1]] == [e.object.hash for e in events_before]
    assert events_after[-1].object.actor_label == "system: restore"
    assert _documents() == documents
    call_command("audit_verify")


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_non_empty_instance_and_a_wrong_key(settings, tmp_path, monkeypatch):
    """A restore onto an instance with records, or with the wrong key, refuses with a clear message."""
    settings.MEDIA_ROOT = media = tmp_path / "media"
    key = Fernet.generate_key().decode()
    monkeypatch.setenv("BACKUP_KEY", key)
    load_demo()
    notification_with_attachment(User.objects.get(username="business.manager"), received=date(2020, 1, 1))
    backup = tmp_path / "casereview.backup"
    call_command("backup", output=str(backup))

    with pytest.raises(CommandError, match="already holds records"):
        call_command("restore", str(backup))

    _wipe(media)
    monkeypatch.setenv("BACKUP_KEY", Fernet.generate_key().decode())
    with pytest.raises(CommandError, match="cannot be decrypted with this BACKUP_KEY"):
        call_command("restore", str(backup))
    assert not User.objects.exists() and _documents() == {}

    monkeypatch.setenv("BACKUP_KEY", key)
    truncated = tmp_path / "truncated.backup"
    truncated.write_bytes(backup.read_bytes()[:-100])
    with pytest.raises(CommandError, match="cannot be decrypted|truncated"):
        call_command("restore", str(truncated))
    monkeypatch.delenv("BACKUP_KEY")
    with pytest.raises(CommandError, match="Set the environment variable BACKUP_KEY"):
        call_command("restore", str(backup))
    assert not User.objects.exists()


def test_backup_refuses_without_a_key_outside_debug(settings, tmp_path, monkeypatch):
    """Without BACKUP_KEY and without DEBUG the backup refuses, naming the variable; nothing is written."""
    monkeypatch.delenv("BACKUP_KEY", raising=False)
    settings.DEBUG = False
    with pytest.raises(CommandError, match="BACKUP_KEY"):
        call_command("backup", output=str(tmp_path / "x.backup"))
    assert not list(tmp_path.iterdir())
