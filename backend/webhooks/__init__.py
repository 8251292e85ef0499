"""Case events to partner systems: signed webhooks with retries and a delivery log."""
