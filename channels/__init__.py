"""Custom Rasa input channels (loaded by `rasa run` from credentials.yml)."""
