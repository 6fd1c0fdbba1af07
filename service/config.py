"""One settings object for the whole service, read from HUIFANG_* environment variables."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class AsrSettings(BaseModel):
    """How recordings are transcribed (HUIFANG_ASR__*)."""

    model_dir: Path | None = Field(
        default=None,
        description="A CTranslate2 Whisper model directory to use instead of the bundled base model.",
    )
    cache_dir: Path | None = Field(
        default=None,
        description=(
            "Where the bundled model is reassembled and the analyzer's learned models are kept"
            " (default: DATA_DIR/models)."
        ),
    )
    compute_type: str = "int8"
    threads: int = Field(default=2, ge=1, description="CPU threads per transcription.")
    beam_size: int = Field(default=5, ge=1)
    language: str = "zh"
    vad: bool = True
    hotwords: str | None = Field(
        default=None,
        description="Words to bias decoding towards (space-separated); when set, the bank's name "
        "and 贷后 回访 还款 逾期 are added. Off by default: it raised CER on the corpus.",
    )
    use_prompt: bool = Field(
        default=False,
        description="Prime the decoder with a bank-vocabulary prompt. Off by default: Whisper "
        "base copies it into the output and CER rose from 0.174 to 0.179.",
    )
    max_duration_s: float = Field(
        default=3 * 3600, description="Recordings longer than this fail with a clear error."
    )


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="HUIFANG_", env_nested_delimiter="__", env_file=None, extra="ignore"
    )

    host: str = "127.0.0.1"
    port: int = 8000
    data_dir: Path = Path(".data")
    database_url: str | None = Field(
        default=None, description="SQLAlchemy URL; default sqlite:///DATA_DIR/huifang.db"
    )
    queue_url: str | None = Field(
        default=None, description="redis://... for a Redis queue; default SQLite in DATA_DIR"
    )
    queue_name: str = Field(
        default="huifang", description="Name of the queue; services sharing one Redis differ by it."
    )
    worker_in_process: bool = Field(
        default=True, description="Run a worker inside `huifang serve` (the one-machine default)."
    )
    worker_threads: int = Field(default=1, ge=1)
    worker_nice: int = Field(
        default=10,
        ge=0,
        le=19,
        description="CPU niceness of transcription threads, so the web server stays responsive.",
    )
    worker_lease_s: float = Field(
        default=120.0,
        description="How long a run holds a record unrenewed (it renews every third of it); "
        "a dead worker's record is retried once its hold lapses.",
    )
    worker_sweep_interval_s: float = Field(
        default=30.0, description="How often workers look for records a dead worker left behind."
    )
    worker_requeue_after_s: float = Field(
        default=600.0, description="A record queued this long with no worker on it is queued again."
    )
    download_backoff_s: float = Field(
        default=5.0, description="First wait before retrying a failed download; doubles each try."
    )
    timezone: str = Field(default="Asia/Shanghai", description="For call dates given without one.")
    webhook_secret: str = Field(
        default="whsec_aHVpZmFuZy1kZXZlbG9wbWVudC1zZWNyZXQ=",
        description="Standard Webhooks secret (whsec_...). Change it in production.",
    )
    webhook_tolerance_s: int = 300
    twilio_auth_token: str = ""
    twilio_account_sid: str = ""
    public_url: str | None = Field(
        default=None,
        description="The URL platforms call us at, when behind a proxy (Twilio signs the URL).",
    )
    max_upload_mb: float = 200.0
    download_timeout_s: float = 30.0
    download_retries: int = 5
    lexicon_dir: Path | None = Field(
        default=None,
        description="A bank's own lexicon folder (risk.yaml, facts.yaml, userdict.txt); "
        "default: the bundled nlp/lexicons.",
    )
    call_scripts_dir: Path | None = Field(
        default=None,
        description="A bank's own call scripts folder (one YAML per product); default: call_scripts/.",
    )
    bank_name: str = "宁波银行"
    session_secret: str = Field(
        default="change-me-huifang-session-secret", description="Signs web session cookies."
    )
    log_level: str = "INFO"
    log_json: bool = True

    asr: AsrSettings = AsrSettings()

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "huifang.db"

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.sqlite_path}"

    @property
    def recordings_dir(self) -> Path:
        return self.data_dir / "recordings"

    @property
    def model_cache_dir(self) -> Path:
        return self.asr.cache_dir or self.data_dir / "models"


@lru_cache
def get_settings() -> Settings:
    return Settings()
