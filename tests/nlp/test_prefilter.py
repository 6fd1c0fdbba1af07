"""The characters a pattern needs (nlp/prefilter.py): read right from the pattern, never a set a
match could do without, and the analysis is the same with the test as without it."""

from __future__ import annotations

import importlib
import re
from dataclasses import replace

import pytest

from nlp import Turn, analyze
from nlp.lexicon import default_lexicon
from nlp.prefilter import may_match, needs
from tests.nlp.helpers import CALL_DATE
from tests.nlp.test_families import KEEPS_QUIET, RAISES


@pytest.mark.parametrize(
    ("pattern", "needed"),
    [
        ("工程款[^，。]{0,3}收不回来", {"工"}),  # one character of a sequence is enough
        ("店|厂", {"店", "厂"}),
        ("(?:店|厂)子?(?:关门|黄了)", {"店", "厂"}),
        ("[一二三]个?月", {"月"}),
        ("(?:被)?裁员", {"裁"}),
        ("没(?:有)?钱", {"没"}),
    ],
)
def test_needs_are_read_from_the_pattern(pattern: str, needed: set[str]) -> None:
    assert needs(re.compile(pattern)) == needed


@pytest.mark.parametrize("pattern", ["[^，。]{2,4}", ".+", "(?:好|[^不])", "\\d+", "(?i)abc"])
def test_a_pattern_that_needs_nothing_always_runs(pattern: str) -> None:
    assert needs(re.compile(pattern)) is None
    assert may_match(re.compile(pattern), frozenset())


def _lexicon_patterns() -> list[re.Pattern[str]]:
    lexicon = default_lexicon()
    rules = [rule.pattern for category in lexicon.categories for rule in category.rules]
    return [*rules, *lexicon.cues.values()]


SENTENCES = [text for text, _, _ in RAISES + KEEPS_QUIET]


def test_a_text_without_the_needs_never_matches() -> None:
    for pattern in _lexicon_patterns():
        for text in SENTENCES:
            if not may_match(pattern, frozenset(text)):
                assert pattern.search(text) is None, (pattern.pattern[:60], text)


def test_the_analysis_is_the_same_without_the_test(monkeypatch: pytest.MonkeyPatch) -> None:
    turns = [Turn("agent", "您好，这里是宁波银行回访，请问是张伟先生吗？")]
    turns += [Turn("customer", text) for text in SENTENCES[:40]]
    with_test = analyze(turns, product="business_loan", call_date=CALL_DATE)
    monkeypatch.setattr(importlib.import_module("nlp.call"), "may_match", lambda p, c: True)
    # every rule runs on every block: a lexicon whose rule table holds no needs
    plain = replace(default_lexicon())
    monkeypatch.setattr(importlib.import_module("nlp.lexicon"), "needs", lambda p: None)
    without = analyze(turns, product="business_loan", call_date=CALL_DATE, lexicon=plain)
    assert all(need is None for _c, _p, need in plain.rules_for("business_loan", "customer"))
    assert with_test.to_dict() == without.to_dict()
    assert with_test.risk_flags
