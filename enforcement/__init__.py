"""Enforcement: cases, decisions, roles, re-identification gate, outbox, audit log."""
