"""Reading Whisper's transcripts: homophones of domain words, turns split at pauses, garbled
fillers, missing punctuation and digits with thousands separators. Sentences are written the way
Whisper tends to spell them, not copied from any corpus."""

from __future__ import annotations

import pytest

from nlp import Turn, analyze
from nlp.lexicon import default_lexicon
from nlp.numbers import amounts
from nlp.respell import build_vocabulary, respell
from nlp.text import build_blocks, normalize
from nlp.vocabulary import literal_runs
from nlp.words import is_word
from tests.nlp.helpers import CALL_DATE, call, categories, said


def _respell(text: str) -> str:
    lexicon = default_lexicon()
    assert lexicon.vocabulary is not None
    return respell(text, lexicon.vocabulary, lambda words: is_word(words, lexicon.userdict))


# (as Whisper wrote it, as the analyzer reads it)
RESPELLED = [
    ("这笔戴款是去年办的", "这笔贷款是去年办的"),
    ("我那个房呆下个月再说", "我那个房贷下个月再说"),
    ("钱拿去吵鼓了", "钱拿去炒股了"),
    ("他在好几个网带平台借了", "他在好几个网贷平台借了"),
    ("我想把海款日子往后挪", "我想把还款日子往后挪"),
    ("请问市李国强先生吗", "请问是李国强先生吗"),
    ("这是一个经营戴", "这是一个经营贷"),
    # four characters sounding exactly alike are the word, though 重兵 is a word of its own
    ("他爸前阵子生了重兵", "他爸前阵子生了重病"),
    ("当时拿去海网带了", "当时拿去还网贷了"),
]

# Written on purpose: a real word, or a character that makes a word with its neighbour.
KEPT = [
    "我们一起克服困难",  # 克服 is not 客服
    "他在事业单位上班",  # 事业 is not 失业
    "跟王女士本人确认",  # 女士 is not 女是
    "是房贷的事吧",  # 房贷 is not 放贷
    "等我找到工作再说",  # one syllable off is not enough for a five-character phrase
    "借了三万五",  # numerals are never respelled
    "能不能让我缓一个月",  # 缓 is never respelled (not 让我还)
    "就是让我缓缓",
]


@pytest.mark.parametrize(("heard", "read"), RESPELLED)
def test_homophone_of_a_domain_word_is_read_as_the_word(heard: str, read: str) -> None:
    assert _respell(heard) == read


@pytest.mark.parametrize("text", KEPT)
def test_written_words_are_kept(text: str) -> None:
    assert _respell(text) == text


def test_long_phrase_tolerates_one_misheard_syllable() -> None:
    vocabulary = build_vocabulary(["本次通话将被录音"])
    assert respell("本次通话将会录音", vocabulary, lambda _: False) == "本次通话将被录音"
    assert respell("本次通话将要开始", vocabulary, lambda _: False) == "本次通话将要开始"


# (speaker, Whisper's words, category): the flag comes through the homophone
HEARD_FLAGS = [
    ("customer", "那笔带款我全拿去吵鼓了", "fund_diversion"),
    ("customer", "我在三四个网带平台都借了钱", "multi_debt"),
    ("customer", "我在别的平台还牵着钱", "multi_debt"),
]


@pytest.mark.parametrize(("speaker", "text", "category"), HEARD_FLAGS)
def test_flag_through_homophones(speaker: str, text: str, category: str) -> None:
    analysis = said(speaker, text, product="consumer_loan")
    assert category in categories(analysis)
    phrase = next(f.phrase for f in analysis.risk_flags if f.category == category)
    assert phrase in text  # the phrase is still the words as transcribed


def test_a_flag_phrase_is_the_transcribed_words() -> None:
    analysis = said("customer", "钱拿去吵鼓了", product="consumer_loan")
    assert [f.phrase for f in analysis.risk_flags] == ["吵鼓"]


# A turn Whisper split at a pause, without punctuation: (customer segments, category or None)
SPLIT_TURNS = [
    (("不是", "厂子已经停了"), "business_distress"),
    (("我没失业", "就是工资降了一半"), "income_loss"),
    (("厂子没停", "还开着呢"), None),
]


