"""Alerts to the duty officer: new emergency or domestic abuse reports, overdue urgent cases."""
