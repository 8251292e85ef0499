"""False alarms mid-report, offline: bench/answers_eval.py's figures in seconds, for tuning.

Usage: .venv/bin/python bench/answers_offline.py [--data FILE ...] [--errors] [--refresh]
(default data: the three answer sets of bot/eval/answers/; format as bench/answers_eval.py).

The live bench runs every process and a whole conversation per answer (minutes). This harness
loads the trained model once (ops.classify.Classifier) and keeps, per answer, what the NLU
pipeline gave the routing decision (DIET's intent and ranking, the sentence and description
rankings) in a cache keyed on the model (var/bench/). Each run then replays the code that is not
trained, as it is now: `bot.routing.decide` (the safety layer, core/safety/, and the nets) gives
the final intent, and the policy the live system applies to an answer to a report question:
- a safety intent (core.safety.SAFETY_INTENTS) runs `action_safety_advice`, which gives advice
  unless `answer_safety.answer_advice` keeps the answer without any (bot/actions/safety_advice.py);
- any other intent goes to the report form, whose 999 line comes when
  `answer_safety.harm_line_due(text)` (bot/actions/forms.py `harm_not_routed`).
Counts as bench/answers_eval.py: a `danger: true` answer must get a 999 line, a `danger: false`
answer no safety advice. Check it against the live bench (same errors) before trusting it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.answers_eval import evaluate, load, print_result  # noqa: E402

DATA_DIR = ROOT / "bot" / "eval" / "answers"
DEFAULT_DATA = [DATA_DIR / f"answers_{name}.jsonl" for name in ("y", "u", "v")]
CACHE_DIR = ROOT / "var" / "bench"
# What a reply with advice looks like to bench/answers_eval.py (999 counts as a danger caught).
EMERGENCY_REPLY = "(999) emergency advice"
ROUTE_REPLIES = {
    "emergency": EMERGENCY_REPLY,
    "domestic_abuse": "(999) domestic abuse advice, 0808 2000 247",
    "hate": "(999, 101) hate incident advice",
}
HARM_LINE = "(999) utter_danger_check"


def _decide_arguments(texts: list[str], model: Path) -> dict[str, dict[str, Any]]:
    """Each text's inputs to `bot.routing.decide`, as the trained pipeline gives them."""
    import bot.nlu
    from ops.classify import Classifier

    captured: dict[str, dict[str, Any]] = {}
    original: Callable[..., Any] = bot.nlu.decide

    def recording(text, intent, confidence, ranking, sentence_ranking, description_ranking):
        captured[text] = {
            "intent": intent,
            "confidence": confidence,
            "ranking": [dict(r) for r in ranking],
            "sentence_ranking": [dict(r) for r in sentence_ranking],
            "description_ranking": [dict(r) for r in description_ranking],
        }
        return original(text, intent, confidence, ranking, sentence_ranking, description_ranking)

    bot.nlu.decide = recording
    classifier = Classifier.load(model)
    try:
        for number, text in enumerate(texts, start=1):
            classifier.classify(text)
            if number % 100 == 0:
                print(f"parsed {number}/{len(texts)}", file=sys.stderr)
    finally:
        classifier.close()
        bot.nlu.decide = original
    return captured


def parses(texts: list[str], refresh: bool = False) -> dict[str, dict[str, Any]]:
    """The cached decide() inputs of every text (parsing the missing ones with the model)."""
    from ops.training import ensure_model

    model = ensure_model(log=lambda _m: None)
    cache_file = CACHE_DIR / f"answers_offline-{model.name.removesuffix('.tar.gz')}.json"
    cache: dict[str, dict[str, Any]] = {}
    if cache_file.exists() and not refresh:
        cache = json.loads(cache_file.read_text())
    missing = sorted({t for t in texts if t not in cache})
    if missing:
        cache.update(_decide_arguments(missing, model))
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        cache_file.write_text(json.dumps(cache, ensure_ascii=False))
    return cache


def final_intent(text: str, parse: dict[str, Any]) -> str:
    """The intent the live NLU ends with (bot/nlu.py SafetyOverride), with today's code."""
    from bot.routing import decide

    new, _confidence = decide(
        text,
        parse["intent"],
        float(parse["confidence"] or 0.0),
        parse["ranking"],
        parse["sentence_ranking"],
        parse["description_ranking"],
    )
    return str(new or parse["intent"] or "")


def replies(item: dict, intent: str) -> list[str]:
    """What the assistant says about safety when the item's text answers its question."""
    from bot.actions import answer_safety
    from core import safety

    text = " ".join(str(item["text"]).split())
    if intent in safety.SAFETY_INTENTS.values():
        advice = answer_safety.answer_advice(text, intent)
        return [] if advice is None else [ROUTE_REPLIES[advice]]
    return [HARM_LINE] if answer_safety.harm_line_due(text) else []


def run(items: list[dict], refresh: bool = False) -> tuple[dict, list[str]]:
    cache = parses([item["text"] for item in items], refresh)
    intents = [final_intent(item["text"], cache[item["text"]]) for item in items]
    outcomes: list[list[str] | None] = [
        replies(item, intent) for item, intent in zip(items, intents, strict=True)
    ]
    return evaluate(items, outcomes), intents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, nargs="+", default=DEFAULT_DATA)
    parser.add_argument("--errors", action="store_true", help="print each miss (fictional text)")
    parser.add_argument("--refresh", action="store_true", help="parse every answer again")
    args = parser.parse_args()
    for path in args.data:
        items = load([path])
        result, intents = run(items, args.refresh)
        print(f"\n{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
        print_result(result)
        if args.errors:
            intent_of = {item["text"]: intent for item, intent in zip(items, intents, strict=True)}
            for error in result["errors"]:
                error["intent"] = intent_of.get(error["text"])
                error.pop("replies", None)
                print(json.dumps(error, ensure_ascii=False))


if __name__ == "__main__":
    main()
