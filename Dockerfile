# The same service `make run` starts: embedded SQLite, in-process worker, bundled model.
# For PostgreSQL + Redis set HUIFANG_DATABASE_URL and HUIFANG_QUEUE_URL, and run more
# containers with `huifang worker` as the command.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    HF_HUB_OFFLINE=1 \
    HUIFANG_HOST=0.0.0.0 \
    HUIFANG_PORT=8000 \
    HUIFANG_DATA_DIR=/data \
    HUIFANG_ASR__CACHE_DIR=/opt/huifang/models

WORKDIR /app
COPY pyproject.toml README.md ./
COPY service ./service
COPY nlp ./nlp
COPY call_scripts ./call_scripts
RUN pip install --no-cache-dir . \
    && huifang model prepare \
    && useradd --system --create-home huifang \
    && mkdir -p /data && chown huifang /data

USER huifang
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request,os; urllib.request.urlopen(f'http://127.0.0.1:{os.environ[\"HUIFANG_PORT\"]}/healthz')"
CMD ["huifang", "serve"]
