"""The build server's writer: a page is rendered again only when what it shows changed.

Under `invoke livereload` the build server (kfq_quick.live) runs every save through the same
Pelican instance and hands its session to the plugins in the settings (kfq.quick.SESSION).
Pelican asks for a writer through its public `get_writer` signal; ours overrides the public
`Writer.write_file` only. Before rendering a page it fingerprints everything the page shows:

- the page's own arguments (the article, the listing page, the term …), where the article a
  page is about counts with its body and every attribute a plugin gave it, and each article a
  page merely links to (related, older/newer, issue neighbours, listing items) counts with
  its metadata, its URL and its attributes: a neighbour's new title re-renders the pages
  that link to it;
- the context variables its templates read (found with Jinja's public `jinja2.meta` in the
  template and every template it extends or includes): the front page's latest issue, the
  nav's pages, the publisher block;
- the site: the settings, and the newest file under the theme and the registers (a change
  there re-renders every page: the fallback to a full render, in the same process).

A page with the same fingerprint as at the last save stays on disk as it is; Pelican's
`content_written` signal is still sent for it, so the sitemap lists every page. A paginated
listing is fingerprinted page by page (its pages' articles, their number and the count): when
one of its pages changed, Pelican renders the listing, and each unchanged page is "rendered"
as the bytes already on disk. Pages the last save wrote and this one does not are removed.
"""

from __future__ import annotations

import datetime
import json
import os
from collections.abc import Iterable
from pathlib import Path

from jinja2 import meta, nodes
from pelican import signals
from pelican.contents import Content
from pelican.paginator import Paginator
from pelican.urlwrappers import URLWrapper
from pelican.utils import sanitised_join
from pelican.writers import Writer

from kfq.quick import SESSION, fingerprint, newest_mtime
from kfq.settings import data_dir
from kfq_quick.fast import keep_generator

# Attributes of a content object that are not what it shows: the settings and the whole
# site's context (in the site mark and in the template variables), and caches of Pelican's.
NOT_SHOWN = {"settings", "_context", "_summary_cache", "_output_location_referenced"}
# What no link to an article shows (includes/article_item.html, article_link.html): its 字数
# and reading time, which change with every edit of its body; its own page shows them.
LINK_NOT_SHOWN = NOT_SHOWN | {"zishu", "reading_minutes"}


def _named(value: object) -> str:
    # Settings hold functions and modules (Jinja filters, loaded plugins): their names are
    # stable from one run to the next, their repr (with an address) is not.
    name = getattr(value, "__qualname__", None) or getattr(value, "__name__", None)
    return f"{getattr(value, '__module__', '')}.{name}" if name else type(value).__name__


class Shown:
    """Fingerprints of what pages show, computed once per save."""

    def __init__(self, site: str):
        self.site = site
        self._links: dict[int, str] = {}
        self._fulls: dict[int, str] = {}
        self._globals: dict[str, str] = {}
        # The registers' records (a zone, a contributor) appear in many articles' facets:
        # each is written out once per save. The object is kept with its text, so its id
        # cannot be reused by another object during the save.
        self._objects: dict[tuple[int, str], tuple[object, str]] = {}

    def link(self, obj: Content) -> str:
        """What a page that links to obj shows of it: all but its body."""
        key = id(obj)
        mark = self._links.get(key)
        if mark is None:
            parts: list[str] = [obj.source_path or "", str(obj.url)]
            self._attributes(obj, parts, nested=_source, hidden=LINK_NOT_SHOWN)
            mark = self._links[key] = fingerprint(parts)
        return mark

    def full(self, obj: Content) -> str:
        """What the page of obj shows of it: its body, attributes and its links' marks."""
        key = id(obj)
        mark = self._fulls.get(key)
        if mark is None:
            parts: list[str] = [obj.source_path or "", str(obj.url), obj._content or ""]
            self._attributes(obj, parts, nested=self.link, hidden=NOT_SHOWN)
            mark = self._fulls[key] = fingerprint(parts)
        return mark

    def _attributes(self, obj: Content, parts: list[str], nested, hidden: set[str]) -> None:
        for name, value in sorted(vars(obj).items()):
            if name not in hidden and name != "_content":
                if name == "metadata":  # the same fields again, as the reader returned them
                    value = {k: v for k, v in value.items() if k not in hidden}
                parts.append(name)
                parts.append(self.plain(value, nested))

    def plain(self, value: object, nested, inside: frozenset[int] = frozenset()) -> str:
        """A stable text for value; content objects inside it by nested(obj)."""
        if value is None or isinstance(value, str | int | float | bool):
            return repr(value)
        if isinstance(value, Content):
            return "C" + nested(value)
        if isinstance(value, datetime.date | datetime.time):
            return value.isoformat()
        if isinstance(value, URLWrapper):
            return repr(value)
        if id(value) in inside:
            return "^"  # a structure that holds itself: shown once
        inside = inside | {id(value)}
        if isinstance(value, list | tuple):
            return "[" + ",".join(self.plain(v, nested, inside) for v in value) + "]"
        if isinstance(value, set | frozenset):
            return "{" + ",".join(sorted(self.plain(v, nested, inside) for v in value)) + "}"
        if isinstance(value, dict):
            items = sorted((str(k), self.plain(v, nested, inside)) for k, v in value.items())
            return "{" + ",".join(f"{k}:{v}" for k, v in items) + "}"
        attributes = getattr(value, "__dict__", None)
        if attributes is None and hasattr(value, "__slots__"):
            attributes = {s: getattr(value, s, None) for s in value.__slots__}
        if attributes is not None:
            key = (id(value), getattr(nested, "__name__", ""))
            known = self._objects.get(key)
            if known is None:
                shown = {k: v for k, v in attributes.items() if k not in NOT_SHOWN}
                known = self._objects[key] = (
                    value,
                    type(value).__qualname__ + self.plain(shown, nested, inside),
                )
            return known[1]
        text = repr(value)
        # An object that shows only its address cannot be compared from one save to the next:
        # never the same twice, so a page showing it is always rendered.
        return f"?{id(value)}" if " at 0x" in text else text

    def variable(self, name: str, value: object) -> str:
        """The mark of a context variable a template reads (once per save)."""
        mark = self._globals.get(name)
        if mark is None:
            mark = self._globals[name] = fingerprint([name, self.plain(value, self.link)])
        return mark


