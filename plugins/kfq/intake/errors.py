"""The intake's exceptions, each naming the submitted file and saying what to do.

KfqError (kfq.errors)
└── IntakeError               any failure of `invoke intake`
    └── UnreadableSubmission  a file that is no submission the intake can read
"""

from __future__ import annotations

from kfq.errors import KfqError


class IntakeError(KfqError):
    """Base of every failure the intake reports on purpose."""


class UnreadableSubmission(IntakeError):
    """A submitted file in a format the intake does not read, or damaged."""

    def __init__(self, name: str, detail: str, fix: str):
        self.name = name
        super().__init__(f"{name}: {detail} — {fix}")
