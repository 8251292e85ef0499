"""The case backend: cases, triage, notifications, staff UI and JSON API."""
