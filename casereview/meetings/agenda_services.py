"""Writes to a meeting's agenda: items and their order, papers, and circulating them to those invited.

Every write is one transaction with its audit event; e-mail goes after commit and carries no attachments,
no paper titles and no child's details — only a link to the meeting page.
"""

from __future__ import annotations

from datetime import datetime
from uuid import uuid4

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from casereview.audit.services import audit_read, audit_record, diff_fields, snapshot
from casereview.audit.vocabulary import Verb
from casereview.reviews.uploads import EXTENSIONS, check_uploads
from casereview.web.mail import notice_send

from .access import require_manage_meetings
from .agenda_selectors import CIRCULATED_KEY, agenda_closed_reason, circulation_plan, paper_get
from .models import AgendaItem, Meeting, Paper, PaperCirculation

ITEM_FIELDS = ["title", "description", "owner", "restricted", "needs_decision", "rapid_review"]
TITLE_MAX = 300


def _require_open(meeting) -> None:
    reason = agenda_closed_reason(meeting)
    if reason:
        raise ValidationError(reason)


def _clean_item(meeting, data: dict) -> dict:
    """The item's fields, checked: a title, an owner of this partnership, a rapid review of this group."""
    errors: dict[str, list[str]] = {}
    title = (data.get("title") or "").strip()
    if not title:
        errors["title"] = ["Enter a title for the item"]
    elif len(title) > TITLE_MAX:
        errors["title"] = [f"The title must be {TITLE_MAX} characters or fewer"]
    owner, review = data.get("owner"), data.get("rapid_review")
    if owner is not None and owner.partnership_id != meeting.partnership_id:
        errors["owner"] = ["Choose an owner from this partnership's people"]
    if review is not None and review.group_id != meeting.group_id:
        errors["rapid_review"] = [f"Choose a rapid review of the {meeting.group.name}"]
    if errors:
        raise ValidationError(errors)
    return {"title": title, "description": (data.get("description") or "").strip(), "owner": owner,
            "restricted": bool(data.get("restricted")), "needs_decision": bool(data.get("needs_decision")),
            "rapid_review": review}


@transaction.atomic
def agenda_item_add(*, actor, meeting, data: dict) -> AgendaItem:
    """Add an item at the end of the agenda."""
    require_manage_meetings(actor, meeting.partnership)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _require_open(meeting)
    fields = _clean_item(meeting, data)
    number = (meeting.items.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    item = AgendaItem.objects.create(meeting=meeting, number=number, **fields)
    audit_record(actor=actor, verb=Verb.CREATED, target=item, partnership=meeting.partnership,
                 changes={"meeting": [None, str(meeting)], "number": [None, number],
                          **diff_fields(item, dict.fromkeys(ITEM_FIELDS), ITEM_FIELDS)})
    return item


@transaction.atomic
def agenda_item_update(*, actor, item, data: dict) -> AgendaItem:
    """Change an item's title, description, owner, flags or rapid review."""
    require_manage_meetings(actor, item.meeting.partnership)
    _require_open(item.meeting)
    fields = _clean_item(item.meeting, data)
    before = snapshot(item, ITEM_FIELDS)
    for name, value in fields.items():
        setattr(item, name, value)
    item.save()
    changes = diff_fields(item, before, ITEM_FIELDS)
    if changes:
        audit_record(actor=actor, verb=Verb.UPDATED, target=item, partnership=item.meeting.partnership,
                     changes=changes)
    return item


def _delete_files_on_commit(papers) -> None:
    """Delete stored files only once the rows are gone for good (a rolled-back removal keeps its files)."""
    files = [(p.file.storage, p.file.name) for p in papers if p.file]
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in files])


def _renumber(meeting, ordered: list[AgendaItem]) -> None:
    """Give the items the numbers 1..n in the given order (out of the way first: numbers are unique)."""
    AgendaItem.objects.filter(meeting=meeting).update(number=F("number") + 100000)
    for number, item in enumerate(ordered, start=1):
        AgendaItem.objects.filter(pk=item.pk).update(number=number)
        item.number = number


@transaction.atomic
def agenda_item_remove(*, actor, item) -> None:
    """Remove an item whose papers have not been circulated; the items after it move up."""
    meeting = item.meeting
    require_manage_meetings(actor, meeting.partnership)
    Meeting.objects.select_for_update().get(pk=meeting.pk)
    _require_open(meeting)
    if PaperCirculation.objects.filter(paper__item=item).exists():
        raise ValidationError(f"Item {item.number} cannot be removed: its papers have been circulated. "
                              "Edit its title instead, or record in the minutes that it was withdrawn.")
    label = str(item)
    audit_record(actor=actor, verb=Verb.DELETED, target=item, partnership=meeting.partnership,
                 changes={"item": [label, None], "papers": [[_label(p) for p in item.papers.all()], None]})
    _delete_files_on_commit(list(item.papers.all()))
    item.delete()
    _renumber(meeting, list(meeting.items.order_by("number", "pk")))


