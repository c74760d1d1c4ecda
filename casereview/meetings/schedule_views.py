"""Pages for scheduling meetings (to be built): the list of meetings."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from casereview.partnerships.access import current_partnership

from . import selectors
from .access import can_read_meetings


@login_required
def meeting_list(request):
    partnership = current_partnership(request)
    if partnership is None or not can_read_meetings(request.user, partnership):
        raise PermissionDenied
    today = timezone.localdate()
    return render(request, "meetings/list.html", {
        "upcoming": selectors.meeting_list(request.user, partnership, upcoming=True, today=today),
        "past": selectors.meeting_list(request.user, partnership, upcoming=False, today=today)[:50],
    })
