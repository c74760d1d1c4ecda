"""Pages for task-and-finish groups: the list and one group (every reader), and the business team's forms."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from casereview.partnerships.access import current_partnership
from casereview.web.exports import export_query, export_requested, export_response
from casereview.web.formviews import handle_form

from . import list_exports
from . import task_group_selectors as selectors
from . import task_group_services as services
from .access import can_manage_meetings, can_read_meetings
from .escalation_selectors import preselected
from .task_group_forms import TaskGroupCloseForm, TaskGroupCreateForm, TaskGroupNominateForm, TaskGroupReportForm


@login_required
def task_group_list(request):
    partnership = current_partnership(request)
    if partnership is None or not can_read_meetings(request.user, partnership):
        raise PermissionDenied
    show_closed = request.GET.get("show") == "all"
    task_groups = selectors.task_group_list(request.user, partnership, show_closed=show_closed)
    today = timezone.localdate()
    rows = selectors.task_group_rows(task_groups, today)
    if fmt := export_requested(request):
        return export_response(request=request, partnership=partnership,
                               export=list_exports.task_group_export(today), rows=rows, fmt=fmt)
    return render(request, "meetings/task_groups/list.html", {
        "rows": rows, "show_closed": show_closed, "export_query": export_query(request),
        "can_manage": can_manage_meetings(request.user, partnership),
    })


@login_required
def task_group_detail(request, pk):
    task_group = selectors.task_group_get(request.user, pk)
    return render(request, "meetings/task_groups/detail.html", {
        "task_group": task_group, "members": list(task_group.members.all()),
        "overdue": selectors.is_overdue(task_group, timezone.localdate()),
        "can_manage": can_manage_meetings(request.user, task_group.partnership),
    })


def _managed(request, pk):
    task_group = selectors.task_group_get(request.user, pk)
    if not can_manage_meetings(request.user, task_group.partnership):
        raise PermissionDenied
    return task_group


def _detail(task_group) -> str:
    return reverse("meetings:task_group_detail", args=[task_group.pk])


@login_required
def task_group_create(request):
    partnership = current_partnership(request)
    if partnership is None or not can_manage_meetings(request.user, partnership):
        raise PermissionDenied
    initial = preselected(partnership, group_id=request.GET.get("group"))
    form = TaskGroupCreateForm(request.POST or None, initial={"parent": initial.get("group")},
                               choices=selectors.task_group_choices(partnership))
    return handle_form(
        request, form, call=lambda data: services.task_group_create(actor=request.user, **data),
        success_url=_detail, message="Task-and-finish group set up", context={
            "page_heading": "Set up a task-and-finish group", "back_url": reverse("meetings:task_group_list"),
            "submit_label": "Set up the group",
            "lede": "Agencies nominate its members once it is set up. It reports back to the group that set it "
                    "up by the deadline."})


@login_required
def task_group_nominate(request, pk):
    task_group = _managed(request, pk)
    form = TaskGroupNominateForm(request.POST or None, choices=selectors.task_group_choices(task_group.partnership))
    return handle_form(
        request, form,
        call=lambda data: services.task_group_nominate(actor=request.user, task_group=task_group, **data),
        success_url=_detail(task_group), message="Member added", context={
            "page_heading": "Add a nominated member", "caption": task_group.name, "back_url": _detail(task_group),
            "submit_label": "Add the member"})


@login_required
def task_group_report(request, pk):
    task_group = _managed(request, pk)
    return handle_form(
        request, TaskGroupReportForm(request.POST or None),
        call=lambda data: services.task_group_report(actor=request.user, task_group=task_group, **data),
        success_url=_detail(task_group), message="Report back recorded", context={
            "page_heading": "Record the report back", "caption": task_group.name, "back_url": _detail(task_group),
            "submit_label": "Save the report", "lede": f"It reports back to the {task_group.parent.name}."})


@require_POST
@login_required
def task_group_close(request, pk):
    task_group = _managed(request, pk)
    return handle_form(
        request, TaskGroupCloseForm(request.POST),
        call=lambda data: services.task_group_close(actor=request.user, task_group=task_group),
        success_url=_detail(task_group), message="Task-and-finish group closed", context={
            "page_heading": "Close the task-and-finish group", "caption": task_group.name,
            "back_url": _detail(task_group), "submit_label": "Close the group"})