@pytest.mark.parametrize(("segments", "category"), SPLIT_TURNS)
def test_turn_split_at_a_pause(segments: tuple[str, ...], category: str | None) -> None:
    found = categories(call(*(("customer", text) for text in segments)))
    assert found == ({category} if category else set())


def test_split_segments_join_with_a_clause_break() -> None:
    turns = [Turn("customer", "不是"), Turn("customer", "厂子已经停了")]
    (block,) = build_blocks(turns, default_lexicon())
    assert block.text == "不是，厂子已经停了"
    assert [block.segment_at(i) for i in (0, 3)] == [0, 1]


# (Whisper's reply to "请问是王建国先生吗", identity verified)
CONFIRMATIONS = [
    ("而是我", True),
    ("从，是我", True),
    ("说我是我", True),
    ("嗯是我", True),
    ("他是我老公", False),
    ("不是我", False),
    ("可是我不姓王", False),
    # the 是 of the reply written with another character of its sound
    ("嗯对，我失，哪位？", True),
    ("对，我事", True),
    ("哦，我失业了", False),
    # 是本人 with the 是 misheard (施本); a word that merely starts so is none
    ("施本，", True),
    ("嗯，世本人", True),
    ("时本来说好的", False),
]


@pytest.mark.parametrize(("reply", "verified"), CONFIRMATIONS)
def test_garbled_filler_before_a_confirmation(reply: str, verified: bool) -> None:
    turns = [
        Turn("agent", "您好这里是宁波银行贷后回访请问是王建国先生吗"),
        Turn("customer", reply),
        Turn("agent", "您这个月的还款没问题吧"),
        Turn("customer", "没问题"),
    ]
    analysis = analyze(turns, product="consumer_loan", call_date=CALL_DATE)
    assert analysis.facts.identity_verified is verified


@pytest.mark.parametrize(
    "question",
    ["请问试周明先生吗", "本次通话将被录音，请问世周明明总吗？", "喂，周明氏吧，宁波银行的"],
)
def test_identity_question_with_a_misheard_shi(question: str) -> None:
    turns = [Turn("agent", question), Turn("customer", "对，我是")]
    assert analyze(turns, call_date=CALL_DATE).facts.identity_verified is True


def test_a_question_about_the_time_is_no_identity_question() -> None:
    turns = [Turn("agent", "请问时间方便吗？"), Turn("customer", "对，我是")]
    assert analyze(turns, call_date=CALL_DATE).facts.identity_verified is False


@pytest.mark.parametrize(
    ("text", "value"),
    [("我先还1,500块", 1500), ("下周还12,000元", 12000), ("一共3,200,000元", 3200000)],
)
def test_thousands_separator(text: str, value: int) -> None:
    normalized, _ = normalize(text)
    assert [a.value for a in amounts(normalized)] == [value]


def test_promise_with_whisper_digits() -> None:
    facts = call(("agent", "这期的钱什么时候能还"), ("customer", "下周五之前先还1,500")).facts
    assert facts.promise_amount == 1500


@pytest.mark.parametrize(
    ("pattern", "runs"),
    [
        ("工程款[^，。]{0,3}(?:收不回来?|拿不到)", ["工程款", "收不回", "拿不到"]),
        ("(?<![广报])告(?:你们|你)", ["告", "你们", "你"]),
        ("没(?:有)?钱还", ["没", "有", "钱还"]),
    ],
)
def test_literal_runs_of_a_pattern(pattern: str, runs: list[str]) -> None:
    assert list(literal_runs(pattern)) == runs


# General rules for the weaker fields on unseen calls.
def test_a_near_miss_is_not_a_flag() -> None:
    analysis = said("customer", "公司调整我差点被裁员，后来留下来了，工资还涨了", "housing_loan")
    assert categories(analysis) == set()
    assert analysis.facts.income_change == "increased"


@pytest.mark.parametrize("text", ["那个店今年开春就不干了", "营业执照都注销了"])
def test_a_business_given_up_is_suspended(text: str) -> None:
    analysis = said("customer", text)
    assert analysis.facts.project_status == "suspended"
    assert "business_distress" in categories(analysis)


def test_completion_in_the_future_is_not_completed() -> None:
    facts = call(
        ("agent", "项目进度怎么样？"), ("customer", "按计划走，预计明年三月全部完工")
    ).facts
    assert facts.project_status == "on_track"
