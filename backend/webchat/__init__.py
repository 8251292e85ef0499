"""The resident web chat: the page at `/` and a JSON proxy to Rasa's web chat channel."""
