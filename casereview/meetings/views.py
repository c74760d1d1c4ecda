"""The meeting page: one meeting with its invitations, agenda and papers, attendance and quorum,
declarations and minutes. Each part's forms live in that part's own views module."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from . import selectors


@login_required
def meeting_detail(request, pk):
    meeting = selectors.meeting_get(request.user, pk)
    return render(request, "meetings/detail.html",
                  selectors.meeting_page_parts(meeting, request.user, timezone.localdate()))
