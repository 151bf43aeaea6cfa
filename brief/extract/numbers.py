"""Numbers as written in news text → integers ("three", "1, 000", "2.5 million", "a dozen", "half a million").

Only what a count can be: whole numbers, or a decimal with a scale word ("2.5 million"). Vague amounts
("dozens", "hundreds", "thousands of") are not numbers, so they never become figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "k": 1_000,
          "mln": 1_000_000, "m": 1_000_000, "bn": 1_000_000_000}
FRACTIONS = {"half": 0.5, "quarter": 0.25}
SINGULAR = {"a", "an", "one", "single", "another"}
VAGUE = {"dozens", "hundreds", "thousands", "millions", "scores", "several", "many", "some", "few", "numerous"}

WORD = "|".join(sorted([*UNITS, *TENS, "dozen"], key=len, reverse=True))
NUMBER_RE = re.compile(
    rf"""(?ix)
    (?<![\w.,/$€£-])
    (?:
        (?P<digits>\d{{1,3}}(?:,\s?\d{{3}})+(?![\d])|\d+)(?:\.(?P<frac>\d+))?
      | (?P<fraction>half|a\ quarter|quarter)\s+(?:of\s+)?an?
      | (?P<article>an?)(?=\s+(?:hundred|thousand|million|billion)\b)
      | an?\s+(?P<dozen>dozen)
      | (?P<words>(?:{WORD})(?:(?:\s+|-|\s+and\s+)(?:{WORD}|hundred))*)
    )
    (?:\s+(?P<scale>hundred|thousand|million|billion|mln|bn)|(?P<short>k|m|bn|mln)\b)?
    (?:\s+(?P<scale2>thousand|million|billion))?
    (?![\w])
    """
)


@dataclass(frozen=True)
class Number:
    value: int
    start: int
    end: int
    text: str


def parse_number(text: str) -> int | None:
    """The integer ``text`` spells, or None ("dozens" and other vague words are None)."""
    match = NUMBER_RE.fullmatch(text.strip())
    return _value(match) if match else None


def find_numbers(text: str) -> list[Number]:
    """Every number in ``text`` with its character span."""
    found = []
    for match in NUMBER_RE.finditer(text):
        value = _value(match)
        if value is not None:
            found.append(Number(value, match.start(), match.end(), match.group(0)))
    return [_share_scale(text, n, found[i + 1]) if i + 1 < len(found) else n for i, n in enumerate(found)]


def _share_scale(text: str, number: Number, following: Number) -> Number:
    """ "70 or 80,000", "one or two million": the first number takes the scale of the second."""
    if not re.fullmatch(r"\s*(?:or|to)\s*", text[number.end:following.start]) or not 0 < number.value < 1000:
        return number
    scale = 1
    while number.value * scale * 1000 <= following.value:
        scale *= 1000
    return replace(number, value=number.value * scale) if scale > 1 else number


def _scale(match: re.Match[str]) -> int:
    scale = 1
    for group in ("scale", "short", "scale2"):
        word = (match.group(group) or "").lower()
        scale *= SCALES.get(word, 1)
    return scale


def _value(match: re.Match[str]) -> int | None:
    scale = _scale(match)
    if match.group("digits") is not None:
        whole = int(re.sub(r"[,\s]", "", match.group("digits")))
        frac = match.group("frac")
        if frac and scale > 1:
            return int(round((whole + float("0." + frac)) * scale))
        if frac:
            return None  # 2.5 people is not a count
        return whole * scale
    if match.group("fraction") is not None:
        part = FRACTIONS[match.group("fraction").lower().split()[-1]]
        return int(part * scale) if scale > 1 else None
    if match.group("dozen") is not None:
        return 12 * scale
    if match.group("article") is not None:
        return scale if scale > 1 else None
    return _words_value(match.group("words")) * scale


def _words_value(words: str) -> int:
    """ "one hundred and five" → 105, "twenty-one" → 21, "a dozen" → 12."""
    total = current = 0
    for word in re.split(r"[\s-]+", words.lower()):
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "dozen":
            current = max(current, 1) * 12
        elif word == "hundred":
            current = max(current, 1) * 100
    total += current
    return total
