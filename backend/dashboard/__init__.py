"""The managers' dashboard: reports over time, time limits met, overdue cases, CSV export."""
