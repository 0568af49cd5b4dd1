"""Resize each published article's photo (kfq.images) and copy the copies into the site.

The copies are encoded into the cache folder, named by the photo's content, so a rebuild
encodes nothing new; each build copies the ones its articles use into output/images/. The
original in content/images/ is never published (STATIC_PATHS leaves it out): it may carry
the camera's GPS position.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from pelican import signals

from kfq.images import render
from kfq.settings import kfq_settings

CONTEXT_KEY = "KFQ_PHOTO_FILES"  # per-build state on the generator context: files to copy


def render_photos(generator) -> None:
    """Give every published article with an `image` its Rendition (article.photo), and every
    previewed draft in the editors' loop: an editor reviews a submission with its photo."""
    cache = Path(generator.settings.get("CACHE_PATH") or "cache") / "images"
    files: list[tuple[Path, str]] = generator.context.setdefault(CONTEXT_KEY, [])
    # Only under PREVIEW_DRAFTS, whatever the order of the plugins' handlers: a draft's photo
    # must never reach a published site.
    drafts = generator.drafts if kfq_settings(generator.settings)["PREVIEW_DRAFTS"] else []
    for article in [*generator.articles, *drafts]:
        image = str(article.metadata.get("image") or "")
        article.photo = None
        if not image:
            continue
        source = Path(generator.path) / image
        folder = Path(image).parent.as_posix()  # images/YYYY: the copies' URL folder
        rendition = render(source, cache / Path(image).parent.relative_to("images"), folder)
        article.photo = rendition
        for copy in rendition.copies:
            for url in (copy.webp, copy.jpeg):
                files.append((cache / Path(url).relative_to("images"), url))


def copy_photos(generator, writer) -> None:
    """Copy this build's photo copies into the output folder (skipping those already there)."""
    out = Path(writer.output_path)
    for cached, url in generator.context.get(CONTEXT_KEY, []):
        target = out / url
        if target.exists() and target.stat().st_size == cached.stat().st_size:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)


def register() -> None:
    """Resize photos once articles are read; copy them in once the articles are written."""
    signals.article_generator_finalized.connect(render_photos)
    signals.article_writer_finalized.connect(copy_photos)
