"""A clock's GOV.UK tag ("Overdue", "Running" and the like), made in Python rather than by an included template.

A list shows one per row: included, each cost two template renders (found by the benchmark of the rapid review
list, where the rows' tags and links cost more than the rest of the page)."""

from collections.abc import Mapping

from django import template
from django.utils.html import format_html

register = template.Library()

# status: (label, GOV.UK tag colour); any other status (no clock yet) is "Not started".
_TAGS = {"overdue": ("Overdue", "red"), "met_late": ("Met late", "red"), "due_today": ("Due today", "orange"),
         "paused": ("Paused", "grey"), "met_on_time": ("Met", "green"), "running": ("Running", "blue")}
_NOT_STARTED = ("Not started", "grey")


@register.simple_tag
def clock_tag(state):
    """`state` is a clock's state, or a dict with its "status"; anything else (no clock) shows "Not started"."""
    status = state.get("status") if isinstance(state, Mapping) else getattr(state, "status", None)
    label, colour = _TAGS.get(str(status), _NOT_STARTED)
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, label)
