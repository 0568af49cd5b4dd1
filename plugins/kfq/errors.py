"""The exception tree of the domain core.

    KfqError                      every failure the core reports on purpose
    ├── RegisterError             a data file in content/data/ is missing or malformed
    ├── ContentInvalid            one or more articles break the front-matter contract
    ├── ArticleExists             `invoke new` would overwrite an existing file
    ├── SettingsError             a KFQ or PUBLISHER setting in pelicanconf.py cannot be used
    ├── PublishError              a publishing target is misconfigured or an upload failed
    ├── UnknownAsset              a template links a theme file that does not exist

Messages name the file (and line where there is one), say what is wrong and how to fix it.
In a Pelican build, kfq_guard turns any of them (and any other failure) into that message and
a clean stop, never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


class KfqError(Exception):
    """Base of every error the core raises on purpose."""


class RegisterError(KfqError):
    """A register in content/data/ cannot be used as it stands."""


class SettingsError(KfqError):
    """A setting in pelicanconf.py is not one the site knows how to use."""


class ArticleExists(KfqError):
    """A scaffolded article would overwrite a file that is already there."""


class UnknownAsset(KfqError):
    """A template names a theme file that is not there."""


class PublishError(KfqError):
    """A publishing target is misconfigured, or an upload or switch did not complete."""


@dataclass(frozen=True, order=True)
class Problem:
    """One contract violation, located in a file and line."""

    path: str
    line: int
    field: str
    message: str
    fix: str = ""

    def __str__(self) -> str:
        tail = f" — {self.fix}" if self.fix else ""
        return f"{self.path}:{self.line}: {self.field}: {self.message}{tail}"


class ContentInvalid(KfqError):
    """Articles break the contract; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        files = len({p.path for p in self.problems})
        super().__init__(
            f"{len(self.problems)} problem(s) in {files} article file(s); fix them and build again"
        )
