"""Pelican adapter: resolve each published article against the registers, once per build."""

from kfq_catalog.catalog import register

__all__ = ["register"]
