"""Bank vocabulary for the decoder: an initial prompt and/or hotwords, per settings.

Measured on the dev corpus (bench/asr.py --prompt-study): see the README's ASR section. Whisper
base tends to copy a long prompt into its output or loop on it, so these are kept short.
"""

from __future__ import annotations

from typing import Any

from service.config import Settings

VOCABULARY: tuple[str, ...] = ("贷后", "回访", "还款", "逾期", "本次通话将被录音")


def initial_prompt(bank_name: str) -> str:
    return f"您好，这里是{bank_name}贷后回访，本次通话将被录音。"


def hotwords(bank_name: str, extra: str | None) -> str:
    words = [bank_name, *VOCABULARY, *(extra.split() if extra else [])]
    return " ".join(dict.fromkeys(words))


def decoding_hints(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for WhisperModel.transcribe."""
    hints: dict[str, Any] = {}
    if settings.asr.use_prompt:
        hints["initial_prompt"] = initial_prompt(settings.bank_name)
    if settings.asr.hotwords is not None:
        hints["hotwords"] = hotwords(settings.bank_name, settings.asr.hotwords)
    return hints
