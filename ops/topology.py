"""Which processes make up a running system (`asb run`, `asb run --instances N`, the tests).

One instance (the embedded default): a backend, an SMS worker, an action server and a Rasa
server, plus the Twilio stand-in when no real Twilio account is configured.

`--instances N` (issue 14, docs/deploy.md) starts N of each on this machine, the production
topology in miniature; it needs PostgreSQL (DATABASE_URL: cases, and Rasa's conversations in
Rasa's SQL tracker store) and Redis (REDIS_URL: Rasa's lock store, the web chat's shared memory):
- the N backends share one port (SO_REUSEPORT: the kernel spreads connections) and spread chat
  turns and SMS webhooks over the N Rasa servers (ASB_RASA_URLS), moving to another when one
  cannot be reached;
- Rasa server i (port ASB_RASA_PORT + i - 1) calls action server i (ASB_ACTIONS_PORT + i - 1);
- each action server has its own report spool (var/report-spool-<i>.sqlite3) and relays it;
- the N SMS workers claim outbox rows with SKIP LOCKED, so no text goes twice.
"""

from __future__ import annotations

import sys
from pathlib import Path

from core.settings import Settings
from ops.supervisor import Service

CLI = [sys.executable, "-m", "ops.cli"]


class TopologyError(ValueError):
    """The requested topology cannot run on this configuration; the message says why."""


def check_instances(settings: Settings, instances: int) -> None:
    if instances < 1:
        raise TopologyError("--instances must be at least 1")
    if instances == 1:
        return
    missing = []
    if not settings.database_url.startswith("postgresql"):
        missing.append("DATABASE_URL=postgresql://postgres@127.0.0.1:5432/asb")
    if not settings.redis_url:
        missing.append("REDIS_URL=redis://127.0.0.1:6379/0")
    if missing:
        raise TopologyError(
            "--instances needs PostgreSQL and Redis, shared by every instance; set "
            + " and ".join(missing)
        )


def _named(name: str, number: int, instances: int) -> str:
    return name if instances == 1 else f"{name}-{number}"


def build_services(
    settings: Settings, model: Path, *, with_twilio_standin: bool, instances: int = 1
) -> list[Service]:
    """The processes of a whole system, in start order."""
    check_instances(settings, instances)
    services: list[Service] = []
    if with_twilio_standin:
        port = settings.twilio_standin_port
        services.append(
            Service(
                "twilio-standin",
                [*CLI, "twilio-standin"],
                port,
                f"http://127.0.0.1:{port}/_standin/health",
            )
        )
    rasa_ports = [settings.rasa_port + i for i in range(instances)]
    actions_ports = [settings.actions_port + i for i in range(instances)]
    services += _backends(settings, instances, rasa_ports, actions_ports)
    for number in range(1, instances + 1):
        services.append(
            Service(
                _named("sms-worker", number, instances),
                [*CLI, "sms-worker"],
                0,
                "",
                env={"ASB_INSTANCE": str(number)},
            )
        )
    services += _action_servers(settings, instances, actions_ports)
    services += _rasa_servers(model, instances, rasa_ports, actions_ports)
    return services


def _backends(
    settings: Settings, instances: int, rasa_ports: list[int], actions_ports: list[int]
) -> list[Service]:
    rasa_urls = ",".join(f"http://127.0.0.1:{port}" for port in rasa_ports)
    actions_urls = ",".join(f"http://127.0.0.1:{port}" for port in actions_ports)
    services = []
    for number in range(1, instances + 1):
        env = {
            "ASB_INSTANCE": str(number),
            "ASB_RASA_URLS": rasa_urls,
            "ASB_ACTION_SERVER_URLS": actions_urls,
        }
        if instances > 1:
            env["ASB_BACKEND_REUSE_PORT"] = "1"
        services.append(
            Service(
                _named("backend", number, instances),
                [*CLI, "backend"],
                settings.backend_port,
                f"http://127.0.0.1:{settings.backend_port}/livez",
                env=env,
            )
        )
    return services


def _action_servers(settings: Settings, instances: int, ports: list[int]) -> list[Service]:
    services = []
    for number, port in enumerate(ports, start=1):
        env = {"ASB_INSTANCE": str(number), "ASB_ACTIONS_PORT": str(port)}
        if instances > 1:
            env["ASB_REPORT_SPOOL"] = str(settings.var_dir / f"report-spool-{number}.sqlite3")
        services.append(
            Service(
                _named("action-server", number, instances),
                [*CLI, "action-server"],
                port,
                f"http://127.0.0.1:{port}/health",
                ready_timeout=120.0,
                env=env,
            )
        )
    return services


def _rasa_servers(
    model: Path, instances: int, rasa_ports: list[int], actions_ports: list[int]
) -> list[Service]:
    services = []
    for number, (port, actions_port) in enumerate(zip(rasa_ports, actions_ports, strict=True), 1):
        actions = f"http://127.0.0.1:{actions_port}"
        services.append(
            Service(
                _named("rasa", number, instances),
                [*CLI, "rasa-server", "--model", str(model)],
                port,
                f"http://127.0.0.1:{port}/",
                ready_timeout=300.0,
                env={
                    "ASB_INSTANCE": str(number),
                    "ASB_RASA_PORT": str(port),
                    "ASB_ACTION_SERVER_URL": f"{actions}/webhook",
                    "ASB_NLG_URL": f"{actions}/nlg",
                },
            )
        )
    return services
