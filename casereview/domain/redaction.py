"""Finding identifying details in a report before it is published, and applying the changes a person accepted.

Pure Python. Names, dates of birth and addresses come from the identity register, passed in as
`RegisterEntry`; postcodes, UK phone numbers, NHS numbers, e-mail addresses and "born on …" phrases are
found by pattern (casereview.domain.redaction_patterns). Every finding is only a proposal: a person accepts
or rejects each one, and `apply` makes the accepted ones.

Offsets are Python string indexes into the text searched. No finding spans a line break, so a document
kept as lines (or Word paragraphs joined by "\\n") can be rebuilt line by line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from casereview.domain import redaction_patterns as patterns
from casereview.domain.redaction_patterns import PLACEHOLDERS, Kind

__all__ = ["Kind", "PLACEHOLDERS", "RegisterEntry", "Finding", "detect", "leaks", "apply", "resolve_overlaps",
           "name_variants", "context_of", "segment_texts", "segment_of", "occurrences"]

# Words never treated as a name on their own: titles, and the words of pseudonyms and placeholders (so that
# redacting a redacted text finds nothing more).
NOT_NAMES = {"mr", "mrs", "ms", "miss", "mx", "dr", "master", "child", "baby", "family", "name", "removed",
             "date", "birth", "address", "of", "and", "the", "de", "la", "le", "van", "von", "der", "da", "di", "bin",
             "al", "el"}
GAP = r"[^\S\n]+"  # spaces within a line, never a line break


@dataclass(frozen=True)
class RegisterEntry:
    """One person in the identity register, as detection needs it."""

    pseudonym: str
    full_name: str
    other_names: tuple[str, ...] = ()
    date_of_birth: date | None = None
    address: str = ""
    family_pseudonym: str = ""  # e.g. "Family U", used for the surname on its own


@dataclass(frozen=True, order=True)
class Finding:
    """A stretch of text that identifies someone, with what it would become and why it was found."""

    start: int
    end: int
    kind: str
    original: str
    replacement: str
    reason: str


@dataclass(frozen=True)
class Variant:
    text: str
    replacement: str
    reason: str

    @property
    def single_word(self) -> bool:
        return " " not in self.text


def split_other_names(text: str) -> tuple[str, ...]:
    """Split the register's "other names" into names: commas, semicolons, slashes, lines, "or" and "and"."""
    parts = re.split(r"[,;/\n]+|\s+(?:or|and)\s+", text or "")
    return tuple(" ".join(p.split()) for p in parts if p.strip())


def _tokens(name: str) -> list[str]:
    return [t.strip(".,()\"") for t in name.split() if t.strip(".,()\"")]


def _usable(token: str, stop: set[str]) -> bool:
    return len(token) >= 2 and token.casefold() not in stop and any(ch.isalpha() for ch in token)


def _stop_words(entries: Sequence[RegisterEntry]) -> set[str]:
    words = set(NOT_NAMES)
    for entry in entries:
        for text in (entry.pseudonym, entry.family_pseudonym):
            words |= {w.casefold() for w in re.findall(r"\w+", text)}
    return words


def name_variants(entry: RegisterEntry, stop: set[str] | None = None) -> list[Variant]:
    """Every way the person's names may be written: in full, first and last, each name alone, the surname as
    a plural ("the Exampletons"). The surname alone becomes the family pseudonym, if any, else "[name removed]"."""
    stop = _stop_words([entry]) if stop is None else stop
    who, surname_to = entry.pseudonym, entry.family_pseudonym or PLACEHOLDERS[Kind.NAME]
    variants: list[Variant] = []
    for index, name in enumerate((entry.full_name, *entry.other_names)):
        label = "full name" if index == 0 else "other name"
        tokens = [t for t in _tokens(name) if t.casefold() not in {"mr", "mrs", "ms", "miss", "mx", "dr"}]
        if not tokens:
            continue
        if len(tokens) > 1:
            variants.append(Variant(" ".join(tokens), who, f"{label} of {who}"))
        if len(tokens) > 2:
            variants.append(Variant(f"{tokens[0]} {tokens[-1]}", who, f"first name and surname of {who}"))
        first = "first name" if index == 0 else "other name"
        if _usable(tokens[0], stop):
            variants.append(Variant(tokens[0], who, f"{first} of {who}"))
        variants += [Variant(t, who, f"middle name of {who}") for t in tokens[1:-1] if len(t) > 2 and _usable(t, stop)]
        if len(tokens) > 1 and _usable(tokens[-1], stop):
            surname = tokens[-1]
            variants.append(Variant(surname, surname_to, f"surname of {who}"))
            if surname[-1].isalpha() and surname[-1].lower() != "s":
                variants.append(Variant(f"{surname}s", surname_to, f"surname of {who}, plural"))
    return variants


