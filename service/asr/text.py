"""Clean Whisper's text: Simplified Chinese only, known hallucinations and repetition loops removed."""

from __future__ import annotations

import re
from functools import lru_cache

import opencc

# Whisper was trained on subtitled video; on silence, hold music or line noise it emits the
# credits it saw most. None of these can occur in a bank's follow-up call.
HALLUCINATIONS: tuple[str, ...] = (
    r"(?:中文)?字幕由.{0,20}?(?:社群|社区)?提供",
    r"(?:中文)?字幕志愿者.{0,10}",
    r"(?:本|中文)?字幕(?:制作|翻译|校对)?(?:by|：|:).{0,20}",
    r"请不吝点赞.{0,30}?(?:栏目|频道)",
    r"(?:点赞|订阅|转发|打赏)(?:[\s、，,]*(?:点赞|订阅|转发|打赏))+(?:支持)?.{0,12}?(?:栏目|频道)?",
    r"明镜与点点栏目",
    r"(?:谢谢|感谢)(?:大家|您)?(?:的)?(?:观看|收看|收听)",
    r"(?:欢迎)?订阅(?:我的|我们的)?频道",
    r"优优独播剧场.{0,40}",
    r"YoYo Television Series Exclusive",
    r"Amara\.org.{0,20}",
    r"(?:请)?(?:记得)?关注(?:我们)?(?:的)?(?:频道|公众号)",
)
_HALLUCINATION_RE = re.compile("|".join(f"(?:{p})" for p in HALLUCINATIONS), re.IGNORECASE)
_PUNCT_ONLY = re.compile(r"^[\s\W_]*$")
# A unit of 1-20 characters repeated back to back; collapsed when the run is clearly a loop.
_REPEAT = re.compile(r"(.{1,20}?)\1{2,}", re.DOTALL)
_MIN_LOOP_REPEATS = 4
_MIN_LOOP_CHARS = 8
# t2s keeps 著 because it is also a Simplified character (著名); in speech it is nearly always 着.
_ZHU = re.compile(r"著(?![名作称录述者书])")


_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_CJK = r"[\u3400-\u9fff]"
_ASCII_PUNCT = re.compile(rf"(?<={_CJK})[,?!:;]|[,?!:;](?={_CJK})")
_FULL_WIDTH = {",": "，", "?": "？", "!": "！", ":": "：", ";": "；"}


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional -> Simplified Chinese (phrase-aware), so one transcript never mixes scripts."""
    return _ZHU.sub("着", _converter().convert(text))


def collapse_repeats(text: str) -> str:
    """Turn a repetition loop (the same phrase many times over) into a single occurrence."""

    def shorten(match: re.Match[str]) -> str:
        unit, whole = match.group(1), match.group(0)
        looping = len(whole) // len(unit) >= _MIN_LOOP_REPEATS and len(whole) >= _MIN_LOOP_CHARS
        return unit if looping else whole

    return _REPEAT.sub(shorten, text)


def strip_hallucinations(text: str) -> str:
    """Remove known hallucinated phrases; returns "" when nothing real is left."""
    cleaned = _HALLUCINATION_RE.sub("", text).strip()
    return "" if _PUNCT_ONLY.match(cleaned) else cleaned


def tidy_punctuation(text: str) -> str:
    """5,860 -> 5860 and ASCII punctuation next to Chinese -> full-width, as Chinese text is written."""
    text = _THOUSANDS.sub("", text)
    return _ASCII_PUNCT.sub(lambda m: _FULL_WIDTH[m.group()], text)


def clean(text: str) -> str:
    """The whole pipeline for one segment's text."""
    text = tidy_punctuation(to_simplified(text.strip()))
    return strip_hallucinations(collapse_repeats(text))
