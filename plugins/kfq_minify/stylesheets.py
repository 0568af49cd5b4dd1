"""The theme's stylesheets, minified in the output with rcssmin."""

from __future__ import annotations

import logging
from pathlib import Path

import rcssmin

from kfq.settings import kfq_settings

logger = logging.getLogger(__name__)


def minify(css: str) -> str:
    """A stylesheet without comments and spare whitespace; every rule stays, in its order."""
    return rcssmin.cssmin(css)


def minify_output_css(pelican) -> None:
    """Minify the stylesheets Pelican copied from the theme into the output."""
    if not kfq_settings(pelican.settings)["MINIFY"]:
        return
    folder = Path(pelican.output_path) / pelican.settings["THEME_STATIC_DIR"]
    for path in sorted(folder.rglob("*.css")):
        path.write_text(minify(path.read_text(encoding="utf-8")), encoding="utf-8")
        logger.debug("minified %s", path)
