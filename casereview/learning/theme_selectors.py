"""Reads for the themes part of the review page."""

from __future__ import annotations

from datetime import date


def themes_part(review, user, today: date) -> dict:
    """The themes part of the review page (to be built)."""
    return {}