@transaction.atomic
def agenda_item_move(*, actor, item, direction: str) -> AgendaItem:
    """Move an item one place up or down the agenda, keeping numbers unique and 1..n."""
    meeting = item.meeting
    require_manage_meetings(actor, meeting.partnership)
    Meeting.objects.select_for_update().get(pk=meeting.pk)
    _require_open(meeting)
    if direction not in ("up", "down"):
        raise ValidationError("Choose whether to move the item up or down")
    ordered = list(meeting.items.order_by("number", "pk"))
    index = next(i for i, other in enumerate(ordered) if other.pk == item.pk)
    target = index - 1 if direction == "up" else index + 1
    if not 0 <= target < len(ordered):
        raise ValidationError(f"Item {item.number} is already {'first' if direction == 'up' else 'last'}")
    old = item.number
    ordered[index], ordered[target] = ordered[target], ordered[index]
    _renumber(meeting, ordered)
    moved = next(other for other in ordered if other.pk == item.pk)
    audit_record(actor=actor, verb=Verb.UPDATED, target=moved, partnership=meeting.partnership,
                 changes={"number": [old, moved.number]})
    return moved


def _check_file(file, errors: dict[str, list[str]]):
    """The one checked upload, or None with the reason under "file" (content type and size, as for any file)."""
    checked, problems = check_uploads([file] if file else [])
    if problems:
        errors["file"] = problems
    elif not checked:
        errors["file"] = ["Choose the paper's file"]
    return checked[0] if checked else None


def _stored(upload) -> dict:
    """The file fields of a paper row for a checked upload, stored under a random name."""
    stored = f"{uuid4().hex}.{EXTENSIONS[upload.content_type]}"
    return {"file": ContentFile(upload.content, name=stored), "original_name": upload.name,
            "content_type": upload.content_type, "size": len(upload.content), "sha256": upload.sha256}


@transaction.atomic
def paper_upload(*, actor, item, title: str, file) -> Paper:
    """Store a paper for an item: its type read from the content, its SHA-256 kept, its name the user's own."""
    meeting = item.meeting
    require_manage_meetings(actor, meeting.partnership)
    _require_open(meeting)
    errors: dict[str, list[str]] = {}
    title = (title or "").strip()
    if not title:
        errors["title"] = ["Enter a title for the paper"]
    elif len(title) > TITLE_MAX:
        errors["title"] = [f"The title must be {TITLE_MAX} characters or fewer"]
    upload = _check_file(file, errors)
    if errors:
        raise ValidationError(errors)
    paper = Paper.objects.create(item=item, title=title, uploaded_by=actor, **_stored(upload))
    audit_record(actor=actor, verb=Verb.CREATED, target=paper, partnership=meeting.partnership, changes={
        "item": [None, str(item)], "title": [None, title], "file": [None, upload.name],
        "content_type": [None, upload.content_type], "sha256": [None, upload.sha256]})
    return paper


@transaction.atomic
def paper_version_upload(*, actor, paper, file) -> Paper:
    """Store a new version of a paper: the same checks as a first upload; it becomes the current version.

    The earlier version keeps its file and its circulation records. Nothing is sent: circulating the agenda
    again sends the new version to everyone invited who has not had it. The new version inherits the date
    the paper was first circulated, so the papers clock still judges the paper by its first version."""
    meeting = paper.item.meeting
    require_manage_meetings(actor, meeting.partnership)
    _require_open(meeting)
    # Lock the version being replaced so two uploads at once cannot both replace it.
    previous = Paper.objects.select_for_update().get(pk=paper.pk)
    newer = Paper.objects.filter(replaces=previous).values_list("version", flat=True).first()
    if newer is not None:
        raise ValidationError(f"Version {previous.version} of “{previous.title}” has already been replaced by "
                              f"version {newer}: upload a new version of the current one")
    errors: dict[str, list[str]] = {}
    upload = _check_file(file, errors)
    if errors:
        raise ValidationError(errors)
    version = previous.version + 1
    paper = Paper.objects.create(item=previous.item, title=previous.title, uploaded_by=actor, version=version,
                                 replaces=previous, first_circulated_on=previous.first_circulated_on,
                                 **_stored(upload))
    audit_record(actor=actor, verb=Verb.CREATED, target=paper, partnership=meeting.partnership, changes={
        "version": [previous.version, version], "title": [None, paper.title],
        "file": [previous.original_name, upload.name], "content_type": [previous.content_type, upload.content_type],
        "sha256": [previous.sha256, upload.sha256]})
    return paper


