"""Finding identifiers for redaction: names and their variants from the register, dates of birth in any common
format, addresses, postcodes, phone numbers, NHS numbers and e-mail addresses; applying accepted changes.

All names, addresses and numbers are invented (phone numbers from Ofcom's drama ranges, NHS numbers from the
999 test range or computed here)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, note, settings
from hypothesis import strategies as st

from casereview.domain.redaction import (
    Finding,
    Kind,
    RegisterEntry,
    apply,
    context_of,
    detect,
    leaks,
    name_variants,
    occurrences,
    resolve_overlaps,
    segment_texts,
    split_other_names,
)
from casereview.domain.redaction_patterns import (
    dates,
    find_emails,
    find_nhs_numbers,
    find_phones,
    find_postcodes,
    find_streets,
    nhs_number_valid,
    uk_phone_valid,
)

TAMSIN = RegisterEntry(pseudonym="Child A", full_name="Tamsin Jane Exampleton", other_names=("Tammy",),
                       date_of_birth=date(2022, 3, 4), address="12 Larch Road\nNorthmoor\nNM4 7QX")
SIBLING = RegisterEntry(pseudonym="Child B", full_name="Orrin Exampleton", date_of_birth=date(2019, 11, 23))


def found(text, entries=(TAMSIN,), kind=None):
    return [(f.original, f.replacement) for f in detect(text, entries) if kind is None or f.kind == kind]


def with_check_digit(nine: str) -> str | None:
    """Complete nine digits into a valid NHS number, or None when no check digit works."""
    check = 11 - sum(int(d) * (10 - i) for i, d in enumerate(nine)) % 11
    check = 0 if check == 11 else check
    return None if check == 10 else nine + str(check)


# --- names -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Tamsin Jane Exampleton was seen.", [("Tamsin Jane Exampleton", "Child A")]),
    ("Tamsin Exampleton was seen.", [("Tamsin Exampleton", "Child A")]),
    ("Tamsin was seen.", [("Tamsin", "Child A")]),
    ("TAMSIN was seen.", [("TAMSIN", "Child A")]),
    ("Tamsin's nursery", [("Tamsin", "Child A")]),
    ("Tamsin’s nursery", [("Tamsin", "Child A")]),
    ("Ms Exampleton said", [("Exampleton", "[name removed]")]),
    ("the Exampletons moved", [("Exampletons", "[name removed]")]),
    ("the Exampletons' flat", [("Exampletons", "[name removed]")]),
    ("known as Tammy at school", [("Tammy", "Child A")]),
    ("Jane was her middle name", [("Jane", "Child A")]),
    ("Tamsinella and Tamsins are other words", []),
    ("Exampletonville is a town", []),
    ("Tamsin\nExampleton", [("Tamsin", "Child A"), ("Exampleton", "[name removed]")]),
])
def test_names_and_their_variants(text, expected):
    """Full name, first and last, each name alone, possessives and plurals; whole words only, never across lines."""
    assert found(text, kind=Kind.NAME) == expected


def test_a_name_in_lower_case_is_proposed_with_a_note_but_does_not_block_sign_off():
    """"tammy" in lower case is proposed (it may be the name) but the strict sign-off check leaves it out."""
    [finding] = detect("we saw tammy today", [TAMSIN])
    assert finding.original == "tammy" and "lower case" in finding.reason
    assert leaks("we saw tammy today", [TAMSIN]) == []
    assert [f.original for f in leaks("we saw Tammy today", [TAMSIN])] == ["Tammy"]


def test_the_surname_becomes_the_family_pseudonym_when_there_is_one():
    """With "Family U" recorded, the surname alone becomes it; the child's own names become the child's pseudonym."""
    entry = RegisterEntry(pseudonym="Child A", full_name="Tamsin Exampleton", family_pseudonym="Family U")
    assert found("Mr Exampleton and Tamsin", [entry]) == [("Exampleton", "Family U"), ("Tamsin", "Child A")]


def test_siblings_are_each_replaced_by_their_own_pseudonym():
    """Two children of the register: each first name becomes their own pseudonym; the shared surname a placeholder."""
    text = "Tamsin and Orrin Exampleton; Orrin's school"
    assert found(text, [TAMSIN, SIBLING]) == [("Tamsin", "Child A"), ("Orrin Exampleton", "Child B"),
                                             ("Orrin", "Child B")]


def test_a_first_name_two_people_share_becomes_a_placeholder():
    """A spelling two people of the register share cannot take either pseudonym."""
    twin = RegisterEntry(pseudonym="Child C", full_name="Tamsin Oddleigh")
    assert found("Tamsin cried", [TAMSIN, twin]) == [("Tamsin", "[name removed]")]


@pytest.mark.parametrize("text, expected", [
    ("Tammy, Tam; T-J / Tamsy", ("Tammy", "Tam", "T-J", "Tamsy")),
    ("Tammy or Tams and Jay\nJJ", ("Tammy", "Tams", "Jay", "JJ")),
    ("", ()),
])
def test_other_names_are_split_on_commas_semicolons_slashes_and_or(text, expected):
    """The register's "other names" field holds several names."""
    assert split_other_names(text) == expected


