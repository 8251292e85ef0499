"""The landlord's own time limits, long-running cases, drafted action plans, hotspots and the
partners' CSV (docs/domain.md sections 7 and 10)."""
