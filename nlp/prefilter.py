"""The characters a regular expression cannot match without: a cheap test before running it.

Most lexicon patterns never match most of a call's text, and Python's engine tries every branch of
a long alternation at every position. A pattern's `needs` is a set of characters of which any match
holds at least one (工程款[^，。]{0,3}收不回来 needs 工; 店|厂 needs 店 or 厂), read from the parsed
pattern; a text holding none of them cannot match, so the search is skipped. None when no such set
exists (a branch of only classes or wildcards), and the pattern always runs.
"""

from __future__ import annotations

import re
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

_LARGEST_CLASS = 64  # a character class larger than this is no useful need


# By the pattern's id (a pattern's own hash reads its whole compiled code), with the pattern kept so
# the id is never reused.
_NEEDS: dict[int, tuple[re.Pattern[str], frozenset[str] | None]] = {}


def needs(pattern: re.Pattern[str]) -> frozenset[str] | None:
    kept = _NEEDS.get(id(pattern))
    if kept is None or kept[0] is not pattern:
        kept = (pattern, _read_needs(pattern))
        _NEEDS[id(pattern)] = kept
    return kept[1]


def _read_needs(pattern: re.Pattern[str]) -> frozenset[str] | None:
    if pattern.flags & re.IGNORECASE:
        return None
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # an unreadable pattern simply always runs
        return None
    found = _sequence(list(parsed))
    return frozenset(found) if found else None


def may_match(pattern: re.Pattern[str], chars: frozenset[str]) -> bool:
    """False when `chars` (a text's characters) holds none of the pattern's needs."""
    required = needs(pattern)
    return required is None or not required.isdisjoint(chars)


def _sequence(items: list[tuple[Any, Any]]) -> set[str] | None:
    """The smallest need among the items every match passes through, in order."""
    best: set[str] | None = None
    for op, value in items:
        found = _item(op, value)
        if found is not None and (best is None or len(found) < len(best)):
            best = found
    return best


def _item(op: Any, value: Any) -> set[str] | None:
    if op is sre.LITERAL:
        return {chr(value)}
    if op is sre.IN:
        if any(kind is not sre.LITERAL for kind, _ in value) or len(value) > _LARGEST_CLASS:
            return None  # a negated class or a range
        return {chr(code) for _, code in value}
    if op is sre.SUBPATTERN:
        return _sequence(list(value[-1]))
    if op is sre.BRANCH:
        union: set[str] = set()
        for branch in value[1]:
            found = _sequence(list(branch))
            if found is None:
                return None
            union |= found
        return union
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
        low, _, body = value
        return _sequence(list(body)) if low >= 1 else None
    if op is getattr(sre, "ATOMIC_GROUP", None):
        return _sequence(list(value))
    return None  # anchors, lookarounds, wildcards, back-references: no need
