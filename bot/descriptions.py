"""What a resident's description calls for: one classifier for the route and the ASB category.

A logistic regression over three kinds of features of the message: its all-MiniLM-L6-v2 sentence
vector (bot/embeddings.py: meaning, "the lad upstairs plays his bass till 4" is near "loud music
every night"), word uni- and bigrams, and character n-grams (misspellings and SMS spelling:
"nyfe", "musik"), each TF-IDF weighted. It learns from labelled resident messages
(`bot/data/routes/*.jsonl`: text, route, category as in docs/domain.md section 5) and from the NLU
examples of the intents that describe a problem.

Its labels are intent names, so the routing (bot/routing.py) can use its answer as the message's
intent: `emergency`, `asb_domestic_abuse`, `asb_hate`, `crime_not_in_progress`, `not_asb`,
`out_of_scope`, `report_asb` (a complaint that does not say what happens), `asb_<category>`
(`asb_other_asb` included, which the routing turns into `report_asb` plus the category), and
`form_answer` (an answer to one of the report's questions: the routing leaves it alone).

`bench/route_cv.py` measures it by leaving out one labelled file at a time; docs/benchmarks.md.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import BinaryIO

import numpy as np

ROUTES_DIR = Path(__file__).resolve().parent / "data" / "routes"
MODEL_FILE = "description_classifier.npz"

# docs/domain.md section 5 route (and category) -> the intent the assistant acts on.
ROUTE_INTENTS = {
    "emergency": "emergency",
    "domestic_abuse": "asb_domestic_abuse",
    "hate": "asb_hate",
    "crime_101": "crime_not_in_progress",
    "not_asb": "not_asb",
    "out_of_scope": "out_of_scope",
    "asb_unspecified": "report_asb",
}
ASB_PREFIX = "asb_"
OTHER_ASB_INTENT = "asb_other_asb"
# Answers to the report's questions (a place, a time, a person, contact wishes): not a
# description, so the classifier learns not to read "in the car park behind the bins" as one.
# Route `answer` in the labelled files (bot/data/routes/answers.jsonl); never a route of
# docs/domain.md section 5.
ANSWER_ROUTE = "answer"
FORM_ANSWER = "form_answer"
# Word and character n-gram settings; an n-gram must appear in two examples to count.
WORD_NGRAMS = (1, 2)
CHAR_NGRAMS = (2, 5)
MIN_DF = 2


def intent_of(route: str, category: str | None) -> str:
    """The label for a (route, category) pair of the labelled files."""
    if route == "asb":
        return f"{ASB_PREFIX}{category or 'other_asb'}"
    if route == ANSWER_ROUTE:
        return FORM_ANSWER
    if route not in ROUTE_INTENTS:
        raise ValueError(f"unknown route {route!r}")
    return ROUTE_INTENTS[route]


def is_label(intent: str) -> bool:
    """Whether an NLU intent is one of this classifier's labels (a description's intent)."""
    from core.codes import CATEGORIES

    return intent in ROUTE_INTENTS.values() or (
        intent.startswith(ASB_PREFIX) and intent[len(ASB_PREFIX) :] in CATEGORIES
    )


def load_examples(paths: Iterable[Path] | None = None) -> list[tuple[str, str]]:
    """(text, label) of every line of the labelled files (default: bot/data/routes/*.jsonl)."""
    paths = sorted(ROUTES_DIR.glob("*.jsonl")) if paths is None else list(paths)
    examples = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                examples.append((str(item["text"]), intent_of(item["route"], item.get("category"))))
            except (ValueError, KeyError, TypeError) as error:
                raise ValueError(
                    f"{path.name}:{number}: not a labelled message ({error})"
                ) from None
    return examples


def softmax(scores: np.ndarray) -> np.ndarray:
    """Row-wise softmax of a regression's scores (probabilities that sum to 1)."""
    scores = np.exp(scores - scores.max(axis=1, keepdims=True))
    return scores / scores.sum(axis=1, keepdims=True)


def _vectorizers() -> list:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return [
        TfidfVectorizer(ngram_range=WORD_NGRAMS, sublinear_tf=True, min_df=MIN_DF),
        TfidfVectorizer(
            analyzer="char_wb", ngram_range=CHAR_NGRAMS, sublinear_tf=True, min_df=MIN_DF
        ),
    ]


class DescriptionModel:
    """`DescriptionModel.fit(texts, labels, vectors)`, then `rank(texts, vectors)`."""

    def __init__(
        self, labels: list[str], vectorizers: list, coef: np.ndarray, intercept: np.ndarray
    ):
        self.labels = labels
        self._vectorizers = vectorizers
        self._coef = coef
        self._intercept = intercept
        # The regression's weights as the sparse product uses them (features x labels, float64,
        # contiguous), made once: scipy would otherwise copy and widen them on every message
        # (the same numbers, so the same probabilities).
        self._weights = np.ascontiguousarray(coef.T, dtype=np.float64)

    @classmethod
    def fit(
        cls, texts: Sequence[str], labels: Sequence[str], vectors: np.ndarray, c: float = 10.0
    ) -> DescriptionModel:
        """Train on texts, their labels and their sentence vectors (SentenceEncoder.encode)."""
        from sklearn.linear_model import LogisticRegression

        vectorizers = _vectorizers()
        for vectorizer in vectorizers:
            vectorizer.fit(texts)  # every row, repeats included: the terms and weights they give
        # Each distinct (text, label) once, weighted by how often it comes (a text counted three
        # times, bot/language_model.py): the same weighted loss as the repeated rows, fitted in
        # about half the time.
        rows: dict[tuple[str, str], int] = {}
        for i, key in enumerate(zip(texts, labels, strict=True)):
            rows.setdefault(key, i)
        kept = list(rows.values())
        weights = Counter(zip(texts, labels, strict=True))
        untrained = cls([], vectorizers, np.zeros((0, 0)), np.zeros(0))
        regression = LogisticRegression(C=c, max_iter=5000)
        regression.fit(
            untrained._features([texts[i] for i in kept], np.asarray(vectors)[kept]),
            [labels[i] for i in kept],
            sample_weight=[weights[key] for key in rows],
        )
        if len(regression.classes_) < 3:
            raise ValueError("a description classifier needs at least three labels")
        return cls(
            [str(label) for label in regression.classes_],
            vectorizers,
            regression.coef_.astype(np.float32),
            regression.intercept_.astype(np.float32),
        )

    def probabilities(self, texts: Sequence[str], vectors: np.ndarray) -> np.ndarray:
        """Each text's probability of each label (rows follow `texts`, columns `labels`)."""
        return softmax(np.asarray(self._features(texts, vectors) @ self._weights) + self._intercept)

    def rank(
        self, texts: Sequence[str], vectors: np.ndarray, length: int = 10
    ) -> list[list[dict[str, float | str]]]:
        """For each text, its labels best first: `[{"name", "confidence"}, ...]`."""
        rankings = []
        for row in self.probabilities(texts, vectors):
            order = np.argsort(-row)[:length]
            rankings.append(
                [{"name": self.labels[i], "confidence": round(float(row[i]), 6)} for i in order]
            )
        return rankings

    def _features(self, texts: Sequence[str], vectors: np.ndarray):
        from scipy.sparse import csr_matrix, hstack

        parts = [csr_matrix(np.asarray(vectors, dtype=np.float32))]
        parts += [vectorizer.transform(list(texts)) for vectorizer in self._vectorizers]
        return hstack(parts).tocsr()

    def save(self, path: Path) -> None:
        """Arrays only (no pickle): labels, each vectorizer's terms and weights, the regression."""
        arrays: dict[str, np.ndarray] = {
            "labels": np.array(self.labels, dtype=str),
            "coef": self._coef,
            "intercept": self._intercept,
        }
        for i, vectorizer in enumerate(self._vectorizers):
            terms = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.get)
            arrays[f"terms_{i}"] = np.array(terms, dtype=str)
            arrays[f"idf_{i}"] = vectorizer.idf_.astype(np.float64)
        np.savez_compressed(path, **arrays)

    @classmethod
    def load(cls, path: Path | BinaryIO) -> DescriptionModel:
        saved = np.load(path, allow_pickle=False)
        vectorizers = _vectorizers()
        for i, vectorizer in enumerate(vectorizers):
            terms = [str(term) for term in saved[f"terms_{i}"]]
            vectorizer.vocabulary_ = {term: index for index, term in enumerate(terms)}
            vectorizer.idf_ = saved[f"idf_{i}"]
        return cls(
            [str(label) for label in saved["labels"]],
            vectorizers,
            saved["coef"],
            saved["intercept"],
        )