def _source(content: Content) -> str:
    """How a link's own mark names the articles it refers to."""
    return content.source_path or ""


# What a template reads of a context variable: the names it takes from it (`kfq.years`,
# `kfq['years']`, `(kfq or {}).get('years')`), or None for the whole value.
Reads = dict[str, frozenset[str] | None]


def _merge(into: dict[str, frozenset[str] | None], name: str, keys: frozenset[str] | None) -> None:
    if name in into and (into[name] is None or keys is None):
        into[name] = None
    else:
        into[name] = (into.get(name) or frozenset()) | keys if keys is not None else None


def _access(parents: list[nodes.Node]) -> str | None:
    """The name a Name node's use takes from it, or None when it uses the whole value."""
    i = len(parents) - 1
    while i >= 0 and isinstance(parents[i], nodes.Or | nodes.CondExpr):
        i -= 1  # `(kfq or {})`: the same value
    if i < 0:
        return None
    parent = parents[i]
    if isinstance(parent, nodes.Getattr):
        if parent.attr == "get" and i > 0 and isinstance(parents[i - 1], nodes.Call):
            args = parents[i - 1].args
            if args and isinstance(args[0], nodes.Const) and isinstance(args[0].value, str):
                return args[0].value
            return None
        return parent.attr
    if isinstance(parent, nodes.Getitem) and isinstance(parent.arg, nodes.Const):
        return str(parent.arg.value)
    return None


def _keyed(node: nodes.Node, free: frozenset[str]) -> tuple[str, str] | None:
    """(variable, name) when node is `variable.name` or `(variable or {}).get('name', …)`."""
    chain = [node]
    inner = node
    while True:
        if isinstance(inner, nodes.Call) and isinstance(inner.node, nodes.Getattr):
            chain.append(inner.node)
            inner = inner.node.node
        elif isinstance(inner, nodes.Getattr | nodes.Getitem):
            inner = inner.node
        elif isinstance(inner, nodes.Or):
            inner = inner.left
        else:
            break
        chain.append(inner)
    if not (isinstance(inner, nodes.Name) and inner.name in free):
        return None
    key = _access(chain[:-1])
    return (inner.name, key) if key is not None else None


def _item_reads(body: list[nodes.Node], target: str) -> frozenset[str] | None:
    """The attributes a loop's body reads of its loop variable, or None for more than that."""
    found: set[str] = set()
    whole = False

    def visit(node: nodes.Node, parent: nodes.Node | None) -> None:
        nonlocal whole
        if isinstance(node, nodes.Name) and node.name == target and node.ctx == "load":
            if isinstance(parent, nodes.Getattr):
                found.add(parent.attr)
            else:
                whole = True
        for child in node.iter_child_nodes():
            visit(child, node)

    for node in body:
        visit(node, None)
    return None if whole else frozenset(found)


