"""Residents' evidence files: photos, videos, sound recordings and documents (issue 15)."""
