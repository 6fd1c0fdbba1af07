"""Search tokens: every character with its successor, spelled in ASCII.

Chinese has no spaces, so a word list would miss words it does not know. Instead each run of
letters, digits or Chinese characters becomes overlapping character pairs (停工了 -> 停工 工了 了),
and a query is the phrase of its own pairs. Spelling each pair as hex keeps both SQLite's FTS5 and
PostgreSQL's 'simple' parser from splitting or stemming anything, so both answer the same query
with the same calls: a substring match, case-insensitive, inside one run of text.
"""

from __future__ import annotations

import re
import unicodedata

# PostgreSQL keeps word positions up to 16383; past that a phrase can no longer match, so both
# databases index the same first positions and agree on long transcripts too.
MAX_POSITIONS = 16000
_RUN = re.compile(r"\w+")


def _code(char: str) -> str:
    return f"{ord(char):06x}"


def _runs(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).lower()
    return [run.replace("_", "") for run in _RUN.findall(text) if run.replace("_", "")]


def _pairs(run: str) -> list[str]:
    return [
        "x" + _code(run[i]) + (_code(run[i + 1]) if i + 1 < len(run) else "")
        for i in range(len(run))
    ]


def index_tokens(text: str) -> str:
    """What gets stored for a transcript: space-separated tokens."""
    tokens: list[str] = []
    for run in _runs(text):
        tokens += _pairs(run)
        if len(tokens) >= MAX_POSITIONS:
            break
    return " ".join(tokens[:MAX_POSITIONS])


def query_phrases(q: str) -> list[list[str]]:
    """One phrase (a list of consecutive tokens) per word of the query; all must match.

    A one-character word is a prefix: its pair may continue with any character. Its single token
    then ends in "*" (the caller turns that into each database's prefix syntax).
    """
    phrases = []
    for run in _runs(q):
        if len(run) == 1:
            phrases.append(["x" + _code(run) + "*"])
        else:
            phrases.append(["x" + _code(run[i]) + _code(run[i + 1]) for i in range(len(run) - 1)])
    return phrases
