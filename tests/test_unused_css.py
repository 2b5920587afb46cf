"""unused_css.prune: what a stylesheet keeps for the pages it serves."""

from __future__ import annotations

from nexus_site.site.unused_css import Usage, prune


def usage(html: str) -> Usage:
    u = Usage()
    u.add(html)
    return u


def test_a_rule_stays_when_one_selector_can_match() -> None:
    css = ".a .b{color:red}.a .z{color:blue}.z,.b{margin:0}"
    assert prune(css, usage('<div class="a"><p class="b x">')) == ".a .b{color:red}\n.b{margin:0}\n"


def test_rules_without_classes_and_negations_stay() -> None:
    css = "body{margin:0}[data-x] p{color:red}.a:not(.gone){padding:0}.a :is(.gone){top:0}"
    out = prune(css, usage("<i class='a'>"))
    assert (
        out
        == "body{margin:0}\n[data-x] p{color:red}\n.a:not(.gone){padding:0}\n.a :is(.gone){top:0}\n"
    )


def test_root_below_something_matches_nothing() -> None:
    css = ".a :root{--x:1}:root{--y:2;color:var(--y)}"
    assert prune(css, usage('<b class="a">')) == ":root{--y:2;color:var(--y)}\n"


def test_custom_properties_kept_only_when_used_even_indirectly() -> None:
    css = ".a{--used:var(--base);--base:1px;--unused:2px;--inline:3px;margin:var(--used)}"
    out = prune(css, usage('<p class="a" style="top:var(--inline)">'))
    assert out == ".a{--used:var(--base);--base:1px;--inline:3px;margin:var(--used)}\n"


def test_grouping_rules_pruned_inside_and_dropped_when_empty() -> None:
    css = "@media (max-width:10px){.a{top:0}.z{top:1px}}@media print{.z{top:0}}"
    assert prune(css, usage('<b class="a">')) == "@media (max-width:10px){.a{top:0}}\n"


def test_other_at_rules_stay_as_they_are() -> None:
    css = '@charset "UTF-8";@font-face{font-family:X;src:url(x.woff2)}@keyframes k{to{top:0}}'
    out = prune(css, Usage())
    assert out.splitlines() == [
        '@charset "UTF-8";',
        "@font-face{font-family:X;src:url(x.woff2)}",
        "@keyframes k{to{top:0}}",
    ]


def test_important_and_escaped_classes() -> None:
    css = r".a\:b{color:red!important}.c{color:blue}"
    assert prune(css, usage('<b class="a:b">')) == ".a\\:b{color:red !important}\n"


def test_classes_from_every_page_and_unquoted_attributes() -> None:
    u = usage("<p class=one>")
    u.add('<svg><g class="two"></g></svg>')
    assert prune(".one{top:0}.two{top:0}.three{top:0}", u) == ".one{top:0}\n.two{top:0}\n"
