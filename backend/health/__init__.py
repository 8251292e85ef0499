"""Is the service working? Liveness, readiness and a report of every component (issue 14)."""
