"""Fittings named with a word of fire, danger that is calm or for "next time", and a child
taken, in the language lexicons (issue 16)."""

import pytest

from core.safety.check import EMERGENCY
from core.safety.languages import check_language


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("pt", "Alguém fica acionando o alarme de incêndio de madrugada, toda semana"),
        ("pl", "Ktoś bawi się gaśnicami i włącza alarm przeciwpożarowy w nocy"),
        ("ur", "میرے دروازے کے آگے کچرا پھینک دیتی ہے"),
        ("pa", "ਗੁਆਂਢੀ ਮੇਰੇ ਘਰ ਅੱਗੇ ਆਪਣੀ van ਖੜ੍ਹੀ ਕਰ ਦਿੰਦਾ"),
        ("cy", "Roedd ffeit neithiwr, dyn efo pastwn. Mae'n dawel nawr"),
    ],
)
def test_no_false_emergency(code: str, text: str) -> None:
    found = check_language(text, code)
    assert found is None or found.route != EMERGENCY


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("pl", "Ktoś wciągnął małą dziewczynkę do samochodu i odjechał"),
        ("pt", "ele ta chutando minha porta agora pra entrar"),
        ("ro", "Prietena mea e pe balcon și zice că se aruncă"),
        ("cy", "Mae e'n dweud bod e'n mynd i neidio o'r to"),
        ("pa", "ਉਹ ਹੁਣ ਬਾਹਰ ਖੜ੍ਹਾ ਤੇ ਕਹਿ ਰਿਹਾ ਅੱਜ ਤੈਨੂੰ ਜਾਨੋਂ ਮਾਰ ਦੇਣਾ"),
        ("ur", "ابھی ابھی کسی نے بچی کو اٹھا کر گاڑی میں ڈالا"),
    ],
)
def test_emergency(code: str, text: str) -> None:
    found = check_language(text, code)
    assert found is not None and found.route == EMERGENCY