def test_titles_initials_and_pseudonym_words_are_never_names_on_their_own():
    """"Mr", a one-letter initial, or a word of a pseudonym ("Child") is not a variant."""
    entry = RegisterEntry(pseudonym="Child A", full_name="Mr T Child-Worth Baby")
    texts = {v.text for v in name_variants(entry)}
    assert not {"Mr", "T", "Baby", "Child"} & texts
    assert "Child-Worth" in texts


# --- dates of birth --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("written", [
    "4 March 2022", "4th March 2022", "04 March 2022", "4 Mar 2022", "4 of March 2022", "March 4, 2022",
    "March 4th 2022", "04/03/2022", "4/3/2022", "04-03-2022", "04.03.2022", "4/3/22", "2022-03-04", "4 MARCH 2022",
])
def test_the_recorded_date_of_birth_in_any_common_format(written):
    """Wherever it is written and however, the child's date of birth is found."""
    assert found(f"The visit on {written}, it was noted.", kind=Kind.DOB) == [(written, "[date of birth removed]")]


@pytest.mark.parametrize("text, expected", [
    ("She was born on 12 May 2019.", ["12 May 2019"]),
    ("DOB: 01/02/2018", ["01/02/2018"]),
    ("d.o.b. 2018-02-01", ["2018-02-01"]),
    ("Date of birth 3rd June 2017", ["3rd June 2017"]),
    ("born in May 2019", ["May 2019"]),
    ("The meeting on 12 May 2019 agreed", []),
    ("born on 31/02/2019", ["31/02/2019"]),
])
def test_any_date_after_a_birth_phrase_is_proposed(text, expected):
    """"born on", "DOB", "date of birth" before a date make it a date of birth (even a mistyped one); other
    dates stay."""
    assert [o for o, _r in found(text, entries=(), kind=Kind.DATE)] == expected


@pytest.mark.parametrize("text, value", [
    ("4 March 2022", date(2022, 3, 4)), ("04/03/22", date(2022, 3, 4)), ("04/03/71", date(1971, 3, 4)),
    ("2022-03-04", date(2022, 3, 4)), ("31/02/2022", None), ("March 4, 2022", date(2022, 3, 4)),
])
def test_dates_are_read_day_first(text, value):
    """UK order; an impossible date is found but has no value."""
    [(_s, _e, parsed, _partial)] = list(dates(text))
    assert parsed == value


# --- addresses -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("They lived at 12 Larch Road, Northmoor NM4 7QX then", ["12 Larch Road, Northmoor NM4 7QX"]),
    ("They lived at 12 Larch Road then", ["12 Larch Road"]),
    ("at 12 larch rd. until", ["12 larch rd."]),
    ("at 12, Larch Road", ["12, Larch Road"]),
    ("a house in Northmoor", []),
])
def test_the_registered_address(text, expected):
    """The address whole or its street line, commas optional, "Rd" for "Road"; the town alone is not found."""
    assert [o for o, _r in found(text, kind=Kind.ADDRESS)] == expected


@pytest.mark.parametrize("text, expected", [
    ("moved to 40 Kestrel Court.", ["40 Kestrel Court"]),
    ("Flat 3, 40 Kestrel Court", ["Flat 3, 40 Kestrel Court"]),
    ("9a Old Mill Lane", ["9a Old Mill Lane"]),
    ("at 7 Upper St. in", ["7 Upper St."]),
    ("aged 3 at the park", []),
    ("in 2019 the road was closed", []),
])
def test_a_house_number_and_street(text, expected):
    """Any "<number> <Name> Road/Street/…" is proposed, even when the register does not hold it."""
    assert [text[s:e] for s, e in find_streets(text)] == expected


