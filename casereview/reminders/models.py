"""Models of reminders."""
