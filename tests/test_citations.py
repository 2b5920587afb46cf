"""Numbered citations ``[1]`` link to the reference list under ``## 参考文献`` (site/citations.py)."""

from __future__ import annotations

from nexus_site.site.citations import link

REFS = '<h2 id="参考文献">参考文献<a class="headerlink" href="#参考文献">¶</a></h2>\n<ol>\n<li>A</li>\n<li>B</li>\n</ol>'


def test_citations_link_to_their_reference_and_back() -> None:
    html = link(f"<p>定義です[1]。FedAvg[2]と[1]。</p>\n{REFS}", "本文へ戻る")
    assert '<a class="nx-cite" href="#ref-1" id="cite-1">[1]</a>' in html
    assert '<a class="nx-cite" href="#ref-2" id="cite-2">[2]</a>' in html
    assert html.count('href="#ref-1"') == 2 and html.count('id="cite-1"') == 1
    assert (
        '<li id="ref-1"><a class="nx-cite-back" href="#cite-1" aria-label="本文へ戻る [1]">' in html
    )
    assert '<li id="ref-2">' in html


def test_code_links_and_unknown_numbers_stay_as_written() -> None:
    html = link(f"<p><code>x[1]</code> <a href='#'>[1]</a> a[3] b[0]</p>\n{REFS}")
    assert "nx-cite" not in html.split("<h2")[0]
    assert "<code>x[1]</code>" in html and "a[3] b[0]" in html


def test_a_page_without_a_reference_list_is_unchanged() -> None:
    page = "<p>配列 a[1] を見る</p><h2 id='x'>まとめ</h2><ol><li>x</li></ol>"
    assert link(page) == page


def test_a_notebook_list_after_cell_boundaries() -> None:
    notebook = (
        '<p>see [1]</p><h2 id="references">References<a class="anchor-link" href="#r">¶</a></h2>'
        '</div></div><div class="cell"><ol><li>A</li></ol>'
    )
    html = link(notebook)
    assert 'href="#ref-1" id="cite-1"' in html and '<li id="ref-1">' in html
