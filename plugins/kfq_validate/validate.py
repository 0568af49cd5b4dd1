"""Validation inside the Pelican build: the same checks and messages as `invoke check`."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from pelican import signals
from pelican.urlwrappers import Category

from kfq.buildstate import registers_for, state
from kfq.checking import check_content, memo_key
from kfq.contract import Memo
from kfq.errors import BuildStopped
from kfq.frontmatter import ReadOnce
from kfq.quick import SESSION
from kfq.settings import data_dir, kfq_settings

MEMO = "kfq-checked.json"

logger = logging.getLogger(__name__)


def check_plugins(pelican) -> None:
    """Stop when a required plugin did not load: Pelican only logs that, and by now it has
    replaced settings["PLUGINS"] with the names that did load."""
    loaded = {getattr(p, "__name__", "") for p in pelican.plugins}
    wanted = kfq_settings(pelican.settings)["REQUIRED_PLUGINS"]
    missing = [p for p in wanted if p not in loaded and f"pelican.plugins.{p}" not in loaded]
    if missing:
        raise BuildStopped(
            [f"PLUGINS: not loaded: {name}" for name in missing],
            "a required plugin did not load — check the names in PLUGINS and run `make setup`",
        )


def _memo_path(settings) -> Path | None:
    """Where the checks of valid articles are kept between builds: only where Pelican keeps
    its content cache (the editors' loop); a publishing build checks every file afresh."""
    if settings.get("CACHE_CONTENT") and settings.get("LOAD_CONTENT_CACHE"):
        return Path(settings["CACHE_PATH"]) / MEMO
    return None


def load_memo(path: Path, key: str) -> Memo:
    """The kept checks at path when they were made under key, else an empty memo."""
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        saved = None
    if isinstance(saved, dict) and saved.get("key") == key and isinstance(saved.get("files"), dict):
        return Memo(key, saved["files"])
    return Memo(key)


def stop_for(problems: list) -> None:
    """Stop the build with the editor's `path:line: field: message` lines, when there are any."""
    if problems:
        raise BuildStopped(
            [str(p) for p in problems],
            f"{len(problems)} problem(s) in {len({p.path for p in problems})} article file(s): "
            "the build stopped and published nothing. Fix them, then run `invoke check`.",
        )


def validate_articles(generator) -> None:
    """Check every article file before Pelican reads any, so a bad one stops the build."""
    settings = generator.settings
    session = settings.get(SESSION)
    memo_path = None if session is not None else _memo_path(settings)
    memo = load_memo(memo_path, memo_key(data_dir(settings))) if memo_path else None
    if session is not None:
        # The editors' build server keeps its memo in memory from one save to the next.
        key = memo_key(data_dir(settings))
        if session.checked is None or session.checked.key != key:
            session.checked = Memo(key, before_each=session.give_way)
        memo = session.checked
    # A full build hands what the check read to the reader (kfq_reader), so each file is read
    # and parsed once; the editors' loop keeps its own memos of both instead.
    read = ReadOnce() if memo is None else None
    checked = check_content(
        Path(generator.path),
        registers_for(generator.context, settings),
        settings["ARTICLE_PATHS"],
        shown_from=Path(os.getcwd()),
        memo=memo,
        read=read,
    )
    if memo_path is not None and memo is not None:
        memo_path.parent.mkdir(parents=True, exist_ok=True)
        memo_path.write_text(json.dumps({"key": memo.key, "files": memo.files}, ensure_ascii=False),
                             encoding="utf-8")  # fmt: skip
    stop_for([p for item in checked for p in item.problems])
    # Kept for the second half of the promise: every file checked must also be read.
    state(generator.context)["checked_files"] = [c.source.path for c in checked]
    if read is not None:
        state(generator.context)["read"] = read


def account_for_every_file(generator) -> None:
    """Stop when Pelican skipped an article file it was given, and drop the drafts.

    Pelican logs and skips files it cannot read; checking has already passed them, so any
    file missing here is a reader failure the editor must still hear about.
    """
    read = {
        os.path.abspath(a.source_path)
        for group in (
            generator.articles,
            generator.translations,
            generator.drafts,
            generator.drafts_translations,
            generator.hidden_articles,
            generator.hidden_translations,
        )
        for a in group
    }
    # What the check kept for the reader and the reader did not take (none, as a rule) goes.
    state(generator.context).pop("read", None)
    expected = state(generator.context).get("checked_files", [])
    # abspath, not resolve(): both sides name the same files, and resolve() costs a stat per part.
    skipped = [p for p in expected if os.path.abspath(p) not in read]
    if skipped:
        raise BuildStopped(
            [f"{p}:1: file: Pelican could not read this article — see the error above" for p in skipped],
            f"{len(skipped)} article file(s) were not read: the build stopped.",
        )
    # The other half: Pelican read nothing the check did not see (kfq.discovery's rules and
    # Pelican's IGNORE_FILES are meant to agree; this is where a disagreement would show).
    unchecked = sorted(read - {os.path.abspath(p) for p in expected})
    if unchecked:
        raise BuildStopped(
            [f"{p}:1: file: Pelican read this file as an article but the check did not — "
             "move it into articles/YYYY/ as a .md file, or out of content/articles/" for p in unchecked],
            f"{len(unchecked)} file(s) were read without being checked: the build stopped.",
        )  # fmt: skip
    if kfq_settings(generator.context)["PREVIEW_DRAFTS"]:  # the context starts as the settings
        # The editors' loop: drafts rendered at their own URLs (see preview_drafts). Pelican
        # writes a draft with its `category`, which articles of a site without categories lack.
        for draft in generator.drafts:
            if not hasattr(draft, "category"):
                draft.category = Category(generator.settings["DEFAULT_CATEGORY"], generator.settings)
        return
    # Drafts reach no public output: not output/drafts/, not feeds, sitemap or search.
    generator.drafts = []
    generator.drafts_translations = []
    generator.context["drafts"] = []


def preview_drafts(pelican) -> None:
    """Under KFQ PREVIEW_DRAFTS (the editors' loop only), a draft is rendered at the URL it
    will have once published, instead of Pelican's drafts/ folder; it is listed nowhere (Pelican
    keeps drafts out of every listing and feed, the sitemap skips them) and its page says
    草稿 · 未发布 and asks search engines not to index it (article.html)."""
    settings = pelican.settings
    if kfq_settings(settings)["PREVIEW_DRAFTS"]:
        settings["DRAFT_URL"] = settings["ARTICLE_URL"]
        settings["DRAFT_SAVE_AS"] = settings["ARTICLE_SAVE_AS"]


def register() -> None:
    """Connect the validator to Pelican's signals."""
    signals.initialized.connect(check_plugins)
    signals.initialized.connect(preview_drafts)
    signals.article_generator_init.connect(validate_articles)
    signals.article_generator_finalized.connect(account_for_every_file)