# --- postcodes -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("postcode", [
    "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "W1A 0AX", "EC1A 1BB", "SW1A 2AA", "NM4 7QX", "GIR 0AA",
    "ec1a1bb", "B338TH",
])
def test_valid_postcodes_in_every_format(postcode):
    """A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA, AA9A 9AA, GIR 0AA; any case; the space optional."""
    assert [f"x {postcode} y"[s:e] for s, e in find_postcodes(f"x {postcode} y")] == [postcode]


@pytest.mark.parametrize("text", [
    "QA1 1AA", "VA1 1AA", "XA1 1AA", "AI1 1AA", "AJ1 1AA", "AZ1 1AA", "A1 1CA", "A1 1AI", "A1 1KA", "A1 1AM",
    "A1 1OA", "A1 1VA", "AB123 1AA", "A1 AAA", "A1A1 1AA", "NM4 7QXZ", "1NM4 7QX", "W1I 0AX",
])
def test_invalid_postcodes_are_not_found(text):
    """Letters a position may not hold, or the wrong shape."""
    assert find_postcodes(text) == []


# --- phone numbers ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("number", [
    "020 7946 0018", "02079460018", "(020) 7946 0018", "0161 496 0000", "01632 960123", "01632 960 123",
    "07700 900123", "07700900123", "077 009 001 23", "+44 7700 900123", "+447700900123", "+44 (0)20 7946 0018",
    "+44 20 7946 0018", "0808 157 0192", "0113-496-0000", "(01632) 960 123",
])
def test_uk_phone_numbers(number):
    """Landlines and mobiles, national or +44, with spaces, brackets or hyphens."""
    text = f"Call {number}."
    assert [text[s:e] for s, e in find_phones(text)] == [number]


@pytest.mark.parametrize("text", [
    "0770 090 012", "077009001234", "0401 234 5678", "0012 3456 7890", "+33 1 23 45 67 89", "020 7946 001",
    "4/3/2022", "ref 12345678901", "A07700900123",
])
def test_things_that_are_not_uk_phone_numbers(text):
    """Too few or too many digits, unused ranges, foreign numbers, dates, numbers inside a word."""
    assert find_phones(text) == []


def test_a_bracketed_mobile_keeps_its_closing_bracket_outside():
    """"(07700 900123)" is found without the opening bracket, so the replacement stays balanced."""
    text = "her mobile (07700 900123) was off"
    [(start, end)] = find_phones(text)
    assert text[start:end] == "07700 900123"


@pytest.mark.parametrize("number, valid", [
    ("02079460018", True), ("+44 7700 900123", True), ("0161 496 0000", True), ("07700 90012", False),
    ("+1 415 555 0100", False), ("06123 456789", False),
])
def test_uk_phone_valid(number, valid):
    """The digit count each range takes."""
    assert uk_phone_valid(number) is valid


# --- NHS numbers -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("digits, valid", [
    ("9434765919", True), ("9434765918", False), ("4010232137", True), ("4010232138", False),
    ("9990000018", True), ("0000000000", True), ("1234567890", False), ("123456789", False),
])
def test_the_modulus_11_check_digit(digits, valid):
    """Weights 10 to 2 on the first nine digits; 11 - remainder is the check digit; a check of 10 is never valid."""
    assert nhs_number_valid(digits) is valid


@pytest.mark.parametrize("text, expected", [
    ("NHS 943 476 5919.", ["943 476 5919"]),
    ("NHS 9434765919.", ["9434765919"]),
    ("NHS 943-476-5919.", ["943-476-5919"]),
    ("NHS 943 476 5918.", []),
    ("NHS 943 4765919.", []),
    ("ref 19434765919", []),
])
def test_nhs_numbers_only_with_a_valid_check_digit(text, expected):
    """Ten digits, or 3-3-4 with spaces or hyphens, and only when the check digit is right."""
    assert [text[s:e] for s, e in find_nhs_numbers(text)] == expected


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_completing_nine_digits_gives_a_valid_number_and_any_other_last_digit_does_not(nine):
    """For any nine digits at most one check digit is valid, and it is the one the rule computes."""
    valid = [d for d in "0123456789" if nhs_number_valid(nine + d)]
    expected = with_check_digit(nine)
    assert valid == ([expected[-1]] if expected else [])


