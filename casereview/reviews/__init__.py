"""Rapid reviews: clocks, agency information requests and returns, decisions, sign-off, Panel submission."""