@transaction.atomic
def paper_remove(*, actor, paper) -> None:
    """Remove a paper (or its latest version) uploaded in error, before it has been circulated to anyone.

    Removing the latest version makes the one before it current again; an earlier version cannot be removed."""
    meeting = paper.item.meeting
    require_manage_meetings(actor, meeting.partnership)
    _require_open(meeting)
    if Paper.objects.filter(replaces=paper).exists():
        raise ValidationError(f"Version {paper.version} of “{paper.title}” cannot be removed: a later version "
                              "replaces it")
    if paper.circulations.exists():
        raise ValidationError(f"“{paper.title}” cannot be removed: it has been circulated")
    audit_record(actor=actor, verb=Verb.DELETED, target=paper, partnership=meeting.partnership,
                 changes={"title": [paper.title, None], "version": [paper.version, None],
                          "sha256": [paper.sha256, None]})
    _delete_files_on_commit([paper])
    paper.delete()


def paper_open(*, actor, paper):
    """Open a paper's file for a user allowed it (never one withheld from it), recording the download.

    Raises FileNotFoundError if the stored file is missing (the view answers 404)."""
    paper_get(actor, paper.pk)  # the same check as the view's: a withheld person gets Http404
    handle = paper.file.storage.open(paper.file.name, "rb")
    try:
        audit_read(actor=actor, target=paper, verb=Verb.DOWNLOADED, partnership=paper.item.meeting.partnership)
    except Exception:
        handle.close()
        raise
    return handle


@transaction.atomic
def papers_circulate(*, actor, meeting, now: datetime | None = None) -> dict:
    """Send the agenda and the papers not yet sent to everyone invited, except that a restricted item's
    papers are withheld from anyone with a conflict on it. Record who got which paper when, and e-mail
    each recipient a link on commit. Return {person: [papers sent]}."""
    require_manage_meetings(actor, meeting.partnership)
    meeting = Meeting.objects.select_for_update(of=("self",)).select_related("group", "partnership").get(pk=meeting.pk)
    _require_open(meeting)
    now = now or timezone.now()
    plan = circulation_plan(meeting)
    if not plan.to_send:
        who = "Nobody invited has an e-mail address" if plan.no_email else "Nobody is invited yet"
        raise ValidationError(f"{who}: invite people before circulating the agenda")
    first = meeting.agenda_circulated_at is None
    sending = {person: papers for person, papers in plan.to_send.items() if papers}
    if not sending and not first:
        raise ValidationError("Every paper has already been sent to everyone invited: there is nothing new to send")
    PaperCirculation.objects.bulk_create([PaperCirculation(paper=paper, person=person, sent_at=now, sent_by=actor)
                                          for person, papers in sending.items() for paper in papers])
    if first:
        meeting.agenda_circulated_at = now
        meeting.save(update_fields=["agenda_circulated_at"])
    sent_papers = {paper.pk for papers in sending.values() for paper in papers}
    Paper.objects.filter(pk__in=sent_papers, first_circulated_on__isnull=True).update(
        first_circulated_on=timezone.localdate(now))
    audit_record(actor=actor, verb=Verb.SENT, target=meeting, partnership=meeting.partnership, changes={
        CIRCULATED_KEY: [None, timezone.localtime(now).isoformat()],
        "recipients": [None, sorted(p.full_name for p in plan.to_send)],
        "papers": [None, {p.full_name: [_label(paper) for paper in papers] for p, papers in sending.items()}],
        "withheld": [None, {p.full_name: [_label(paper) for paper in papers] for p, papers in plan.withheld.items()}],
    })
    # The first circulation tells everyone invited about the agenda; later ones only those sent something new.
    mails = [(person.email, len(sending.get(person, [])), len(plan.withheld.get(person, [])))
             for person in plan.to_send if first or person in sending]
    transaction.on_commit(lambda: _mail_circulation(meeting, mails))
    return sending


def _label(paper) -> str:
    """A paper's title, with its version once it has more than one (the audit says which version went out)."""
    return paper.title if paper.version == 1 else f"{paper.title} (version {paper.version})"


def _mail_circulation(meeting, mails: list[tuple[str, int, int]]) -> None:
    """One notice per recipient: the meeting, how many new papers, and a link — never the papers themselves."""
    link = f"{settings.SITE_URL}{reverse('meetings:detail', args=[meeting.pk])}"
    when = timezone.localtime(meeting.starts_at)
    heading = f"{meeting.group.name} {meeting.get_kind_display().lower()} meeting"
    for email, count, withheld in mails:
        papers = f"{count} new paper{'s' if count != 1 else ''} {'is' if count == 1 else 'are'}" if count \
            else "No new papers are"
        lines = [f"The agenda for the {heading} on {when:%A} {when.day} {when:%B %Y} at "
                 f"{when:%H:%M} (UK time) has been circulated. {papers} ready for you.",
                 f"Sign in to read the agenda and papers: {link}"]
        if withheld:
            lines.append("The papers of an item on which you declared a conflict of interest have not been sent "
                         "to you, and you take no part in its decision.")
        lines.append("Please do not download papers to a shared or personal device.")
        notice_send(subject=f"Agenda and papers: {heading}, {when.day} {when:%B %Y}",
                    message="\n\n".join(lines), recipients=[email], about=f"the papers of meeting {meeting.pk}")
