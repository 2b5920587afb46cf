"""The URL scheme: stable, lowercase, derived from IDs. All URLs here are site-root-relative
(``"p/p15/"``); templates turn them into page-relative links with :func:`relative`, so the site
works under any subpath (``https://owner.github.io/repo/``)."""

from __future__ import annotations

import posixpath
import re

HOME = ""
DISCLAIMER = "disclaimer/"
TERMS = "terms/"


def series_url(series_id: str) -> str:
    return f"{series_id.lower()}/"


def lesson_url(series_id: str, ident: str) -> str:
    return f"{series_id.lower()}/{ident.lower()}/"


def anchor(ident: str) -> str:
    """HTML id of a sub-lesson section: ``G17.1`` → ``g17-1``."""
    return ident.lower().replace(".", "-")


def src_uri(url: str) -> str:
    """The virtual source file of a generated page at ``url``: ``"p/"`` → ``"p/index.md"``."""
    return f"{url}index.md"


def relative(from_url: str, to_url: str) -> str:
    """Link from the page at ``from_url`` to ``to_url`` (both site-root-relative, directory style).

    >>> relative("p/p15/", "g/g17/#g17-1")
    '../../g/g17/#g17-1'
    >>> relative("", "p/")
    'p/'
    >>> relative("p/", "")
    '../'
    """
    path, _, fragment = to_url.partition("#")
    base = from_url.rstrip("/") or "."
    target = path.rstrip("/") or "."
    rel = _relpath(target, base)
    if rel == ".":
        if fragment and path.rstrip("/") == from_url.rstrip("/"):
            return "#" + fragment  # same page
        rel = "./"
    elif path.endswith("/") or not path:
        rel += "/"
    return rel + ("#" + fragment if fragment else "")


def _relpath(target: str, base: str) -> str:
    """``posixpath.relpath`` for two relative paths, without its two ``os.getcwd()`` calls (it
    runs for every link of every page)."""
    t = posixpath.normpath(target).split("/")
    b = posixpath.normpath(base).split("/")
    if ".." in t or ".." in b or "" in t or "" in b:  # climbing out, or absolute
        return posixpath.relpath(target, base)
    t = [] if t == ["."] else t
    b = [] if b == ["."] else b
    common = 0
    while common < min(len(t), len(b)) and t[common] == b[common]:
        common += 1
    return "/".join([".."] * (len(b) - common) + t[common:]) or "."


def colab_url(repo_url: str, path: str, branch: str = "main") -> str | None:
    """ "Open in Colab" link for a notebook in a GitHub repository, else None."""
    prefix = "https://github.com/"
    if not repo_url.startswith(prefix):
        return None
    repo = repo_url[len(prefix) :].strip("/").removesuffix(".git")
    return f"https://colab.research.google.com/github/{repo}/blob/{branch}/{path}"


# --- languages ---------------------------------------------------------------------------------
# Japanese is served at the site root, English under en/. Both builds have the same pages at the
# same paths, so "the same page in the other language" is a prefix away.
LANG_PREFIX = {"ja": "", "en": "en/"}


def in_language(url: str, page_lang: str, target_lang: str) -> str:
    """``url`` of a page built in ``page_lang``, as a path relative to that build's root that
    reaches the same page in ``target_lang``: ``("p/", "ja", "en")`` → ``"en/p/"``,
    ``("p/", "en", "ja")`` → ``"../p/"``."""
    up = "../" * LANG_PREFIX[page_lang].count("/")
    return up + LANG_PREFIX[target_lang] + url


def absolute(base_url: str, lang: str, url: str) -> str:
    """Absolute URL of a page for ``hreflang``; ``base_url`` is the Japanese site's root."""
    return base_url.rstrip("/") + "/" + LANG_PREFIX[lang] + url


def site_root(site_url: str, lang: str) -> str:
    """The Japanese root from a build's ``site_url`` (the English build's ends in en/)."""
    prefix = LANG_PREFIX[lang]
    root = site_url if site_url.endswith("/") else site_url + "/"
    return root[: len(root) - len(prefix)] if prefix and root.endswith(prefix) else root


def edit_url(repo_url: str, path: str, branch: str = "main") -> str | None:
    """ "Edit this page" link: the file at ``path`` (relative to the repository root, e.g.
    ``content/p/p15.md`` or ``curriculum/p.yml``) in the web editor; None without a repository.

    >>> edit_url("https://github.com/owner/site/", "content/p/p15.md")
    'https://github.com/owner/site/edit/main/content/p/p15.md'
    """
    if not repo_url:
        return None
    repo = repo_url.rstrip("/").removesuffix(".git")
    return f"{repo}/edit/{branch}/{path.lstrip('/')}"


_SCHEME = re.compile(r"^[^/?#]*:")  # a colon before the first / ? # means a scheme


def is_safe_url(
    url: str, *, schemes: tuple[str, ...] = ("http", "https"), root_absolute: bool = False
) -> bool:
    """The one check of a URL that comes from data before it reaches an ``href``: a relative URL
    ("p/p15/", "../x#y", "#top") or one with a scheme in ``schemes``. Refused: any other scheme
    (``javascript:``, ``data:``…, however disguised), protocol-relative ``//host``, and — unless
    ``root_absolute`` — ``/path`` (which would break a site served under a sub-path)."""
    if not url or url != url.strip() or url.startswith(("//", "\\")):
        return False
    if url.startswith("/"):
        return root_absolute
    if _SCHEME.match(url):
        return url.split(":", 1)[0].lower() in schemes
    return True
