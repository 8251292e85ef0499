"""How long a resident waits, and how many questions a report takes, through the whole system.

Usage: .venv/bin/python bench/conversation.py [--reports N] [--openings FILE]
Starts every process on free loopback ports with a fresh SQLite database (as bench/startup.py),
then makes N reports on each of two paths through Rasa's REST channel: the shortest (the opt-in
risk and equality sections skipped, no contact details) and the longest (every section answered).
Prints the questions per report and the reply time per turn (median, 95th percentile, max): the
time from the resident's message to the assistant's reply, with the backend call at the end.

With --openings (e.g. bot/eval/openings/openings_a.jsonl, written blind), a report that listens
(issue 12): each line's text is the resident's first message, and the report is completed
anonymously with the optional sections declined. Prints the resident messages each report took
(the first message included; target: median at most 8) and the questions asked about something
the first message had already said (by the writer's labels).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ops.training import ensure_model  # noqa: E402
from tests.e2e.conversation import QUESTIONS, REFERENCE, report  # noqa: E402
from tests.system import start_system  # noqa: E402

OPENING = ["hello", "The people upstairs play loud music every night until 3am"]
SHORTEST = {"anonymous": "Stay anonymous", "consent_to_share": "Prefer not to say"}
LONGEST = {
    "ram_start": "Yes, ask me",
    "equality_start": "Yes",
    "ram_affected": "A lot",
    "preferred_contact": "Email",
    "email": "sam@example.com",
    "reporter_name": "Sam Example",
    # The questions asked only where they apply: the court notice (with evidence), the police
    # reference (told someone), a visit or a call, and an interpreter's language.
    "evidence": "Photos",
    "ram_other_agencies": "Yes",
    "police_reference": "CAD 1234/21NOV",
    "visit_or_call": "A visit",
    "communication_needs": "An interpreter",
}


# Answers to the openings' reports: anonymous, optional sections declined; "is it happening
# now? if not, when did it last happen?" answered as residents do.
LISTENING = {**SHORTEST, "happening_now": "No, last night about 11pm"}
# The writer's labels -> the question that asks for the same thing.
LABELLED = {
    "location": "location",
    "happened_when": "happened_when",
    "started_when": "started_when",
    "frequency": "frequency",
    "happening_now": "happening_now",
    "people": "people_involved",
}


def asked_keys(transcript: list[str]) -> list[str]:
    """The report questions the assistant asked, in order (by tests/e2e/conversation.py)."""
    asked = []
    for line in transcript:
        if line.startswith("bot: "):
            said = " ".join(line.split()).lower()
            key = next((k for k, pattern in QUESTIONS if re.search(pattern, said)), None)
            if key:
                asked.append(key)
    return asked


def run_openings(system, path: Path) -> None:
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    counts: list[int] = []
    unfinished: list[int] = []
    repeated = 0
    for number, row in enumerate(rows, start=1):
        answers = {**LISTENING, "description": row["text"]}  # if asked again, said again
        transcript = report(system, str(uuid.uuid4()), [row["text"]], answers)
        if not REFERENCE.search("\n".join(transcript)):
            unfinished.append(number)
            print(f"{number:2}: did not complete:\n    " + "\n    ".join(transcript[-4:]))
            continue
        messages = sum(line.startswith("resident: ") for line in transcript)
        asked = asked_keys(transcript)
        again = [q for label, q in LABELLED.items() if row.get(label) is not None and q in asked]
        repeated += len(again)
        counts.append(messages)
        print(
            f"{number:2}: {messages:2} resident messages; asked again: {', '.join(again) or '-'}; "
            f"asked: {' '.join(asked)}"
        )
    print(
        f"{path.name}: median {statistics.median(counts):g} resident messages per report "
        f"(min {min(counts)}, max {max(counts)}, {sum(c <= 8 for c in counts)}/{len(counts)} "
        f"at most 8); {repeated} questions asked about something the first message said; "
        f"{len(unfinished)} did not complete {unfinished or ''}"
    )


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def run_path(system, answers: dict[str, str], reports: int) -> tuple[list[int], list[float]]:
    """(resident messages per report, seconds per turn) over `reports` reports."""
    turns: list[int] = []
    timings: list[float] = []
    for _ in range(reports):
        transcript = report(system, str(uuid.uuid4()), OPENING, answers, timings=timings)
        said = "\n".join(transcript)
        if not REFERENCE.search(said):
            raise SystemExit(f"a report did not complete:\n{said}")
        turns.append(sum(line.startswith("resident: ") for line in transcript))
    return turns, timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=5)
    parser.add_argument("--openings", type=Path, help="first messages (JSON lines) to report from")
    args = parser.parse_args()
    model = ensure_model()
    with tempfile.TemporaryDirectory(prefix="asb-bench-") as tmp:
        started = time.monotonic()
        system = start_system(Path(tmp), model)
        print(f"system ready in {time.monotonic() - started:.0f} s")
        try:
            if args.openings:
                run_openings(system, args.openings)
                return
            for name, answers in (("shortest", SHORTEST), ("longest", LONGEST)):
                turns, timings = run_path(system, answers, args.reports)
                print(
                    f"{name:8} path: {statistics.median(turns):.0f} resident messages per report; "
                    f"reply time per turn median {statistics.median(timings) * 1000:.0f} ms, "
                    f"p95 {percentile(timings, 0.95) * 1000:.0f} ms, "
                    f"max {max(timings) * 1000:.0f} ms ({len(timings)} turns)"
                )
        finally:
            system.supervisor.stop()


if __name__ == "__main__":
    main()
