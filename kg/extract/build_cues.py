"""Derive the reporting-verb and source-noun vocabularies of kg/extract/data/claims from WordNet.

    apt-get install wordnet-base   # WordNet 3.0 database files in /usr/share/wordnet
    python -m kg.extract.build_cues /usr/share/wordnet

Writes `wordnet_cues.txt` (verbs of communication that take a that-clause: 'allege',
'concede', 'reiterate' ...) and `source_nouns.tsv` (nouns whose first sense is a person or a
group, common in English: 'aide', 'lawmaker', 'ministry' ...). Needs `wordfreq` (extra
`build-data`) for the frequency cut; the written files need nothing at run time.
"""

from __future__ import annotations

import sys
from pathlib import Path

from wordfreq import zipf_frequency

OUT = Path(__file__).resolve().parent / "data" / "claims"
COMMUNICATION, COGNITION = 32, 31  # WordNet lexicographer files verb.communication, verb.cognition
PERSON, GROUP = 18, 14  # noun.person, noun.group
THAT_CLAUSE = 26  # verb frame "Somebody ----s that CLAUSE"
VERB_SENSES = 3  # a verb counts when one of its first senses reports speech
NOUN_ZIPF = 2.5  # 'spokesman' 3.8, 'lawmaker' 3.1; 'quetch' 0: rare words add only noise


def synsets(path: Path) -> dict[str, tuple[int, bool, dict[str, set[int]]]]:
    """offset -> (lexicographer file, whether it is an instance (a named person), word -> verb
    frames) from a WordNet data file."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("  "):
            continue  # the licence header
        f = line.split(" | ")[0].split()
        n = int(f[3], 16)
        words = [f[4 + 2 * i].lower() for i in range(n)]
        k = 4 + 2 * n
        instance = "@i" in f[k + 1: k + 1 + 4 * int(f[k]): 4]  # pointer symbols
        k += 1 + 4 * int(f[k])
        frames: dict[str, set[int]] = {}
        if k < len(f):  # verbs only: f_cnt, then "+ f_num w_num" triples
            for j in range(int(f[k])):
                num, word = int(f[k + 2 + 3 * j]), int(f[k + 3 + 3 * j], 16)
                for w_i, w in enumerate(words):
                    if word in (0, w_i + 1):
                        frames.setdefault(w, set()).add(num)
        out[f[0]] = (int(f[1]), instance, frames)
    return out


def senses(path: Path) -> dict[str, list[str]]:
    """Single-word lemma -> its synset offsets, most frequent sense first (a WordNet index file)."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("  "):
            continue
        f = line.split()
        lemma, count, pointers = f[0], int(f[2]), int(f[3])
        if "_" not in lemma and "-" not in lemma:
            out[lemma] = f[6 + pointers:][:count]
    return out


def reporting_verbs(wordnet: Path) -> list[str]:
    """Verbs one of whose first senses is a verb of communication taking a that-clause."""
    data = synsets(wordnet / "data.verb")
    out = []
    for lemma, offsets in senses(wordnet / "index.verb").items():
        for off in offsets[:VERB_SENSES]:
            lex, _, frames = data[off]
            if lex == COMMUNICATION and THAT_CLAUSE in frames.get(lemma, ()):
                out.append(lemma)
                break
    return sorted(out)


def source_nouns(wordnet: Path) -> list[tuple[str, str]]:
    """(noun, Actor|Faction) for common nouns whose first sense is a person or a group."""
    data = synsets(wordnet / "data.noun")
    kinds = {PERSON: "Actor", GROUP: "Faction"}
    out = []
    for lemma, offsets in senses(wordnet / "index.noun").items():
        lex, instance, _ = data[offsets[0]] if offsets else (None, True, {})
        if lex in kinds and not instance and lemma.isalpha() and zipf_frequency(lemma, "en") >= NOUN_ZIPF:
            out.append((lemma, kinds[lex]))
    return sorted(out)


def main(wordnet: Path) -> None:
    """Write both vocabularies next to the hand-made claim lexicons."""
    head = "# Derived from WordNet 3.0 by python -m kg.extract.build_cues; do not edit by hand.\n"
    verbs = reporting_verbs(wordnet)
    (OUT / "wordnet_cues.txt").write_text(
        head + "# verbs of communication (verb.communication) with the frame 'Somebody ----s that CLAUSE'\n"
        + "\n".join(verbs) + "\n", encoding="utf-8")
    nouns = source_nouns(wordnet)
    (OUT / "source_nouns.tsv").write_text(
        head + f"# nouns whose first sense is noun.person (Actor) or noun.group (Faction), zipf >= {NOUN_ZIPF}\n"
        + "".join(f"{w}\t{k}\n" for w, k in nouns), encoding="utf-8")
    print(f"{len(verbs)} reporting verbs, {len(nouns)} source nouns written to {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"))
