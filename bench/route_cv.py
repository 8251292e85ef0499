"""Cross-validate the description classifier (bot/descriptions.py) by leaving one file out.

    .venv/bin/python bench/route_cv.py [--json]

Each labelled file of bot/data/routes/ was written by a different writer, so leaving one file
out at a time and training on the rest (and on the NLU examples of the description intents)
estimates how the classifier does on a new writer's messages. Two rows for every file:
`classifier` (its best label alone) and `with safety` (`bot.routing.decide` and `route_of`, as
live, for a message DIET reads as a report: the deterministic safety layer first, then the
classifier with its emergency net, then the older chain where the classifier stands aside).
The held-out test split (bot/eval/) is not used here: `bench/classify_eval.py` measures the
whole trained pipeline on it.
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

from bot import routing  # noqa: E402
from bot.descriptions import (  # noqa: E402
    FORM_ANSWER,
    ROUTE_INTENTS,
    ROUTES_DIR,
    DescriptionModel,
    is_label,
    load_examples,
)

LABEL_ROUTES = {intent: route for route, intent in ROUTE_INTENTS.items()}


def route_and_category(label: str) -> tuple[str, str | None]:
    """A classifier label as docs/domain.md section 5 codes."""
    if label in LABEL_ROUTES:
        return LABEL_ROUTES[label], None
    if label == FORM_ANSWER:
        return "answer", None  # never a route: counted wrong
    return "asb", label.removeprefix("asb_")


def with_safety(text: str, ranking: list[dict]) -> tuple[str, str | None]:
    """(route, category) the live routing gives a description (`bot.routing.decide`, then
    `route_of`) when DIET reads a report and only the description classifier's ranking is
    known: the safety layer, the classifier and its emergency net, then the older chain."""
    intent = routing.GENERAL_REPORT_INTENT
    new, confidence = routing.decide(text, intent, 0.0, (), (), ranking)
    parse = {
        "intent": {"name": new or intent, "confidence": confidence},
        "description_ranking": ranking,
    }
    result = routing.route_of(text, parse)
    return result["route"], result["category"]


def score(counts: Counter, gold: str, got: tuple[str, str | None]) -> None:
    gold_route, gold_category = route_and_category(gold)
    got_route, got_category = got
    counts["lines"] += 1
    counts["route_right"] += gold_route == got_route
    if gold_route == "emergency":
        counts["emergencies"] += 1
        counts["emergencies_found"] += got_route == "emergency"
    elif got_route == "emergency":
        counts["false_emergencies"] += 1
    if gold_route == "asb":
        counts["asb"] += 1
        counts["category_right"] += got_route == "asb" and got_category == gold_category


def figures(counts: Counter) -> dict:
    return {
        "lines": counts["lines"],
        "emergency_recall": counts["emergencies_found"] / max(counts["emergencies"], 1),
        "false_emergencies": counts["false_emergencies"],
        "route_accuracy": counts["route_right"] / max(counts["lines"], 1),
        "category_accuracy": counts["category_right"] / max(counts["asb"], 1),
    }


def nlu_examples() -> list[tuple[str, str]]:
    from rasa.shared.nlu.training_data.loading import load_data

    examples = []
    for path in sorted((ROOT / "bot" / "data").glob("nlu*.yml")):
        for message in load_data(str(path)).intent_examples:
            intent = str(message.get("intent") or "")
            if message.get("text") and is_label(intent):
                examples.append((str(message.get("text")), intent))
    return examples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    import warnings

    warnings.filterwarnings("ignore")
    from bot.embeddings import SentenceEncoder

    started = time.monotonic()
    answers = ROUTES_DIR / "answers.jsonl"  # always trained on; never a held-out writer
    files = sorted(p for p in ROUTES_DIR.glob("*.jsonl") if p != answers)
    by_file = {path.name: load_examples([path]) for path in files}
    extra = nlu_examples() + load_examples([answers])
    texts = sorted({text for rows in by_file.values() for text, _ in rows} | {t for t, _ in extra})
    vectors = dict(zip(texts, SentenceEncoder.load().encode(texts), strict=True))
    results: dict[str, dict[str, Counter]] = {}
    totals = {"classifier": Counter(), "with safety": Counter()}
    for name, held_out in by_file.items():
        train = [row for other, rows in by_file.items() if other != name for row in rows] + extra
        model = DescriptionModel.fit(
            [t for t, _ in train], [label for _, label in train], _stack(vectors, train)
        )
        rankings = model.rank([t for t, _ in held_out], _stack(vectors, held_out))
        results[name] = {"classifier": Counter(), "with safety": Counter()}
        for (text, gold), ranking in zip(held_out, rankings, strict=True):
            for mode, got in (
                ("classifier", route_and_category(str(ranking[0]["name"]))),
                ("with safety", with_safety(text, ranking)),
            ):
                score(results[name][mode], gold, got)
                score(totals[mode], gold, got)
    report = {
        "files": {
            name: {m: figures(c) for m, c in modes.items()} for name, modes in results.items()
        },
        "all": {mode: figures(counts) for mode, counts in totals.items()},
        "seconds": round(time.monotonic() - started, 1),
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(
        f"{'file (left out)':26} {'mode':12} {'lines':>5} {'emerg.':>7} {'false 999':>9} "
        f"{'route':>6} {'cat.':>6}"
    )
    rows = [(name, modes) for name, modes in report["files"].items()] + [("ALL", report["all"])]
    for name, modes in rows:
        for mode, f in modes.items():
            print(
                f"{name:26} {mode:12} {f['lines']:>5} {f['emergency_recall']:>7.1%} "
                f"{f['false_emergencies']:>9} {f['route_accuracy']:>6.1%} "
                f"{f['category_accuracy']:>6.1%}"
            )
    print(f"({report['seconds']} s)")
    return 0


def _stack(vectors: dict, rows: list[tuple[str, str]]):
    import numpy as np

    return np.stack([vectors[text] for text, _ in rows])


if __name__ == "__main__":
    sys.exit(main())
