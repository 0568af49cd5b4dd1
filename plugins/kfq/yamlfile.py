"""One way to read an editors' YAML file: safely, and a syntax error named by file and line."""

from __future__ import annotations

from pathlib import Path

import yaml

from kfq.errors import KfqError

# libyaml when PyYAML has it: the registers are read in every build.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: Path, error: type[KfqError]) -> object:
    """The document in path; a syntax error raises `error` with path:line and the fix."""
    try:
        return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_LOADER)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise error(f"{path}{where}: not valid YAML ({e}) — fix the syntax") from e
