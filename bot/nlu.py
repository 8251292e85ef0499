"""Rasa NLU component: the safety layer and not-ASB filter on every parsed message.

Added at the end of the pipeline (config.yml), after DIET and the FallbackClassifier, so it sees
every resident message at any point of the conversation (first message, mid-form, at the
summary). When `bot.routing.override_intent` says so it replaces the intent (confidence 1.0) and
keeps the text; the rules (bot/data/rules.yml) then lead with the right advice. Button payloads
(`/intent`) never reach NLU components, so they are never overridden.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.routing import decide


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class SafetyOverride(GraphComponent):
    """Overrides the classifier's intent when the safety layer or not-ASB filter matches."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SafetyOverride:
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            intent = message.get(INTENT) or {}
            new, confidence = decide(
                text,
                intent.get("name"),
                float(intent.get("confidence") or 0.0),
                message.get(INTENT_RANKING_KEY) or [],
            )
            if new is None:
                continue
            chosen = {"name": new, "confidence": confidence}
            ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != new]
            message.set(INTENT, chosen, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [chosen, *ranking], add_to_output=True)
        return messages