def _reads_of(node: nodes.Node, free: frozenset[str], parents: list[nodes.Node], into: Reads) -> None:
    if isinstance(node, nodes.Name) and node.ctx == "load" and node.name in free:
        key = _access(parents)
        _merge(into, node.name, None if key is None else frozenset([key]))
    if isinstance(node, nodes.For) and isinstance(node.target, nodes.Name):
        # `{% for y in kfq.contributor_years %}…{{ y.url }}`: only y.url and y.year of each item.
        keyed = _keyed(node.iter, free)
        items = _item_reads([*node.body, *node.else_, *([node.test] if node.test else [])], node.target.name)
        if keyed is not None and items is not None:
            _merge(into, keyed[0], frozenset(f"{keyed[1]}[]{a}" for a in items) or frozenset([keyed[1]]))
            for child in [*node.body, *node.else_, *([node.test] if node.test else [])]:
                _reads_of(child, free, [*parents, node], into)
            return
    parents.append(node)
    for child in node.iter_child_nodes():
        _reads_of(child, free, parents, into)
    parents.pop()


def _template_reads(name: str, env, seen: dict[str, Reads]) -> Reads:
    """What template name (and what it extends, includes and imports) reads from its context."""
    if name in seen:
        return seen[name]
    seen[name] = {}  # a template that includes itself
    source, _, _ = env.loader.get_source(env, name)
    ast = env.parse(source)
    reads: Reads = {}
    _reads_of(ast, frozenset(meta.find_undeclared_variables(ast)), [], reads)
    for other in meta.find_referenced_templates(ast):
        if other is None:
            reads["*"] = None  # a template chosen at render time: depend on every variable
            continue
        for variable, keys in _template_reads(other, env, seen).items():
            _merge(reads, variable, keys)
    seen[name] = reads
    return reads


def site_mark(settings: dict) -> str:
    """What every page depends on besides its arguments: settings, theme and registers."""
    shown = {k: v for k, v in settings.items() if k != SESSION}
    return fingerprint(
        [
            json.dumps(shown, sort_keys=True, default=_named, ensure_ascii=False),
            repr(newest_mtime([Path(settings["THEME"]), data_dir(settings)])),
        ]
    )


class _KeepUnchanged:
    """A template whose render() gives an unchanged page of a listing the bytes it has on disk."""

    def __init__(self, template, writer: QuickWriter, marks: dict[str, str]):
        self.template = template
        self.name = template.name
        self.environment = template.environment
        self.writer = writer
        self.marks = marks

    def render(self, localcontext: dict) -> str:
        name = localcontext["output_file"]
        mark = self.marks[name]
        kept = self.writer.kept(name, mark)
        if kept is not None:
            return kept
        text = self.template.render(localcontext)
        # Recorded once rendered: a page whose rendering failed is rendered at the next save.
        self.writer.session.pages.done(name, mark, rendered=True)
        return text


