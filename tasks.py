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
    from kfq.lengths import warnings as length_warnings

    content_dir = Path(content)
    checked = check_content(content_dir, _registers(content_dir), ("articles",), shown_from=Path.cwd())
    problems = [p for item in checked for p in item.problems]
    for p in problems:
        print(p)
    _house_style(checked)
    # Warnings go to stderr: stdout lists what must be fixed, one problem a line.
    for warning in length_warnings(checked, _registers(content_dir), Path.cwd()):
        print(warning, file=sys.stderr)
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
        print(f"{len(doubted)} draft(s) with open doubts wait for an editor: run `invoke review`.")


def _house_style(checked) -> None:
    """Warn, with the fix, where a text breaks the house rule (kfq.house_style); never fails."""
    from kfq.house_style import warnings

    found = [
        w
        for item in checked
        if item.source.body
        for w in warnings(_shown(item.source.path), item.source.body, item.source.body_line)
    ]
    for w in found:
        print(f"warning: {w}")
    if found:
        print(
            f"{len(found)} house-style warning(s): the site shows the text as written; "
            "fix them when you edit."
        )


def _shown(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


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
    """See and settle the open doubts of imported and submitted drafts; settled ones are published."""
    from kfq.importer import ImporterError, import_pages
    from kfq.importer.resolve import ask, decide, open_articles
    from kfq.intake.review import open_drafts, settle

    pending = open_articles(Path(dest))
    submitted = open_drafts(Path(dest))
    if not pending and not submitted:
        print("No open doubts: every imported article and submitted draft is settled.")
        return
    print(f"{len(pending) + len(submitted)} draft(s) wait for an editor:")
    decided = 0
    for n, art in enumerate([*pending, *submitted], start=1):
        print(f"\n[{n}/{len(pending) + len(submitted)}] {art.path}  ({art.source or 'submitted'})")
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
        if (fields or accept) and not art.source:
            # A submission has no page to import again: its draft records the answers.
            try:
                print(f"  written: {settle(art, fields, accept)}")
            except KfqError as e:
                print(f"  {e}")
        elif fields or accept:
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
    left = open_articles(Path(dest)) + open_drafts(Path(dest))
    print(f"{len(left)} article(s) still have open doubts." if left else "Every doubt is settled.")


@task(
    help={
        "source": "a submitted file (.docx .doc .wps .odt .txt .eml), a folder of them, or a quoted "
        "pattern such as '投稿/*.docx'; name more of them after --",
        "content": "the content folder the drafts go to (default: content)",
    }
)
def intake(c, source, content="content"):
    """Turn submissions (Word, WPS, ODT, text, saved emails) into draft articles with their doubts.

    One file, folder or pattern: `invoke intake ~/投稿/2024-05-06`. Several: the first, then
    `--` and the others (Invoke takes one value an argument; what follows `--` is left to the
    task): `invoke intake 稿件.docx -- 投稿.eml 图文.wps`, or `invoke intake 投稿 -- ~/下载/*.doc`.
    A file that cannot be read is named with what to do; the others are written all the same,
    nothing is overwritten, and the exit status is 1.
    """
    from kfq.intake import intake_files
    from kfq.intake.sources import expand

    sources = expand([source, *_remainder(c)])
    report = intake_files(sources.paths, Path(content), _registers(Path(content)))
    report.errors[:0] = sources.missing
    print(report.render())
    if report.errors:
        raise Exit(code=1)


def _remainder(c) -> list[str]:
    """The arguments after `--`, one a name. Invoke joins them with spaces (c.remainder), which
    would split '稿件 (1).docx' in three: the program's own argv keeps them apart, and is used
    whenever it is the command line Invoke parsed."""
    if not c.remainder:
        return []
    argv = sys.argv
    if "--" in argv:
        tail = argv[argv.index("--") + 1 :]
        if " ".join(tail) == c.remainder:
            return tail
    return shlex.split(c.remainder)


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
    from kfq.atomic import discard, fresh_folder, swap_in, sweep

    # The search index is built inside the build, on the second core (kfq_search): in
    # bundles of years, each indexed by Pagefind as soon as its pages are written.
    # The build writes into a fresh folder beside output/, swapped in only when the pages
    # and the index both succeeded: a failed build leaves the last good site as it was.
    kfq = {**pelicanconf.KFQ, "ATOMIC": False}
    override = shlex.quote("KFQ=" + json.dumps(kfq, ensure_ascii=False))
    output = ROOT / pelicanconf.OUTPUT_PATH
    staging = fresh_folder(output)
    sweeper = sweep(output)  # the site the last build replaced goes while this one renders
    try:
        result = c.run(
            f"{PELICAN} content -s {'publishconf.py' if publish else 'pelicanconf.py'} "
            f"-o {shlex.quote(str(staging))} --fatal errors -e {override}",
            pty=False,
            warn=True,
        )
        if result.exited != 0:
            raise Exit(f"The build stopped: {output.name}/ is as it was.", code=result.exited or 1)
        swap_in(staging, output, pelicanconf.OUTPUT_RETENTION)
    finally:
        discard(staging)  # gone already when it was swapped in
        sweeper.join()


@task(help={"port": "port to listen on (default 8000)"})
def serve(c, port=8000):
    """Serve output/ on http://127.0.0.1:PORT."""
    print(f"Serving output/ on http://127.0.0.1:{port}/ (Ctrl-C to stop)")
    c.run(f"{PELICAN} --listen -s pelicanconf.py -b 127.0.0.1 -p {int(port)}", pty=False)


@task(help={"port": "port to listen on (default 8000)"})
def livereload(c, port=8000):
    """Rebuild each save in a build server that keeps the site in memory; reload the browser; show drafts."""
    import threading

    import pelicanconf
    from kfq_quick.live import LIVE_SETTINGS, LiveServer, live_kfq
    from kfq_quick.watch import Reloads, loop, preview_server, watched

    # A build server (kfq_quick.live) reads the site once and keeps it in memory: each save
    # re-reads the files saved and renders the pages that show them (kfq_quick). An invalid
    # article stops that build with its messages; the server stays up for the next save.
    # The loop skips the search index (`invoke build` makes it) and shows drafts, marked
    # 草稿 · 未发布, at their own URLs: the preview is never published (`invoke publish`
    # builds anew, without drafts).
    argv = ["content", "-s", "pelicanconf.py", "-e", *LIVE_SETTINGS, live_kfq(pelicanconf.KFQ)]
    reloads = Reloads()  # a page reloads when a build tells it wrote that page
    server = LiveServer(argv, ROOT, on_pages=reloads.announce)
    http = preview_server(ROOT / pelicanconf.OUTPUT_PATH, "127.0.0.1", int(port), reloads)
    threading.Thread(target=http.serve_forever, daemon=True).start()
    print(f"Preview on http://127.0.0.1:{int(port)}/ (Ctrl-C to stop)")
    try:
        loop(watched(ROOT), ROOT, server.submit, server.restart, first_build=True)
    finally:
        reloads.close()
        http.shutdown()
        server.close()


@task(
    help={
        "articles": "corpus sizes, comma-separated (default 10000), e.g. 1000,10000",
        "repeats": "cold builds of each of Hugo, plain Pelican and ours, in alternation (default 3)",
        "saves": "saves timed under each watcher, invoke livereload and hugo server (default 10)",
    }
)
def bench(c, articles="10000", repeats=3, saves=10):
    """Time our site against Hugo and plain Pelican (each with Pagefind); write bench/results.json."""
    from bench.runner import run

    run([int(n) for n in str(articles).split(",") if n.strip()], int(repeats), int(saves))


@task(
    help={
        "target": "a target of PUBLISH in publishconf.py (default: PUBLISH['default'])",
        "dry_run": "build, then only list what would change on the target",
        "rollback": "switch the server back to the release before the current one (rsync targets)",
    }
)
def publish(c, target=None, dry_run=False, rollback=False):
    """Build with publishconf.py and put the site online atomically (needs KFQ_SITEURL)."""
    import runpy

    import pelicanconf
    from kfq.publish.lock import publishing
    from kfq.publish.targets import RsyncTarget, pick_target
    from kfq.publish.verify import check as check_served

    try:
        settings = runpy.run_path(str(ROOT / "publishconf.py"))
        tgt = pick_target(settings.get("PUBLISH"), target, settings["SITEURL"])
    except SystemExit as e:  # publishconf.py's own message: KFQ_SITEURL is not set
        raise Exit(str(e), code=1) from e
    except KfqError as e:
        raise Exit(str(e), code=1) from e
    site = ROOT / pelicanconf.OUTPUT_PATH
    try:
        with publishing(ROOT / getattr(pelicanconf, "CACHE_PATH", "cache") / "publish.lock"):
            changes, release = _publish(c, tgt, site, dry_run, rollback)
    except KfqError as e:
        raise Exit(f"publish to '{tgt.name}': {e}", code=1) from e
    if changes is None:
        return
    print("\n".join(changes.lines()))
    if dry_run:
        print(f"Dry run: nothing was changed on '{tgt.name}'.")
        return
    where = f"release {release}" if isinstance(tgt, RsyncTarget) else tgt.remote
    print(f"Published to '{tgt.name}' ({where}). Checking {tgt.url}:")
    served = check_served(tgt.url, site)
    for item in served:
        print(f"  {item}")
    if not all(item.ok for item in served):
        raise Exit("Some addresses do not serve the new build: see above (a CDN may need a purge).", code=1)


def _publish(c, tgt, site: Path, dry_run: bool, rollback: bool):
    """The publish itself, under the lock: (changes, release), or (None, None) after a rollback."""
    from kfq.publish import rclone, rsync
    from kfq.publish.targets import RsyncTarget

    release = None
    if rollback:
        if not isinstance(tgt, RsyncTarget):
            raise Exit(f"--rollback: '{tgt.name}' is a bucket; publish the older build again instead", code=1)
        print(f"{tgt.name}: now serving release {rsync.rollback(tgt)}")
        return None, None
    build(c, publish=True)  # everything `invoke check` and the build refuse stops here
    if isinstance(tgt, RsyncTarget) and dry_run:
        changes = rsync.dry_run(site, tgt)
    elif isinstance(tgt, RsyncTarget):
        release, changes = rsync.publish(site, tgt)
    else:
        changes = rclone.publish(site, tgt, dry_run=dry_run)
    return changes, release
