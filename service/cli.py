"""The `huifang` command: serve, worker, tokens, transcription, evaluation."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from service.auth.models import Role
from service.config import get_settings
from service.logging import configure_logging

app = typer.Typer(help="Huifang (回访): post-loan follow-up call service.", no_args_is_help=True)
token_app = typer.Typer(help="API tokens.", no_args_is_help=True)
model_app = typer.Typer(help="The speech model.", no_args_is_help=True)
db_app = typer.Typer(help="The database.", no_args_is_help=True)
user_app = typer.Typer(help="People who sign in to the web pages.", no_args_is_help=True)
app.add_typer(token_app, name="token")
app.add_typer(model_app, name="model")
app.add_typer(db_app, name="db")
app.add_typer(user_app, name="user")
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


def _setup() -> None:
    settings = get_settings()
    configure_logging(level=settings.log_level, json=settings.log_json)


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply database migrations."""
    from service import db

    _setup()
    db.upgrade()
    err.print(f"database ready: {get_settings().resolved_database_url.split('@')[-1]}")


@model_app.command("prepare")
def model_prepare() -> None:
    """Reassemble and verify the bundled model (or check HUIFANG_ASR__MODEL_DIR)."""
    from service.asr.models import ModelError, ensure_model

    _setup()
    try:
        err.print(f"model ready: {ensure_model(get_settings())}")
    except ModelError as exc:
        err.print(f"[red]{exc}")
        raise typer.Exit(1) from exc


@token_app.command("create")
def token_create(
    role: Annotated[Role, typer.Option(help="What the token may do.")],
    name: Annotated[str | None, typer.Option(help="Who or what holds it.")] = None,
) -> None:
    """Create a token and print it once (only its hash is stored)."""
    from service import db
    from service.auth.service import create_token, find_token

    _setup()
    db.upgrade()
    with db.session_scope() as session:
        token = create_token(session=session, role=role, name=name)
        stored = find_token(session=session, token=token)
        token_id = stored.id if stored else None
    out.print(token, highlight=False)
    err.print(f"token {token_id} ({role.value}); revoke it with `huifang token revoke {token_id}`")


@token_app.command("list")
def token_list() -> None:
    """Every token: id, role, name, when made and when revoked (the tokens themselves are not kept)."""
    from service import db
    from service.auth.service import list_tokens

    _setup()
    db.upgrade()
    with db.session_scope() as session:
        for t in list_tokens(session=session):
            revoked = f"revoked {t.revoked_at:%Y-%m-%d %H:%M}" if t.revoked_at else "active"
            typer.echo(
                f"{t.id}\t{t.role}\t{t.name or '-'}\t{t.created_at:%Y-%m-%d %H:%M}\t{revoked}"
            )


@token_app.command("revoke")
def token_revoke(
    token: Annotated[str, typer.Argument(help="The token's id (see `token list`) or the token.")],
) -> None:
    """Revoke a token: the API refuses it and web sessions signed in with it end at once."""
    from service import db
    from service.auth.service import TokenNotFound, revoke_token

    _setup()
    db.upgrade()
    try:
        with db.session_scope() as session:
            row = revoke_token(session=session, key=token)
            token_id, role = row.id, row.role
    except TokenNotFound as exc:
        err.print(f"[red]{exc}")
        raise typer.Exit(1) from exc
    err.print(f"token {token_id} ({role}) revoked")


@user_app.command("create")
def user_create(
    username: Annotated[str, typer.Argument(help="The name to sign in with.")],
    role: Annotated[Role, typer.Option(help="What the person may do.")],
    display_name: Annotated[
        str | None, typer.Option(help="Shown on pages and in the audit.")
    ] = None,
) -> None:
    """Create a user; the password is asked for twice and only its scrypt hash is stored."""
    from service import db
    from service.users.service import UserExists, create_user

    _setup()
    password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(password) < 10:
        err.print("[red]the password must have at least 10 characters")
        raise typer.Exit(2)
    db.upgrade()
    try:
        with db.session_scope() as session:
            create_user(
                session=session,
                username=username,
                password=password,
                role=role,
                display_name=display_name,
            )
    except UserExists as exc:
        err.print(f"[red]{exc}")
        raise typer.Exit(1) from exc
    err.print(f"user {username} created ({role.value})")


@user_app.command("disable")
def user_disable(
    username: Annotated[str, typer.Argument(help="The name they sign in with.")],
) -> None:
    """Stop a user signing in; their open sessions end at their next page."""
    from service import db
    from service.users.service import disable_user

    _setup()
    db.upgrade()
    try:
        with db.session_scope() as session:
            disable_user(session=session, username=username)
    except LookupError as exc:
        err.print(f"[red]{exc.args[0]}")
        raise typer.Exit(1) from exc
    err.print(f"user {username} disabled")


