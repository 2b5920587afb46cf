"""Plain-language YAML syntax errors for the mistakes a Japanese keyboard makes.

PyYAML words a syntax error as its parser sees it, often on the line *after* the mistake: a
full-width colon ``ja： 深層学習`` turns the line into text, and the error ("mapping values are not
allowed here") is reported on the next key. :func:`diagnose` looks at the lines up to PyYAML's
mark for the likely cause and says where it *is*, in Japanese and English:

* a tab character (YAML indents with spaces only);
* a full-width colon ``：`` after a key, or a full-width space ``　`` in the indentation or after
  ``:``;
* no space after ``:`` (``ja:深層学習``);
* an unquoted ``: `` inside a value (``ja: 深層学習: 入門``);
* indentation that does not line up with the lines above.

Only called for text that failed to parse; returns None when none of these fits (the parser's
own words are then shown).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# How many lines above PyYAML's mark the mistake may be.
LOOK_BACK = 6

_KEY = r"^(?P<indent>[ \u3000]*)(?:-[ ]+)?(?P<key>[A-Za-z_][\w-]*)"
_FULL_WIDTH_COLON = re.compile(_KEY + r"[ \u3000]*(?P<mark>：)")
_FULL_WIDTH_SPACE_AFTER = re.compile(_KEY + r":(?P<mark>\u3000)")
_NO_SPACE = re.compile(_KEY + r":(?P<mark>[^\s/:'\"])")
_KEY_COLON = re.compile(_KEY + r":[ ]")


@dataclass(frozen=True)
class Diagnosis:
    line: int  # 0-based, like PyYAML's marks
    column: int  # 0-based
    message: str
    hint: str


def diagnose(text: str, line: int, column: int, problem: str) -> Diagnosis | None:
    """The likely mistake behind PyYAML's ``problem`` at (``line``, ``column``), 0-based."""
    lines = text.split("\n")
    if not 0 <= line < len(lines):
        return None
    for index in range(line, max(-1, line - LOOK_BACK), -1):
        found = _typing_mistake(lines[index], index)
        if found is not None:
            return found
    if "mapping values are not allowed" in problem:
        key = _KEY_COLON.match(lines[line])
        if key is not None and key.end() <= column:
            return _colon_in_value(line, column, key["key"], lines[line][key.end() :])
    if "<block end>" in problem or (
        "mapping values are not allowed" in problem and _misaligned(lines, line)
    ):
        return _indentation(lines, line)
    return None


def _content_column(text: str) -> int:
    """Where a line's key starts: after its indentation and any '- ' list markers."""
    return len(text) - len(text.lstrip(" -"))


def _misaligned(lines: list[str], line: int) -> bool:
    """The line starts in a column no line above it (up to its parent) starts in."""
    column = _content_column(lines[line])
    for above in reversed(lines[:line]):
        if not above.strip() or above.lstrip().startswith("#"):
            continue
        if _content_column(above) == column or len(above) - len(above.lstrip(" ")) == column:
            return False
        if _content_column(above) < column:
            return True
    return True


def _typing_mistake(text: str, index: int) -> Diagnosis | None:
    """A tab, a full-width colon or space, or no space after ':' on one line."""
    if "\t" in text:
        return Diagnosis(
            index,
            text.index("\t"),
            "タブ文字があります。YAMLの字下げは半角スペースだけで書きます "
            "/ a tab character: YAML is indented with spaces only",
            "delete the tab and type spaces instead (2 per level), as in the lines around it",
        )
    if (match := _FULL_WIDTH_COLON.match(text)) is not None:
        return Diagnosis(
            index,
            match.start("mark"),
            f"「{match['key']}」の後のコロンが全角「：」です "
            f"/ a full-width colon '：' after '{match['key']}'",
            f"type a half-width colon and a space: {match['key']}: …"
            "(日本語入力をオフにして「:」と半角スペース)",
        )
    if "\u3000" in match_indent(text) or _FULL_WIDTH_SPACE_AFTER.match(text):
        col = text.index("\u3000")
        return Diagnosis(
            index,
            col,
            "全角スペース「　」があります。字下げと「:」の後は半角スペースで書きます "
            "/ a full-width space: indentation and the space after ':' must be half-width",
            "replace it with half-width spaces (日本語入力をオフにしてスペース)",
        )
    if (match := _NO_SPACE.match(text)) is not None:
        return Diagnosis(
            index,
            match.start("mark") - 1,
            f"「{match['key']}:」の後に半角スペースがありません / no space after '{match['key']}:'",
            f"write a space after the colon: {match['key']}: {text[match.start('mark') :]}",
        )
    return None


def match_indent(text: str) -> str:
    """The line's leading run of half- and full-width spaces."""
    return text[: len(text) - len(text.lstrip(" \u3000"))]


def _colon_in_value(line: int, column: int, key: str, value: str) -> Diagnosis:
    shown = value.strip().replace('"', '\\"')
    return Diagnosis(
        line,
        column,
        '値の中に「: 」(コロンとスペース)があります。値全体を "…" で囲んでください '
        "/ the value contains ': ' (a colon and a space): put the whole value in quotes",
        f'write: {key}: "{shown}"  (or use the full-width colon ：)',
    )


def _indentation(lines: list[str], line: int) -> Diagnosis:
    text = lines[line]
    column = len(text) - len(text.lstrip(" "))
    above = next((t for t in reversed(lines[:line]) if t.strip()), "")
    above_indent = _content_column(above)
    return Diagnosis(
        line,
        column,
        "この行の字下げ(行頭の半角スペースの数)が上の行とそろっていません "
        "/ the indentation of this line does not line up with the lines above",
        f"this line starts in column {column + 1}; keys of the same item start in the same "
        f"column (the line above starts in column {above_indent + 1}), a key inside it 2 spaces "
        "further right",
    )
