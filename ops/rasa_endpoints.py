"""The endpoints file a Rasa server starts with: endpoints.yml, plus Rasa's own RedisLockStore
when REDIS_URL is set (several Rasa servers then serve any conversation, one turn at a time).

endpoints.yml names everything else through environment variables that Rasa expands when it
reads the file (the action server, the NLG endpoint, the SQL tracker store's URL). The lock
store is the one part that is there or not, so it is added here, to a copy under var/ that
`asb rasa-server` hands to Rasa. Secrets never go into the copy: the Redis password stays in
the environment (`${ASB_REDIS_PASSWORD}`, expanded by Rasa like the rest).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from core.settings import PROJECT_ROOT, Settings

TEMPLATE = PROJECT_ROOT / "endpoints.yml"
LOCK_KEY_PREFIX = "asb"
# Rasa's own lock lifetime (seconds; read when Rasa is imported): a Rasa server killed mid-turn
# leaves its conversation's lock in Redis until it expires, and another server answers that
# resident only then. Rasa's default is 60 s; turns take well under 8.
LOCK_LIFETIME_SECONDS = 8


def set_server_environment() -> None:
    """Settings a Rasa server reads from its environment when it starts (TICKET_LOCK_LIFETIME,
    above); a value already set in the environment wins.

    TensorFlow's thread settings (TF_INTRA_OP_/TF_INTER_OP_PARALLELISM_THREADS=1) were tried
    and are not set: bench/load.py at c=20 gave 18.0-19.0 turns/s with them (three runs) and
    18.2-19.4 without (two); one faster run (22.7) came while the stock bot also ran a quarter
    faster than usual (docs/benchmarks.md, session 15).

    TensorFlow runs on its own kernels rather than oneDNN's (TF_ENABLE_ONEDNN_OPTS=0): oneDNN
    keeps compiled kernels and buffers for every new input shape (every message length), which
    held 35 MiB more of the server's memory after 300 messages (issue 14). Every intent, route,
    category and ranking order of the 5,506 texts of bot/eval/ stays the same, confidences
    within 1e-4 (bench/nlu_equivalence.py, docs/benchmarks.md, session 17).

    NumPy's and SciPy's OpenBLAS run on the calling thread (OPENBLAS_NUM_THREADS=1; read when
    the library loads, so before NumPy is imported). With its default of one thread a core,
    OpenBLAS starts a helper thread that waits for work by spinning on `sched_yield`: under load
    it held 84% of the second core (gdb showed it in `blas_thread_server`), for the few small
    matrix products a message needs (the classifiers' logistic regressions)."""
    os.environ.setdefault("TICKET_LOCK_LIFETIME", str(LOCK_LIFETIME_SECONDS))
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


class RedisUrlError(ValueError):
    """REDIS_URL cannot be used for Rasa's lock store; the message says why."""


def lock_store_block(redis_url: str) -> tuple[str, dict[str, str]]:
    """The `lock_store:` YAML for `redis_url`, and the environment it refers to."""
    parts = urlsplit(redis_url)
    if parts.scheme not in ("redis", "rediss"):
        raise RedisUrlError("REDIS_URL must start with redis:// or rediss://")
    if not parts.hostname:
        raise RedisUrlError("REDIS_URL has no host")
    try:
        port = parts.port or 6379
        database = int(parts.path.lstrip("/") or 0)
    except ValueError as error:
        raise RedisUrlError(f"REDIS_URL has a bad port or database number: {error}") from None
    lines = [
        "lock_store:",
        "  type: redis",
        f"  url: {parts.hostname}",
        f"  port: {port}",
        f"  db: {database}",
        f"  key_prefix: {LOCK_KEY_PREFIX}",
        "  password: ${ASB_REDIS_PASSWORD}",
    ]
    if parts.username:
        lines.append(f"  username: {unquote(parts.username)}")
    if parts.scheme == "rediss":
        lines.append("  use_ssl: true")
    environment = {"ASB_REDIS_PASSWORD": unquote(parts.password or "")}
    return "\n".join(lines) + "\n", environment


def write_endpoints(settings: Settings) -> Path:
    """Write this Rasa server's endpoints file (0600) and set the environment it expands.

    Returns the file's path, for `rasa run --endpoints`.
    """
    os.environ["ASB_TRACKER_STORE_URL"] = settings.tracker_store_url
    text = TEMPLATE.read_text()
    if settings.redis_url:
        block, environment = lock_store_block(settings.redis_url)
        os.environ.update(environment)
        text = text.rstrip("\n") + "\n\n" + block
    settings.var_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = settings.var_dir / f"endpoints-rasa-{settings.instance}.yml"
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(text)
    return path
