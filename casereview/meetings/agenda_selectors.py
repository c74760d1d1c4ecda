"""Reads for the agenda part of the meeting page."""

from __future__ import annotations

from datetime import date


def agenda_part(meeting, user, today: date) -> dict:
    """The agenda part of the meeting page (to be built)."""
    return {}
