"""ASR benchmark: RTF of the service transcriber vs raw faster-whisper, and CER, on the corpus.

    .venv/bin/python bench/asr.py [CORPUS_DIR] [--limit N] [--realspeech DIR] [--prompt-study]

For each corpus call: the service's seconds per audio second on the stereo file (decode, per-channel
VAD, both channels, cleanup), and raw faster-whisper on the same call's mono file with the same
model object (compute type, threads) and its defaults otherwise (beam 5, no VAD), timed in the same
run. CER is against the reference turns, joined in order (see service/asr/cer.py).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from faster_whisper import decode_audio

from service.asr.cer import corpus_cer
from service.asr.text import to_simplified
from service.asr.transcriber import Transcriber
from service.config import Settings

REPO = Path(__file__).resolve().parents[1]


def settings(**asr: object) -> Settings:
    base = Settings()
    # use_prompt off: the prompt study (--prompt-study) measured it raising CER on this corpus
    values = {"cache_dir": REPO / ".cache" / "models", "use_prompt": False, **asr}
    return base.model_copy(update={"asr": base.asr.model_copy(update=values)})


def load_calls(corpus: Path, limit: int | None) -> list[dict]:
    calls = [json.loads(line) for line in (corpus / "dev.jsonl").read_text().splitlines() if line]
    calls = [c for c in calls if (corpus / "audio" / f"{c['id']}.stereo.mp3").exists()]
    return calls[:limit] if limit else calls


def reference(call: dict) -> str:
    return "".join(turn["text"] for turn in call["turns"])


def raw_baseline(transcriber: Transcriber, path: Path) -> tuple[float, str]:
    started = time.perf_counter()
    segments, _ = transcriber.model.transcribe(decode_audio(str(path)), language="zh", beam_size=5)
    text = "".join(s.text for s in segments)
    return time.perf_counter() - started, to_simplified(text)


def run_corpus(corpus: Path, limit: int | None) -> None:
    transcriber = Transcriber(settings())
    transcriber.model  # load before timing  # noqa: B018
    rows, svc_pairs, raw_pairs = [], [], []
    totals = {"audio": 0.0, "service": 0.0, "raw": 0.0}
    print(
        f"{'call':8} {'audio s':>8} {'RTF':>6} {'raw RTF':>8} {'ratio':>6} {'CER':>6} {'raw CER':>8}"
    )
    for call in load_calls(corpus, limit):
        audio_dir = corpus / "audio"
        started = time.perf_counter()
        transcript = transcriber.transcribe(audio_dir / f"{call['id']}.stereo.mp3")
        service_s = time.perf_counter() - started
        raw_s, raw_text = raw_baseline(transcriber, audio_dir / f"{call['id']}.mono.mp3")
        ref, dur = reference(call), transcript.duration_s
        svc_pairs.append((ref, transcript.text))
        raw_pairs.append((ref, raw_text))
        totals["audio"] += dur
        totals["service"] += service_s
        totals["raw"] += raw_s
        rows.append(call["id"])
        print(
            f"{call['id']:8} {dur:8.1f} {service_s / dur:6.3f} {raw_s / dur:8.3f} "
            f"{service_s / raw_s:6.2f} {corpus_cer([svc_pairs[-1]]):6.3f} "
            f"{corpus_cer([raw_pairs[-1]]):8.3f}",
            flush=True,
        )
    print(
        f"{'ALL':8} {totals['audio']:8.1f} {totals['service'] / totals['audio']:6.3f} "
        f"{totals['raw'] / totals['audio']:8.3f} {totals['service'] / totals['raw']:6.2f} "
        f"{corpus_cer(svc_pairs):6.3f} {corpus_cer(raw_pairs):8.3f}   ({len(rows)} calls)"
    )
    print(
        f"CER without numeral normalisation: service {corpus_cer(svc_pairs, numerals=False):.3f}, "
        f"raw {corpus_cer(raw_pairs, numerals=False):.3f}"
    )


def run_realspeech(directory: Path) -> None:
    transcriber = Transcriber(settings())
    pairs = []
    for line in (directory / "manifest.jsonl").read_text().splitlines():
        item = json.loads(line)
        text = transcriber.transcribe(directory / item["file"]).text
        pairs.append((item["text"], text))
        print(
            f"{corpus_cer([pairs[-1]]):6.3f}  {item['file']}: {item['text']} | {text}", flush=True
        )
    print(f"realspeech CER {corpus_cer(pairs):.3f} over {len(pairs)} clips")


def prompt_study(corpus: Path, limit: int | None) -> None:
    """CER on stereo calls with and without the bank-vocabulary prompt / hotwords."""
    variants = {
        "none": {"use_prompt": False, "hotwords": None},
        "initial_prompt": {"use_prompt": True, "hotwords": None},
        "hotwords": {"use_prompt": False, "hotwords": ""},
    }
    calls = load_calls(corpus, limit)
    for name, overrides in variants.items():
        transcriber = Transcriber(settings(**overrides))
        pairs = [
            (reference(c), transcriber.transcribe(corpus / "audio" / f"{c['id']}.stereo.mp3").text)
            for c in calls
        ]
        print(f"{name:15} CER {corpus_cer(pairs):.4f} ({len(calls)} calls)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--realspeech", type=Path, default=REPO.parent / "shared" / "realspeech")
    parser.add_argument("--prompt-study", action="store_true")
    parser.add_argument("--skip-corpus", action="store_true")
    args = parser.parse_args()
    if args.prompt_study:
        prompt_study(args.corpus, args.limit)
        return
    if not args.skip_corpus:
        run_corpus(args.corpus, args.limit)
    if args.realspeech.exists():
        run_realspeech(args.realspeech)


if __name__ == "__main__":
    main()
