"""Partnerships, agencies, people, groups, memberships, roles and terms of reference."""
