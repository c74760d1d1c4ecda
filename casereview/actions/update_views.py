"""Pages for progress updates on an action (with evidence), downloading evidence, and the group's sign-off."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils import timezone

from casereview.domain.clocks import format_date
from casereview.partnerships.access import can_administer
from casereview.web.formviews import handle_form

from . import services, update_selectors, update_services
from .selectors import action_get
from .update_forms import ProgressUpdateForm, SignOffForm


def _back(action) -> str:
    return reverse("actions:detail", args=[action.pk])


@login_required
def update_add(request, pk):
    action = action_get(request.user, pk)
    if not services.can_update_action(request.user, action):
        raise PermissionDenied
    posted = request.method == "POST"
    form = ProgressUpdateForm(request.POST if posted else None, request.FILES if posted else None, action=action,
                              statuses=services.statuses_open_to(request.user, action))
    back = _back(action)
    return handle_form(
        request, form,
        call=lambda data: update_services.action_update_add(
            actor=request.user, action=action, today=timezone.localdate(), progress=data["progress"],
            impact=data["impact"], status=data["status"], rag=data["rag"], files=data["evidence"]),
        success_url=back, message="Update posted",
        context={"back_url": back, "caption": action.title, "page_heading": "Post a progress update",
                 "submit_label": "Post the update",
                 "warning": "This action is closed: it takes no more updates." if action.status == "closed" else "",
                 "lede": f"Owned by {action.owner.full_name}, {action.agency.name}; due "
                         f"{format_date(action.due_date)}. Closing an action is the group's sign-off: mark it "
                         "complete, with your evidence, when your agency has done it."},
    )


@login_required
def evidence_download(request, pk):
    evidence = update_selectors.evidence_get(request.user, pk)
    try:
        handle = update_services.evidence_open(actor=request.user, evidence=evidence)
    except FileNotFoundError as exc:
        raise Http404("The file is missing.") from exc
    response = FileResponse(handle, as_attachment=True, filename=evidence.original_name,
                            content_type=evidence.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def sign_off(request, pk):
    action = action_get(request.user, pk)
    if not can_administer(request.user, action.partnership):
        raise PermissionDenied
    form = SignOffForm(request.POST or None, meetings=update_selectors.sign_off_meetings(action))
    back = _back(action)
    return handle_form(
        request, form, call=lambda data: _decide(request.user, action, data),
        success_url=back, message="The group's decision is recorded",
        context={"back_url": back, "caption": action.title, "page_heading": "Record the group's sign-off",
                 "submit_label": "Record the decision",
                 "warning": "" if action.status == "complete" else update_services.NOT_COMPLETE,
                 "lede": "Closing an action needs the group's sign-off. Record whether the group accepted the "
                         "evidence of the action's updates; if it did not, the action goes back to on track."},
    )


def _decide(user, action, data):
    meeting = update_selectors.meeting_of(action, data["meeting"]) if data.get("meeting") else None
    call = update_services.action_sign_off if data["decision"] == "close" else update_services.action_reopen
    text = {"note": data["note"]} if data["decision"] == "close" else {"reason": data["note"]}
    return call(actor=user, action=action, today=timezone.localdate(), meeting=meeting, **text)
