"""Pelican adapter: a build is atomic, and any failure in it stops it with a message, never a traceback."""

from kfq_guard.guard import BuildStopped, register

__all__ = ["BuildStopped", "register"]