# --- e-mail addresses ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("write to tamsin.exampleton@example.test today", ["tamsin.exampleton@example.test"]),
    ("(mum+school@mail.example.co.uk).", ["mum+school@mail.example.co.uk"]),
    ("o'neill@example.org", ["o'neill@example.org"]),
    ("an @ sign alone, or user@localhost", []),
])
def test_email_addresses(text, expected):
    """An address is found whole (the name inside it goes with it), without trailing punctuation."""
    assert [text[s:e] for s, e in find_emails(text)] == expected


def test_an_email_holding_a_name_is_one_change():
    """The longer finding wins: the address is one change, not a name inside an address."""
    assert found("mail tamsin.exampleton@example.test") == [("tamsin.exampleton@example.test",
                                                             "[email address removed]")]


# --- applying changes ------------------------------------------------------------------------------------------

def test_apply_merges_overlapping_changes_and_keeps_the_rest():
    """Changes are made in order; overlapping ones become one."""
    assert apply("abcdefghij", [(6, 8, "Y"), (0, 3, "X"), (2, 5, "Z")]) == "XfYij"


def test_resolve_overlaps_keeps_the_longest_then_the_more_specific():
    """Of overlapping findings the longest wins; of equal ones the more specific kind."""
    a = Finding(0, 10, Kind.NAME, "x" * 10, "A", "")
    b = Finding(2, 5, Kind.EMAIL, "xxx", "B", "")
    c = Finding(12, 15, Kind.NAME, "xxx", "C", "")
    d = Finding(12, 15, Kind.PHONE, "xxx", "D", "")
    assert resolve_overlaps([b, a, c, d]) == [a, d]


def test_segments_are_redacted_line_by_line():
    """Each segment gets only its own changes."""
    text = "Tamsin went\nto 12 Larch Road"
    changes = [(f.start, f.end, f.replacement) for f in detect(text, [TAMSIN])]
    assert segment_texts(text, [(0, 11), (12, 28)], changes) == ["Child A went", "to [address removed]"]


def test_context_shows_a_few_words_either_side_within_the_line():
    """The context stops at the line and marks what was cut."""
    text = "one two three four five six seven eight NAME nine ten\nnext line"
    start = text.index("NAME")
    assert context_of(text, start, start + 4, words=2) == ("…seven eight ", " nine ten")


@pytest.mark.parametrize("text, phrase, expected", [
    ("Mum said mum", "mum", [(0, 3), (9, 12)]),
    ("the   head teacher, Head Teacher", "head teacher", [(6, 18), (20, 32)]),
    ("Mumford", "mum", []),
    ("[x] and [x]", "[x]", [(0, 3), (8, 11)]),
])
def test_occurrences_of_a_phrase_chosen_by_hand(text, phrase, expected):
    """Any case, any spaces, whole words where the phrase starts or ends with a letter."""
    assert occurrences(text, phrase) == expected


# --- properties ------------------------------------------------------------------------------------------------

FIRST = st.sampled_from(["Tamsin", "Orrin", "Bryony", "Cuthbert", "Dilys", "Ezekiel", "Fenella"])
LAST = st.sampled_from(["Exampleton", "Quillfeather", "Ansty", "Brackenbury", "Oddleigh"])
FILLER = st.sampled_from(["the health visitor", "said", "nursery", "on Monday", "school", "and", "was seen",
                          "at home", "police", "in 2021", "aged 3", "GP"])