def _check_knowledge() -> None:
    """Stop here, with the file and line, if an edited lexicon or call script is broken."""
    from nlp import LexiconError, ScriptError
    from service.calls.analysis import warm_up

    try:
        warm_up()
    except (LexiconError, ScriptError) as exc:
        err.print(f"[red]cannot start: {exc}", highlight=False)
        raise typer.Exit(2) from exc


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Default HUIFANG_HOST")] = None,
    port: Annotated[int | None, typer.Option(help="Default HUIFANG_PORT")] = None,
) -> None:
    """Run the service (and, by default, a worker inside it)."""
    import uvicorn

    from service.asr.models import ensure_model

    _setup()
    settings = get_settings()
    _check_knowledge()  # migrations run in the app's start-up (service.main.lifespan)
    if settings.worker_in_process:
        ensure_model(settings)
    uvicorn.run(
        "service.main:app",
        host=host or settings.host,
        port=port or settings.port,
        log_level=settings.log_level.lower(),
        access_log=False,
    )


@app.command()
def worker() -> None:
    """Run a worker alone (for workers on other machines than the web service)."""
    from service import db
    from service.asr.transcriber import get_transcriber
    from service.worker import queue

    _setup()
    settings = get_settings()
    _check_knowledge()
    db.upgrade()
    get_transcriber(settings)
    queue.Sweeper(settings).start()
    queue.make_consumer(settings, in_process=False).run()


def _progress() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
    )


@app.command()
def transcribe(
    files: Annotated[list[Path], typer.Argument(exists=True, dir_okay=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of lines.")] = False,
) -> None:
    """Print a transcript with speakers and times for each recording."""
    from service.asr.transcriber import AudioError, get_transcriber

    _setup()
    transcriber = get_transcriber(get_settings())
    failed = False
    for path in files:
        with _progress() as progress:
            task = progress.add_task(path.name, total=1.0)

            def advance(fraction: float, task: TaskID = task) -> None:
                progress.update(task, completed=fraction)

            try:
                result = transcriber.transcribe(path, progress=advance)
            except AudioError as exc:
                err.print(f"[red]{path}: {exc}")
                failed = True
                continue
        if as_json:
            out.print_json(json.dumps({"file": str(path), **result.to_dict()}, ensure_ascii=False))
            continue
        out.print(f"# {path} ({result.duration_s:.1f}s)", highlight=False)
        for seg in result.segments:
            out.print(
                f"[{seg.start:7.2f} - {seg.end:7.2f}] {seg.speaker:>8}: {seg.text}", highlight=False
            )
    raise typer.Exit(1 if failed else 0)


@app.command("eval")
def evaluate(corpus: Annotated[Path, typer.Argument(exists=True, dir_okay=False)]) -> None:
    """Score the analyzer in force (HUIFANG_LEXICON_DIR, HUIFANG_CALL_SCRIPTS_DIR) against a
    labelled corpus (JSONL like shared/corpus/dev.jsonl)."""
    from nlp.evaluate import evaluate as run_eval
    from nlp.evaluate import format_report
    from service.calls.analysis import knowledge

    examples = []
    for number, line in enumerate(corpus.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                examples.append(json.loads(line))
            except json.JSONDecodeError as exc:
                err.print(f"[red]{corpus}:{number}: not valid JSON: {exc}")
                raise typer.Exit(2) from exc
    _check_knowledge()
    known = knowledge()
    learned = known.lexicon.learned
    seen = sum(1 for e in examples if learned is not None and str(e.get("id")) in learned.ids)
    if seen:
        err.print(
            f"[yellow]{seen} of these {len(examples)} calls are among the labelled calls the "
            "learned models were trained on (the lexicon's calls/): their figures are optimistic; "
            "score calls kept out of calls/ for figures on unseen calls",
            highlight=False,
        )
    typer.echo(format_report(run_eval(examples, lexicon=known.lexicon, scripts=known.scripts)))


@app.command()
def reanalyze(
    since: Annotated[datetime | None, typer.Option(help="Only calls started on or after")] = None,
) -> None:
    """Re-run analysis on stored transcripts (after editing lexicons or call scripts)."""
    from service.worker.reanalyze import reanalyze_all

    _setup()
    with _progress() as progress:
        task = progress.add_task("reanalyzing", total=None)
        count = reanalyze_all(
            since=since,
            progress=lambda done, total: progress.update(task, completed=done, total=total),
        )
    err.print(f"reanalyzed {count} call(s)")


if __name__ == "__main__":
    app()
