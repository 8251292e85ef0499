"""Triage: the queue of cases waiting for a decision, and the duty officer's decision."""
