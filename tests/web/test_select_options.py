"""The filter <select>s: every choice an option, the chosen one selected, text escaped."""

from django import forms
from django.template import Context, Template


class _Filters(forms.Form):
    review = forms.ChoiceField(choices=[("", "Any"), (1, "Child K review"), (12, "<b>Bold</b> & review")],
                               required=False)


def _render(data) -> str:
    return Template("{% load select_options %}{% select_options form.review %}").render(
        Context({"form": _Filters(data)}))


def test_the_chosen_value_is_selected_and_only_it():
    html = _render({"review": "12"})
    assert html.count(" selected") == 1 and '<option value="12" selected>' in html
    assert '<option value="1">Child K review</option>' in html


def test_nothing_chosen_selects_any_and_text_is_escaped():
    html = _render({})
    assert '<option value="" selected>Any</option>' in html
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; review" in html and "<b>" not in html
