"""Pelican adapter: articles' YAML front-matter read with libyaml."""

from kfq_reader.reader import register

__all__ = ["register"]
