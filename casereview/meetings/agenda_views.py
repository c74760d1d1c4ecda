"""Pages for a meeting's agenda: items and their order, papers, downloading them, and circulation.

The business team changes the agenda; every reader of meetings may download a paper, except a person
withheld from it, who gets the same 404 as for a paper that does not exist.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from casereview.web.formviews import handle_form

from . import agenda_selectors as selectors
from . import agenda_services as services
from .access import can_manage_meetings
from .agenda_forms import AgendaItemForm, ConfirmForm, PaperForm, PaperVersionForm
from .selectors import meeting_get, meeting_page_parts

FORM = "meetings/agenda/form.html"


def _managed(request, pk):
    meeting = meeting_get(request.user, pk)
    if not can_manage_meetings(request.user, meeting.partnership):
        raise PermissionDenied
    return meeting


def _back(meeting) -> str:
    return reverse("meetings:detail", args=[meeting.pk]) + "#agenda"


def _posted(request):
    return request.POST if request.method == "POST" else None


def _page(request, meeting, form, call, message, **context):
    back = _back(meeting)
    return handle_form(request, form, call=call, success_url=back, message=message, template=FORM,
                       context={"caption": str(meeting), "back_url": back, "meeting": meeting,
                                "warning": selectors.agenda_closed_reason(meeting), **context})


def _refused(request, meeting, exc: ValidationError):
    """Show the meeting page again with the reason a button's action was refused."""
    context = meeting_page_parts(meeting, request.user, timezone.localdate())
    return render(request, "meetings/detail.html", {**context, "agenda_errors": exc.messages}, status=400)


@login_required
def item_add(request, pk):
    meeting = _managed(request, pk)
    form = AgendaItemForm(_posted(request), meeting=meeting)
    return _page(request, meeting, form,
                 lambda data: services.agenda_item_add(actor=request.user, meeting=meeting, data=data),
                 "Item added to the agenda", page_heading="Add an agenda item", submit_label="Add the item")


@login_required
def item_edit(request, pk, item_pk):
    meeting = _managed(request, pk)
    item = selectors.item_get(meeting, item_pk)
    form = AgendaItemForm(_posted(request), meeting=meeting, initial=AgendaItemForm.initial_for(item))
    return _page(request, meeting, form,
                 lambda data: services.agenda_item_update(actor=request.user, item=item, data=data),
                 "Agenda item updated", page_heading=f"Change item {item.number}", submit_label="Save the item")


@login_required
@require_POST
def item_delete(request, pk, item_pk):
    meeting = _managed(request, pk)
    item = selectors.item_get(meeting, item_pk)
    try:
        services.agenda_item_remove(actor=request.user, item=item)
    except ValidationError as exc:
        return _refused(request, meeting, exc)
    messages.success(request, f"Item “{item.title}” removed from the agenda")
    return redirect(_back(meeting))


@login_required
@require_POST
def item_move(request, pk, item_pk):
    meeting = _managed(request, pk)
    item = selectors.item_get(meeting, item_pk)
    try:
        moved = services.agenda_item_move(actor=request.user, item=item, direction=request.POST.get("direction", ""))
    except ValidationError as exc:
        return _refused(request, meeting, exc)
    messages.success(request, f"“{moved.title}” is now item {moved.number}")
    return redirect(_back(meeting))


@login_required
def paper_add(request, pk, item_pk):
    meeting = _managed(request, pk)
    item = selectors.item_get(meeting, item_pk)
    posted = request.method == "POST"
    form = PaperForm(request.POST if posted else None, request.FILES if posted else None)
    return _page(request, meeting, form,
                 lambda data: services.paper_upload(actor=request.user, item=item, title=data["title"],
                                                    file=data["file"]),
                 "Paper added", page_heading=f"Add a paper to item {item.number}", submit_label="Upload the paper",
                 lede=f"Item {item.number}: {item.title}."
                      + (" This item is restricted: its papers are not sent to anyone with a conflict on it."
                         if item.restricted else ""))


@login_required
def paper_version_add(request, pk):
    """Upload a new version of a paper; it becomes current, and is sent only when the agenda is circulated."""
    paper = selectors.paper_get(request.user, pk)
    meeting = _managed(request, paper.item.meeting_id)
    posted = request.method == "POST"
    form = PaperVersionForm(request.POST if posted else None, request.FILES if posted else None)
    return _page(request, meeting, form,
                 lambda data: services.paper_version_upload(actor=request.user, paper=paper, file=data["file"]),
                 "New version uploaded", page_heading=f"Upload a new version of “{paper.title}”",
                 submit_label="Upload the new version",
                 lede=f"This will be version {paper.version + 1} and replace version {paper.version} on the agenda. "
                      "Earlier versions stay downloadable. The new version is not sent to anyone until you "
                      "circulate the agenda again.")


@login_required
@require_POST
def paper_delete(request, pk):
    paper = selectors.paper_get(request.user, pk)
    meeting = _managed(request, paper.item.meeting_id)
    try:
        services.paper_remove(actor=request.user, paper=paper)
    except ValidationError as exc:
        return _refused(request, meeting, exc)
    messages.success(request, f"Paper “{paper.title}” removed")
    return redirect(_back(meeting))


@login_required
def paper_download(request, pk):
    paper = selectors.paper_get(request.user, pk)
    try:
        handle = services.paper_open(actor=request.user, paper=paper)
    except FileNotFoundError as exc:
        raise Http404("The file is missing.") from exc
    response = FileResponse(handle, as_attachment=True, filename=paper.original_name,
                            content_type=paper.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def circulate(request, pk):
    meeting = _managed(request, pk)
    plan = selectors.circulation_plan(meeting)
    lines = [f"{person.full_name}: {_count(papers)}{_withheld(plan.withheld.get(person))}"
             for person, papers in plan.to_send.items()]
    lines += [f"{person.full_name}: not sent (no e-mail address)" for person in plan.no_email]
    return _page(request, meeting, ConfirmForm(_posted(request)),
                 lambda data: services.papers_circulate(actor=request.user, meeting=meeting),
                 "Agenda and papers circulated", page_heading="Circulate the agenda and papers",
                 submit_label="Circulate", items=lines, items_heading="Who gets what",
                 lede="Everyone invited gets an e-mail with a link to the meeting page, and each paper not yet sent "
                      "to them. A restricted item's papers are withheld from anyone who declared a conflict on it. "
                      "The e-mail has no attachments and no child's details.")


def _count(papers) -> str:
    return f"{len(papers)} new paper{'s' if len(papers) != 1 else ''}" if papers else "the agenda, no new papers"


def _withheld(papers) -> str:
    return f"; withheld (conflict declared): {', '.join(p.title for p in papers)}" if papers else ""
