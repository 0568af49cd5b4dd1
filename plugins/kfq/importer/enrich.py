"""Article → article with zones, topics, call theme, genre, date, slug, from the registers."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache

from kfq.importer.bylines import SIGN_MARKS
from kfq.importer.lines import DATELINE_RE
from kfq.importer.model import Article
from kfq.registers import Call, Registers
from kfq.slugs import slugify, unique_slug
from kfq.text import zishu

PROVISIONAL_MARK = "【标题待定】"
PROVISIONAL_LEN = 20  # 字 of the first sentence that make a provisional title
# A zone besides the primary one is listed when the article names it this often, and at
# least this share of the primary's mentions: a zone named once in passing is not a subject.
SECOND_ZONE_MIN = 2
SECOND_ZONE_SHARE = 1 / 3
# The kinds of zone a name ends in, as the register's zones are named (not their parks).
ZONE_KIND = (
    r"(?:经济技术开发区|经济开发区|高新技术产业开发区|高新技术开发区|高新区|经开区|开发区|示范区|综合保税区)"
)
SHORTEST_SPELLING = 4  # shorter spellings (经开区) name no zone in particular
TOPIC_MIN_HITS = 2
TOPICS_MAX = 3
# A theme is proposed only when its signal words clearly recur, and clearly more than the
# next theme's: signal words such as 开工 or 签约 turn up in most articles.
THEME_MIN_HITS = 4
THEME_MARGIN = 1.5
# A column label that names a commentary, and the words a commentary's title is built on.
COMMENT_RE = re.compile(r"评论|短评|时评|述评|评论员|观察|论坛|观点|编者按|随笔|札记|杂谈|快评|锐评")
COMMENT_TITLE_RE = re.compile(
    r"^(?:短评|时评|快评|锐评|述评|评论员文章|编者按)|[：:](?:短评|时评|评论)$|[（(](?:短评|时评|快评|评论)[）)]$"
)
GENRES = ("消息", "通讯", "评论")
TIME_RE = re.compile(r"\d+月|\d+日|\d+年|近日|日前|近期|今年|去年|上午|下午|晚上|当天|此前|目前")


def enrich(
    article: Article, registers: Registers, date: dt.date | None, taken: Collection[str] = ()
) -> Article:
    """Fill in title, zones, topics, theme, genre, date and slug."""
    h = article.headline
    printed = h.title if h and h.title else ""
    article.kicker = h.kicker if h else None
    article.subtitle = h.subtitle if h else None
    article.provisional = not printed
    article.title = printed or PROVISIONAL_MARK + provisional_title(article)
    article.date = date
    if date is None:
        article.flag(
            "date",
            "",
            "the manifest gives no issue date for this page: set date: "
            "(and the seeds/manifest.yaml entry), then publish",
        )
    article.zones = zones(article, registers)
    article.topics = topics(article, registers)
    call = registers.call_for(date) if date else registers.latest_call
    article.theme = theme(article, call)
    article.genre = genre(article, call)
    base = slugify(printed or provisional_title(article), registers.places) or "wen-zhang"
    article.slug = unique_slug(base, taken)
    return article


def provisional_title(article: Article) -> str:
    """The start of the first sentence, without its dateline: a title the editor will replace."""
    first = next((p.text for p in article.paragraphs if not p.heading), "")
    first = DATELINE_RE.sub("", first).strip()
    sentence = re.sub(r"\s+", "", re.split(r"[。！？]", first, maxsplit=1)[0])
    clauses = sentence.split("，")
    # A leading 6月11日上午， or 近日， says when, not what: the title starts after it.
    while len(clauses) > 1 and len(clauses[0]) <= 8 and TIME_RE.search(clauses[0]):
        clauses.pop(0)
    # Cut to length, never ending on a dash or a comma left hanging by the cut.
    return "，".join(clauses).lstrip("“‘")[:PROVISIONAL_LEN].rstrip("—-，、：；")


def _headline_text(article: Article) -> str:
    return " ".join(x for x in (article.kicker, article.title, article.subtitle) if x)


@cache
def _spelling_pattern(spellings: tuple[str, ...]) -> re.Pattern[str] | None:
    """Every spelling of a zone long enough to name one, longest first."""
    usable = sorted((s for s in spellings if len(s) >= SHORTEST_SPELLING), key=len, reverse=True)
    return re.compile("|".join(re.escape(s) for s in usable)) if usable else None


def zones_named(text: str, registers: Registers) -> list[str]:
    """The canonical names of the zones text names, in order, as often as it names them."""
    pattern = _spelling_pattern(tuple(registers.zone_spellings))
    if pattern is None:
        return []
    out = []
    for m in pattern.finditer(text):
        zone = registers.zone_named(m.group(0))
        if zone is not None:
            out.append(zone.name)
    return out


def zones(article: Article, registers: Registers) -> list[str]:
    """Canonical zone names the article is about, primary first."""
    if _spelling_pattern(tuple(registers.zone_spellings)) is None:
        return []

    def found(text: str) -> list[str]:
        return zones_named(text, registers)

    in_headline = found(_headline_text(article))
    in_body = found(article.body)
    unknown = _unknown_zones(article, registers)
    counts = Counter(in_body)
    order = {name: i for i, name in reversed(list(enumerate(in_body)))}
    ranked = sorted(counts, key=lambda n: (-counts[n], order[n]))
    # A zone the register does not know, named in the headline or more often than any
    # known one, is what the article is about: it is never filed under another zone.
    subject = next(iter(unknown), None)
    if subject is not None and (
        unknown[subject].headline or unknown[subject].count > (counts[ranked[0]] if ranked else 0)
    ):
        article.flag(
            "zone",
            subject,
            f"the article is about '{subject}', which zones.yaml does not know: add it to "
            "zones.yaml (name, short names, slug, city, level, kind), then import again, "
            "or set zones: by hand",
        )
        return []
    primary = in_headline[0] if in_headline else (ranked[0] if ranked else None)
    if primary is None:
        # Printed without its headline, an article may say only 开发区 throughout: the zone
        # its author writes from (contributors.yaml) is then the one evidence on the page.
        theirs = {c.zone for a in article.authors if (c := registers.contributor_named(a)) and c.zone}
        if len(theirs) == 1:
            (zone,) = theirs
            article.flag(
                "zone",
                zone,
                f"no zone is named in the text: {zone} is proposed because the author writes "
                "from it (contributors.yaml); confirm it or set zones: by hand",
            )
            return [zone]
        article.flag(
            "zone",
            "",
            "no zone of zones.yaml is named in the text: add zones: by hand, "
            "or add the zone (or its alias) to zones.yaml",
        )
        return []
    result = [primary]
    for name in [*in_headline, *ranked]:
        if name in result:
            continue
        if name in in_headline or (
            counts[name] >= SECOND_ZONE_MIN and counts[name] >= SECOND_ZONE_SHARE * counts[primary]
        ):
            result.append(name)
    return result


@cache
def _zone_name_pattern(places: tuple[str, ...], zone_names: tuple[str, ...]) -> re.Pattern[str] | None:
    """A zone's name as the register's zones are named: a Shanxi place, then words like
    those of the register's own names (现代农业产业, 综合保税), then a zone's kind.

    The province's own name starts generic phrases (山西省工业开发区): a zone is named by its
    city or county. Parks (…产业园, …工业园) are parts of zones, not zones, and a phrase such
    as 长子县发挥开发区 is not a name."""
    named = sorted((p for p in places if p != "山西"), key=len, reverse=True)
    if not named:
        return None
    place = "|".join(map(re.escape, named))
    shape = re.compile(rf"^(?:山西省?)?(?:{place})(?:市|县|区)?(?P<middle>.*?){ZONE_KIND}$")
    middle = {ch for name in zone_names if (m := shape.match(name)) for ch in m.group("middle")}
    fill = f"[{re.escape(''.join(sorted(middle)))}]{{0,8}}" if middle else ""
    return re.compile(rf"(?:山西省?)?(?:{place})(?:市|县|区)?{fill}{ZONE_KIND}")


@dataclass
class _Mention:
    count: int = 0
    headline: bool = False


def _unknown_zones(article: Article, registers: Registers) -> dict[str, _Mention]:
    """Zones named in the article (a Shanxi place of the register and a zone's kind) that
    zones.yaml does not know, most named first."""
    pattern = _zone_name_pattern(tuple(registers.places), tuple(z.name for z in registers.zones))
    if pattern is None:
        return {}
    found: dict[str, _Mention] = {}
    for text, in_headline in ((_headline_text(article), True), (article.body, False)):
        for m in pattern.finditer(text):
            name = m.group(0)
            if registers.zone_named(name) is not None or any(
                registers.zone_named(name[k:]) for k in range(1, len(name) - 3)
            ):
                continue
            mention = found.setdefault(name, _Mention())
            mention.count += 1
            mention.headline = mention.headline or in_headline
    return dict(sorted(found.items(), key=lambda kv: (-kv[1].headline, -kv[1].count)))


def topics(article: Article, registers: Registers) -> list[str]:
    """Topics whose signal words the article uses, most signalled first."""
    text = _headline_text(article) + "\n" + article.body
    hits = {t.name: sum(text.count(s) for s in t.signals if s) for t in registers.topics}
    chosen = [n for n, k in hits.items() if k >= TOPIC_MIN_HITS]
    order = [t.name for t in registers.topics]
    return sorted(chosen, key=lambda n: (-hits[n], order.index(n)))[:TOPICS_MAX]


def theme(article: Article, call: Call | None) -> str | None:
    """The call's theme whose signal words the article uses most, if it uses them enough."""
    if call is None:
        return None
    text = _headline_text(article) + "\n" + article.body
    scores = sorted(
        ((sum(text.count(s) for s in t.signals if s), -i, t.name) for i, t in enumerate(call.themes)),
        reverse=True,
    )
    if not scores or scores[0][0] < THEME_MIN_HITS:
        return None
    if len(scores) > 1 and scores[0][0] < THEME_MARGIN * scores[1][0]:
        return None
    article.flag(
        "theme", scores[0][2], "theme proposed from the call's signal words: keep it, change it or remove it"
    )
    return scores[0][2]


def genre(article: Article, call: Call | None) -> str:
    """消息, 通讯 or 评论 from the article's structure, a keyword being one signal among several.

    A 消息 opens with a dateline (本刊讯 …) and is short; a 通讯 (feature) has no dateline, or
    runs long with section headings; a 评论 is signed under its headline (□ 姓名), or its
    column label or title calls it a commentary, and has no dateline."""
    names = call.genre_names if call and call.genre_names else GENRES
    targets = {g.name: g.target for g in call.genres} if call else {}
    length = zishu(article.body)
    headings = sum(p.heading for p in article.paragraphs)
    h = article.headline
    comment = 0
    if h is not None:
        comment += 2 * any(b.lstrip()[:1] in SIGN_MARKS for b in h.bylines)
        comment += 2 * any(COMMENT_RE.search(label) for label in [*h.labels, h.section or ""] if label)
        comment += bool(COMMENT_TITLE_RE.search(article.title or ""))
    if article.dateline:
        long_feature = headings >= 2 and length > targets.get("通讯", 1500)
        return "通讯" if long_feature and "通讯" in names else "消息"
    if comment >= 1 and "评论" in names:
        return "评论"
    if not headings and not article.subtitle:
        if length < targets.get("消息", 800) / 2:
            return "消息"  # a brief printed without a dateline
        # No dateline, subtitle or section heading: the form of a commentary, not a feature
        # (the paper's 通讯 carry a ——subtitle or headings).
        if "评论" in names:
            return "评论"
    return "通讯" if "通讯" in names else "消息"
