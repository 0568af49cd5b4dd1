"""Pelican adapter: the submission guidelines (征稿启事) at /submit/, from calls/YYYY.yaml."""

from pelican import signals

from kfq_submit.submit import SubmitGenerator


def get_generators(_pelican):
    return SubmitGenerator


def register() -> None:
    """Add the guidelines generator to every build."""
    signals.get_generators.connect(get_generators)
