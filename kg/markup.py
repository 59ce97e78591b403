"""Article text out of HTML (trafilatura) and Markdown (markdown-it-py).

Pure functions of a string, picklable, so that `kg.read` can run them in its bounded reader
process (`kg.bounded`): a page that would keep a parser busy for minutes is stopped there.
"""

from __future__ import annotations

from functools import cache

BLOCK_SEPARATOR = "\n\n"
INLINE_BREAKS = {"softbreak": "\n", "hardbreak": "\n"}


@cache
def warm_html() -> None:
    """Load trafilatura and what it loads on first use, once, so every forked reader has them."""
    html_parts("<html><head><title>t</title></head><body><p>A first page.</p></body></html>")


def html_parts(html: str) -> dict[str, str | None] | None:
    """The main text of a page and its own metadata (title, url, date, site name), or None."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      favor_recall=True)
    if doc is None:
        return None
    return {"text": doc.text, "title": doc.title, "url": doc.url, "date": doc.date,
            "publisher": doc.sitename}


@cache
def _markdown():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def markdown_text(text: str) -> str:
    """Plain text of Markdown: each block a paragraph, markup reduced to its words (CommonMark)."""
    blocks = []
    for token in _markdown().parse(text):
        if token.type == "inline":
            blocks.append(_inline_text(token.children or []))
        elif token.type in ("fence", "code_block"):
            blocks.append(token.content.rstrip("\n"))
    return BLOCK_SEPARATOR.join(b for b in blocks if b.strip())


def _inline_text(children: list) -> str:
    """The words of one inline run: text, code, image descriptions; links keep their text only."""
    out = []
    for child in children:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type == "image":
            out.append(_inline_text(child.children or []))
        elif child.type in INLINE_BREAKS:
            out.append(INLINE_BREAKS[child.type])
    return "".join(out)
