"""Per-language figures of the live assistant's routing on messages in Welsh, Polish, Romanian,
Panjabi, Urdu and Portuguese (issue 16).

    ASB_MODEL_PATH=models/<model>.tar.gz .venv/bin/python bench/languages.py --data DIR
        [--errors] [--json] [--no-language] [--lexicon]

DIR holds `<lang>.jsonl` files, one JSON object a line: "text", "language", "route" (emergency,
domestic_abuse, hate, asb, asb_unspecified, not_asb, crime_101, out_of_scope) and "category"
(an ASB category on asb lines; hate / domestic_abuse or null otherwise). Every line goes
through the same code as `asb classify` (ops.classify.Classifier: the trained Rasa model, the
safety layer in the message's language, bot/multilingual.py), given its "language" as a
channel would (the conversation's language) unless `--no-language` asks for detection alone.
Printed per language: lines, emergency recall, route accuracy, category accuracy (asb lines:
right route and category), false 999 (lines that are not emergencies routed to emergency), and
the share of lines whose language was detected right; `--errors` lists the misses.

`--lexicon` is for development without a model: the safety layer and the topic tables alone
(`bot.multilingual.language_intent` on a message the English classifier could not place), not
the live path; its figures are not the assistant's.

Figures on bench/data/languages_dev/ are in-sample (the lexicons were written beside it).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.codes import ROUTES  # noqa: E402

DEFAULT_DATA = ROOT / "bench" / "data" / "languages_dev"


def load(directory: Path) -> list[dict[str, Any]]:
    """Every line of `<lang>.jsonl` in `directory` (ValueError for a bad line)."""
    items = []
    for path in sorted(directory.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            item = json.loads(line)
            if not isinstance(item.get("text"), str) or item.get("route") not in ROUTES:
                raise ValueError(f"{path.name}:{number}: needs text and a route of {ROUTES}")
            item.setdefault("language", path.stem)
            items.append(item)
    return items


def lexicon_classify(text: str, language: str | None) -> dict[str, Any]:
    """Development only: the route by the language lexicons alone (see the module docstring)."""
    from bot.multilingual import language_intent, message_language
    from bot.routing import route_of

    code = message_language(text, {"language": language} if language else None)
    intent = language_intent(text, code, "nlu_fallback") or "nlu_fallback"
    result = route_of(text, {"intent": {"name": intent, "confidence": 1.0}})
    return {**result, "language": code}


def evaluate(items: list[dict[str, Any]], predictions: list[dict[str, Any]]) -> dict[str, Any]:
    """Figures for one language's lines."""
    pairs = list(zip(items, predictions, strict=True))
    emergencies = [(g, p) for g, p in pairs if g["route"] == "emergency"]
    others = [(g, p) for g, p in pairs if g["route"] != "emergency"]
    asb = [(g, p) for g, p in pairs if g["route"] == "asb"]

    def share(hits: int, total: int) -> float | None:
        return hits / total if total else None

    return {
        "lines": len(pairs),
        "emergency_recall": share(
            sum(p["route"] == "emergency" for _g, p in emergencies), len(emergencies)
        ),
        "route_accuracy": share(sum(g["route"] == p["route"] for g, p in pairs), len(pairs)),
        "category_accuracy": share(
            sum(p["route"] == "asb" and p["category"] == g.get("category") for g, p in asb),
            len(asb),
        ),
        "false_999": sum(p["route"] == "emergency" for _g, p in others),
        "language_detected": share(
            sum(p.get("language") == g["language"] for g, p in pairs), len(pairs)
        ),
        "errors": [
            {
                "language": g["language"],
                "text": g["text"],
                "expected": [g["route"], g.get("category")],
                "got": [p["route"], p.get("category")],
            }
            for g, p in pairs
            if g["route"] != p["route"]
            or (g["route"] == "asb" and g.get("category") != p.get("category"))
        ],
    }


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.0f}%"


def table(results: dict[str, dict[str, Any]]) -> str:
    header = (
        f"{'language':9} {'lines':>5} {'emerg. recall':>13} {'route acc.':>10} "
        f"{'cat. acc.':>9} {'false 999':>9} {'lang. detected':>14}"
    )
    lines = [header]
    for code, row in results.items():
        lines.append(
            f"{code:9} {row['lines']:>5} {_pct(row['emergency_recall']):>13} "
            f"{_pct(row['route_accuracy']):>10} {_pct(row['category_accuracy']):>9} "
            f"{row['false_999']:>9} {_pct(row['language_detected']):>14}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of <lang>.jsonl")
    parser.add_argument("--model", help="model file (default: ASB_MODEL_PATH)")
    parser.add_argument("--errors", action="store_true", help="list the misses")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--no-language", action="store_true", help="do not pass each line's language: detect it"
    )
    parser.add_argument(
        "--lexicon", action="store_true", help="development: the lexicons alone, no model"
    )
    args = parser.parse_args(argv)
    try:
        items = load(args.data)
    except (OSError, ValueError) as error:
        parser.error(str(error))
    if not items:
        parser.error(f"no <lang>.jsonl lines in {args.data}")

    started = time.monotonic()
    if args.lexicon:
        classify = lexicon_classify
    else:
        from ops.classify import Classifier

        try:
            classifier = Classifier.load(args.model)
        except (FileNotFoundError, RuntimeError) as error:
            parser.error(str(error))
        classify = classifier.classify
    predictions = [
        classify(item["text"], None if args.no_language else item.get("language")) for item in items
    ]
    seconds = time.monotonic() - started
    results = {}
    for code in dict.fromkeys(item["language"] for item in items):
        chosen = [i for i, item in enumerate(items) if item["language"] == code]
        results[code] = evaluate([items[i] for i in chosen], [predictions[i] for i in chosen])
    results["all"] = evaluate(items, predictions)
    if args.json:
        print(json.dumps({"seconds": round(seconds, 1), "languages": results}, indent=2))
        return 0
    mode = "lexicons alone (development)" if args.lexicon else "live path (ops.classify)"
    print(f"{len(items)} lines, {mode}, {seconds:.1f} s")
    print(table(results))
    if args.errors:
        print("\nmisses:")
        for error in results["all"]["errors"]:
            print(
                f"  [{error['language']}] expected {error['expected']} got {error['got']}: "
                f"{error['text']}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
