"""Analyzer benchmark: throughput, its share of a call's processing, and text vs audio quality.

    .venv/bin/python bench/analyzer.py [CORPUS_DIR] [--labelled FILE ...] [--limit N]

1. Throughput: calls per second of nlp.analyze on one core for the corpus's calls, padded to 20
   turns; the baseline, measured in the same run, is the service transcriber on the same call's
   stereo recording, so the analyzer's share of a call's processing time is printed too.
2. Quality: `huifang eval`'s figures on the reference transcripts (text) and on the service's own
   Whisper transcripts of the same calls (audio path), side by side. Transcripts are cached in
   .cache/bench/ so a rerun only re-analyzes.
3. Held out: the learned models (nlp/learned.py) learn from the labelled calls in
   nlp/lexicons/calls/. Each batch of sets there (g*, h*, i*, …, and the early sets) is scored
   with models trained on the other batches only, beside the rules alone, so the models' figures
   are those of calls they never saw (the rules were read against most sets' misses: see the
   README for first-contact figures). The dev calls' text and audio columns use models trained
   without dev.
4. Any further labelled JSONL (--labelled, text only), scored with the full model.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from statistics import median

os.environ.setdefault("HF_HUB_OFFLINE", "1")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from dataclasses import replace  # noqa: E402

from nlp import Turn, analyze, evaluate  # noqa: E402
from nlp.evaluate import EvalReport  # noqa: E402
from nlp.learned import read_calls, train  # noqa: E402
from nlp.lexicon import CATEGORIES, LEXICON_DIR, Lexicon, default_lexicon  # noqa: E402
from service.asr.transcriber import Transcriber  # noqa: E402
from service.config import Settings  # noqa: E402

CACHE = REPO / ".cache" / "bench"
CALLS = LEXICON_DIR / "calls"


def without(*names: str) -> Lexicon:
    """The bundled lexicon with learned models that never saw the labelled sets `names`."""
    full = default_lexicon()
    assert full.learned is not None, "nlp/lexicons has no learned.yaml"
    others = [path for path in sorted(CALLS.glob("*.jsonl")) if path.stem not in names]
    rules = replace(full, learned=None)
    flags = full.learned.clauses.threshold if full.learned.clauses else None
    fields = {name: model.threshold for name, model in full.learned.fields.items()}
    return replace(rules, learned=train(read_calls(others), rules, CATEGORIES, flags, fields))


def settings() -> Settings:
    base = Settings()
    asr = base.asr.model_copy(update={"cache_dir": REPO / ".cache" / "models"})
    return base.model_copy(update={"asr": asr})


def load(path: Path, limit: int | None = None) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return rows[:limit] if limit else rows


def twenty_turns(call: dict) -> list[Turn]:
    turns = [Turn(t["speaker"], t["text"]) for t in call["turns"]]
    return (turns * (20 // len(turns) + 1))[:20]


def throughput(calls: list[dict], transcriber: Transcriber, audio: Path) -> None:
    from datetime import date

    for call in calls[:3]:  # warm jieba and the regex caches
        analyze(twenty_turns(call), product=call["product"], call_date=date.today())
    started = time.perf_counter()
    rounds = 0
    while time.perf_counter() - started < 5:
        for call in calls:
            analyze(twenty_turns(call), product=call["product"], call_date=date.today())
            rounds += 1
    per_call = (time.perf_counter() - started) / rounds
    sample = calls[0]
    began = time.perf_counter()
    transcript = transcriber.transcribe(audio / f"{sample['id']}.stereo.mp3")
    asr_s = time.perf_counter() - began
    turns = [Turn(s.speaker, s.text) for s in transcript.segments]
    timings = []
    for _ in range(20):
        began = time.perf_counter()
        analyze(turns, product=sample["product"])
        timings.append(time.perf_counter() - began)
    share = median(timings) / (asr_s + median(timings))
    print(f"analyzer: {1 / per_call:,.0f} calls/s on one core (20-turn calls, {rounds} runs)")
    print(
        f"baseline: transcribing {sample['id']} ({transcript.duration_s:.0f} s) took {asr_s:.2f} s;"
        f" analyzing its transcript {median(timings) * 1000:.1f} ms = {share:.2%} of the call"
    )


def whisper_examples(calls: list[dict], transcriber: Transcriber, audio: Path) -> list[dict]:
    CACHE.mkdir(parents=True, exist_ok=True)
    examples = []
    for call in calls:
        cached = CACHE / f"{call['id']}.stereo.{transcriber.model_name}.json"
        if not cached.exists():
            result = transcriber.transcribe(audio / f"{call['id']}.stereo.mp3")
            cached.write_text(json.dumps(result.to_dict(), ensure_ascii=False))
            print(f"  transcribed {call['id']}", flush=True)
        segments = json.loads(cached.read_text())["segments"]
        turns = [{"speaker": s["speaker"], "text": s["text"]} for s in segments]
        examples.append({**call, "turns": turns})
    return examples


def figures(report: EvalReport) -> dict[str, float]:
    return {
        **report.accuracy,
        "risk_f1": report.risk_micro.f1,
        "risk_precision": report.risk_micro.precision,
        "risk_recall": report.risk_micro.recall,
    }


def side_by_side(columns: dict[str, EvalReport]) -> None:
    names = list(columns)
    table = {name: figures(report) for name, report in columns.items()}
    print(f"{'field':20}" + "".join(f"{n:>14}" for n in names))
    for field in table[names[0]]:
        print(f"{field:20}" + "".join(f"{table[n][field]:>14.3f}" for n in names))
    print(f"{'calls':20}" + "".join(f"{columns[n].calls:>14}" for n in names))


SHOWN = (
    "repayment_intent",
    "income_change",
    "project_status",
    "fund_usage",
    "risk_level",
    "promise_amount",
    "promise_date",
    "risk_f1",
    "risk_precision",
    "risk_recall",
)


def batch(path: Path) -> str:
    """The batch a labelled set was written in: its letters (g, h, i, …), or "early"."""
    letters = path.stem.rstrip("0123456789")
    return letters if len(letters) == 1 else "early"


def held_out_table(paths: list[Path]) -> None:
    """Per batch of sets and in all: rules alone / rules + models that never saw the batch."""
    print(f"{'batch':8}{'calls':>6}" + "".join(f"{name[:13]:>15}" for name in SHOWN))
    totals = {column: dict.fromkeys(SHOWN, 0.0) for column in ("rules", "learned")}
    count = 0
    batches: dict[str, list[Path]] = {}
    for path in paths:
        batches.setdefault(batch(path), []).append(path)
    for name, members in batches.items():
        rows = [row for path in members for row in load(path)]
        unseen = without(*(path.stem for path in members))
        result = {
            "rules": figures(evaluate(rows, lexicon=replace(unseen, learned=None))),
            "learned": figures(evaluate(rows, lexicon=unseen)),
        }
        cells = "".join(
            f"{result['rules'][name]:.3f}/{result['learned'][name]:.3f}".rjust(15) for name in SHOWN
        )
        print(f"{name:8}{len(rows):>6}{cells}", flush=True)
        for column, values in result.items():
            for name in SHOWN:
                totals[column][name] += values[name] * len(rows)
        count += len(rows)
    cells = "".join(
        f"{totals['rules'][n] / count:.3f}/{totals['learned'][n] / count:.3f}".rjust(15)
        for n in SHOWN
    )
    print(
        f"{'all':8}{count:>6}{cells}   (rules alone / with learned models; risk figures averaged per batch)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--labelled", type=Path, nargs="*", default=[])
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    calls = load(args.corpus / "dev.jsonl", args.limit)
    transcriber = Transcriber(settings())
    throughput(calls, transcriber, args.corpus / "audio")
    unseen = without("dev")
    rules = replace(unseen, learned=None)
    heard = whisper_examples(calls, transcriber, args.corpus / "audio")
    print("\ndev calls, text vs audio (model trained without dev; rules alone beside)")
    side_by_side(
        {
            "text": evaluate(calls, lexicon=unseen),
            "audio": evaluate(heard, lexicon=unseen),
            "text rules": evaluate(calls, lexicon=rules),
            "audio rules": evaluate(heard, lexicon=rules),
        }
    )
    print("\neach batch of labelled sets: the rules alone, then with models trained on the others")
    held_out_table([path for path in sorted(CALLS.glob("*.jsonl")) if path.stem != "dev"])
    if args.labelled:
        print("\nfurther labelled sets (full model)")
        side_by_side({path.stem: evaluate(load(path)) for path in args.labelled})


if __name__ == "__main__":
    main()
