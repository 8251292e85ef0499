"""The Rasa assistant: domain and training data, custom actions, NLG catalog."""
