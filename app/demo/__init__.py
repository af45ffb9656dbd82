"""Synthetic usage logs with planted abuse and PII, and their ground truth."""

from app.demo.generator import ARCHETYPES, AUTOMATED, VARIANTS, Summary, generate

__all__ = ["ARCHETYPES", "AUTOMATED", "VARIANTS", "Summary", "generate"]