@st.composite
def corpus(draw):
    """A register of up to three invented people and a text mixing their details with ordinary words."""
    people = []
    for index in range(draw(st.integers(1, 3))):
        first, last = draw(FIRST), draw(LAST)
        born = draw(st.dates(min_value=date(2005, 1, 1), max_value=date(2025, 12, 31)))
        people.append(RegisterEntry(pseudonym=f"Child {'ABC'[index]}", full_name=f"{first} {last}",
                                    date_of_birth=born, address=f"{index + 3} Larch Road\nNorthmoor"))
    details = []
    for person in people:
        first, last = person.full_name.split()
        born = person.date_of_birth
        details += [person.full_name, first, f"{first}'s", last.upper(), f"{born.day} {born:%B %Y}",
                    f"{born:%d/%m/%Y}", born.isoformat(), person.address.split("\n")[0]]
    details += ["NM4 7QX", "07700 900123", "943 476 5919", "a.person@example.test", "born on 2 May 2020"]
    pieces = draw(st.lists(st.one_of(st.sampled_from(details), FILLER), min_size=1, max_size=30))
    separators = draw(st.lists(st.sampled_from([" ", ", ", ". ", "\n", " (", ") "]), min_size=len(pieces),
                               max_size=len(pieces)))
    return people, "".join(p + s for p, s in zip(pieces, separators, strict=True))


def redact(text, people):
    return apply(text, [(f.start, f.end, f.replacement) for f in detect(text, people)])


@settings(max_examples=150, deadline=None)
@given(corpus())
def test_redacting_twice_changes_nothing_more(sample):
    """Accepting every finding and redacting again finds nothing more."""
    people, text = sample
    once = redact(text, people)
    assert redact(once, people) == once
    assert detect(once, people) == []


@settings(max_examples=150, deadline=None)
@given(corpus(), st.data())
def test_the_output_never_contains_an_accepted_original(sample, data):
    """Whatever subset is accepted, an accepted original whose every occurrence was accepted is gone; with every
    finding accepted no register name or date of birth remains."""
    people, text = sample
    note(f"text={text!r} people={people!r}")
    findings = detect(text, people)
    accepted = data.draw(st.lists(st.sampled_from(findings), unique=True) if findings else st.just([]))
    output = apply(text, [(f.start, f.end, f.replacement) for f in accepted])
    for finding in accepted:
        covering = [f for f in findings if finding.original.casefold() in f.original.casefold()]
        if all(f in accepted for f in covering):  # every place it is written was accepted
            assert occurrences(output, finding.original) == []
    assert leaks(redact(text, people), people) == []


def test_every_planted_identifier_in_a_corpus_is_found():
    """A fictional report with one of each identifier planted: every one is proposed."""
    planted = {
        "Tamsin Jane Exampleton": Kind.NAME, "Tammy": Kind.NAME, "TAMSIN": Kind.NAME, "Exampletons": Kind.NAME,
        "4th March 2022": Kind.DOB, "04/03/2022": Kind.DOB, "2022-03-04": Kind.DOB,
        "12 Larch Road, Northmoor NM4 7QX": Kind.ADDRESS, "40 Kestrel Court": Kind.ADDRESS, "SW1A 2AA": Kind.POSTCODE,
        "020 7946 0018": Kind.PHONE, "+44 7700 900123": Kind.PHONE, "943 476 5919": Kind.NHS,
        "tamsin.e@example.test": Kind.EMAIL, "17 June 2016": Kind.DATE,
    }
    text = ("Tamsin Jane Exampleton (known as Tammy) was born on 4th March 2022. TAMSIN lived with the Exampletons "
            "at 12 Larch Road, Northmoor NM4 7QX, and from 2023 at 40 Kestrel Court, London SW1A 2AA.\n"
            "The GP (020 7946 0018) and her mother (+44 7700 900123) were contacted. NHS number 943 476 5919; "
            "e-mail tamsin.e@example.test. Records show DOB 04/03/2022 and 2022-03-04. "
            "Her cousin was born on 17 June 2016.")
    got = {f.original: f.kind for f in detect(text, [TAMSIN])}
    assert {k: got.get(k) for k in planted} == planted


def test_a_known_date_of_birth_beats_a_phone_shaped_guess_across_two_of_them():
    """Found by the property test: "01-02 2005-01" looks like a phone number, but both dates are the register's."""
    person = RegisterEntry(pseudonym="Child A", full_name="Tamsin Exampleton", date_of_birth=date(2005, 1, 2))
    text = "2005-01-02 2005-01-02 2005-01-02 "
    assert [f.kind for f in detect(text, [person])] == [Kind.DOB, Kind.DOB, Kind.DOB]
    assert leaks(redact(text, [person]), [person]) == []
