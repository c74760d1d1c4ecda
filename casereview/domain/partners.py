"""The three statutory safeguarding partners of a local area (Children Act 2004 s16E)."""

from __future__ import annotations

from enum import StrEnum


class StatutoryPartner(StrEnum):
    """A statutory safeguarding partner. Education is a relevant agency, not a partner."""

    LOCAL_AUTHORITY = "local_authority"
    POLICE = "police"
    HEALTH = "health"

    @property
    def label(self) -> str:
        """Return the partner as it reads in a sentence: "the local authority", "police", "health"."""
        return _LABELS[self]


_LABELS = {
    StatutoryPartner.LOCAL_AUTHORITY: "the local authority",
    StatutoryPartner.POLICE: "police",
    StatutoryPartner.HEALTH: "health",
}
