"""The number parser: table of news spellings, and properties that must hold for any input."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from brief.extract.numbers import find_numbers, parse_number


@pytest.mark.parametrize(("text", "value"), [
    ("three", 3),
    ("Three", 3),
    ("twenty-one", 21),
    ("one hundred and five", 105),
    ("1,000", 1000),
    ("1, 000", 1000),
    ("331,600", 331600),
    ("2.5 million", 2_500_000),
    ("108.4 million", 108_400_000),
    ("1.5k", 1500),
    ("a dozen", 12),
    ("two dozen", 24),
    ("half a million", 500_000),
    ("a thousand", 1000),
    ("14", 14),
])
def test_parse_number(text: str, value: int) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["dozens", "hundreds", "thousands", "several", "many", "2.5", "a", "half"])
def test_vague_or_not_a_count(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(("text", "values"), [
    ("killed 70 or 80,000 victims", [70_000, 80_000]),
    ("one or two million people", [1_000_000, 2_000_000]),
    ("5 to 6 thousand troops", [5000, 6000]),
    ("between 3 and 5,000 dead", [3, 5000]),  # only "or" and "to" join a shared scale
    ("20 or 30 drones", [20, 30]),
])
def test_first_number_of_a_pair_takes_the_scale_of_the_second(text: str, values: list[int]) -> None:
    assert [n.value for n in find_numbers(text)] == values


def test_find_numbers_spans_are_verbatim() -> None:
    text = "More than 1, 000 Ukrainians came back and 103 attack drones and four missiles were fired."
    found = find_numbers(text)
    assert [n.value for n in found] == [1000, 103, 4]
    assert all(text[n.start:n.end] == n.text for n in found)


def test_money_and_model_names_are_not_numbers() -> None:
    assert find_numbers("worth $12 million") == []
    assert find_numbers("a MiG-29 jet") == []


@given(st.text())
def test_never_crashes_never_negative(text: str) -> None:
    for number in find_numbers(text):
        assert number.value >= 0
        assert text[number.start:number.end] == number.text
    value = parse_number(text)
    assert value is None or value >= 0


@given(st.integers(min_value=0, max_value=10**12))
def test_digit_strings_round_trip(n: int) -> None:
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n
    assert parse_number(f"{n:,}".replace(",", ", ")) == n


@given(st.integers(min_value=1, max_value=999), st.sampled_from(["thousand", "million", "billion"]))
def test_scale_words_multiply(n: int, scale: str) -> None:
    factor = {"thousand": 10**3, "million": 10**6, "billion": 10**9}[scale]
    assert parse_number(f"{n} {scale}") == n * factor
