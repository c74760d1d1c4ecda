"""Pages for escalations to the SLG: the list and one escalation (every reader, the scrutineer included),
raising one and recording the decision (business team only)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from casereview.partnerships.access import current_partnership
from casereview.web.exports import export_query, export_requested, export_response
from casereview.web.formviews import handle_form

from . import escalation_selectors as selectors
from . import escalation_services as services
from . import list_exports
from .access import can_manage_meetings, can_read_meetings
from .escalation_forms import EscalationRaiseForm, EscalationResolveForm
from .models import Escalation


def _readable_partnership(request):
    partnership = current_partnership(request)
    if partnership is None or not can_read_meetings(request.user, partnership):
        raise PermissionDenied
    return partnership


@login_required
def escalation_list(request):
    partnership = _readable_partnership(request)
    status = request.GET.get("status", "open")
    status = status if status in selectors.STATUS_FILTERS or status == "all" else "open"
    escalations = selectors.escalation_list(request.user, partnership, status=status)
    if fmt := export_requested(request):
        return export_response(request=request, partnership=partnership, export=list_exports.ESCALATIONS,
                               rows=escalations, fmt=fmt)
    return render(request, "meetings/escalations/list.html", {
        "escalations": list(escalations), "status": status, "export_query": export_query(request),
        "can_manage": can_manage_meetings(request.user, partnership),
    })


@login_required
def escalation_detail(request, pk):
    escalation = selectors.escalation_get(request.user, pk)
    return render(request, "meetings/escalations/detail.html", {
        "escalation": escalation, "positions": list(escalation.positions.all()),
        "can_resolve": can_manage_meetings(request.user, escalation.partnership)
        and escalation.status == "raised",
    })


@login_required
def escalation_raise(request):
    partnership = current_partnership(request)
    if partnership is None or not can_manage_meetings(request.user, partnership):
        raise PermissionDenied
    initial = selectors.preselected(partnership, group_id=request.GET.get("group"),
                                    meeting_id=request.GET.get("meeting"), review_id=request.GET.get("review"))
    form = EscalationRaiseForm(request.POST or None, initial=initial, choices=selectors.raise_choices(partnership))
    group = initial.get("group")
    lede = (selectors.escalation_route(group, timezone.localdate()).explanation if group else
            "A disagreement goes to the body the group's terms of reference name for escalation. If they name "
            "none, you will be asked to confirm it goes to the Safeguarding Leadership Group.")
    back = reverse("meetings:escalation_list")
    return handle_form(
        request, form, call=lambda data: services.escalation_raise(actor=request.user, **form.to_data()),
        success_url=lambda escalation: reverse("meetings:escalation_detail", args=[escalation.pk]),
        message="Escalation raised", context={
            "page_heading": "Raise a disagreement", "caption": "Escalation", "back_url": back,
            "submit_label": "Raise the escalation",
            "lede": f"{lede} Record the position of each agency that disagrees (at least two)."})


@login_required
def escalation_resolve(request, pk):
    escalation: Escalation = selectors.escalation_get(request.user, pk)
    if not can_manage_meetings(request.user, escalation.partnership):
        raise PermissionDenied
    back = reverse("meetings:escalation_detail", args=[pk])
    return handle_form(
        request, EscalationResolveForm(request.POST or None),
        call=lambda data: services.escalation_resolve(actor=request.user, escalation=escalation, **data),
        success_url=back, message="Decision recorded", context={
            "page_heading": "Record the decision on this escalation", "caption": escalation.subject,
            "back_url": back, "submit_label": "Save the decision"})
