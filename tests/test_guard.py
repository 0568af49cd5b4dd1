"""kfq_guard and kfq.atomic: a failure anywhere stops the build cleanly and leaves output/ as it was."""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, fixture_article, make_content
from kfq.atomic import discard, fresh_folder, stale_sites, swap_in, sweep

ARTICLES = {"2023/valid-article.md": fixture_article("valid-article")}

# One failure per plugin of ours, each in code a build runs (as the module's global or a
# generator's method, where the plugin's register() or Pelican looks it up).
INJECTIONS = [
    ("kfq_catalog.catalog", "resolve_articles", "kfq_catalog"),
    ("kfq_feeds.feeds", "FeedsGenerator.generate_output", "kfq_feeds"),
    ("kfq_search", "start_index", "kfq_search"),
    ("kfq_search", "finish_index", "kfq_search"),
    ("kfq_search.search", "SearchPageGenerator.generate_output", "kfq_search"),
    ("kfq_yearend.generator", "YearendGenerator.generate_context", "kfq_yearend"),
    ("kfq_zones.zones", "ZonesGenerator.generate_output", "kfq_zones"),
    ("kfq_taxonomies.taxonomies", "TaxonomiesGenerator.generate_output", "kfq_taxonomies"),
    ("kfq_submit.submit", "SubmitGenerator.generate_output", "kfq_submit"),
    ("kfq_templates", "add_filters", "kfq_templates"),
    ("kfq_minify", "minify_output_css", "kfq_minify"),
    ("kfq_quick.quick", "quick_writer", "kfq_quick"),
    ("kfq_validate.validate", "check_content", "kfq_validate"),
    ("kfq_reader.reader", "zishu", "could not be read"),
]

SCRIPT = r"""
import importlib, sys
module, dotted = sys.argv[1], sys.argv[2]
target = importlib.import_module(module)
home = target.__file__  # the failure is compiled as if written in the plugin's own file
*parents, name = dotted.split(".")
for part in parents:
    target = getattr(target, part)
code = "def injected(*args, **kwargs):\n    raise RuntimeError('injected failure')\n"
scope = dict()
exec(compile(code, home, "exec"), scope)
setattr(target, name, scope["injected"])
from pelican import main
main(sys.argv[3:])
"""


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def last_good_site(output: Path) -> dict[str, bytes]:
    """An output/ as a previous build left it, with office files the build must keep."""
    (output / "articles").mkdir(parents=True)
    (output / "index.html").write_text("<p>上一次的网站</p>", encoding="utf-8")
    (output / "articles" / "old.html").write_text("旧文章", encoding="utf-8")
    (output / "contributors" / "2023").mkdir(parents=True)
    (output / "contributors" / "2023" / "名单.xlsx").write_bytes(b"PK\x03\x04office")
    return snapshot(output)


def pelican_with(tmp_path: Path, module: str, dotted: str) -> subprocess.CompletedProcess:
    content = make_content(tmp_path, ARTICLES)
    argv = [str(content), "-s", str(ROOT / "pelicanconf.py"), "-o", str(tmp_path / "output")]
    argv += ["-e", "KFQ=" + json.dumps({"SEARCH_INDEX": module == "kfq_search", "REQUIRED_PLUGINS": []})]
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-c", SCRIPT, module, dotted, *argv],
        cwd=ROOT, capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip


@pytest.mark.parametrize(("module", "dotted", "named"), INJECTIONS, ids=[i[1] for i in INJECTIONS])
def test_a_failure_in_any_plugin_stops_the_build_cleanly_and_leaves_output_as_it_was(
    tmp_path, module, dotted, named
):
    before = last_good_site(tmp_path / "output")
    proc = pelican_with(tmp_path, module, dotted)
    log = proc.stdout + proc.stderr
    assert proc.returncode == 1, log
    assert "Traceback" not in log and 'File "' not in log, log
    assert named in log and "injected failure" in log, log
    assert snapshot(tmp_path / "output") == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".output-")] == []


