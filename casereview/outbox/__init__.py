"""The outbox: every e-mail the service sends, delivered by the background worker with retries."""
