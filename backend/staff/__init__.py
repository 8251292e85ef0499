"""Staff accounts, sessions and the staff pages."""
