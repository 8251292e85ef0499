"""DIET's predictions through its concrete graph (ops/rasa_speedups/prediction.py)."""

from __future__ import annotations

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
