"""Outbound SMS: the outbox, the Twilio client, the sending worker and status callbacks."""
