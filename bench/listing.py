"""Listing, search, page render and export speed on 100,000 calls (SQLite and PostgreSQL).

    .venv/bin/python bench/listing.py [--calls 100000] [--backend sqlite|postgres|both]

Seeds calls with transcripts, flags and compliance into a throwaway database, then times the
API and pages in-process (TestClient, so HTTP parsing and JSON are included) and prints
p50/p95. Goals: filtered lists p95 < 100 ms, search p95 < 200 ms, page render < 150 ms, export of
all rows in constant memory.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

NEUTRAL = [
    "您好，这里是宁波银行贷后回访，本次通话将被录音。",
    "请问是{name}先生吗？",
    "是我，有什么事？",
    "想了解一下您这笔贷款的还款情况。",
    "最近家里都还好吧？",
    "这个月的款已经准备好了。",
    "您的还款日是每月二十号。",
    "好的，我记一下。",
    "您现在还在原来的单位上班吗？",
    "对，还在那边，工作挺稳定的。",
    "贷款的用途还是装修房子对吧？",
    "是的，装修快完工了。",
    "有什么需要可以打我们客服电话。",
    "好的，感谢您的配合，再见。",
]
RISKY = [
    "工厂停工了两个月，订单少了很多。",
    "最近资金周转不开，手头紧。",
    "钱拿去炒股了，亏了不少。",
    "我被裁员了，现在没有收入。",
    "家里老人住院了，花了很多钱。",
    "我要投诉你们，再打电话我就找律师。",
    "在别的平台也借了一些。",
    "我下个月十五号之前先还两万。",
]
CATEGORIES = [
    "business_distress",
    "repayment_difficulty",
    "fund_diversion",
    "income_loss",
    "hardship",
    "legal_or_complaint",
    "multi_debt",
    "agent_misconduct",
]
PRODUCTS = [
    "housing_loan",
    "credit_card_installment",
    "business_loan",
    "project_finance",
    "consumer_loan",
]


def seed(count: int) -> None:
    from sqlalchemy import insert

    from service import db
    from service.calls.models import Call, RiskFlag
    from service.search.models import CallSearch
    from service.search.tokens import index_tokens

    rng = random.Random(7)
    base = datetime(2026, 11, 24, 2, tzinfo=UTC)
    engine = db.get_engine()
    for start in range(0, count, 5000):
        calls, flags, search = [], [], []
        for i in range(start, min(start + 5000, count)):
            pk = uuid.uuid4().hex
            # Like real calls: mostly routine talk; one call in four has a risk sentence.
            lines = rng.sample(NEUTRAL, 7)
            if rng.random() < 0.25:
                lines.insert(rng.randrange(2, 7), rng.choice(RISKY))
            text = "\n".join(s.format(name="张伟") for s in lines)
            when = base - timedelta(minutes=13 * i)
            segs = [
                {
                    "index": n,
                    "start": n * 3.0,
                    "end": n * 3.0 + 2.5,
                    "speaker": "agent" if n % 2 == 0 else "customer",
                    "text": t,
                }
                for n, t in enumerate(text.split("\n"))
            ]
            level = rng.choice(["low", "low", "medium", "high"])
            calls.append(
                {
                    "id": pk,
                    "call_id": f"b{i}",
                    "provider": "generic",
                    "status": "done",
                    "loan_id": f"L-{i % 20000}",
                    "customer_id": f"C-{i % 20000}",
                    "customer_name": "张伟",
                    "agent_id": f"A-{i % 60}",
                    "product": PRODUCTS[i % 5],
                    "started_at": when,
                    "call_date": when.date(),
                    "disposition": "answered",
                    "duration_s": 60.0,
                    "risk_level": level,
                    "transcript": {"language": "zh", "model": "bench", "segments": segs},
                    "transcript_text": text,
                    "review_status": "pending",
                    "attempts": 1,
                    "facts": {"repayment_intent": "partial", "evidence": {}},
                    "compliance": {"script": "x", "items": [{"id": "closing", "said": i % 7 != 0}]},
                    "created_at": when,
                    "updated_at": when,
                }
            )
            if level != "low":
                for category in rng.sample(CATEGORIES, 2):
                    flags.append(
                        {
                            "call_pk": pk,
                            "category": category,
                            "phrase": "停工了",
                            "speaker": "customer",
                            "segment": 3,
                            "review": "pending",
                        }
                    )
            search.append({"call_pk": pk, "tokens": index_tokens(text), "source_updated_at": when})
        with engine.begin() as conn:
            conn.execute(insert(Call), calls)
            conn.execute(insert(RiskFlag), flags)
            conn.execute(insert(CallSearch), search)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
    else:
        with engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")


def timed(client, headers, path, params_list, rounds=3):  # type: ignore[no-untyped-def]
    times = []
    for _ in range(rounds):
        for params in params_list:
            started = time.perf_counter()
            reply = client.get(path, params=params, headers=headers)
            times.append((time.perf_counter() - started) * 1000)
            assert reply.status_code == 200, (path, params, reply.text[:300])
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def run(backend: str, count: int) -> None:
    from fastapi.testclient import TestClient

    from service import db
    from service.config import get_settings
    from tests.service.helpers import auth, make_token

    get_settings.cache_clear()
    db.upgrade()
    started = time.perf_counter()
    seed(count)
    print(f"\n[{backend}] seeded {count} calls in {time.perf_counter() - started:.0f}s")
    from service.main import create_app

    # No lifespan: the database is migrated above, and listing needs no worker or analyzer.
    client = TestClient(create_app())
    sup = auth(make_token("supervisor"))
    lists = [
        {},
        {"risk_level": "high"},
        {"category": "business_distress"},
        {"product": "business_loan", "risk_level": "medium"},
        {"agent_id": "A-7"},
        {"since": "2026-10-01", "until": "2026-10-08"},
        {"review_status": "pending", "category": "agent_misconduct", "risk_level": "high"},
        {"loan_id": "L-42"},
    ]
    report("filtered lists", *timed(client, sup, "/v1/calls", lists), goal=100)
    searches = [
        {"q": "停工"},
        {"q": "炒股"},
        {"q": "找律师"},
        {"q": "资金周转不开"},
        {"q": "住院", "risk_level": "high"},
        {"q": "裁员 收入"},
        {"q": "离婚"},
        {"q": "停工", "category": "agent_misconduct"},
    ]
    report("full-text search", *timed(client, sup, "/v1/calls", searches), goal=200)
    common = [{"q": "银行"}, {"q": "还款"}, {"q": "好的"}]  # in most calls: the worst case
    report("search, words in most calls", *timed(client, sup, "/v1/calls", common), goal=None)
    report(
        "stats (30 days)",
        *timed(
            client, sup, "/v1/stats", [{"since": "2026-10-25", "until": "2026-11-24"}], rounds=5
        ),
        goal=None,
    )
    pages(client)
    export(client, sup)


def pages(client) -> None:  # type: ignore[no-untyped-def]
    import re

    from tests.service.helpers import make_token

    login = client.get("/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', login.text).group(1)
    client.post("/login", data={"token": make_token("supervisor"), "csrf": csrf})
    first = client.get(
        "/v1/calls",
        params={"limit": 5, "risk_level": "high"},
        headers={"Authorization": f"Bearer {make_token('reviewer')}"},
    ).json()
    call_pages = [f"/calls/{item['id']}" for item in first["items"]]
    times = []
    for path in [
        "/review",
        "/review?category=business_distress",
        "/review?q=停工",
        *call_pages,
    ] * 3:
        started = time.perf_counter()
        reply = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        assert reply.status_code == 200, path
    times.sort()
    report(
        "page render (queue, call)",
        statistics.median(times),
        times[int(len(times) * 0.95) - 1],
        goal=150,
    )


def export(client, headers) -> None:  # type: ignore[no-untyped-def]
    tracemalloc.start()
    started = time.perf_counter()
    size = 0
    with client.stream("GET", "/v1/exports/calls.csv", headers=headers) as reply:
        for chunk in reply.iter_bytes():
            size += len(chunk)
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"  export CSV: all rows, {size / 2**20:.0f} MiB in {seconds:.1f}s, "
        f"peak Python heap {peak / 2**20:.1f} MiB"
    )


def report(name: str, p50: float, p95: float, goal: float | None) -> None:
    verdict = "" if goal is None else ("  ok" if p95 < goal else f"  OVER goal {goal:.0f} ms")
    print(f"  {name:28s} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms{verdict}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    args = parser.parse_args()
    os.environ["HUIFANG_WORKER_IN_PROCESS"] = "false"
    os.environ["HUIFANG_LOG_LEVEL"] = "WARNING"
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["HUIFANG_DATA_DIR"] = tmp
        if args.backend in ("sqlite", "both"):
            os.environ.pop("HUIFANG_DATABASE_URL", None)
            run("sqlite", args.calls)
        if args.backend in ("postgres", "both"):
            from tests.backends import postgres_database

            with postgres_database() as url:
                os.environ["HUIFANG_DATABASE_URL"] = url
                run("postgres", args.calls)


if __name__ == "__main__":
    main()
