"""Reads for the declarations part of the meeting page."""

from __future__ import annotations

from datetime import date


def declarations_part(meeting, user, today: date) -> dict:
    """The declarations part of the meeting page (to be built)."""
    return {}
