"""CER: edit distance over characters after normalisation."""

from __future__ import annotations

import pytest

from service.asr.cer import cer, corpus_cer, edit_distance, normalize


@pytest.mark.parametrize(
    ("ref", "hyp", "distance"),
    [
        ("", "", 0),
        ("还款", "", 2),
        ("", "还款", 2),
        ("贷后回访", "带后回访", 1),
        ("逾期", "逾期了", 1),
    ],
)
def test_edit_distance(ref: str, hyp: str, distance: int) -> None:
    assert edit_distance(ref, hyp) == distance


def test_punctuation_and_space_do_not_count() -> None:
    assert cer("您好，这里是宁波银行。", "您好 这里是宁波银行") == 0.0


def test_digits_and_chinese_numerals_compare_equal_by_default() -> None:
    assert cer("下个月十五号还两万", "下个月15号还20000") == 0.0
    assert cer("下个月十五号", "下个月15号", numerals=False) > 0


def test_thousands_separator_is_ignored() -> None:
    assert normalize("5,860元") == normalize("5860元") == "五千八百六十元"


def test_corpus_cer_pools_characters() -> None:
    assert corpus_cer([("一二三四", "一二三四"), ("五六", "")]) == pytest.approx(2 / 6)
