"""The <option>s of a filter's <select>, built in one pass.

A long list (the action tracker offers every recommendation with actions, hundreds in a large partnership)
rendered option by option in the template language costs more than the rest of the page."""

from django import template
from django.utils.html import format_html_join

register = template.Library()


@register.simple_tag
def select_options(field):
    """The field's choices as options, the chosen one marked selected (values compared as text, as submitted)."""
    chosen = "" if field.value() is None else str(field.value())
    return format_html_join("", '<option value="{}"{}>{}</option>',
                            ((value, " selected" if str(value) == chosen else "", text)
                             for value, text in field.field.choices))
