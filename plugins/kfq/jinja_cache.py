"""Jinja's cache of compiled templates, valid only for the environment that compiled them."""

from __future__ import annotations

from jinja2 import Environment, FileSystemBytecodeCache
from jinja2.bccache import Bucket

FORMAT = "2"
# What changes the code Jinja compiles from the same source.
COMPILE_OPTIONS = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
    "optimized",
    "autoescape",
)


def environment_mark(environment: Environment) -> str:
    """The environment's compile options and extensions, as text."""
    options = [repr(getattr(environment, name, None)) for name in COMPILE_OPTIONS]
    # FORMAT: templates compiled before the `asset` filter stopped being folded at compile
    # time hold stale fingerprinted names; a new format compiles them afresh.
    return "\0".join([FORMAT, *options, *sorted(environment.extensions)])


class TemplateCache(FileSystemBytecodeCache):
    """FileSystemBytecodeCache whose entries also depend on the compiling environment.

    Jinja keys its cache by template file and checks it against the template's source only:
    a template compiled with an extension (kfq_minify's) or other options would be served
    to an environment without them. Here the check covers the environment too, so a build
    with other settings compiles afresh instead of reusing code that is not its own.
    """

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        return super().get_bucket(environment, name, filename, f"{source}\0{environment_mark(environment)}")
