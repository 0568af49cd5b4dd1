"""Every Pelican build runs under a guard: into a fresh folder, swapped in only on success,
and any failure turned into `path:line: field: message — fix` or one plain sentence.

Pelican has no signal after the last `finalized` receiver (blinker calls receivers in no
fixed order, and kfq_search indexes the site in one of them), and it prints a traceback for
any exception that leaves `Pelican.run`. So the guard wraps that one method of the one
Pelican instance it is given at `initialized`: the only place this project reaches past
Pelican's signals, kept here and pinned by tests/test_guard.py, which fails if Pelican's
`run` or its way of building generators from `output_path` changes.

A stop is a SystemExit (kfq.errors.BuildStopped): Pelican's `main` would log any Exception
with its traceback. But `pelican -r` (Pelican's `autoreload` loop) catches only Exceptions,
and on one it builds again at once, without waiting for a change; a SystemExit ends it. So
when the build was started by that loop, the guard tells the stop and returns: the loop
then waits for the next change as after a good build, and `output/` keeps the last good
site. Pelican tells a plugin nothing about the loop; the guard recognises it as the caller
of `run` (the public `pelican.autoreload`), pinned by tests/test_autoreload.py.
"""

from __future__ import annotations

import inspect
import logging
import sys
import traceback
from functools import wraps
from pathlib import Path

from pelican import autoreload, signals

from kfq.atomic import discard, fresh_folder, swap_in, sweep
from kfq.errors import BuildStopped, ContentInvalid, KfqError
from kfq.settings import kfq_settings

logger = logging.getLogger(__name__)
PLUGINS = Path(__file__).resolve().parent.parent


def culprit(exc: BaseException) -> str:
    """The plugin whose code raised exc (the innermost of ours on the stack), or Pelican."""
    name = "Pelican"
    for frame, _ in traceback.walk_tb(exc.__traceback__):
        path = Path(frame.f_code.co_filename)
        if not path.is_relative_to(PLUGINS):
            continue
        top = path.relative_to(PLUGINS).parts[0]
        if top.startswith("kfq") and top != "kfq_guard":
            name = "the core (plugins/kfq)" if top == "kfq" else top
    return name


def explain(exc: Exception, output: str) -> tuple[list[str], str]:
    """What an editor is told about exc: located lines where a file is at fault, and a sentence."""
    untouched = f"nothing was published and {output}/ is as it was"
    if isinstance(exc, ContentInvalid):
        return [str(p) for p in exc.problems], f"{exc}: {untouched}."
    if isinstance(exc, KfqError):
        return [], f"{exc} ({untouched})."
    return [], (
        f"The build stopped because {culprit(exc)} failed ({type(exc).__name__}: {exc}); "
        f"{untouched}. No article is at fault: report this line to the site's developers "
        "(`pelican --debug` shows where it happened)."
    )


def started_by_autoreload() -> bool:
    """Whether this build runs inside `pelican -r`'s loop (pelican.autoreload is a caller)."""
    frame = inspect.currentframe()
    while frame is not None:
        if frame.f_code is autoreload.__code__:
            return True
        frame = frame.f_back
    return False


def guard(pelican) -> None:
    """Wrap this Pelican instance's run: stage the output, translate failures, swap on success."""
    run = pelican.run
    settings = pelican.settings
    # The editors' loop writes into output/ in place (DELETE_OUTPUT_DIRECTORY off, only the
    # changed pages rendered); a full build starts from an empty folder, so it can be staged.
    atomic = kfq_settings(settings)["ATOMIC"] and settings.get("DELETE_OUTPUT_DIRECTORY")
    debug = logger.getEffectiveLevel() <= logging.DEBUG

    @wraps(run)
    def guarded_run():
        output = pelican.output_path
        staging = fresh_folder(Path(output)) if atomic else None
        # The site the last swap replaced goes while this build renders (kfq.atomic).
        sweeper = sweep(Path(output)) if atomic else None
        if staging is not None:
            pelican.output_path = settings["OUTPUT_PATH"] = str(staging)
        try:
            run()
            if staging is not None:
                swap_in(staging, Path(output), settings.get("OUTPUT_RETENTION", ()))
        except BaseException as exc:
            if staging is not None:
                discard(staging)
            if debug or not isinstance(exc, Exception | BuildStopped):
                raise  # KeyboardInterrupt, another SystemExit, or a developer's --debug
            stop = exc if isinstance(exc, BuildStopped) else BuildStopped(*explain(exc, Path(output).name))
            if started_by_autoreload():
                # Printed, not logged: Pelican's log drops a warning it has shown once.
                print("Waiting for a change: the build runs again when a file is saved.", file=sys.stderr)
                return
            raise stop from None
        finally:
            pelican.output_path = settings["OUTPUT_PATH"] = output
            if sweeper is not None:
                sweeper.join()

    pelican.run = guarded_run


def register() -> None:
    """Guard every Pelican instance as soon as it is set up."""
    signals.initialized.connect(guard)
