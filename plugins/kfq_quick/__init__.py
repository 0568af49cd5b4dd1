"""Pelican adapter: the editors' quick rebuild writes only pages that show a changed article."""

from kfq_quick.quick import register

__all__ = ["register"]
