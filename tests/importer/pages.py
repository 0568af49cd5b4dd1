"""Small pages in layouts the seeds do not show, set the way the paper sets them."""

from __future__ import annotations


def column(*paragraphs: str, width: int = 14, blank: bool = False) -> str:
    """Paragraphs wrapped as a newspaper column: full lines of `width` characters, a paragraph's
    first line two shorter (its indent, which extraction drops)."""
    out: list[str] = []
    for p in paragraphs:
        first, rest = p[: width - 2], p[width - 2 :]
        out.append(first)
        while rest:
            out.append(rest[:width])
            rest = rest[width:]
    return ("\n\n" if blank else "\n").join(out) + "\n"


BRIEF_A = (
    "本刊讯 近日，长子经济技术开发区召开项目推进会，研究部署下一阶段重点项目建设工作，"
    "要求各部门倒排工期、挂图作战，确保项目早日投产达产。"
)
BRIEF_B = (
    "本刊讯 日前，左云经济技术开发区与三家企业集中签约，总投资十二亿元，"
    "涉及新材料、装备制造和食品加工等产业，项目落户后将进一步延伸产业链条。"
)
BRIEF_C = (
    "本报讯 今年以来，高平经济技术开发区持续优化营商环境，推行全程代办服务，"
    "企业办事时间平均缩短一半以上，群众满意度明显提高。"
)
