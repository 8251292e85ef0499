"""Safeguarding records: a conversation in which the assistant gave safety advice (999,
self-harm, domestic abuse) is known to the backend from that moment; if the resident stops
before finishing the report, it becomes an urgent incomplete-report case and the duty officer
is alerted (models.py, contract.py, service.py, joins.py, sweep.py, views.py)."""
