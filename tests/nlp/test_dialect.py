"""Dialect words read as Mandarin (lexicons/dialect.yaml): sentences of our own in Cantonese and
south-western words must give the facts and flags their Mandarin would, phrases stay as said, and
Mandarin words holding a dialect character stay as they are."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from nlp import LexiconError, Turn, analyze, load_lexicon
from nlp.dialect import as_mandarin, build_dialect
from nlp.lexicon import LEXICON_DIR, default_lexicon
from tests.nlp.helpers import CALL_DATE, call, categories

ASK = ("agent", "这期的八千块，您看什么时候能还上？")


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("佢冇钱还", "他没钱还"),
        ("我而家唔得闲", "我现在没有空"),
        ("唔该，我听日还", "谢谢，我明天还"),
        ("我系佢阿妈", "我是他妈妈"),
        ("莫得钱，莫再打了", "没有钱，别再打了"),
        # Mandarin words holding a dialect character are kept
        ("有事联系我，没关系", "有事联系我，没关系"),
        ("我们走仲裁", "我们走仲裁"),
    ],
)
def test_written_forms_are_read_as_mandarin(written: str, read: str) -> None:
    dialect = default_lexicon().dialect
    assert dialect is not None
    assert as_mandarin(written, dialect) == read


def test_longer_forms_win_and_length_is_kept() -> None:
    dialect = build_dialect({"唔": "不", "唔该": "谢谢"}, keep=["联系"])
    assert as_mandarin("唔该，唔去，联系", dialect) == "谢谢，不去，联系"


@pytest.mark.parametrize(
    ("reply", "intent"),
    [
        ("我听日就还，唔使担心", "will_repay"),
        ("我而家真系冇钱，还唔到", "unable"),
        ("呢笔钱唔系我借嘅，我唔认", "dispute"),
        ("莫得问题，月底前还", "will_repay"),
    ],
)
def test_dialect_replies_give_the_intent(reply: str, intent: str) -> None:
    assert call(ASK, ("customer", reply)).facts.repayment_intent == intent


@pytest.mark.parametrize(
    ("reply", "category"),
    [
        ("间铺头上个月执笠咗", "business_distress"),
        ("我份工冇咗，老细炒咗我", "income_loss"),
        ("我阿爸住咗院，屋企好紧", "hardship"),
    ],
)
def test_dialect_words_raise_the_flag_with_the_words_as_said(reply: str, category: str) -> None:
    analysis = call(("agent", "最近情况怎么样？"), ("customer", reply))
    assert category in categories(analysis)
    assert all(flag.phrase in reply for flag in analysis.risk_flags if flag.category == category)


def test_a_relative_answering_in_cantonese_is_a_third_party() -> None:
    turns = [
        Turn("agent", "您好，这里是交通银行回访中心，请问是李志明先生吗？"),
        Turn("customer", "唔系啊，我系佢老婆，佢出咗去。"),
    ]
    assert analyze(turns, call_date=CALL_DATE).facts.contact_result == "third_party"


def test_a_form_read_as_a_word_of_another_length_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "lexicons"
    shutil.copytree(LEXICON_DIR, folder)
    path = folder / "dialect.yaml"
    text = path.read_text(encoding="utf-8")
    line = text[: text.index("  佢: 他\n")].count("\n") + 1
    path.write_text(text.replace("  佢: 他\n", "  佢: 他们\n", 1), encoding="utf-8")
    with pytest.raises(LexiconError, match=re.escape(f"dialect.yaml:{line}: words.佢")) as error:
        load_lexicon(folder)
    assert "as many characters" in str(error.value)
