"""Inbound texts: what a resident texts us (opt-out words, replies about a case, survey
answers, photos, and messages for the assistant)."""
