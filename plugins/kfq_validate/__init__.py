"""Pelican adapter: stop any build whose articles break the contract, and keep drafts private."""

from kfq_validate.validate import register

__all__ = ["register"]