def test_a_good_build_is_swapped_in_and_keeps_the_office_files(tmp_path):
    from conftest import run_pelican

    last_good_site(tmp_path / "output")
    build = run_pelican(make_content(tmp_path, ARTICLES), tmp_path / "output")
    assert build.returncode == 0, build.log
    files = snapshot(tmp_path / "output")
    assert "articles/2023/11/valid-article/index.html" in files
    assert "articles/old.html" not in files  # a full build starts from an empty folder
    assert files["contributors/2023/名单.xlsx"] == b"PK\x03\x04office"
    assert oct((tmp_path / "output").stat().st_mode & 0o777) != oct(0o700)
    # The site it replaced waits beside it, and the next build removes it while it renders.
    (stale,) = [p for p in tmp_path.iterdir() if p.name.startswith(".output-")]
    assert stale.name.startswith(".output-stale-") and (stale / "articles/old.html").exists()
    again = run_pelican(build.content, tmp_path / "output")
    assert again.returncode == 0, again.log
    assert snapshot(tmp_path / "output").keys() == files.keys()
    (newer,) = [p for p in tmp_path.iterdir() if p.name.startswith(".output-")]
    assert newer != stale and not stale.exists()


def test_an_invalid_article_leaves_the_last_good_site(tmp_path):
    from conftest import run_pelican

    before = last_good_site(tmp_path / "output")
    build = run_pelican(
        make_content(tmp_path, {**ARTICLES, "2023/missing-title.md": fixture_article("missing-title")}),
        tmp_path / "output",
    )
    assert build.returncode == 1
    assert "missing-title.md:1: title:" in build.log
    assert snapshot(tmp_path / "output") == before


def test_pelican_still_runs_the_way_the_guard_relies_on():
    """The guard wraps Pelican.run on the instance `initialized` hands it, and stages the
    output by changing the instance's output_path before run builds its generators and
    writer from it. If Pelican changes either, this fails and kfq_guard must be revisited."""
    from pelican import Pelican

    init = inspect.getsource(Pelican.__init__)
    run = inspect.getsource(Pelican.run)
    assert "signals.initialized.send(self)" in init
    assert "output_path=self.output_path" in run
    assert "self._get_writer()" in run
    assert "signals.finalized.send(self)" in run
    writer = inspect.getsource(Pelican._get_writer)
    assert "self.output_path" in writer
    main = inspect.getsource(sys.modules["pelican"].main)
    assert "pelican.run()" in main


def test_swap_in_replaces_output_and_discard_removes_a_failed_build(tmp_path):
    output = tmp_path / "output"
    last_good_site(output)
    staging = fresh_folder(output)
    assert staging.parent == tmp_path and staging.is_dir() and not any(staging.iterdir())
    (staging / "index.html").write_text("新", encoding="utf-8")
    failed = fresh_folder(output)
    discard(failed)
    assert not failed.exists()
    swap_in(staging, output, ["contributors", ".git"])
    assert (output / "index.html").read_text(encoding="utf-8") == "新"
    assert (output / "contributors/2023/名单.xlsx").exists()
    (stale,) = stale_sites(output)
    assert (stale / "articles/old.html").exists()  # the replaced site, not yet removed
    sweep(output).join()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_invoke_build_swaps_only_after_the_search_index_succeeded(tmp_path, monkeypatch):
    """`invoke build`: Pelican writes the pages and, beside them, the search index (kfq_search)
    into a fresh folder; a build whose index failed exits 1 and leaves output/ as it was."""
    import invoke

    import pelicanconf
    import tasks

    monkeypatch.setattr(tasks, "ROOT", tmp_path)
    before = last_good_site(tmp_path / "output")
    commands = []

    class Ran:
        exited = 0

    def fake_pelican(command, **kwargs):
        commands.append(command)
        staging = Path(command.split(" -o ")[1].split()[0].strip("'"))
        (staging / "index.html").write_text("新网站", encoding="utf-8")
        return Ran()

    c = invoke.Context()
    monkeypatch.setattr(c, "run", fake_pelican)
    Ran.exited = 1  # as kfq_guard ends a build whose Pagefind failed
    with pytest.raises(invoke.Exit):
        tasks.build.body(c)
    assert snapshot(tmp_path / "output") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]
    assert '"SEARCH_INDEX": false' not in commands[0]  # the index is built inside the build

    Ran.exited = 0
    tasks.build.body(c)
    assert (tmp_path / pelicanconf.OUTPUT_PATH / "index.html").read_text(encoding="utf-8") == "新网站"
    assert (tmp_path / "output/contributors/2023/名单.xlsx").exists()
    # The replaced site waits beside output/ until the next build removes it.
    (stale,) = stale_sites(tmp_path / "output")
    tasks.build.body(c)
    assert not stale.exists() and len(stale_sites(tmp_path / "output")) == 1
