"""The one command line for editors and developers: `invoke --list` shows every task."""

from __future__ import annotations

import datetime as dt
import json
import os
import shlex
import sys
from pathlib import Path

from invoke import Exit, task

# The core (an installed package, `pip install -e .`) is imported inside each task:
# pypinyin's dictionaries alone hold about 100 MB, which `invoke build` must not keep alive
# while Pagefind runs.
from kfq.errors import ContentInvalid, KfqError

ROOT = Path(__file__).resolve().parent

PELICAN = f"{shlex.quote(sys.executable)} -m pelican"


def _registers(content: Path):
    from kfq.registers import load_registers

    try:
        return load_registers(content / "data")
    except KfqError as e:
        raise Exit(str(e), code=1) from e


@task(help={"content": "the content folder to check (default: content)"})
def check(c, content="content"):
    """Validate every article against the contract; list every problem as path:line: field."""
    from kfq.checking import check_content

    content_dir = Path(content)
    checked = check_content(content_dir, _registers(content_dir), ("articles",), shown_from=Path.cwd())
    problems = [p for item in checked for p in item.problems]
    for p in problems:
        print(p)
    if problems:
        files = len({p.path for p in problems})
        raise Exit(f"{len(problems)} problem(s) in {files} of {len(checked)} article file(s).", code=1)
    drafts = sum(1 for item in checked if item.source.meta.get("status") == "draft")
    print(f"{len(checked)} article file(s) checked, all valid ({drafts} draft(s)).")
    doubted = [item for item in checked if item.source.meta.get("doubts")]
    for item in doubted:
        for doubt in item.source.meta["doubts"]:
            print(f"{item.source.path}:{item.source.line('doubts')}: doubts: {doubt}")
    if doubted:
        print(f"{len(doubted)} imported draft(s) wait for an editor: run `invoke review`.")


@task(
    help={
        "title": "the headline, in Chinese (required)",
        "zone": "a zone, canonical name or alias; repeat for more (primary first)",
        "author": "a contributor from content/data/contributors.yaml; repeat for more",
        "genre": "消息, 通讯 or 评论 (the call's genres)",
        "theme": "a theme of the call in force",
        "date": "publication date YYYY-MM-DD (default: today)",
        "content": "the content folder (default: content)",
    },
    iterable=["zone", "author"],
)
def new(c, title, zone=None, author=None, genre=None, theme=None, date=None, content="content"):
    """Scaffold content/articles/YYYY/<slug>.md as a draft with a valid front-matter."""
    from kfq.scaffold import Draft, check_request, scaffold

    content_dir = Path(content)
    registers = _registers(content_dir)
    try:
        day = dt.date.fromisoformat(date) if date else dt.date.today()
    except ValueError as e:
        raise Exit(f"--date: '{date}' is not a date — write it as YYYY-MM-DD", code=1) from e
    draft = Draft(
        title=title, date=day, zones=tuple(zone or ()), authors=tuple(author or ()), genre=genre, theme=theme
    )
    problems = check_request(draft, registers)
    if problems:
        raise Exit("\n".join(f"--{p.field}: {p.message} — {p.fix}" for p in problems), code=1)
    try:
        path = scaffold(content_dir / "articles", draft, registers)
    except KfqError as e:
        raise Exit(str(e), code=1) from e
    print(
        f"Created {path} (status: draft). Write the article, set `status: published`, "
        "then run `invoke check`."
    )


@task(
    help={
        "source": "folder of seed pages (*.txt) and their manifest.yaml (default: seeds)",
        "dest": "folder the articles go to (default: content/articles)",
        "force": "replace articles an editor changed since the last import",
    }
)
def import_seeds(c, source="seeds", dest="content/articles", force=False):
    """Import the printed pages into Markdown articles; print what an editor should review."""
    from kfq.importer import ImporterError, import_pages

    registers = _registers(Path("content"))

    def progress(n: int, total: int, name: str) -> None:
        print(f"\r[{n}/{total}] {name}", end="", file=sys.stderr, flush=True)

    try:
        report = import_pages(Path(source), Path(dest), registers, force=force, progress=progress)
    except (ImporterError, KfqError) as e:
        raise Exit(f"\n{e}", code=1) from e
    print(file=sys.stderr)
    if report.review_path and report.review_path.exists():
        print(report.review_path.read_text(encoding="utf-8"))
    for path in report.skipped:
        print(f"skipped (changed by an editor; --force replaces it): {path}")
    print(report.summary())
    if report.review_path:
        print(f"Review written to {report.review_path}")
    if report.errors:
        raise Exit("\n".join(report.errors), code=1)


