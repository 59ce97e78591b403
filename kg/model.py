"""Records that flow from text to triples: frozen dataclasses, no I/O."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """One news article as read from a file, a JSONL line or standard input."""

    text: str
    source: str  # the path or URL it came from, as given
    key: str  # what makes it the same article across runs: its URL, else its absolute path
    title: str = ""
    url: str | None = None
    date: str | None = None  # ISO 8601 date of publication, where known
    publisher: str | None = None

    @property
    def checksum(self) -> str:
        """A digest of everything extraction reads, to skip unchanged articles."""
        parts = (self.text, self.title, self.url or "", self.date or "", self.publisher or "")
        return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Span:
    """A stretch of the article text: character offsets [start, end) and the exact text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Entity:
    """A person, faction or place, with every mention of it in one article."""

    key: str  # article-local identifier, "e0", "e1", ...
    cls: str  # ontology class local name: "Actor", "ArmedGroup", "Settlement", ...
    label: str  # the fullest name in the text
    mentions: tuple[Span, ...]
    alt_labels: tuple[str, ...] = ()
    scoped: bool = False  # an unnamed party ("gunmen") that only means something in its article
    country: str | None = None  # ISO 3166-1 alpha-2, where known
    qid: str | None = None  # Wikidata item, where linked
    link_confidence: float | None = None
    linker: str | None = None
    roles: tuple[str, ...] = ()  # titles the text gives: "interim leader"
    description: str | None = None


@dataclass(frozen=True)
class Relation:
    """A fact between two entities that the text states: membership, leadership, base."""

    subject: str  # entity key
    predicate: str  # ontology property local name: "memberOf", "leaderOf", "basedIn"
    object: str  # entity key
    evidence: Span


@dataclass(frozen=True)
class Event:
    """Something that happened (or was threatened), with its arguments and evidence."""

    cls: str  # ontology class local name: "Killing", "Execution", "Airstrike", ...
    trigger: Span
    sentence: Span
    agents: tuple[str, ...] = ()  # entity keys
    targets: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    time: str | None = None  # "2016-08-15", "2016-08" or "2016"
    count: int | None = None
    count_bound: str | None = None  # "exact", "atLeast", "atMost", "approximate"
    modality: str = "asserted"  # "asserted", "negated", "hypothetical", "planned"

    @property
    def key(self) -> str:
        """Article-local identifier, stable across runs."""
        return f"{self.cls}-{self.trigger.start}-{self.trigger.end}"


@dataclass(frozen=True)
class Claim:
    """Something a source asserts, with the reporting cue, content and status."""

    cue: str  # the reporting verb's lemma: "say", "document", "according to"
    cue_span: Span
    sentence: Span
    text: str  # what is claimed
    source: str | None = None  # entity key
    quantity: int | None = None
    quantity_bound: str | None = None
    status: str = "Asserted"  # Asserted, Unverified, Disputed, Denied, Confirmed
    about: tuple[str, ...] = ()  # event keys

    @property
    def key(self) -> str:
        """Article-local identifier, stable across runs."""
        return f"claim-{self.cue_span.start}-{self.cue_span.end}"


@dataclass(frozen=True)
class Extraction:
    """Everything read from one article."""

    article: Article
    sentences: tuple[Span, ...] = ()
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()
    extra: dict = field(default_factory=dict, compare=False, hash=False)
