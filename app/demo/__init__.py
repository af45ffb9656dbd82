"""Synthetic usage logs with planted abuse and PII, and their ground truth."""

from app.demo.generator import ARCHETYPES, Summary, generate

__all__ = ["ARCHETYPES", "Summary", "generate"]
