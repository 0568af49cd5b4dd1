"""Pelican adapter: each article's photo published as resized copies without metadata."""

from kfq_images.photos import register

__all__ = ["register"]