@task(
    help={
        "source": "folder of the printed pages and their decisions.yaml (default: seeds)",
        "dest": "folder of the imported articles (default: content/articles)",
        "list": "only list the open doubts, ask nothing",
    }
)
def review(c, source="seeds", dest="content/articles", list=False):
    """See and settle the import's open doubts; settled articles are imported again as published."""
    from kfq.importer import ImporterError, import_pages
    from kfq.importer.resolve import ask, decide, open_articles

    pending = open_articles(Path(dest))
    if not pending:
        print("No open doubts: every imported article is settled.")
        return
    print(f"{len(pending)} imported article(s) wait for an editor:")
    decided = 0
    for n, art in enumerate(pending, start=1):
        print(f"\n[{n}/{len(pending)}] {art.path}  ({art.source})")
        basis = " (estimated)" if art.meta.get("date_basis") else ""
        authors = "、".join(map(str, art.meta.get("authors") or [])) or "unsigned"
        zones = "、".join(map(str, art.meta.get("zones") or [])) or "none"
        print(f"  «{art.title}»  authors: {authors}  zones: {zones}  date: {art.meta.get('date')}{basis}")
        print(f"  opens: {art.opening}……")
        for d in art.doubts:
            print(f"  doubt: {d}")
        if list or not sys.stdin.isatty():
            continue
        fields, accept = ask(art, input)
        if fields or accept:
            decide(Path(source), art, fields, accept)
            decided += 1
    if list or not sys.stdin.isatty():
        if not list:
            print("\n(not a terminal: nothing asked; run `invoke review` in a terminal to settle them)")
        raise Exit(code=1)
    if decided:
        try:
            report = import_pages(Path(source), Path(dest), _registers(Path("content")))
        except (ImporterError, KfqError) as e:
            raise Exit(str(e), code=1) from e
        print(f"\n{decided} decision(s) recorded in {Path(source) / 'decisions.yaml'}; imported again:")
        print(report.summary())
    left = open_articles(Path(dest))
    print(f"{len(left)} article(s) still have open doubts." if left else "Every doubt is settled.")


@task(
    help={
        "year": "the year to list, e.g. 2024 (required)",
        "out": "where to write the files (default: output/contributors/YYYY/)",
        "content": "the content folder (default: content)",
        "date": "the date the documents carry, YYYY-MM-DD (default: today)",
        "strict": "stop at a published article without authors instead of listing it unsigned",
        "pdf": "also write a PDF of every file beside it (needs LibreOffice: `make setup`)",
    }
)
def contributors(c, year, out=None, content="content", date=None, strict=False, pdf=False):
    """Write the year-end list: workbook, list document, 优秀撰稿人 certificates, praise letters.

    The files link each article by its public address: set KFQ_SITEURL (as for
    `invoke build --publish`), e.g. `KFQ_SITEURL=https://www.example.cn invoke contributors`.
    """
    import pelicanconf
    from kfq.yearend.cli import run

    try:
        year = int(year)
    except ValueError as e:
        raise Exit(f"--year: '{year}' is not a year — write it as 2024", code=1) from e
    try:
        issued = dt.date.fromisoformat(date) if date else None
    except ValueError as e:
        raise Exit(f"--date: '{date}' is not a date — write it as YYYY-MM-DD", code=1) from e
    target = Path(out) if out else Path("output") / "contributors" / str(year)
    try:
        report = run(
            year,
            Path(content),
            target,
            print,
            issued=issued,
            strict=strict,
            siteurl=os.environ.get("KFQ_SITEURL", ""),
            url_pattern=pelicanconf.ARTICLE_URL,
            pdf=pdf,
        )
    except ContentInvalid as e:
        for p in e.problems:
            print(p)
        raise Exit(str(e), code=1) from e
    except KfqError as e:
        raise Exit(str(e), code=1) from e
    print(report)