class QuickWriter(Writer):
    """Pelican's writer, rendering only the pages whose fingerprint changed since the last save."""

    session = None  # set per build by quick_writer()
    shown: Shown

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.shown = Shown(site_mark(self.settings))
        self._variables: dict[str, Reads] = self.session.template_variables
        if self.session.site != self.shown.site:
            # New settings, templates or registers: every page is rendered again.
            self.session.pages.before.clear()
            self._variables.clear()
            self.session.site = self.shown.site

    def _page_mark(self, name: str, template, context: dict, arguments: dict, extra: Iterable[str]) -> str:
        parts = [self.shown.site, name, template.name]
        reads = _template_reads(template.name, template.environment, self._variables)
        wanted = dict.fromkeys(context) if "*" in reads else reads
        for variable, keys in sorted(wanted.items()):
            if variable in arguments or variable not in context or variable in self.settings:
                continue
            value = context[variable]
            if keys is None:
                parts.append(self.shown.variable(variable, value))
                continue
            for key in sorted(keys):
                # Only what the template takes from it: `kfq.contributor_years`, not all of kfq;
                # `key[]attr`: that attribute of each item of a list the template loops over.
                name, _, attr = key.partition("[]")
                part = value.get(name) if isinstance(value, dict) else getattr(value, name, None)
                if attr:
                    part = [getattr(item, attr, None) for item in part or ()]
                parts.append(self.shown.variable(f"{variable}.{key}", part))
        for key, value in sorted(arguments.items()):
            parts.append(key)
            parts.append(
                self.shown.plain(value, self.shown.full if key in ("article", "page") else self.shown.link)
            )
        parts.extend(extra)
        return fingerprint(parts)

    def kept(self, name: str, mark: str) -> str | None:
        """The text on disk of page name when it is as mark says (recorded as kept), else None."""
        if not self.session.pages.fresh(name, mark):
            return None
        try:
            text = Path(sanitised_join(self.output_path, name)).read_text(encoding="utf-8")
        except OSError:
            return None
        self.session.pages.done(name, mark, rendered=False)
        return text

    def _keep(self, name: str, mark: str, localcontext: dict) -> bool:
        """Leave page name as it is on disk when its mark is unchanged (and tell the sitemap)."""
        path = sanitised_join(self.output_path, name)
        if not self.session.pages.fresh(name, mark) or not os.path.exists(path):
            return False
        self.session.pages.done(name, mark, rendered=False)
        signals.content_written.send(path, context=localcontext)
        return True

    @staticmethod
    def _localcontext(context: dict, name: str, arguments: dict) -> dict:
        # As Pelican's write_file builds it, for the receivers of content_written.
        local = context.copy()
        local["localsiteurl"] = local.get("localsiteurl")
        local["output_file"] = name
        local.update(arguments)
        return local

    def write_file(
        self,
        name,
        template,
        context,
        relative_urls=False,
        paginated=None,
        template_name=None,
        override_output=False,
        url=None,
        **kwargs,
    ):
        self.session.give_way()  # a newer save waiting: its page before this one
        if not name or relative_urls:
            # Relative URLs make every page's text depend on its own place: not fingerprinted.
            return super().write_file(
                name,
                template,
                context,
                relative_urls,
                paginated,
                template_name,
                override_output,
                url,
                **kwargs,
            )
        if paginated is None:
            paginated = {k: v for k, v in kwargs.items() if k in {"articles", "dates"}}
        if paginated and template_name in self.settings["PAGINATED_TEMPLATES"]:
            return self._write_listing(
                name, template, context, paginated, template_name, override_output, url, kwargs
            )
        mark = self._page_mark(name, template, context, kwargs, ())
        if self._keep(name, mark, self._localcontext(context, name, kwargs)):
            return None
        super().write_file(
            name, template, context, relative_urls, paginated, template_name, override_output, url, **kwargs
        )
        self.session.pages.done(name, mark, rendered=True)  # once written: a failure is retried
        return None

    def _write_listing(self, name, template, context, paginated, template_name, override_output, url, kwargs):
        per_page = self.settings["PAGINATED_TEMPLATES"][template_name] or self.settings["DEFAULT_PAGINATION"]
        paginators = {
            key: Paginator(name, url, val, self.settings, per_page) for key, val in paginated.items()
        }
        # Each page shows its own items, its number, the count of pages and of items; the
        # listing's other arguments are the whole lists, counted by the pages' own marks.
        rest = {k: v for k, v in kwargs.items() if k not in paginated}
        first = next(iter(paginators.values()))
        marks: dict[str, str] = {}
        pages: dict[str, dict] = {}
        for number in range(1, first.num_pages + 1):
            extra = [str(number), str(first.num_pages)]
            arguments = dict(rest)
            for key, paginator in paginators.items():
                page = paginator.page(number)
                extra += [key, str(paginator.count), *(self.shown.link(a) for a in page.object_list)]
                arguments[f"{key}_page"] = page
                arguments[f"{key}_paginator"] = paginator
            save_as = page.save_as
            marks[save_as] = self._page_mark(save_as, template, context, rest, extra)
            pages[save_as] = arguments
        if all(self.session.pages.fresh(n, m) for n, m in marks.items()) and all(
            os.path.exists(sanitised_join(self.output_path, n)) for n in marks
        ):
            for n, m in marks.items():
                self._keep(n, m, self._localcontext(context, n, {**kwargs, **pages[n]}))
            return None
        return super().write_file(
            name,
            _KeepUnchanged(template, self, marks),
            context,
            False,
            paginated,
            template_name,
            override_output,
            url,
            **kwargs,
        )


def quick_writer(pelican):
    """This build's writer: QuickWriter under the build server, else Pelican's own."""
    session = pelican.settings.get(SESSION)
    if session is None:
        return None
    return type("QuickWriterThisSave", (QuickWriter,), {"session": session})


def finish_save(pelican) -> None:
    """After the last page: remove the pages this save no longer writes."""
    session = pelican.settings.get(SESSION)
    if session is None:
        return
    # This build succeeded: its articles render the next save's own pages first (kfq_quick.fast).
    session.last_build, session.this_build = session.this_build, None
    for name in session.pages.finish():
        path = Path(sanitised_join(pelican.output_path, name))
        path.unlink(missing_ok=True)
        # Its folder too, when the page was all it held (an article's folder).
        folder = path.parent
        while folder != Path(pelican.output_path) and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent


def note_drafts(generator) -> None:
    """The drafts this save previews, for the server to tell the editor where to read them."""
    session = generator.settings.get(SESSION)
    if session is not None:
        session.drafts = [(d.source_path, d.title, d.url) for d in generator.drafts]


def register() -> None:
    """Offer Pelican the writer; clean up after each save of the build server."""
    signals.get_writer.connect(quick_writer)
    signals.article_generator_finalized.connect(note_drafts)
    signals.article_generator_finalized.connect(keep_generator)
    signals.finalized.connect(finish_save)
