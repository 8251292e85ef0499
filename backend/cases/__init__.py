"""Cases: a resident's report, its routing, risk, time limits and timeline."""