@task(help={"publish": "use publishconf.py (needs KFQ_SITEURL) instead of pelicanconf.py"})
def build(c, publish=False):
    """Build the whole site into output/ and its search index (stops on any invalid article)."""
    import pelicanconf
    from kfq.atomic import discard, fresh_folder, swap_in
    from kfq.search import build_index
    from kfq.settings import kfq_settings

    # Pelican holds every page in memory until it exits: indexing after it has exited keeps
    # the build's peak at the larger of the two steps, not their sum. A plain `pelican
    # content` run indexes inside the build instead (kfq_search). Both steps write into a
    # fresh folder beside output/, swapped in only when both succeeded: a failed build
    # leaves the last good site as it was.
    kfq = {**pelicanconf.KFQ, "SEARCH_INDEX": False, "ATOMIC": False}
    override = shlex.quote("KFQ=" + json.dumps(kfq, ensure_ascii=False))
    output = ROOT / pelicanconf.OUTPUT_PATH
    staging = fresh_folder(output)
    try:
        result = c.run(
            f"{PELICAN} content -s {'publishconf.py' if publish else 'pelicanconf.py'} "
            f"-o {shlex.quote(str(staging))} --fatal errors -e {override}",
            pty=False,
            warn=True,
        )
        if result.exited != 0:
            raise Exit(f"The build stopped: {output.name}/ is as it was.", code=result.exited or 1)
        try:
            seconds = build_index(staging, kfq_settings({"KFQ": kfq})["SEARCH_GLOB"])
        except KfqError as e:
            raise Exit(f"{e} ({output.name}/ is as it was)", code=1) from e
        swap_in(staging, output, pelicanconf.OUTPUT_RETENTION)
    finally:
        discard(staging)  # gone already when it was swapped in
    print("search index: " + ("no article pages yet" if seconds is None else f"built in {seconds:.1f} s"))


@task(help={"port": "port to listen on (default 8000)"})
def serve(c, port=8000):
    """Serve output/ on http://127.0.0.1:PORT."""
    print(f"Serving output/ on http://127.0.0.1:{port}/ (Ctrl-C to stop)")
    c.run(f"{PELICAN} --listen -s pelicanconf.py -b 127.0.0.1 -p {int(port)}", pty=False)


@task(help={"port": "port to listen on (default 8000)"})
def livereload(c, port=8000):
    """Rebuild on every save (content cache on) and reload the browser, on 127.0.0.1:PORT."""
    from livereload import Server

    import pelicanconf

    # A build server (kfq_quick.live) loads Pelican and the plugins once and forks each
    # build: an invalid article stops that build with its messages, and the server stays up
    # for the editor's next save. The loop skips the search index (`invoke build` makes
    # it), keeps Pelican's content cache between saves (uncompressed: zlib cost more than it
    # saved) and renders again only the pages whose articles changed (kfq_quick). The
    # session's first build writes every page, whatever another build left in output/.
    from kfq.quick import LEDGER
    from kfq_quick.live import LIVE_SETTINGS, LiveServer, live_kfq

    (ROOT / getattr(pelicanconf, "CACHE_PATH", "cache") / LEDGER).unlink(missing_ok=True)
    server = LiveServer(
        ["content", "-s", "pelicanconf.py", "-e", *LIVE_SETTINGS, live_kfq(pelicanconf.KFQ)], ROOT
    )

    def rebuild() -> None:
        server.build()

    def restart() -> None:
        # The server holds the plugins' code as it was: new code needs a new server.
        server.restart()
        server.build()

    rebuild()
    watcher = Server()
    for pattern in ("content/**/*", "theme/**/*"):
        watcher.watch(str(ROOT / pattern), rebuild)
    for pattern in ("plugins/**/*.py", "pelicanconf.py"):
        watcher.watch(str(ROOT / pattern), restart)
    try:
        watcher.serve(host="127.0.0.1", port=int(port), root=str(ROOT / "output"))
    finally:
        server.close()


@task(
    help={
        "articles": "articles in the generated corpus (default 10000)",
        "repeats": "runs of each timed step (default: 3 up to 2000 articles, else 1)",
    }
)
def bench(c, articles=10000, repeats=0):
    """Time our build against plain Pelican and Pagefind on a generated corpus; write bench/results.json."""
    from bench.runner import run

    run(int(articles), int(repeats) or None)
