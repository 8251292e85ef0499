"""DIET's predictions through its concrete graph (ops/rasa_speedups/prediction.py)."""

from __future__ import annotations

import numpy as np
import pytest

from ops.rasa_speedups import prediction


def test_diet_called_through_its_concrete_graph_predicts_as_rasas_call(monkeypatch, classifier):
    """DIET's predictions through its one concrete graph (item 9) are Rasa's, to the bit."""
    from rasa.utils.tensorflow.models import RasaModel

    assert RasaModel._rasa_predict is prediction.predict_directly
    texts = [
        "the people upstairs play loud music every night until 3am",
        "yes",
        "someone has sprayed graffiti all over the bin store",
        "my neighbour is threatening me with a knife right now",
        "what is the weather tomorrow",
    ]
    calls = []
    original = prediction._rasas_predict
    monkeypatch.setattr(
        prediction, "_rasas_predict", lambda *args: calls.append(1) or original(*args)
    )
    direct = [classifier._loop.run_until_complete(classifier._parse(t, None)) for t in texts]
    assert calls == []  # every prediction went through the concrete graph
    monkeypatch.setattr(RasaModel, "_rasa_predict", original)
    rasas = [classifier._loop.run_until_complete(classifier._parse(t, None)) for t in texts]
    for ours, theirs in zip(direct, rasas, strict=True):
        assert ours["intent"] == theirs["intent"]
        assert ours["intent_ranking"] == theirs["intent_ranking"]


@pytest.mark.parametrize("types", [("float32", "float64"), ("int64", "float32"), ("bool", "bool")])
def test_sparse_features_join_as_scipys_hstack_joins_them(types):
    """A message's sparse features joined directly (item 11) are scipy's `hstack`, to the
    entry: values, their type, positions, index type and shape, empty matrices too."""
    from scipy.sparse import coo_matrix, csr_matrix, hstack

    random = np.random.default_rng(7)

    def matrix(rows: int, columns: int, share: float, kind: str) -> coo_matrix:
        values = random.random((rows, columns)) * 5
        return coo_matrix(np.where(random.random((rows, columns)) < share, values, 0).astype(kind))

    left_type, right_type = types
    for rows, left_columns, right_columns, share in [
        (7, 300, 5000, 0.02), (1, 40, 9, 0.5), (3, 20, 30, 0.0), (40_000, 2, 3, 0.1),
    ]:  # fmt: skip
        left = matrix(rows, left_columns, share, left_type)
        right = matrix(rows, right_columns, share, right_type)
        joined, scipys = prediction.hstack_two(left, right), hstack([left, right])
        assert type(joined) is type(scipys)
        assert joined.shape == scipys.shape and joined.dtype == scipys.dtype
        for part in ("data", "row", "col"):
            assert getattr(joined, part).dtype == getattr(scipys, part).dtype
            assert np.array_equal(getattr(joined, part), getattr(scipys, part))
    other = prediction.hstack_two(csr_matrix(np.eye(2)), coo_matrix(np.eye(2)))  # scipy's way
    assert np.array_equal(other.toarray(), np.hstack([np.eye(2), np.eye(2)]))
