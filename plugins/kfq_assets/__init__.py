"""Pelican adapter: the theme's files are linked by fingerprinted names (cached for a year).

Templates write `{{ SITEURL }}/{{ 'css/site.css'|asset }}`; the filter gives
`theme/css/site.<digest>.css`, and at the end of the build each theme file is copied to that
name in the output (after kfq_minify or before it: either way the copy ends up minified, as
kfq_minify minifies every stylesheet of the output's theme folder). KFQ["FINGERPRINT_ASSETS"]
False links the plain names.
"""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path

from jinja2 import pass_context
from pelican import signals

from kfq.assets import asset_path, manifest, write_fingerprinted
from kfq.settings import kfq_settings

logger = logging.getLogger(__name__)


def theme_assets(settings: dict) -> dict[str, str]:
    """The manifest of the theme's static folders for these settings."""
    theme = Path(settings["THEME"])
    return manifest(theme / p for p in settings.get("THEME_STATIC_PATHS", ["static"]))


def add_asset_filter(generator) -> None:
    """Give the generator's templates the `asset` filter (one manifest per build, in the context)."""
    assets = generator.context.get("kfq_assets")
    if assets is None:
        assets = generator.context["kfq_assets"] = theme_assets(generator.settings)
    linked = partial(
        asset_path,
        assets,
        static_dir=generator.settings["THEME_STATIC_DIR"],
        fingerprint=kfq_settings(generator.settings)["FINGERPRINT_ASSETS"],
    )

    # Marked as needing the render context so Jinja never runs it while compiling: it would
    # fold `'css/site.css'|asset` into the compiled template, and the compiled templates are
    # kept between builds (kfq.jinja_cache), so an edited stylesheet kept its old name.
    @pass_context
    def asset(context, path: str) -> str:
        return linked(path)

    generator.env.filters["asset"] = asset


def write_assets(pelican) -> None:
    """Copy the output's theme files to their fingerprinted names."""
    if not kfq_settings(pelican.settings)["FINGERPRINT_ASSETS"]:
        return
    folder = Path(pelican.output_path) / pelican.settings["THEME_STATIC_DIR"]
    for path in write_fingerprinted(theme_assets(pelican.settings), folder):
        logger.debug("fingerprinted %s", path)


def register() -> None:
    """Connect the filter to every generator and the copies to the build's end."""
    signals.generator_init.connect(add_asset_filter)
    signals.finalized.connect(write_assets)
