"""kfq_minify: templates lose only their own layout whitespace; the shipped CSS keeps every rule."""

from __future__ import annotations

import re

import jinja2
import pytest
import tinycss2

from conftest import ROOT
from kfq_minify.stylesheets import minify
from kfq_minify.templates import TemplateLayout, squeeze

THEME_CSS = sorted((ROOT / "theme/static/css").glob("*.css"))


@pytest.mark.parametrize(
    ("text", "after_line_end", "expected"),
    [
        ("<ul>\n  <li>", False, "<ul><li>"),  # between two tags
        ("</li>\n</ul>\n", False, "</li></ul>"),  # before a {% … %} on the next line
        ("\n  <li>", False, "<li>"),  # after a {{ … }} that ended a line
        ("    </dl>", True, "</dl>"),  # indentation left when trim_blocks took the line break
        ("    </dl>", False, "    </dl>"),  # …but a space after a value may be meant
        ("</span> <a>", False, "</span> <a>"),  # a written space stays
        ("</a> <time>", True, "</a> <time>"),
        ("<p>\n  全文", False, "<p>\n  全文"),  # whitespace next to text is left alone
        ("本刊讯\n记者", False, "本刊讯\n记者"),
        (" ", True, " "),  # {% if not loop.last %} {% endif %}
    ],
)
def test_squeeze_drops_only_layout_whitespace_next_to_tags(text, after_line_end, expected):
    assert squeeze(text, after_line_end) == expected


def test_templates_keep_what_they_insert_escaped_and_verbatim():
    env = jinja2.Environment(
        autoescape=True, trim_blocks=True, lstrip_blocks=True, extensions=[TemplateLayout]
    )
    template = env.from_string(
        "<ul>\n  {% for a in items %}\n  <li>{{ a }}</li>\n  {% endfor %}\n</ul>\n"
        '<div class="body">\n  {{ content|safe }}\n</div>\n'
        '<p class="byline">{% for n in names %}<a>{{ n }}</a>'
        "{% if not loop.last %} {% endif %}{% endfor %}</p>"
    )
    html = template.render(
        items=['<script>alert("x")</script>', "园区&新貌"],
        content="<p>本刊讯 第一段。</p>\n<pre>  代码\n  两行</pre>",
        names=["李恒松", "王伟"],
    )
    assert html == (
        "<ul><li>&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;</li><li>园区&amp;新貌</li></ul>"
        '<div class="body"><p>本刊讯 第一段。</p>\n<pre>  代码\n  两行</pre></div>'
        '<p class="byline"><a>李恒松</a> <a>王伟</a></p>'
    )


def _normal(text: str) -> str:
    """CSS text with whitespace made canonical: one space, none around punctuation."""
    return re.sub(r"\s*([>+~,():;{}])\s*", r"\1", re.sub(r"\s+", " ", text)).strip()


def rules(css: str) -> list[tuple[str, str, list[tuple[str, str, bool]]]]:
    """Every rule as (enclosing at-rules, selector or at-rule, declarations), in order."""
    out: list[tuple[str, str, list[tuple[str, str, bool]]]] = []

    def declarations(content) -> list[tuple[str, str, bool]]:
        items = tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True)
        return [
            (d.lower_name, _normal(tinycss2.serialize(d.value)), d.important)
            for d in items
            if d.type == "declaration"
        ]

    def walk(nodes, context: str) -> None:
        for node in nodes:
            assert node.type != "error", node
            prelude = _normal(tinycss2.serialize(node.prelude))
            if node.type == "qualified-rule":
                out.append((context, prelude, declarations(node.content)))
            elif node.lower_at_keyword == "media":
                inner = tinycss2.parse_rule_list(node.content, skip_comments=True, skip_whitespace=True)
                walk(inner, f"{context}@media {prelude};")
            else:
                out.append((context, f"@{node.lower_at_keyword} {prelude}", declarations(node.content)))

    walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), "")
    return out


@pytest.mark.parametrize("source", THEME_CSS, ids=lambda p: p.name)
def test_minified_css_keeps_every_rule_selector_and_declaration(source):
    css = source.read_text(encoding="utf-8")
    readable, shipped = rules(css), rules(minify(css))
    assert len(readable) > 20
    assert [r[:2] for r in shipped] == [r[:2] for r in readable]  # the same selectors, in order
    assert shipped == readable
    # Reading it the other way round: the parse loses nothing that the comparison ignores.
    assert sum(len(d) for *_, d in readable) > 2 * len(readable)


def test_the_site_ships_the_minified_css(seed_site):
    for source in THEME_CSS:
        shipped = (seed_site.output / "theme/css" / source.name).read_text(encoding="utf-8")
        readable = source.read_text(encoding="utf-8")
        assert "/*" in readable and "/*" not in shipped, source.name
        assert shipped == minify(readable), source.name
        assert len(shipped.encode()) < 0.85 * len(readable.encode()), source.name


def test_minify_off_ships_the_readable_css_and_laid_out_templates(build_site):
    from conftest import fixture_article

    build = build_site(
        {"2023/valid-article.md": fixture_article("valid-article")},
        KFQ={"REQUIRED_PLUGINS": [], "MINIFY": False},
    )
    assert build.returncode == 0, build.log
    site_css = (build.output / "theme/css/site.css").read_text(encoding="utf-8")
    assert site_css == (ROOT / "theme/static/css/site.css").read_text(encoding="utf-8")
    assert "\n  <header" in build.page("articles/2023/11/valid-article/index.html")
