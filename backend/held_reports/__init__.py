"""Held reports: reports the report contract refused, kept for staff instead of lost.

The action server hands every report the backend refused (POST /api/reports answered 400 even
without its optional parts) to POST /api/held-reports; staff see them under /staff/held-reports,
retry them, file them as a case after correcting the refused answers, or resolve them with a
reason. Every step is audited in `held_report_events`.
"""
