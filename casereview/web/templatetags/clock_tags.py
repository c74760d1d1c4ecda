"""A clock's GOV.UK tag ("Overdue", "Running" and the like), made in Python rather than by an included template.

A list shows one per row: included, each cost one or two template renders (found by the benchmark of the rapid review
list, where the rows' tags and links cost more than the rest of the page)."""

from collections.abc import Mapping

from django import template
from django.utils.html import format_html

from casereview.domain.clocks import STATUS_LABELS, ClockStatus

register = template.Library()

# The GOV.UK tag colour of each status; any other value (no clock yet) shows as not started.
_COLOURS = {ClockStatus.OVERDUE: "red", ClockStatus.MET_LATE: "red", ClockStatus.DUE_TODAY: "orange",
            ClockStatus.PAUSED: "grey", ClockStatus.MET_ON_TIME: "green", ClockStatus.RUNNING: "blue",
            ClockStatus.NOT_STARTED: "grey"}


@register.simple_tag
def clock_tag(state):
    """`state` is a clock's state, or a dict with its "status"; anything else (no clock) shows "Not started"."""
    status = state.get("status") if isinstance(state, Mapping) else getattr(state, "status", None)
    known = str(status) in _COLOURS  # a StrEnum member equals its value, so a plain string finds it too
    status = ClockStatus(str(status)) if known else ClockStatus.NOT_STARTED
    label, colour = STATUS_LABELS[status], _COLOURS[status]
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, label)
