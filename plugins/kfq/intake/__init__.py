"""Intake of submissions as contributors send them: read formats → structure → enrich → write draft."""

from kfq.intake.errors import IntakeError, UnreadableSubmission
from kfq.intake.pipeline import IntakeReport, intake_files

__all__ = ["IntakeError", "IntakeReport", "UnreadableSubmission", "intake_files"]
