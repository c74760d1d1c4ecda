"""Small-number suppression for any aggregate a user can export or share (DOMAIN.md §6): national statistics
suppress counts of 2 or fewer, and so do we."""

from __future__ import annotations

SUPPRESS_AT_OR_BELOW = 2
SUPPRESSED = "[c]"  # the marker national statistics use for a suppressed count


def suppress(count: int) -> int | str:
    """The count, or the suppression marker when it is 1 or 2 (0 is shown: it identifies nobody)."""
    return SUPPRESSED if 0 < count <= SUPPRESS_AT_OR_BELOW else count
