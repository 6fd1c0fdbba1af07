"""Text cleanup: Simplified only, hallucinations gone, loops collapsed, real speech untouched."""

from __future__ import annotations

import pytest

from service.asr.text import clean, collapse_repeats, strip_hallucinations, to_simplified

HALLUCINATED = [
    "字幕由Amara.org社群提供",
    "请不吝点赞 订阅 转发 打赏支持明镜与点点栏目",
    "谢谢观看",
    "谢谢大家收看",
    "优优独播剧场——YoYo Television Series Exclusive",
    "中文字幕志愿者 李宗盛",
    "欢迎订阅我的频道",
]


@pytest.mark.parametrize("text", HALLUCINATED)
def test_known_hallucinations_are_removed(text: str) -> None:
    assert clean(text) == ""


def test_hallucination_is_cut_from_real_speech() -> None:
    assert strip_hallucinations("好的，再见。字幕由Amara.org社群提供") == "好的，再见。"


@pytest.mark.parametrize(
    "text",
    [
        "谢谢您，再见。",
        "好的，知道了知道了。",
        "嗯嗯嗯，是我。",
        "我下个月十五号之前先还两万",
        "订单少了很多",
    ],
)
def test_real_speech_survives(text: str) -> None:
    assert clean(text) == text


@pytest.mark.parametrize(
    ("looped", "expected"),
    [
        ("好的好的好的好的好的好的好的", "好的"),
        ("我会还的我会还的我会还的我会还的我会还的", "我会还的"),
        ("那个，那个，那个，那个，那个，那个，", "那个，"),
        ("还款还款", "还款还款"),
    ],
)
def test_repetition_loops_collapse(looped: str, expected: str) -> None:
    assert collapse_repeats(looped) == expected


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("這裡是銀行貸後回訪中心", "这里是银行贷后回访中心"),
        ("您這套房子現在是自己住著嗎", "您这套房子现在是自己住着吗"),
        ("還款逾期", "还款逾期"),
    ],
)
def test_traditional_becomes_simplified(traditional: str, simplified: str) -> None:
    assert to_simplified(traditional) == simplified


def test_punctuation_is_full_width_and_amounts_lose_thousands_commas() -> None:
    assert clean("好的,您下一期扣款5,860元,记得存好?") == "好的，您下一期扣款5860元，记得存好？"
