"""Bylines: find them before the text, after it, in parentheses or glued to the last sentence.

Authors go to the article's front-matter and leave its body; the dateline (本刊讯 …) stays at
the start of the first paragraph. A byline is recognised by its form — role words (本刊记者,
通讯员 …), a Chinese personal name (a surname and one or two characters), an organisation
(清徐融媒) — or because the contributors register knows the name.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from kfq.importer.model import Article, Paragraph
from kfq.names import is_person_name
from kfq.text import HAN

# Role words a byline prints before names, as the paper and its contributors write them: a
# reporter or correspondent of any outlet and standing (本报通讯员, 本刊特约记者, 融媒体记者),
# and the other credits.
_REPORTER = "(?:本刊|本报|本台|本站)?(?:特约|见习|实习|首席|驻站|融媒体)?(?:记者|通讯员)"
_CREDITS = "实习生|特约撰稿人|撰稿人|撰稿|撰文|执笔|作者|供稿|文/图|图/文|文／图|图／文|摄影|文|图|摄"
ROLES = f"{_REPORTER}|{_CREDITS}"
ROLE_RE = re.compile(rf"^(?:{ROLES})[:：/／]?$")
ROLE_PREFIX_RE = re.compile(rf"^({ROLES})[:：]?(?=[{HAN}]{{2,4}}$)")
# Marks a commentary prints before its author's name under the headline: □ 姓名.
SIGN_MARKS = "□■◎●○◆◇▲△☆★"
ORG_SUFFIX_RE = re.compile(
    r"(?:融媒|融媒体|融媒体中心|新闻中心|宣传部|宣传科|管委会|办公室|报社|电视台|广播电视台|委员会|研究院|"
    r"服务中心|工作站|党工委|新闻办)$"
)
_TRAILING_PARENS = re.compile(r"^(?P<prose>.*?[。！？…!?][”’」』]?)\s*(?P<byline>[（(][^（）()]{2,30}[）)])$")
_TRAILING_SPACED = re.compile(r"^(?P<prose>.*?[。！？…!?][”’」』]?)\s+(?P<byline>[^\s。！？，].{1,30})$")
_TRAILING_BARE = re.compile(rf"^(?P<prose>.*?[。！？…!?][”’」』]?)(?P<byline>[{HAN}]{{2,14}})$")
_DATELINE_PARENS = re.compile(r"^(?P<dateline>\S{2,8}讯)\s*(?P<byline>[（(][^（）()]{2,30}[）)])\s*")
_SEPARATORS = re.compile(r"[\s、，,/／]+")


def is_person(name: str) -> bool:
    """A Chinese personal name by its form: a surname of the published data and one or two
    given characters (kfq.names)."""
    return is_person_name(name)


def is_organisation(name: str) -> bool:
    """An organisation that signs articles (清徐融媒, XX县委宣传部)."""
    return bool(re.fullmatch(rf"[{HAN}]{{2,14}}", name)) and bool(ORG_SUFFIX_RE.search(name))


def parse_line(text: str, known: Collection[str] = ()) -> list[str] | None:
    """The names a byline line signs with, or None when the line is not a byline.

    本刊记者 李恒松 → [李恒松]; 记者 王伟 通讯员 汪伟 → [王伟, 汪伟]; （魏亚东） → [魏亚东];
    清徐融媒 → [清徐融媒]; 高起点布局 → None."""
    text = text.strip().lstrip(SIGN_MARKS).strip()
    inner = re.fullmatch(r"[（(](.+)[）)]", text)
    if inner:
        text = inner.group(1).strip()
    names: list[str] = []
    roles = 0
    for token in _joined_names(_SEPARATORS.split(text), known):
        if not token:
            continue
        if ROLE_RE.match(token):
            roles += 1
            continue
        prefixed = ROLE_PREFIX_RE.match(token)
        if prefixed:
            roles += 1
            token = token[prefixed.end() :]
        token = re.sub(r"[:：]$", "", token)
        if token in known or is_person(token) or is_organisation(token):
            names.append(token)
        else:
            return None
    # Two bare names are a byline only with a role word or a known name: 高平 长治 is not.
    if not names or (len(names) > 2 and not roles):
        return None
    return names


def _joined_names(tokens: list[str], known: Collection[str]) -> list[str]:
    """Tokens with a name printed letter-spaced (通讯员 张 三) joined back into one."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        run = i
        while run < len(tokens) and re.fullmatch(rf"[{HAN}]", tokens[run]) and not ROLE_RE.match(tokens[run]):
            run += 1
        if run - i >= 2:
            joined = "".join(tokens[i:run])
            if joined in known or is_person_name(joined):
                out.append(joined)
                i = run
                continue
        out.append(tokens[i])
        i += 1
    return out


def split_trailing(
    text: str, known: Collection[str] = (), bare_names: bool = False
) -> tuple[str, str, list[str]] | None:
    """(prose, byline as printed, names) when a byline is glued to the paragraph's end.

    A name glued with no space at all (…达产达效。韩燕) is taken only when the register knows
    it, or, with bare_names, at the end of an article, where no sentence can go on."""
    text = text.rstrip()
    for pattern, needs_known in (
        (_TRAILING_PARENS, False),
        (_TRAILING_SPACED, False),
        (_TRAILING_BARE, not bare_names),
    ):
        m = pattern.match(text)
        if not m:
            continue
        names = parse_line(m.group("byline"), known)
        if names and (not needs_known or all(n in known for n in names)):
            return m.group("prose"), m.group("byline").strip(), names
    return None


def split_dateline(text: str, known: Collection[str] = ()) -> tuple[str, str, list[str]] | None:
    """本刊讯（记者 张三）近日… → (本刊讯 近日…, （记者 张三）, [张三])."""
    m = _DATELINE_PARENS.match(text)
    if not m:
        return None
    names = parse_line(m.group("byline"), known)
    if not names:
        return None
    return f"{m.group('dateline')} {text[m.end() :]}", m.group("byline"), names


def attach(article: Article, known: Collection[str] = ()) -> Article:
    """Move every byline of the article into authors (in printed order) and out of its body."""
    printed: list[tuple[str, list[str]]] = []
    if article.headline:
        for line in article.headline.bylines:
            printed.append((line, parse_line(line, known) or []))
    paragraphs = list(article.paragraphs)
    for text in article.loose_bylines:
        printed.append((text, parse_line(text, known) or []))
    if paragraphs and not paragraphs[0].heading:
        split = split_dateline(paragraphs[0].text, known)
        if split:
            paragraphs[0] = Paragraph(split[0])
            printed.insert(0, (split[1], split[2]))
    if paragraphs and not paragraphs[-1].heading:
        split = split_trailing(paragraphs[-1].text, known, bare_names=True)
        if split:
            paragraphs[-1] = Paragraph(split[0])
            printed.append((split[1], split[2]))
    article.paragraphs = paragraphs
    article.bylines = [line for line, _ in printed]
    authors: list[str] = []
    for _, names in printed:
        authors.extend(n for n in names if n not in authors)
    article.authors = authors
    for name in authors:
        if known and name not in known:
            article.flag(
                "byline",
                name,
                f"'{name}' is not in contributors.yaml: check the name, then add them (name, role, zone)",
            )
    if not authors:
        article.flag("byline", "", "no byline found: add the authors, or leave authors: [] if unsigned")
    return article
