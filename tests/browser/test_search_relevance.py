"""Search relevance, scored: a fixed set of readers' queries against the built seed site.

Which articles are relevant to a query is worked out here from the built site's own sources
(the articles' Markdown and front-matter) and the registers, never listed by hand, so the
scores stay honest when the articles change:

- an article is relevant when the query's meaning is in its text (title, kicker, subtitle,
  body) or its metadata (authors and their aliases, zones with their short names and aliases,
  theme, genre, topics);
- a name stands for its register entry: a zone's short name means every spelling of the zone,
  a contributor's alias means the contributor;
- a query in pinyin means the register names that read so (kfq.slugs with the places'
  official readings), and a zone's official slug means the zone;
- words separated by spaces must all be there; a phrase in quotes must be there as typed;
- a query found nowhere that is one character away from exactly one register name means that
  name (a typo); failing that, a query of three characters or more means the commonest run of
  Chinese in the articles one character away from it, if it occurs twice or more.

Scores: recall@10 (relevant articles among the first 10 results, out of at most 10) and
precision in the first R results (R = the number of relevant articles, at most 10).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from urllib.parse import quote

import pytest

from conftest import seed_articles
from kfq.registers import Registers, load_registers
from kfq.search_terms import pinyin_key
from kfq.slugs import pinyin_words

HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")

pytestmark = pytest.mark.browser

QUERIES = [
    # places and zones, by canonical name, short name, alias and place name
    ("place", "左云"),
    ("place", "清徐"),
    ("place", "灵石"),
    ("place", "临猗"),
    ("place", "长子"),
    ("place", "岚县"),
    ("zone", "左云经开区"),
    ("zone", "左云开发区"),
    ("zone", "长子经开区"),
    ("zone", "清徐经开区"),
    ("zone", "忻州经济开发区"),
    ("zone", "大同经开区"),
    ("zone", "综改区"),
    ("zone", "阳曲工业园区"),
    ("zone", "长治经济技术开发区"),
    # people and organisations from the bylines
    ("person", "闫杰"),
    ("person", "董保彤"),
    ("person", "李恒松"),
    ("person", "韩燕"),
    ("person", "魏亚东"),
    ("person", "清徐县融媒体中心"),
    ("person", "王建峰"),
    # the call's themes, the topics, a genre
    ("theme", "三个一批"),
    ("theme", "人才引智"),
    ("theme", "科技创新"),
    ("topic", "招商引资"),
    ("topic", "营商环境"),
    ("topic", "绿色低碳"),
    ("topic", "新质生产力"),
    ("topic", "标准厂房"),
    ("genre", "通讯"),
    # products and figures
    ("product", "活性炭"),
    ("product", "冻干"),
    ("product", "能源岛"),
    ("product", "煤矸石"),
    ("figure", "92.95亿元"),
    # phrases, with and without quotes
    ("phrase", "工作专班"),
    ("phrase", "高质量发展"),
    ("phrase", "实行领导干部包联重点企业项目制度"),
    ("phrase", "冻干科技驱动"),
    ("quoted", '"标准厂房"'),
    ("quoted", '"项目专班"'),
    ("quoted", "“左云经开区”"),
    ("words", "左云 活性炭"),
    # pinyin: place readings, zone slugs, names, with and without spaces
    ("pinyin", "zuoyun"),
    ("pinyin", "qingxu"),
    ("pinyin", "zuo yun"),
    ("pinyin", "zhangzi"),
    ("pinyin", "lingshi"),
    ("pinyin", "zuoyun-jingji-jishu-kaifaqu"),
    ("pinyin", "qingxu-jingji-kaifaqu"),
    ("pinyin", "yanjie"),
    ("pinyin", "dong baotong"),
    # typos
    ("typo", "左云经开曲"),
    ("typo", "董宝彤"),
    ("typo", "闫洁"),
    ("typo", "徐珊"),
    ("typo", "活性碳"),
    ("typo", "煤钎石"),
    ("pinyin", "Zuǒyún"),
]


@dataclass(frozen=True)
class Doc:
    url: str
    text: str  # title, kicker, subtitle, body
    meta: str  # every name the metadata stands for


def published_docs(content, registers: Registers) -> list[Doc]:
    """The built site's published articles, read from its sources."""
    docs = []
    for meta, body in seed_articles(content):
        url = meta["url"]
        text = " ".join(str(meta.get(k) or "") for k in ("kicker", "title", "subtitle"))
        text += " " + re.sub(r"^#+\s*", "", body, flags=re.M)
        names: list[str] = []
        for a in meta.get("authors") or ():
            c = registers.contributor_named(str(a))
            names += [c.name, *c.aliases] if c else [str(a)]
        for z in meta.get("zones") or ():
            zone = registers.zone_named(str(z))
            names += list(zone.names) if zone else [str(z)]
        names += [str(t) for t in meta.get("topics") or ()]
        names += [str(meta[k]) for k in ("theme", "genre") if meta.get(k)]
        docs.append(Doc(url, text, " ".join(names)))
    return docs


