"""Serious incident notifications, the children they concern, and the restricted identity register."""