def _merged_variants(entries: Sequence[RegisterEntry]) -> list[Variant]:
    """All entries' variants, one per spelling; a spelling two people share becomes "[name removed]"."""
    stop = _stop_words(entries)
    chosen: dict[str, Variant] = {}
    for entry in entries:
        for variant in name_variants(entry, stop):
            key = variant.text.casefold()
            earlier = chosen.get(key)
            if earlier is None:
                chosen[key] = variant
            elif earlier.replacement != variant.replacement and entry.pseudonym not in earlier.reason:
                chosen[key] = Variant(variant.text, PLACEHOLDERS[Kind.NAME],
                                      f"{earlier.reason}; {variant.reason} (shared)")
    return sorted(chosen.values(), key=lambda v: -len(v.text))


def _variant_pattern(text: str) -> re.Pattern:
    body = GAP.join(re.escape(part) for part in text.split())
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def find_names(text: str, entries: Sequence[RegisterEntry], *, strict: bool = False) -> list[Finding]:
    """Each name from the register, in any letter case, as a whole word ("Tamsin's" finds "Tamsin").

    A single name written all in lower case is proposed with a note, because names such as May or Hope are also
    ordinary words; with `strict` (the check before sign-off) such matches are left out."""
    found = []
    for variant in _merged_variants(entries):
        for match in _variant_pattern(variant.text).finditer(text):
            lower = variant.single_word and match.group() == match.group().lower()
            if lower and strict:
                continue
            reason = variant.reason + (" (in lower case: check it is the name)" if lower else "")
            found.append(Finding(match.start(), match.end(), Kind.NAME, match.group(), variant.replacement, reason))
    return found


def find_dates_of_birth(text: str, entries: Sequence[RegisterEntry]) -> list[Finding]:
    """Any date written in the text that is a recorded date of birth, and any date after "born on", "DOB" …"""
    births = {}
    for entry in entries:
        if entry.date_of_birth:
            births.setdefault(entry.date_of_birth, []).append(entry.pseudonym)
    found = []
    for start, end, value, partial in patterns.dates(text):
        if value in births and not partial:
            reason = f"date of birth of {' and '.join(births[value])}"
            found.append(Finding(start, end, Kind.DOB, text[start:end], PLACEHOLDERS[Kind.DOB], reason))
        elif patterns.after_birth_cue(text, start):
            found.append(Finding(start, end, Kind.DATE, text[start:end], PLACEHOLDERS[Kind.DOB],
                                 "a date of birth (after a phrase such as “born on”)"))
    return found


def _address_lines(address: str) -> list[str]:
    lines = [" ".join(line.split()) for line in re.split(r"[\n,]+", address or "")]
    return [line for line in lines if line]


def find_register_addresses(text: str, entries: Sequence[RegisterEntry]) -> list[Finding]:
    """The recorded address written out whole, and its street line (with or without commas, "Rd" for "Road")."""
    found = []
    for entry in entries:
        lines = _address_lines(entry.address)
        bare = [" ".join(patterns.POSTCODE_IN_TEXT.sub(" ", line).split()) for line in lines]
        street = [line for i, line in enumerate(bare) if line and (i == 0 or re.search(r"\d", line))]
        candidates = [lines] * (len(lines) > 1) + [[line] for line in street]
        for parts in candidates:
            for match in patterns.address_pattern(parts).finditer(text):
                found.append(Finding(match.start(), match.end(), Kind.ADDRESS, match.group(),
                                     PLACEHOLDERS[Kind.ADDRESS], f"address of {entry.pseudonym}"))
    return found


def detect(text: str, entries: Sequence[RegisterEntry] = ()) -> list[Finding]:
    """Every identifying detail found, one finding per stretch of text, in text order: what the register
    says is certain and wins any overlap (a known date of birth beats a phone-shaped guess across it); among
    the rest the longest wins."""
    shaped = [Finding(s, e, kind, text[s:e], PLACEHOLDERS[kind], patterns.REASONS[kind])
              for s, e, kind in patterns.find_patterns(text)]
    found = find_register_addresses(text, entries) + find_dates_of_birth(text, entries) + find_names(text, entries)
    return resolve_overlaps(found + shaped, certain=found)


