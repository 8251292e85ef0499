"""Returning residents: checking a case, one-time codes, open cases and repeat incidents."""
