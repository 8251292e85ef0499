"""Retention: forgetting on time (scheduled and `bin/asb retention`), subject-access export and
erasure on a resident's request. The rules and periods: docs/retention.md."""