def leaks(text: str, entries: Sequence[RegisterEntry]) -> list[Finding]:
    """The register's names and dates of birth still in a text: nothing may remain when it is signed off."""
    found = find_names(text, entries, strict=True) + [
        f for f in find_dates_of_birth(text, entries) if f.kind == Kind.DOB]
    return resolve_overlaps(found)


PRIORITY = [Kind.EMAIL, Kind.NHS, Kind.PHONE, Kind.ADDRESS, Kind.POSTCODE, Kind.DOB, Kind.DATE, Kind.NAME, Kind.OTHER]


def resolve_overlaps(findings: Iterable[Finding], certain: Iterable[Finding] = ()) -> list[Finding]:
    """Keep one finding per stretch of text: the longest, then the more specific kind; return them in order.

    A guess that cuts across a certain finding without covering it whole (a phone-shaped run over two dates
    of birth) is dropped first, so the certain ones survive; a guess that covers one whole (an e-mail address
    holding a name) still wins as the longer change."""
    rank = {kind: i for i, kind in enumerate(PRIORITY)}
    sure = list(dict.fromkeys(certain))
    unique = [f for f in dict.fromkeys(findings) if f in sure or not any(_cuts_across(f, c) for c in sure)]
    order = {finding: index for index, finding in enumerate(unique)}  # the first of equals wins: register first
    kept: list[Finding] = []
    for finding in sorted(unique, key=lambda f: (f.start - f.end, rank.get(f.kind, 99), f.start, order[f])):
        if all(finding.end <= k.start or finding.start >= k.end for k in kept):
            kept.append(finding)
    return sorted(kept)


def _cuts_across(guess: Finding, known: Finding) -> bool:
    overlaps = guess.start < known.end and known.start < guess.end
    covers = guess.start <= known.start and known.end <= guess.end
    return overlaps and not covers


def apply(text: str, changes: Iterable[tuple[int, int, str]]) -> str:
    """Return the text with each (start, end, replacement) made; overlapping changes are merged into one."""
    merged: list[list] = []
    for start, end, replacement in sorted(changes, key=lambda c: (c[0], -c[1])):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end, replacement])
    pieces, cursor = [], 0
    for start, end, replacement in merged:
        pieces += [text[cursor:start], replacement]
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


def segment_texts(text: str, bounds: Sequence[tuple[int, int]],
                  changes: Iterable[tuple[int, int, str]]) -> list[str]:
    """Apply the changes to each segment (a line or paragraph at text[start:end]) and return the new segments."""
    changes = sorted(changes)
    out = []
    for start, end in bounds:
        inside = [(s - start, e - start, r) for s, e, r in changes if s >= start and e <= end]
        out.append(apply(text[start:end], inside))
    return out


def segment_of(bounds: Sequence[tuple[int, int]], offset: int) -> int:
    """The index of the segment holding the offset (-1 if none)."""
    for index, (start, end) in enumerate(bounds):
        if start <= offset <= end:
            return index
    return -1


def occurrences(text: str, phrase: str) -> list[tuple[int, int]]:
    """Where a phrase a person chose to remove appears: any letter case, whole words where it starts or ends
    with a letter or digit, spaces matching any run of spaces within a line."""
    words = phrase.split()
    if not words:
        return []
    body = GAP.join(re.escape(w) for w in words)
    head = r"(?<!\w)" if re.match(r"\w", words[0]) else ""
    tail = r"(?!\w)" if re.search(r"\w$", words[-1]) else ""
    return [(m.start(), m.end()) for m in re.finditer(head + body + tail, text, re.IGNORECASE)]


def context_of(text: str, start: int, end: int, words: int = 6) -> tuple[str, str]:
    """A few words either side of text[start:end], within its line, for a person to judge the change."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    before = text[line_start:start].split(" ")
    after = text[end:line_end].split(" ")
    left = " ".join(before[-(words + 1):])
    right = " ".join(after[: words + 1])
    return ("…" if len(before) > words + 1 else "") + left, right + ("…" if len(after) > words + 1 else "")
