"""Prove that a change to the NLU code leaves every classification as it was (issue 14).

    .venv/bin/python bench/nlu_equivalence.py --save before.json --model M [--code DIR]
    .venv/bin/python bench/nlu_equivalence.py --compare before.json --model M

--code DIR runs the NLU code of DIR (copies of the old bot/embeddings.py, bot/descriptions.py and
bot/nlu.py) in place of the project's, so the old and the new code can run on the same model
file at the same time (both processes see the same routing and safety code).

Runs the trained model's pipeline (ops.classify.Classifier: the same NLU graph as the Rasa
server, then `bot.routing.route_of`) over every `text` of bot/eval/**/*.jsonl, plus button
payloads and edge cases (`EXTRA_TEXTS`, parsed as Rasa gets them: a payload is not stripped of
its "/"). For each text it keeps the parse (intent, DIET's ranking, the sentence and description
rankings, with confidences), the route, category and confidence of `route_of`, and the sentence
vector of `bot.embeddings.SentenceEncoder` (saved next to the JSON as .npy).

--compare runs the same again and compares (--diff A B compares two saved runs): intent, route,
category and the rankings' names and order exactly (so every argmax), confidences within 1e-4
and sentence vectors within 1e-5.
Exit status 1 on any difference. Pass --model: a change to bot/embeddings.py, bot/nlu.py or
bot/descriptions.py changes the model fingerprint (ops/training.py), and this script never trains.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CONFIDENCE_TOLERANCE = 1e-4
VECTOR_TOLERANCE = 1e-5
RANKING_KEYS = ("intent_ranking", "sentence_intent_ranking", "description_ranking")
# Button payloads (bot/messages/response.py, numbered choices) and edge cases.
EXTRA_TEXTS = [
    "/affirm",
    "/deny",
    "/skip",
    "/report_asb",
    '/change_field{"field": "location"}',
    "1",
    "2",
    "7",
    "yes",
    "no",
    "Stay anonymous",
    "Prefer not to say",
    "hello",
    "The people upstairs play loud music every night until 3am",
    "🙂",
    "the music from upstairs goes on and on " * 100,
]


def use_code_from(directory: Path) -> None:
    """Import DIR's embeddings.py, descriptions.py and nlu.py as bot.embeddings, ... (before
    Rasa loads the model, which names its components bot.nlu.*)."""
    import importlib.util

    import bot

    for name in ("embeddings", "descriptions", "nlu"):
        spec = importlib.util.spec_from_file_location(f"bot.{name}", directory / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[f"bot.{name}"] = module
        spec.loader.exec_module(module)
        setattr(bot, name, module)


def eval_texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "bot" / "eval").rglob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(str(json.loads(line)["text"]))
    return texts + EXTRA_TEXTS


def _ranking(parse: dict[str, Any], key: str) -> list[list[Any]]:
    return [[str(r.get("name")), float(r.get("confidence") or 0.0)] for r in parse.get(key) or []]


def classify_all(model: Path, texts: list[str]) -> tuple[list[dict[str, Any]], np.ndarray]:
    """Each text's parse and route (as `Classifier.classify`, but a payload keeps its "/")."""
    from bot.embeddings import SentenceEncoder
    from bot.routing import route_of
    from ops.classify import Classifier

    classifier = Classifier.load(model)
    agent, loop = classifier._agent, classifier._loop  # the parse itself, not only the route
    records = []
    for text in texts:
        parse = loop.run_until_complete(agent.parse_message(text))
        intent = parse.get("intent") or {}
        record = {
            "text": text,
            "intent": [str(intent.get("name")), float(intent.get("confidence") or 0.0)],
            **{key: _ranking(parse, key) for key in RANKING_KEYS},
        }
        if not text.startswith("/"):
            record["route_of"] = route_of(text, parse) if text.strip() else None
            record["classify"] = classifier.classify(text)
        records.append(record)
    classifier.close()
    vectors = SentenceEncoder.load().encode([t for t in texts if t.strip()])
    return records, vectors


def _same_ranking(before: list, after: list) -> tuple[bool, float]:
    names_match = [n for n, _c in before] == [n for n, _c in after]
    gap = max((abs(b[1] - a[1]) for b, a in zip(before, after, strict=False)), default=0.0)
    return names_match, gap


def _same_route(before: dict | None, after: dict | None) -> tuple[bool, float]:
    if before is None or after is None:
        return before == after, 0.0
    fields = ("route", "category")
    same = all(before.get(f) == after.get(f) for f in fields)
    gap = abs(float(before.get("confidence") or 0) - float(after.get("confidence") or 0))
    return same, gap


def compare(before: list[dict], after: list[dict]) -> tuple[list[str], float]:
    """(descriptions of the differences, largest confidence difference)."""
    problems: list[str] = []
    largest = 0.0
    for old, new in zip(before, after, strict=True):
        checks = [("intent", *_same_ranking([old["intent"]], [new["intent"]]))]
        checks += [(key, *_same_ranking(old[key], new[key])) for key in RANKING_KEYS]
        checks += [
            (key, *_same_route(old.get(key), new.get(key))) for key in ("route_of", "classify")
        ]
        for key, same, gap in checks:
            largest = max(largest, gap)
            if not same or gap > CONFIDENCE_TOLERANCE:
                problems.append(f"{key} differs (gap {gap:.2e}) for {old['text'][:60]!r}")
    return problems, largest


def report(before: list[dict], after: list[dict], old_vectors: Path, new_vectors: Path) -> None:
    """Print the differences; exit status 1 if there is one."""
    if [r["text"] for r in before] != [r["text"] for r in after]:
        raise SystemExit("the results are for other texts")
    problems, largest = compare(before, after)
    vector_gap = float(np.abs(np.load(old_vectors) - np.load(new_vectors)).max())
    print(f"compared {len(before)} texts: {len(problems)} differences")
    print(f"largest confidence difference {largest:.2e}; vector difference {vector_gap:.2e}")
    for problem in problems[:20]:
        print("  " + problem)
    if problems or vector_gap > VECTOR_TOLERANCE:
        raise SystemExit(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--save", type=Path, help="write this run's results here (JSON)")
    action.add_argument("--compare", type=Path, help="compare this run with the saved results")
    action.add_argument("--diff", type=Path, nargs=2, help="compare two saved results")
    parser.add_argument("--model", type=Path, help="the trained model (default: the current)")
    parser.add_argument("--code", type=Path, help="run the NLU code of this folder instead")
    args = parser.parse_args()
    if args.diff:
        old, new = args.diff
        before, after = json.loads(old.read_text()), json.loads(new.read_text())
        report(before, after, old.with_suffix(".npy"), new.with_suffix(".npy"))
        return
    if args.code:
        use_code_from(args.code)
    if args.model is None:
        from ops.training import model_path

        args.model = model_path()
    texts = eval_texts()
    started = time.monotonic()
    records, vectors = classify_all(args.model, texts)
    print(f"{len(texts)} texts classified in {time.monotonic() - started:.1f} s")
    target = args.save or args.compare
    if args.save:
        target.write_text(json.dumps(records, ensure_ascii=False))
        np.save(target.with_suffix(".npy"), vectors)
        return
    now = Path(tempfile.mkdtemp(prefix="nlu-equivalence-")) / "now.npy"
    np.save(now, vectors)
    report(json.loads(target.read_text()), records, target.with_suffix(".npy"), now)


if __name__ == "__main__":
    main()
