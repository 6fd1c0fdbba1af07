"""How a Chinese character sounds, as Whisper hears it: toneless pinyin, accent-tolerant.

Whisper writes what it hears with whatever characters its language model prefers, so 贷款 comes
out as 戴款, 还网贷 as 海网带, 应还 as 银还. Two characters "sound alike" here when one of their
readings agrees once tones are dropped: pypinyin's commonest reading, and both readings of the few
everyday characters with two (还 is hai and huan, 行 xing and hang);
the loose form also merges the pairs speakers of southern Mandarin and telephone audio blur
(zh/z, ch/c, sh/s, eng/en, ing/in), the ones Chinese input methods offer as 模糊音.
"""

from __future__ import annotations

from functools import lru_cache

from pypinyin import Style, pinyin

# Numerals are never respelled: an amount must stay as the borrower (or Whisper) said it.
NUMERALS = frozenset("零〇一二两三四五六七八九十百千万亿")
# pypinyin's heteronyms include rare readings (是: ti, 搬: su) that only add noise: a character has
# its commonest reading, and these everyday ones both of theirs.
_POLYPHONES = {
    "还": ("hai", "huan"),
    "行": ("xing", "hang"),
    "长": ("chang", "zhang"),
    "重": ("zhong", "chong"),
    "都": ("dou", "du"),
    "得": ("de", "dei"),
    "了": ("le", "liao"),
    "差": ("cha", "chai"),
    "调": ("diao", "tiao"),
    "降": ("jiang", "xiang"),
    "便": ("bian", "pian"),
    "只": ("zhi",),
    "着": ("zhe", "zhao", "zhuo"),
    "藏": ("cang", "zang"),
    "种": ("zhong",),
}
_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"))


def is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


@lru_cache(maxsize=16384)
def exact(char: str) -> frozenset[str]:
    """The character's common toneless readings; empty for non-Chinese characters and numerals."""
    if not is_han(char) or char in NUMERALS:
        return frozenset()
    if char in _POLYPHONES:
        return frozenset(_POLYPHONES[char])
    readings = pinyin(char, style=Style.NORMAL, errors="ignore")
    return frozenset(readings[0][:1]) if readings else frozenset()


@lru_cache(maxsize=16384)
def loose(char: str) -> frozenset[str]:
    """exact() with the accent pairs merged (zh/z, ch/c, sh/s, eng/en, ing/in)."""
    return frozenset(blur(reading) for reading in exact(char))


def blur(syllable: str) -> str:
    for retroflex, flat in _INITIALS:
        if syllable.startswith(retroflex):
            syllable = flat + syllable[2:]
            break
    if syllable.endswith(("eng", "ing")):
        syllable = syllable[:-1]
    return syllable
