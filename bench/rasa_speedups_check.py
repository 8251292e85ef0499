"""Do ops/rasa_speedups/'s changes leave every classification as it was? Loads the trained
model twice, in two processes (Rasa's own DIET loading, then ours), classifies the same texts
(every text of bot/eval/) with each and compares intent, route, category and confidences.

Usage: .venv/bin/python bench/rasa_speedups_check.py [--model FILE] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def eval_texts(limit: int | None) -> list[str]:
    texts = []
    for path in sorted((ROOT / "bot" / "eval").rglob("*.jsonl")):
        for line in path.read_text().splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    unique = list(dict.fromkeys(texts))
    return unique[:limit] if limit else unique


def classify_all(model: str, texts: list[str], speedups: bool) -> tuple[float, list[dict]]:
    """(seconds to load, results) in this process."""
    from ops import rasa_speedups
    from ops.classify import Classifier

    if speedups:
        rasa_speedups.install()
    else:  # Classifier.load installs them: not in this process
        rasa_speedups.install = lambda: None
    started = time.monotonic()
    classifier = Classifier.load(model)
    loaded = time.monotonic() - started
    results = list(classifier.classify_many(texts))
    classifier.close()
    return loaded, results


def child(args: argparse.Namespace) -> None:
    texts = json.loads(Path(args.texts).read_text())
    loaded, results = classify_all(args.model, texts, args.speedups == "on")
    Path(args.out).write_text(json.dumps({"load_seconds": loaded, "results": results}))


def differences(before: list[dict], after: list[dict], tolerance: float = 1e-4) -> list[str]:
    found = []
    for number, (old, new) in enumerate(zip(before, after, strict=True)):
        for key in sorted(set(old) | set(new)):
            a, b = old.get(key), new.get(key)
            if isinstance(a, float) and isinstance(b, float):
                if abs(a - b) > tolerance:
                    found.append(f"text {number}: {key} {a:.5f} -> {b:.5f}")
            elif a != b:
                found.append(f"text {number}: {key} {a!r} -> {b!r}")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="model file (default: the current trained model)")
    parser.add_argument("--limit", type=int, help="only the first N texts")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--speedups", help=argparse.SUPPRESS)
    parser.add_argument("--texts", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    if not args.model:
        from ops.training import ensure_model

        args.model = str(ensure_model())
    texts = eval_texts(args.limit)
    work = Path("/tmp") / f"asb-speedups-{time.time_ns()}"
    work.mkdir()
    (work / "texts.json").write_text(json.dumps(texts))
    outputs = {}
    for mode in ("off", "on"):
        out = work / f"{mode}.json"
        subprocess.run(
            [sys.executable, __file__, "--child", "--speedups", mode, "--model", args.model,
             "--texts", str(work / "texts.json"), "--out", str(out)],
            check=True,
        )  # fmt: skip
        outputs[mode] = json.loads(out.read_text())
    found = differences(outputs["off"]["results"], outputs["on"]["results"])
    print(
        f"{len(texts)} texts; model load {outputs['off']['load_seconds']:.1f} s (Rasa's) -> "
        f"{outputs['on']['load_seconds']:.1f} s (ops/rasa_speedups/); "
        f"{len(found)} differences"
    )
    for line in found[:20]:
        print("  " + line)
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
