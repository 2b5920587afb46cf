"""``/// figure`` and ``/// quiz`` blocks (parsed and checked by ``nexus_site.content.blocks``)
turned into the HTML the page's scripts bring to life, with Markdown inside left to Markdown
(``md_in_html``): the author's fallback table, the quiz's question, choices and explanations.

Without JavaScript (and in print) a figure shows its static version, the author's Markdown or
an SVG drawn here; a quiz shows its choices, each explanation in a ``<details>``.
Everything from the author is escaped: parameters go into a ``data-`` attribute as JSON.
"""

from __future__ import annotations

import html
import json
from typing import Any

from nexus_site.content.blocks import Block, parse
from nexus_site.site import figures

QUIZ_LABELS: dict[str, dict[str, str]] = {
    "ja": {
        "title": "理解度チェック",
        "check": "答え合わせ",
        "retry": "もう一度",
        "reveal": "答えを見る",
        "right": "正解",
        "wrong": "不正解",
        "why": "解説",
        "correct": "正解です!",
        "incorrect": "残念、もう一度考えてみましょう。選んだ答えの解説を読んでください。",
        "partial": "正しい答えがほかにもあります。",
        "choose": "答えを選んでください。",
        "one": "1つ選んでください",
        "all": "当てはまるものをすべて選んでください",
        "answer": "正解:",
    },
    "en": {
        "title": "Check your understanding",
        "check": "Check",
        "retry": "Try again",
        "reveal": "Show the answer",
        "right": "Correct",
        "wrong": "Incorrect",
        "why": "Explanation",
        "correct": "Correct!",
        "incorrect": "Not quite. Read the explanation of your answer and try again.",
        "partial": "There are more correct answers.",
        "choose": "Choose an answer first.",
        "one": "Choose one",
        "all": "Choose all that apply",
        "answer": "Answer:",
    },
}


def _attr(value: Any) -> str:
    """JSON in an HTML attribute, escaped (quotes, <, >, &)."""
    return html.escape(json.dumps(value, ensure_ascii=False, separators=(",", ":")), quote=True)


def render(markdown: str, lang: str, file: str) -> str:
    """``markdown`` with each block replaced by its HTML. Blocks with problems are left as they
    are (the project check has already failed the build with those problems)."""
    found, _problems = parse(markdown, file)
    if not found:
        return markdown
    lines = markdown.split("\n")
    for block in reversed(found):
        made = _figure(block, lang) if block.kind == "figure" else _quiz(block, lang)
        lines[block.start : block.end + 1] = ["", made, ""]
    return "\n".join(lines)


def _figure(block: Block, lang: str) -> str:
    labels = figures.LABELS[lang]
    caption = str(block.params.get("caption") or "")
    static = block.body or figures.STATIC[block.name](block.params, labels)
    params = {k: v for k, v in block.params.items() if k != "caption"}
    head = (
        f'<figure class="nexus-figure" data-nexus-figure="{html.escape(block.name)}" '
        f'data-params="{_attr(params)}" data-labels="{_attr(labels)}" markdown="1">'
    )
    parts = [
        head,
        '<div class="nexus-figure__static" markdown="block">',
        "",
        static,
        "",
        "</div>",
    ]
    if caption:
        parts.append(f'<figcaption markdown="span">{html.escape(caption)}</figcaption>')
    parts.append("</figure>")
    return "\n".join(parts)


def _quiz(block: Block, lang: str) -> str:
    labels = QUIZ_LABELS[lang]
    multiple = sum(c.correct for c in block.choices) > 1
    title = html.escape(block.name or labels["title"])
    parts = [
        f'<div class="nexus-quiz" data-nexus-quiz data-multiple="{str(multiple).lower()}" '
        f'data-labels="{_attr(labels)}" markdown="1">',
        f'<p class="nexus-quiz__title">{title}</p>',
        '<div class="nexus-quiz__question" markdown="block">',
        "",
        block.question,
        "",
        "</div>",
        f'<p class="nexus-quiz__hint">{labels["all" if multiple else "one"]}</p>',
        '<ol class="nexus-quiz__choices" markdown="1">',
    ]
    for choice in block.choices:
        verdict = labels["right" if choice.correct else "wrong"]
        parts += [
            f'<li class="nexus-quiz__choice" data-correct="{str(choice.correct).lower()}" '
            'markdown="1">',
            f'<span class="nexus-quiz__text" markdown="span">{choice.text}</span>',
            '<details class="nexus-quiz__why" markdown="1">',
            f"<summary>{labels['why']}</summary>",
            '<div markdown="block">',
            "",
            f'<strong class="nexus-quiz__verdict">{verdict}</strong>',
            "",
            choice.why,
            "",
            "</div>",
            "</details>",
            "</li>",
        ]
    parts += ["</ol>", "</div>"]
    return "\n".join(parts)
