"""The exception tree: every exception class of the core and the plugins, drawn here.

    BaseException
    ├── Superseded                      a newer save arrived: the editors' full pass gives way (kfq.quick)
    ├── SystemExit
    │   └── BuildStopped                a build stopped after its reasons were told (exit status 1)
    └── Exception
        └── KfqError                    every failure the core reports on purpose
            ├── RegisterError           a data file in content/data/ is missing or malformed
            ├── ContentInvalid          one or more articles break the front-matter contract
            ├── FrontMatterTooLarge     a front-matter block stands for too many values (kfq.frontmatter)
            ├── ArticleExists           `invoke new` would overwrite an existing file
            ├── SettingsError           a KFQ or PUBLISHER setting in pelicanconf.py cannot be used
            ├── PublishError            a publishing target is misconfigured or an upload failed
            │   └── PublishBusy         another publish from this checkout is running (kfq.publish.lock)
            ├── UnknownAsset            a template links a theme file that does not exist
            ├── SearchIndexError        Pagefind is missing or failed (kfq.search)
            ├── LiveServerError         the editors' build server stopped answering (kfq_quick.live)
            ├── ImageRefused            a photo cannot be published as it is (kfq.images)
            ├── IntakeError             any failure of `invoke intake` (kfq.intake.errors)
            │   └── UnreadableSubmission  a submitted file cannot be read
            ├── ImporterError           any failure of `invoke import-seeds` (kfq.importer.errors)
            │   ├── UndecodableFile     a seed is neither UTF-8 nor GB18030/GBK text
            │   ├── ManifestError       seeds/manifest.yaml is missing an entry or malformed
            │   ├── DecisionError       seeds/decisions.yaml (editors' decisions) is malformed
            │   └── CharactersLost      the conservation check found Han characters in ≠ out
            └── YearendError            the year-end list cannot be made (kfq.yearend.errors)
                ├── NoArticles          the year has no published article
                ├── UnsignedArticles    published articles of the year name no author
                ├── UnknownAuthors      bylines name people the register does not know
                ├── RankingRulesInvalid the call's `ranking:` section is unusable
                ├── NoCall              no call for submissions covers the year
                ├── UnknownCharacters   names hold characters the stroke data lacks
                ├── SiteUrlMissing      the office files need KFQ_SITEURL
                └── PdfFailed           LibreOffice could not make a PDF

Messages name the file (and line where there is one), say what is wrong and how to fix it.
`invoke` tasks print a KfqError's message and exit 1. In a Pelican build, kfq_guard turns
any of them (and any other failure) into BuildStopped: the located lines and one sentence,
never a traceback. BuildStopped is a SystemExit, not an Exception, so that Pelican's
per-file `except Exception` (around readers) cannot log it and skip the file; under
`pelican -r` the guard reports the stop and keeps watching instead of raising it.
tests/test_packaging.py holds every exception class of `kfq` and `kfq_*` to this drawing.
"""

from __future__ import annotations

import sys
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


class FrontMatterTooLarge(KfqError):
    """A front-matter block, once its aliases are expanded, holds more values than any article needs."""


class Superseded(BaseException):
    """The editors' build server stops a full pass because a newer save is waiting.

    Not an Exception: no plugin's `except Exception` may swallow it, and kfq_guard lets it
    through untold (it is no failure); the server builds the newer save instead."""


class LiveServerError(KfqError):
    """The editors' build server did not start or stopped answering; its output above says why."""


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


class BuildStopped(SystemExit):
    """Stops a build with exit status 1 once the reasons have been written.

    A SystemExit, so Pelican exits without a traceback: the editor needs the list of
    problems, not the stack of the plugin that found them. The lines and the sentence go to
    stderr as they are, not through Pelican's log: its handler would wrap `path:line` apart,
    and under `--fatal errors` (`invoke build`) logging an error raises a RuntimeError.
    """

    def __init__(self, lines: list[str], summary: str):
        self.lines = list(lines)
        self.summary = summary
        for line in [*self.lines, f"ERROR: {summary}"]:
            print(line, file=sys.stderr)
        super().__init__(1)
