"""Pelican adapter: lighter pages for issue 6's budget (an article page's HTML + CSS ≤ 30 KB).

Templates lose the line breaks and indentation that lay out their own source, once, when
Jinja compiles them: no page is read back, and the editors' quick rebuild pays nothing.
What the templates insert (titles, the article's HTML) is left exactly as escaped. The
theme's readable CSS (theme/static/css/) is minified in the output once everything is written.
Both follow KFQ["MINIFY"].
"""

from pelican import signals

from kfq_minify.stylesheets import minify_output_css
from kfq_minify.templates import strip_template_layout


def register() -> None:
    """Compile each generator's templates without layout; minify the output's CSS at the end."""
    signals.generator_init.connect(strip_template_layout)
    signals.finalized.connect(minify_output_css)
