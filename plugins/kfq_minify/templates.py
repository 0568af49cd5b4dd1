"""Templates compiled without the whitespace that lays out their own source."""

from __future__ import annotations

import re
from collections.abc import Iterator

from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream

from kfq.settings import kfq_settings

# Whitespace that holds a line break and touches a tag is the template's layout: a browser
# renders none of it between two block elements, and our templates never rely on a line
# break for a space between inline ones (they write the space).
BETWEEN_TAGS = re.compile(r">\s*\n\s*<")
AFTER_TAG = re.compile(r">\s*\n\s*$")
BEFORE_TAG = re.compile(r"^\s*\n\s*<")
# The indentation left before a tag when trim_blocks took the line break after a {% … %}.
INDENT_BEFORE_TAG = re.compile(r"^[ \t]+<")


def squeeze(text: str, after_line_end: bool = False) -> str:
    """A template's literal text without the layout whitespace around its tags."""
    text = BEFORE_TAG.sub("<", AFTER_TAG.sub(">", BETWEEN_TAGS.sub("><", text)))
    return INDENT_BEFORE_TAG.sub("<", text) if after_line_end else text


class TemplateLayout(Extension):
    """Squeeze the literal text of every template; expressions and their values are untouched."""

    def filter_stream(self, stream: TokenStream) -> Iterator[Token]:
        after_line_end = False
        for token in stream:
            if token.type == "data":
                token = Token(token.lineno, "data", squeeze(token.value, after_line_end))
            # trim_blocks keeps the line break it removed in the value of the block's end.
            after_line_end = token.type == "block_end" and token.value.endswith("\n")
            yield token


def strip_template_layout(generator) -> None:
    """Give this generator's Jinja environment the extension (before any template compiles)."""
    if kfq_settings(generator.settings)["MINIFY"]:
        generator.env.add_extension(TemplateLayout)
