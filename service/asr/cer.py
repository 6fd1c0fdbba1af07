"""Character error rate for Chinese transcripts, used by the tests and bench/asr.py.

Normalisation before comparing (applied to reference and hypothesis alike):
- punctuation, symbols and whitespace are dropped, Latin letters lower-cased, full-width folded;
- with `numerals=True` (the default) every run of Arabic digits is rewritten as Chinese numerals
  (5860 -> 五千八百六十, 15号 -> 十五号) and 两 is read as 二. The corpus writes amounts and dates
  both ways ("35000元", "三万五"), and which one Whisper picks is not an error a listener would hear.
  Digit strings read out one by one (工号2471 spoken 二四七一) still count as errors either way.
"""

from __future__ import annotations

import re
import unicodedata

import cn2an

_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


def normalize(text: str, *, numerals: bool = True) -> str:
    """Reduce text to the characters CER compares."""
    text = _THOUSANDS.sub("", unicodedata.normalize("NFKC", text).lower())
    if numerals:
        text = _DIGITS.sub(lambda m: _to_chinese(m.group()), text).replace("两", "二")
    return "".join(ch for ch in text if _is_word_char(ch))


def _to_chinese(number: str) -> str:
    try:
        return str(cn2an.an2cn(number))
    except (ValueError, KeyError):  # numbers beyond cn2an's range stay as they are
        return number


def _is_word_char(ch: str) -> bool:
    return unicodedata.category(ch)[0] in ("L", "N")


def edit_distance(ref: str, hyp: str) -> int:
    """Levenshtein distance over characters (substitutions, insertions, deletions all cost 1)."""
    if len(ref) < len(hyp):
        ref, hyp = hyp, ref
    previous = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, start=1):
        current = [i]
        for j, h in enumerate(hyp, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (r != h)))
        previous = current
    return previous[-1]


def cer(reference: str, hypothesis: str, *, numerals: bool = True) -> float:
    """Errors per reference character after normalisation; 0.0 for two empty texts."""
    ref = normalize(reference, numerals=numerals)
    hyp = normalize(hypothesis, numerals=numerals)
    if not ref:
        return 0.0 if not hyp else 1.0
    return edit_distance(ref, hyp) / len(ref)


def corpus_cer(pairs: list[tuple[str, str]], *, numerals: bool = True) -> float:
    """Pooled CER over many (reference, hypothesis) pairs: total errors over total characters."""
    errors = total = 0
    for reference, hypothesis in pairs:
        ref = normalize(reference, numerals=numerals)
        errors += edit_distance(ref, normalize(hypothesis, numerals=numerals))
        total += len(ref)
    return errors / total if total else 0.0
