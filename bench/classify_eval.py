"""Evaluate `asb classify` on the held-out test split (bot/eval/, never trained on).

The test split is bot/eval/ (splits S and T, written blind and kept out of training); the
earlier splits A-R are training data of the description classifier now (bot/data/routes/), so
`--data bot/data/routes/*.jsonl` gives in-sample figures. bench/route_cv.py cross-validates the
description classifier on them by leaving one file out.

    .venv/bin/python bench/classify_eval.py [--data FILE ...] [--model M] [--json] [--errors]
                                            [--per-file]

(default data: every bot/eval/*.jsonl, one JSON object a line: text, route, category)

Runs every line through the same code as `asb classify` (ops.classify.Classifier: the trained
Rasa model, then the safety layer and good-neighbour filter) and prints emergency recall, route
accuracy, per-route precision/recall, category accuracy (on the `asb` lines: right route AND right
category) and the route confusion matrix; `--per-file` adds one line of figures for each data
file (the model is loaded once). Exit status 1 when a target is missed (emergency recall
100%, route accuracy >= 95%, category accuracy >= 90%).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.routing import ROUTES  # noqa: E402

DEFAULT_DATA = sorted((ROOT / "bot" / "eval").glob("*.jsonl"))
TARGETS = {"emergency_recall": 1.0, "route_accuracy": 0.95, "category_accuracy": 0.90}


def load(paths: list[Path]) -> list[dict]:
    return [
        {**json.loads(line), "_file": path.name}
        for path in paths
        for line in path.read_text().splitlines()
        if line.strip()
    ]


def per_file_table(items: list[dict], predictions: list[dict]) -> str:
    """One line per data file: lines, emergency recall, route and category accuracy."""
    lines = [f"{'file':28} {'lines':>5} {'emerg. recall':>13} {'route acc.':>10} {'cat. acc.':>9}"]
    for name in sorted({item["_file"] for item in items}):
        pairs = [(g, p) for g, p in zip(items, predictions, strict=True) if g["_file"] == name]
        result = evaluate([g for g, _p in pairs], [p for _g, p in pairs])
        lines.append(
            f"{name:28} {result['lines']:>5} {_pct(result['emergency_recall']):>13} "
            f"{_pct(result['route_accuracy']):>10} {_pct(result['category_accuracy']):>9}"
        )
    return "\n".join(lines)


def evaluate(items: list[dict], predictions: list[dict]) -> dict:
    pairs = list(zip(items, predictions, strict=True))
    confusion: Counter[tuple[str, str]] = Counter((g["route"], p["route"]) for g, p in pairs)
    per_route = {}
    for route in ROUTES:
        tp = confusion[(route, route)]
        gold = sum(n for (g, _p), n in confusion.items() if g == route)
        predicted = sum(n for (_g, p), n in confusion.items() if p == route)
        per_route[route] = {
            "support": gold,
            "precision": tp / predicted if predicted else None,
            "recall": tp / gold if gold else None,
        }
    asb = [(g, p) for g, p in pairs if g["route"] == "asb"]
    category_right = sum(
        1 for g, p in asb if p["route"] == "asb" and p["category"] == g["category"]
    )
    route_right = sum(1 for g, p in pairs if g["route"] == p["route"])
    return {
        "lines": len(pairs),
        "emergency_recall": per_route["emergency"]["recall"],
        "route_accuracy": route_right / len(pairs) if pairs else None,
        "category_accuracy": category_right / len(asb) if asb else None,
        "per_route": per_route,
        "confusion": {f"{g}->{p}": n for (g, p), n in sorted(confusion.items())},
        "errors": [
            {"text": g["text"], "gold": [g["route"], g.get("category")],
             "got": [p["route"], p["category"]], "confidence": p["confidence"]}
            for g, p in pairs
            if g["route"] != p["route"]
            or (g["route"] == "asb" and g.get("category") != p["category"])
        ],
    }  # fmt: skip


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


def report(result: dict, seconds: float, show_errors: bool) -> str:
    per_line = 1000 * seconds / max(result["lines"], 1)
    lines = [
        f"lines: {result['lines']}  ({seconds:.1f} s, {per_line:.0f} ms/line)",
        f"emergency recall:  {_pct(result['emergency_recall'])}  (target 100%)",
        f"route accuracy:    {_pct(result['route_accuracy'])}  (target >= 95%)",
        f"category accuracy: {_pct(result['category_accuracy'])}  (target >= 90%, on asb lines)",
        "",
        f"{'route':16} {'support':>7} {'precision':>9} {'recall':>7}",
    ]
    for route, row in result["per_route"].items():
        lines.append(
            f"{route:16} {row['support']:>7} {_pct(row['precision']):>9} {_pct(row['recall']):>7}"
        )
    short = {r: r[:8] for r in ROUTES}
    lines += [
        "",
        "confusion (rows: expected, columns: got)",
        " " * 16 + " ".join(f"{short[r]:>8}" for r in ROUTES),
    ]
    counts = {tuple(k.split("->")): n for k, n in result["confusion"].items()}
    for gold in ROUTES:
        lines.append(f"{gold:16}" + " ".join(f"{counts.get((gold, got), 0):>8}" for got in ROUTES))
    if show_errors and result["errors"]:
        lines += ["", "errors:"]
        for error in result["errors"]:
            lines.append(f"  expected {error['gold']} got {error['got']}: {error['text']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, nargs="+", default=DEFAULT_DATA)
    parser.add_argument("--model", help="model file (default: the up-to-date trained model)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--errors", action="store_true", help="list the misclassified lines")
    parser.add_argument("--per-file", action="store_true", help="figures for each data file too")
    args = parser.parse_args(argv)

    from ops.classify import Classifier

    items = load(args.data)
    try:
        classifier = Classifier.load(args.model)
    except FileNotFoundError as error:
        parser.error(str(error))
    started = time.monotonic()
    predictions = [classifier.classify(item["text"]) for item in items]
    seconds = time.monotonic() - started
    result = evaluate(items, predictions)
    if args.json:
        print(json.dumps({**result, "seconds": round(seconds, 2)}, indent=2))
    else:
        print(report(result, seconds, args.errors))
        if args.per_file:
            print("\n" + per_file_table(items, predictions))
    missed = [k for k, target in TARGETS.items() if (result[k] or 0.0) < target]
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
