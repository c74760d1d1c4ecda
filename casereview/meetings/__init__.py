"""Meetings of a group: date, mode, attendance and the quorum verdict."""
