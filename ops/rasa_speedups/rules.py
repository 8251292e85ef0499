"""The RulePolicy's search for the rules that match the conversation (issue 14).

14. Matching rules. For every prediction the RulePolicy keeps, of all its rules, those whose
states match the conversation's, going back one state at a time through the whole conversation
(`RulePolicy._get_possible_keys`, once for the rules and once more for a form's unhappy paths):
6% of the Rasa server's time at c=20 (py-spy), most of it checking rules at steps further back
than the rule is long, where Rasa's `_is_rule_applicable` keeps every rule without looking.
Here the rules are checked only while some rule kept is at least that long; past the longest
one, each step keeps every rule as Rasa's does. The set is still rebuilt at every step, one
rule at a time as Rasa's filter rebuilds it, so it holds the same rules in the same order (Rasa
picks among the longest keys by that order).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

rasas_possible_keys: Callable | None = None  # Rasa's own, once installed (for the tests)
_lengths: dict[str, int] = {}  # a rule key -> how many states the rule has
MAX_REMEMBERED = 100_000  # a model has a few hundred keys; a bound all the same


def _rule_length(policy: Any, key: str) -> int:
    length = _lengths.get(key)
    if length is None:
        length = len(policy._rule_key_to_state(key))
        if len(_lengths) >= MAX_REMEMBERED:
            _lengths.clear()
        _lengths[key] = length
    return length


def possible_keys(self: Any, lookup: dict, states: list) -> set:
    """`RulePolicy._get_possible_keys` without the checks that cannot drop a rule."""
    keys = set(lookup.keys())
    longest = max((_rule_length(self, key) for key in keys), default=0)
    for index, state in enumerate(reversed(states)):
        if index < longest:
            keys = set(
                filter(
                    lambda key, index=index, state=state: self._is_rule_applicable(
                        key, index, state
                    ),
                    keys,
                )
            )
            longest = max((_rule_length(self, key) for key in keys), default=0)
        else:
            keys = set(iter(keys))  # every rule kept, the set rebuilt as Rasa's filter does
    return keys


def install() -> None:
    """Item 14."""
    global rasas_possible_keys
    from rasa.core.policies.rule_policy import RulePolicy

    if RulePolicy._get_possible_keys is not possible_keys:
        rasas_possible_keys = RulePolicy._get_possible_keys
    RulePolicy._get_possible_keys = possible_keys
