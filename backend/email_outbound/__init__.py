"""Emails to residents: SMTP settings, composing, and sending the outbox's email rows."""
