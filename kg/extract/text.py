"""The text of a parsed Doc, joined once."""

from __future__ import annotations

from spacy.tokens import Doc


def text_of(doc: Doc) -> str:
    """The Doc's text, joined once per Doc (spaCy's Doc.text joins every token on each call)."""
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.user_data["kg_text"] = doc.text
    return text
