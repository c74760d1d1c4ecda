"""Pages of the action tracker: the list with filters, one action with its source, updates, sign-off and history,
and a status change with a note. Progress updates and the sign-off are in update_views."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from casereview.meetings.access import can_read_meetings
from casereview.partnerships.access import can_administer, can_read_all, current_partnership
from casereview.partnerships.selectors import person_list
from casereview.web.exports import Column, Export, export_query, export_requested, export_response
from casereview.web.formviews import handle_form
from casereview.web.page_cache import remembered_page

from . import selectors, services, update_selectors
from .forms import ActionFilterForm, ActionUpdateForm

PER_PAGE = 25
EXPORT = Export("Actions", "actions", [
    Column("Reference", lambda a: a.pk, 10),
    Column("Action", lambda a: a.title, 50),
    Column("Owner", lambda a: a.owner.full_name, 25),
    Column("Agency", lambda a: a.agency.name, 25),
    Column("Due", lambda a: a.due_date, 12),
    Column("Status", lambda a: a.get_status_display(), 15),
    Column("Overdue", lambda a: a.overdue, 10),
    Column("RAG", lambda a: a.get_rag_display(), 10),
    Column("Set on", lambda a: a.set_on, 12),
    Column("Completed on", lambda a: a.completed_on, 12),
    Column("Closed on", lambda a: a.closed_on, 12),
])
FILTER_KEYS = ("status", "agency", "owner", "meeting", "review", "recommendation", "rag", "overdue")


@login_required
@remembered_page
def action_list(request):
    partnership = current_partnership(request)
    today = timezone.localdate()
    form = ActionFilterForm({k: request.GET[k] for k in FILTER_KEYS if k in request.GET} or None,
                            choices=selectors.filter_choices(request.user, partnership))
    if form.is_bound:
        form.is_valid()
    if fmt := export_requested(request):
        actions = selectors.action_list(request.user, partnership, today=today, filters=form.filters())
        return export_response(request=request, partnership=partnership, export=EXPORT, rows=actions, fmt=fmt)
    actions = selectors.action_pages(request.user, partnership, today=today, filters=form.filters())
    page = Paginator(actions, PER_PAGE).get_page(request.GET.get("page"))
    query = urlencode({k: v for k, v in form.data.items() if v}) if form.is_bound else ""
    return render(request, "actions/list.html", {
        "form": form, "page": page, "today": today, "query": query,
        "filtered": form.is_bound and any(form.data.get(k) for k in FILTER_KEYS),
        "can_import": can_administer(request.user, partnership), "export_query": export_query(request),
    })


@login_required
@remembered_page
def action_detail(request, pk):
    action = selectors.action_get(request.user, pk)
    today = timezone.localdate()
    return render(request, "actions/detail.html", {
        "action": action, "overdue": selectors.is_overdue(action, today),
        "history": selectors.action_history(action),
        "updates": update_selectors.action_updates(action),
        "can_update": services.can_update_action(request.user, action),
        "can_sign_off": can_administer(request.user, action.partnership),
        "can_read_meeting": can_read_meetings(request.user, action.partnership),
        "can_read_source": can_read_all(request.user, action.partnership),
    })


@login_required
def action_update(request, pk):
    action = selectors.action_get(request.user, pk)
    if not services.can_update_action(request.user, action):
        raise PermissionDenied
    admin = can_administer(request.user, action.partnership)
    form = ActionUpdateForm(request.POST or None, action=action,
                            statuses=services.statuses_open_to(request.user, action),
                            people=person_list(request.user, action.partnership) if admin else None)
    back = reverse("actions:detail", args=[pk])
    return handle_form(
        request, form,
        call=lambda data: services.action_update(actor=request.user, action=action, today=timezone.localdate(),
                                                 **data),
        success_url=back, message="Action updated",
        context={"back_url": back, "caption": action.title, "page_heading": "Update the action",
                 "submit_label": "Save the update",
                 "lede": "" if admin else "Closing an action is the group's sign-off, recorded by the business "
                                          "team: mark it complete when your agency has done it."},
    )
