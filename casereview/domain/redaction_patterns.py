"""The identifiers found by their shape rather than from the register: UK postcodes, UK phone numbers, NHS
numbers (only with a valid Modulus 11 check digit), e-mail addresses, street addresses, and dates.

Pure Python; casereview.domain.redaction combines these with what the identity register holds."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date
from enum import StrEnum


class Kind(StrEnum):
    NAME = "name"
    DOB = "dob"
    ADDRESS = "address"
    POSTCODE = "postcode"
    PHONE = "phone"
    NHS = "nhs"
    EMAIL = "email"
    DATE = "date"
    OTHER = "other"


KIND_LABELS = {
    Kind.NAME: "Name", Kind.DOB: "Date of birth", Kind.ADDRESS: "Address", Kind.POSTCODE: "Postcode",
    Kind.PHONE: "Phone number", Kind.NHS: "NHS number", Kind.EMAIL: "E-mail address",
    Kind.DATE: "Date (of birth)", Kind.OTHER: "Other",
}
PLACEHOLDERS = {
    Kind.NAME: "[name removed]", Kind.DOB: "[date of birth removed]", Kind.ADDRESS: "[address removed]",
    Kind.POSTCODE: "[postcode removed]", Kind.PHONE: "[phone number removed]", Kind.NHS: "[NHS number removed]",
    Kind.EMAIL: "[email address removed]", Kind.DATE: "[date of birth removed]", Kind.OTHER: "[removed]",
}

# Every valid UK postcode format (A9 9AA, A99 9AA, A9A 9AA, AA9 9AA, AA99 9AA, AA9A 9AA, and GIR 0AA), with the
# letters each position may hold; the space may be missing.
_OUTWARD = r"(?:[A-PR-UWYZ](?:\d{1,2}|[A-HK-Y]\d{1,2}|\d[A-HJKPSTUW]|[A-HK-Y]\d[ABEHMNPRV-Y]))"
POSTCODE = re.compile(rf"(?:GIR[ \t]?0AA|{_OUTWARD}[ \t]?\d[ABD-HJLNP-UW-Z]{{2}})", re.IGNORECASE)
POSTCODE_IN_TEXT = re.compile(rf"(?<![A-Za-z0-9]){POSTCODE.pattern}(?![A-Za-z0-9])", re.IGNORECASE)

_PHONE_START = re.compile(r"(?<![\w+])(?:\+44|\(?0)")
_PHONE_BODY = re.compile(r"(?:\+44[ \t-]?(?:\(0\)[ \t-]?)?|\(?0)\d(?:[ \t\-()]{0,2}\d){8,11}")
_NHS = re.compile(r"(?<![\w])(\d{3})([ \t-]?)(\d{3})\2(\d{4})(?![\w])")
EMAIL = re.compile(r"(?<![\w.+'-])[A-Za-z0-9][A-Za-z0-9._%+'-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                   r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}(?![\w-])")

STREET_WORDS = {
    "road": "rd", "street": "st", "avenue": "ave", "lane": "ln", "close": "cl", "drive": "dr", "crescent": "cres",
    "court": "ct", "place": "pl", "gardens": "gdns", "square": "sq", "terrace": "terr", "grove": "gr",
}
_STREET_TYPES = (r"(?:Road|Street|Avenue|Lane|Close|Drive|Way|Crescent|Court|Place|Gardens|Grove|Terrace|Hill|Park"
                 r"|Square|Row|Walk|Mews|Rise|View|Green|Parade|Vale|Wharf|Estate|Meadows?|Gate|Croft|Fields"
                 r"|Boulevard|Broadway|Circus|Approach|Wynd)\b|(?:Rd|St|Ave|Ln|Dr|Cres|Ct|Pl|Gdns|Sq)\b\.?")
_STREET = re.compile(rf"(?<![\w])(?:(?:Flat|Apartment|Unit)[ \t]+\d+[A-Za-z]?,?[ \t]+)?\d{{1,4}}[A-Za-z]?,?[ \t]+"
                     rf"(?:[A-Z][A-Za-z'’-]+[ \t]+){{1,3}}(?:{_STREET_TYPES})")

_MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
           "nov": 11, "dec": 12}
_MONTH = (r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
          r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_ORD = r"(?:st|nd|rd|th)?"
# (pattern, which groups hold day, month, year); a missing day means only a month and year was written.
_DATE_FORMS = [
    (re.compile(rf"(?<![\w])(\d{{1,2}}){_ORD}[ \t]+(?:of[ \t]+)?{_MONTH},?[ \t]+(\d{{4}})(?!\d)", re.I), (1, 2, 3)),
    (re.compile(rf"(?<![\w]){_MONTH}[ \t]+(\d{{1,2}}){_ORD}(?!\d),?[ \t]+(\d{{4}})(?!\d)", re.I), (2, 1, 3)),
    (re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?!\d|[/-]\d|\.\d)"), (1, 3, 4)),
    (re.compile(r"(?<![\d/.-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d-])"), (3, 2, 1)),
    (re.compile(rf"(?<![\w\d]){_MONTH}[ \t]+(\d{{4}})(?!\d)", re.I), (None, 1, 2)),
]
_BIRTH_CUE = re.compile(r"(?:\bborn(?:[ \t]+(?:on|in))?|\bdate[ \t]+of[ \t]+birth|\bd\.?o\.?b\.?)"
                        r"[ \t]*(?:[:\-–]|was|is|of)?[ \t]*$", re.IGNORECASE)


def nhs_number_valid(digits: str) -> bool:
    """Whether ten digits make a valid NHS number: the Modulus 11 check digit matches (10 is never valid)."""
    if not re.fullmatch(r"\d{10}", digits):
        return False
    total = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9]))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def uk_phone_valid(candidate: str) -> bool:
    """Whether the text is a UK landline or mobile number: 0 or +44, then the right number of digits for its
    range (01 10 or 11 digits, 02/03/07 11, 08 10 or 11; 00, 04 and 06 are not in use)."""
    digits = re.sub(r"\D", "", candidate)
    if candidate.lstrip().startswith("+"):
        if not digits.startswith("44"):
            return False
        digits = digits[2:] if digits[2:].startswith("0") else "0" + digits[2:]
    lengths = {"1": (10, 11), "2": (11,), "3": (11,), "5": (10, 11), "7": (11,), "8": (10, 11), "9": (11,)}
    return digits.startswith("0") and len(digits) in lengths.get(digits[1:2], ())


def find_phones(text: str) -> list[tuple[int, int]]:
    """Spans of UK phone numbers: the longest valid reading of each run of digits, spaces and brackets."""
    found, pos = [], 0
    while (start := _PHONE_START.search(text, pos)) is not None:
        body = _PHONE_BODY.match(text, start.start())
        end = _longest_valid(text, start.start(), body.end()) if body else None
        if end is None:
            pos = start.start() + 1
            continue
        begin = start.start() + (text[start.start()] == "(" and ")" not in text[start.start():end])
        found.append((begin, end))
        pos = end
    return found


def _longest_valid(text: str, start: int, end: int) -> int | None:
    for stop in range(end, start, -1):
        if text[stop - 1].isdigit() and not text[stop:stop + 1].isdigit() and uk_phone_valid(text[start:stop]):
            return stop
    return None


def find_nhs_numbers(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _NHS.finditer(text) if nhs_number_valid(m[1] + m[3] + m[4])]


def find_postcodes(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in POSTCODE_IN_TEXT.finditer(text)]


def find_emails(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in EMAIL.finditer(text)]


def find_streets(text: str) -> list[tuple[int, int]]:
    """A house number and a street: "12 Larch Road", "Flat 3, 40 Kestrel Court"."""
    return [(m.start(), m.end()) for m in _STREET.finditer(text)]


REASONS = {Kind.POSTCODE: "a UK postcode", Kind.PHONE: "a UK phone number",
           Kind.NHS: "an NHS number (valid check digit)", Kind.EMAIL: "an e-mail address",
           Kind.ADDRESS: "a house number and street"}


def find_patterns(text: str) -> list[tuple[int, int, Kind]]:
    """Postcodes, phone numbers, NHS numbers, e-mail addresses and street addresses as (start, end, kind)."""
    finders = {Kind.POSTCODE: find_postcodes, Kind.PHONE: find_phones, Kind.NHS: find_nhs_numbers,
               Kind.EMAIL: find_emails, Kind.ADDRESS: find_streets}
    return [(s, e, kind) for kind, finder in finders.items() for s, e in finder(text)]


def _year(text: str) -> int:
    value = int(text)
    return value if len(text) == 4 else (2000 + value if value < 70 else 1900 + value)


def dates(text: str) -> Iterator[tuple[int, int, date | None, bool]]:
    """Each date written in the text as (start, end, the date or None if impossible, month-and-year only).

    Numbers are read day first (04/03/2022 is 4 March); two-digit years below 70 are in this century."""
    taken: list[tuple[int, int]] = []
    for pattern, (day_at, month_at, year_at) in _DATE_FORMS:
        for match in pattern.finditer(text):
            if any(match.start() < e and match.end() > s for s, e in taken):
                continue
            taken.append((match.start(), match.end()))
            month_text = match[month_at]
            month = int(month_text) if month_text.isdigit() else _MONTHS[month_text[:3].lower()]
            try:
                value = date(_year(match[year_at]), month, int(match[day_at]) if day_at else 1)
            except ValueError:
                value = None
            yield match.start(), match.end(), value, day_at is None


def after_birth_cue(text: str, start: int) -> bool:
    """Whether the words just before `start` say what follows is a date of birth ("born on", "DOB:")."""
    line_start = text.rfind("\n", 0, start) + 1
    return bool(_BIRTH_CUE.search(text[max(line_start, start - 30):start]))


def address_pattern(parts: Sequence[str]) -> re.Pattern:
    """A pattern for address lines written in one run: commas optional, "Road" or "Rd", any letter case."""
    words = [_word(w) for part in parts for w in part.replace(",", " ").split()]
    return re.compile(r"(?<!\w)" + r"(?:[ \t]*,[ \t]*|[ \t]+)".join(words) + r"(?!\w)", re.IGNORECASE)


def _word(word: str) -> str:
    short = STREET_WORDS.get(word.lower().rstrip("."))
    if short:
        return rf"(?:{re.escape(word.rstrip('.'))}|{short})\.?"
    return re.escape(word)
