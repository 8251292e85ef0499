"""Intake: the report contract and turning a resident's report into a case (POST /api/reports)."""
