"""What an analyst's decision says about an account, as a label other parts learn from.

The record crosses domains: ``enforcement`` makes the labels from its decisions
(:func:`enforcement.decisions.final_labels`), ``investigate.learn`` trains the ranking
on them and ``redaction.export`` writes the training set; the interface layer passes
them from one to the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Label:
    """An account's final decision: the latest one in force on its cases (a severe
    one only once a second lead approved it). Accounts without one have no label:
    an undecided account is never a negative."""

    account: str
    actioned: bool  # warn, rate_limit, suspend or ban; False: cleared (no_action)
    action: str
    policy: str
    decision_id: str
    decided_at: datetime

    @property
    def name(self) -> str:
        """The training label: the policy of an actioned account, else ``cleared``."""
        return self.policy if self.actioned else "cleared"
