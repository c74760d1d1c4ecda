"""Models of records."""
