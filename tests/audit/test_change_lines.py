"""Audit changes render as readable lines whatever shape they were recorded in."""

import pytest

from casereview.audit.templatetags.audit_tags import change_lines


@pytest.mark.parametrize("changes, expected", [
    ({"name": ["Old", "New"]}, ["name: Old → New"]),
    ({"name": [None, "New"]}, ["name: New"]),
    ({"role": ["chair", None]}, ["role: chair (removed)"]),
    ({"via": "page"}, ["via: page"]),
    ({}, []),
    (None, []),
])
def test_change_lines(changes, expected):
    """Pairs show old → new; creations show the value; scalars show as recorded."""
    assert change_lines(changes) == expected