def register_names(registers: Registers) -> list[str]:
    names = [n for z in registers.zones for n in z.names] + list(registers.places)
    names += [n for c in registers.contributors for n in (c.name, *c.aliases)]
    names += [t.name for t in registers.topics]
    names += [t.name.strip("“”") for call in registers.calls for t in call.themes]
    return names


def spellings(term: str, registers: Registers) -> set[str]:
    """A name and every other spelling of the register entry it names."""
    zone = registers.zone_named(term)
    if zone:
        return set(zone.names)
    person = registers.contributor_named(term)
    if person:
        return {person.name, *person.aliases}
    return {term}


def one_apart(a: str, b: str) -> bool:
    """One character wrong, in a name of two characters or more."""
    return len(a) == len(b) >= 2 and sum(x != y for x, y in zip(a, b, strict=True)) == 1


def meaning(query: str, registers: Registers, docs: list[Doc]) -> list[set[str]]:
    """What the query asks for: a list of terms, each a set of equivalent spellings, all of
    which an article must contain (any spelling of each)."""
    quoted = re.fullmatch(r'\s*["“](.+)["”]\s*', query)
    if quoted:
        return [{quoted.group(1).strip()}]
    # Tone marks dropped: zuǒyún is zuoyun.
    plain = "".join(
        c for c in unicodedata.normalize("NFD", query.replace("ü", "v")) if unicodedata.category(c) != "Mn"
    )
    if re.fullmatch(r"[A-Za-z' -]*[A-Za-z][A-Za-z' -]*", plain):
        key = re.sub(r"[\s'-]", "", plain.lower())
        named = {n for n in register_names(registers) if "".join(pinyin_words(n, registers.places)) == key}
        named |= {z.name for z in registers.zones if z.slug.replace("-", "") == key}
        return [set().union(*(spellings(n, registers) for n in named))]
    terms = [spellings(t, registers) for t in query.split()]
    if len(terms) == 1 and not any(query in d.text + d.meta for d in docs):
        near = {n for n in register_names(registers) if one_apart(n, query)}
        if len(near) == 1:
            return [spellings(near.pop(), registers)]
        if len(query) < 3:
            return terms
        common = Counter(
            run
            for d in docs
            for text in (d.text, d.meta)
            for i in range(len(text) - len(query) + 1)
            if one_apart(run := text[i : i + len(query)], query) and HAN_RUN.fullmatch(run)
        ).most_common()
        common.sort(key=lambda rc: (-rc[1], pinyin_key(rc[0])))
        if common and common[0][1] >= 2:
            return [{common[0][0]}]
    return terms


def relevant(query: str, registers: Registers, docs: list[Doc]) -> set[str]:
    terms = meaning(query, registers, docs)
    return {d.url for d in docs if all(any(s in d.text or s in d.meta for s in spelled) for spelled in terms)}


def first_results(page, base: str, query: str, n: int = 10) -> list[str]:
    page.goto(f"{base}/search/?q={quote(query)}")
    page.wait_for_function("document.getElementById('search-status').textContent.includes('。')")
    hrefs = [a.get_attribute("href") for a in page.locator("#search-results .item-title a").all()]
    return [h.split("?")[0] for h in hrefs[:n]]


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    yield context.new_page()
    context.close()


def test_readers_queries_find_what_they_mean(served_seed_site, seed_site, desktop):
    registers = load_registers(seed_site.content / "data")
    docs = published_docs(seed_site.content, registers)
    assert len(QUERIES) >= 40
    rows, recalls, precisions = [], [], []
    for kind, query in QUERIES:
        rel = relevant(query, registers, docs)
        found = first_results(desktop, served_seed_site, query)
        if not rel:
            rows.append(f"{kind:8} {query:30} R=0  (no relevant article in this build) found={len(found)}")
            continue
        r = min(len(rel), 10)
        recall = len(set(found[:10]) & rel) / r
        precision = len(set(found[:r]) & rel) / r
        recalls.append(recall)
        precisions.append(precision)
        missed = sorted(rel - set(found[:10]))
        rows.append(
            f"{kind:8} {query:30} R={len(rel):<3} recall@10={recall:.2f} P@R={precision:.2f}"
            + (f"  missed {missed}" if missed else "")
        )
    mean_recall = sum(recalls) / len(recalls)
    mean_precision = sum(precisions) / len(precisions)
    print("\n" + "\n".join(rows))
    print(f"mean recall@10 {mean_recall:.3f}, mean precision@R {mean_precision:.3f}, {len(recalls)} queries")
    # The set must keep meaning something when the articles are regenerated.
    assert len(recalls) >= 0.9 * len(QUERIES), rows
    assert mean_recall >= 0.98, rows
    assert mean_precision >= 0.95, rows
