"""The model's attribute_ruler, same rules and same output, by table lookup instead of a Matcher.

en_core_web_sm's attribute_ruler maps each fine tag to a coarse POS and morphology, with
exceptions for words ("the" -> Definite=Def) and contexts ("i" as nsubj). Stock, it runs a
Matcher with all 179 rules over every token and sets each match through a Span: about a tenth
of the model's whole time. Its patterns are plain (no operators, one to two tokens, tests on
TAG, LOWER, DEP and IS_SPACE), so here each rule is filed under a value its first token must
have, a token looks up only the rules that can start at it, and the attributes each token
ends with are written in one `Doc.from_array`. Later rules still take precedence, as in
`AttributeRuler.match`. tests/test_fast_attributes.py checks POS, MORPH, LEMMA, TAG and DEP
against the stock component token by token.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

STOCK = "attribute_ruler"
NAME = "kg_attribute_ruler"
KEYS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}  # columns of the token table
READ = [TAG, LOWER, DEP, IS_SPACE]
ANYWHERE = len(READ)  # the filing column of rules tried at every token
WRITTEN = [POS, MORPH, LEMMA]  # what most rules set; a rule setting anything else is applied as is

Test = Callable[[tuple, object], bool]  # (token row, string store) -> whether the token passes


@dataclass(frozen=True)
class Rule:
    """One pattern of one rule: a test per token, and which matched token gets the attributes."""

    id: int
    index: int
    tests: tuple[tuple[Test, ...], ...]

    def matches(self, rows: list[tuple], start: int, strings) -> bool:
        if start + len(self.tests) > len(rows):
            return False
        return all(test(rows[start + k], strings)
                   for k, tests in enumerate(self.tests) for test in tests)


class FastAttributeRuler:
    """An AttributeRuler's rules applied by lookup; a drop-in replacement in the pipeline."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.vocab = ruler.vocab
        self.attrs = ruler.attrs
        self.filed: dict[tuple[int, int], list[Rule]] = {}  # (column, value) -> rules starting so
        self.direct: dict[tuple[int, int], list[int]] = {}  # (column, value) -> rules that match so
        for i, index in enumerate(ruler.indices):
            for pattern in ruler.matcher.get(str(i))[1]:
                column, values, rule = _compile(i, index, pattern, self.vocab.strings)
                for value in values:
                    if rule.tests == ((),):
                        self.direct.setdefault((column, value), []).append(i)
                    else:
                        self.filed.setdefault((column, value), []).append(rule)
        self._merged: dict[tuple[int, ...], dict | None] = {}

    def __call__(self, doc: Doc) -> Doc:
        rows = [tuple(r) for r in doc.to_array(READ).tolist()]
        hits: dict[int, set[int]] = {}
        strings = self.vocab.strings
        for start, row in enumerate(rows):
            for column, value in enumerate((*row, 0)):
                key = (column, value)
                if key in self.direct:
                    hits.setdefault(start, set()).update(self.direct[key])
                for rule in self.filed.get(key, ()):
                    if rule.matches(rows, start, strings):
                        target = range(start, start + len(rule.tests))[rule.index]
                        hits.setdefault(target, set()).add(rule.id)
        if not hits:
            return doc
        values = doc.to_array(WRITTEN)
        for i, ids in hits.items():
            order = tuple(sorted(ids))
            merged = self._merge(order)
            if merged is None:  # a rule setting TAG or DEP: applied one by one, as stock does
                for rule_id in order:
                    set_token_attrs(doc[i], self.attrs[rule_id])
                values[i] = doc[i : i + 1].to_array(WRITTEN)[0]
            else:
                for col, attr in enumerate(WRITTEN):
                    if attr in merged:
                        values[i, col] = merged[attr]
        doc.from_array(WRITTEN, values)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)

    def _merge(self, ids: tuple[int, ...]) -> dict | None:
        """What rules `ids` leave on a token, later ones winning; None if not only WRITTEN attrs."""
        if ids not in self._merged:
            merged: dict = {}
            for rule_id in ids:
                merged.update(self.attrs[rule_id])
            self._merged[ids] = merged if set(merged) <= set(WRITTEN) else None
        return self._merged[ids]


def _compile(rule_id: int, index: int, pattern: list[dict], strings) -> tuple[int, list, Rule]:
    """The column and values the pattern's first token is filed under, and the tests left."""
    first = pattern[0]
    column, values, key = ANYWHERE, [0], None  # e.g. a lone REGEX: tried at every token
    for name in ("LOWER", "TAG", "DEP", "IS_SPACE"):  # the first positive test to file it under
        value = first.get(name)
        if isinstance(value, bool):
            column, values, key = KEYS[name], [int(value)], name
        elif isinstance(value, str):
            column, values, key = KEYS[name], [strings.add(value)], name
        elif isinstance(value, dict) and set(value) == {"IN"}:
            column, values, key = KEYS[name], [strings.add(v) for v in value["IN"]], name
        if key:
            break
    steps = [{k: v for k, v in first.items() if k != key}, *pattern[1:]]  # filing did that test
    tests = tuple(tuple(_test(k, v, strings) for k, v in step.items()) for step in steps)
    return column, values, Rule(rule_id, index, tests)


def _test(key: str, value, strings) -> Test:
    """A token test for one pattern key (the Matcher's semantics for the forms the model uses)."""
    if key not in KEYS:
        raise ValueError(f"attribute_ruler pattern key not handled: {key}")
    col = KEYS[key]
    if isinstance(value, bool):
        return lambda row, _s: row[col] == int(value)
    if isinstance(value, str):
        wanted = strings.add(value)
        return lambda row, _s: row[col] == wanted
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op == "IN":
            inside = frozenset(strings.add(v) for v in arg)
            return lambda row, _s: row[col] in inside
        if op == "NOT_IN":
            outside = frozenset(strings.add(v) for v in arg)
            return lambda row, _s: row[col] not in outside
        if op == "REGEX":
            regex = re.compile(arg)
            return lambda row, s: regex.search(s[row[col]]) is not None
    raise ValueError(f"attribute_ruler pattern not handled: {key}: {value}")


@Language.factory(NAME)
def make_fast_attribute_ruler(nlp: Language, name: str) -> FastAttributeRuler:
    """The lookup version of the pipeline's stock attribute_ruler (added next to it)."""
    stock = nlp.get_pipe(STOCK)
    if not isinstance(stock, AttributeRuler):
        raise TypeError(f"{STOCK} is {type(stock).__name__}, not an AttributeRuler")
    return FastAttributeRuler(stock)


def replace_ruler(nlp: Language) -> None:
    """Swap the model's attribute_ruler for the lookup version (same rules, same output)."""
    if STOCK in nlp.pipe_names:
        nlp.add_pipe(NAME, after=STOCK)
        nlp.remove_pipe(STOCK)
