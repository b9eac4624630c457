"""Markdown -> sanitised HTML: the one place where member text becomes markup.

Posts are rendered once, when written, and the result is stored; pages never render
Markdown on read.
"""
import bleach
from bleach.linkifier import Linker
from markdown_it import MarkdownIt

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "breaks": True}).enable(
    ["table", "strikethrough"]
)

ALLOWED_TAGS = frozenset({
    "p", "br", "strong", "em", "del", "s", "blockquote", "code", "pre", "ul", "ol", "li",
    "a", "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td",
})
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})


def _external_links(attrs, new=False):
    href_key = (None, "href")
    href = attrs.get(href_key, "")
    if href.startswith(("http://", "https://")):
        attrs[(None, "rel")] = "nofollow noopener noreferrer"
    return attrs


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
)
_linker = Linker(callbacks=[_external_links], skip_tags={"pre", "code"})


def _demote_headings(html: str) -> str:
    # Member headings must not compete with the page's own h1/h2.
    for level in (1, 2):
        html = html.replace(f"<h{level}>", "<h3>").replace(f"</h{level}>", "</h3>")
    return html


def render(source: str) -> str:
    """Render member Markdown to safe HTML (raw HTML is escaped, links are nofollow)."""
    html = _demote_headings(_markdown.render(source or ""))
    return _linker.linkify(_cleaner.clean(html))


def quote(author_name: str, source: str) -> str:
    """Markdown that quotes a post, for the reply form."""
    lines = (source or "").strip().splitlines() or [""]
    quoted = "\n".join(f"> {line}" if line else ">" for line in lines)
    return f"> **{author_name}** a écrit :\n{quoted}\n\n"
