"""What the hardening suite tried, counted per kind; printed at the end of the run (also
when the tests run in several worker processes: each sends its counts back)."""

from __future__ import annotations

from collections import Counter

TRIED: Counter[str] = Counter()
