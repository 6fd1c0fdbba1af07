"""Prometheus metrics, served at /metrics."""

from prometheus_client import Counter, Gauge, Histogram

WEBHOOKS = Counter(
    "huifang_webhooks_total", "Webhook deliveries by provider and outcome", ["provider", "outcome"]
)
CALLS_FINISHED = Counter(
    "huifang_calls_finished_total", "Calls processed, by end status", ["status"]
)
PROCESSING_SECONDS = Histogram(
    "huifang_call_processing_seconds",
    "Seconds from claim to done for one call",
    buckets=(1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1800),
)
QUEUE_DEPTH = Gauge("huifang_queue_pending", "Jobs waiting in the task queue")
