"""kg's entity components after the model's NER: acronyms that are words marked, the lexicon
ruler, then the span fixes.

The fixes run in FIXES order, each `fix(doc, spans) -> spans`. They add or correct names with
evidence (a lexicon, the gazetteer, a cue word, a bracket, the layout); none drops a span the
model found except where its docstring gives a reason that holds in any text.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.extract import brackets, headlines, joins, people, recut, tables, untagged
from kg.extract.lexicon_ruler import LexiconRuler

ACRONYM_WORDS = "kg_acronym_words"
RULER = "kg_entity_ruler"
FIXES_NAME = "kg_entity_fixes"

Fix = Callable[[Doc, list[Span]], list[Span]]
FIXES: tuple[Fix, ...] = (
    recut.strip_leading_noise,  # 'According to the Institute ...': the name starts after it
    recut.drop_portfolios,  # 'National Security Minister': a portfolio, not a body
    joins.extend_articles,  # 'Los Chapitos': the article belongs to the name
    people.extend_people,  # capitalised proper nouns either side of a person's name
    people.merge_adjacent_people,  # two person spans with nothing between: one name
    joins.extend_ordinal_units,  # '14th Rapid Intervention Battalion'
    brackets.add_bracket_names,  # 'Balochistan Liberation Army (BLA)'
    people.add_nicknamed_people,  # 'Joaquin "El Chapo" Guzman'
    people.add_cued_people,  # 'Editing by Aidan Lewis', 'identified as X'
    people.add_bylines,  # 'By Abdulkareem Mojeed' on its own line
    people.add_titled_people,  # 'Lieutenant Governor Manoj Sinha'
    untagged.add_datelines,  # 'KHARTOUM, June 3 (Reuters) -'
    untagged.add_dash_datelines,  # 'Addis Abeba - At least 15 ...'
    people.join_titled_middle_names,  # 'Hassan Sheikh Mohamud'
    people.join_titled_country_names,  # 'Defense Minister Israel Katz'
    joins.extend_conjoined_bodies,  # 'Foreign and Expatriates Ministry'
    joins.join_conjoined_places,  # 'Jammu and Kashmir'
    joins.join_of_places,  # 'Democratic Republic of Congo'
    joins.join_national_bodies,  # 'Law Society of Kenya', 'Amnesty International Kenya'
    joins.extend_numbered_groups,  # 'Barrio 18 gang'
    untagged.add_communities,  # 'Alawite', 'Rohingya': communities
    joins.join_community_pairs,  # 'Rohingya Muslims'
    untagged.add_bare_acronyms,  # 'MONUSCO', 'M23' untagged inside a sentence
    untagged.add_keyword_names,  # 'the Zamfara State Police Command'
    untagged.add_untagged_places,  # 'war in Tigray': a known place left untagged
    untagged.add_located_names,  # 'the base in Mahaday, ...'
    untagged.add_known_as_groups,  # 'militias known as X'
    tables.add_table_names,  # 'Perth 5 4 1 0 13', 'Leeds 2 Chelsea 1': rows the model skips
    joins.extend_particle_places,  # 'Mocimboa da Praia'
    joins.join_article_places,  # 'Deir ez-Zor'
    headlines.drop_headline_noise,  # Title Case headlines: capitals are no evidence there
)


def add_components(nlp: Language) -> None:
    """Add the acronym-word marks, the lexicon ruler and then the fixes, after the model's NER,
    once."""
    if ACRONYM_WORDS not in nlp.pipe_names:  # first: the model reads the norm too
        nlp.add_pipe("kg_acronym_words_v1", name=ACRONYM_WORDS, first=True)
    if RULER not in nlp.pipe_names:
        nlp.add_pipe("kg_lexicon_ruler_v1", name=RULER, after="ner")
    if FIXES_NAME not in nlp.pipe_names:
        nlp.add_pipe("kg_entity_fixes_v1", name=FIXES_NAME, after=RULER)


@Language.factory("kg_lexicon_ruler_v1")
def make_lexicon_ruler(nlp: Language, name: str) -> LexiconRuler:
    """A phrase ruler over the entity lexicons, tokenised with the bare tokenizer (fast to build)."""
    return LexiconRuler(nlp)


@Language.component("kg_entity_fixes_v1")
def entity_fixes(doc: Doc) -> Doc:
    """Re-cut and re-check the model's entities, then run every fix in FIXES order."""
    spans: list[Span] = []
    for ent in doc.ents:
        spans.extend(ent for ent in recut.recut(ent) if recut.keep(ent))
    for fix in FIXES:
        spans = fix(doc, spans)
    for tok in doc:
        tok.ent_id = 0  # spaCy keeps a token's old id under a span without one: drop them
    doc.ents = filter_spans(spans)
    return doc
