"""Generated spellings of queries and updates that try to make the server call a listener.

Every text in `corpus(target, allowed)` names `target` (an endpoint nobody allowed) through
some mix of SPARQL's escapes, comments, case, whitespace, prefixed names, BASE, duplicate
prefixes, variables, strings that look like SERVICE, the `<` operator, and nesting (subquery,
OPTIONAL, UNION, EXISTS, MINUS, GRAPH, inside an allowed SERVICE), or through LOAD and
SERVICE in updates. `allowed` is an endpoint on the server's allow-list, used as a decoy.
"""

from __future__ import annotations

import random
from itertools import product

PN_ESCAPES = "_~.-!$&'()*+,;=/?#@%"


def u_escape(text: str, every: int = 1) -> str:
    """Every `every`-th character as a \\uXXXX escape."""
    return "".join(f"\\u{ord(c):04X}" if i % every == 0 else c for i, c in enumerate(text))


def targets(target: str, allowed: str) -> list[tuple[str, str]]:
    """(prologue, endpoint term) pairs that all mean `target` to a SPARQL 1.1 parser."""
    base, _, last = target.rpartition("/")
    host = target.split("/")[2]
    a_base = allowed.rpartition("/")[0]
    return [
        ("", f"<{target}>"),
        ("", f"<//{host}/{last}>"),  # against the endpoint's own URL, the server's base IRI
        ("", f"<{last}>"),
        ("", f"<{u_escape(target)}>"),
        ("", f"<{u_escape(target, 3)}>"),
        ("", "<" + "".join(f"\\U{ord(c):08X}" for c in target) + ">"),
        (f"PREFIX p: <{base}/>\n", f"p:{last}"),
        (f"PREFIX p: <{base}/>\n", f"p:\\-{last}"),
        (f"PREFIX p: <{base}/>\n", f"p:{last[:2]}\\/{last[2:]}"),
        (f"PREFIX p: <{base}/>\n", f"p:%{ord(last[0]):02x}{last[1:]}"),
        (f"PREFIX p: <{u_escape(base)}/>\n", f"p:{last}"),
        (f"PREFIX : <{base}/>\n", f":{last}"),
        (f"pReFiX p:<{base}/>", f"p:{last}"),
        (f"BASE <{base}/>\n", f"<{last}>"),
        (f"BASE <{a_base}/>\n", f"<//{host}/{last}>"),
        (f"BASE <{allowed}>\n", f"<//{host}/{last}>"),
        (f"PREFIX p: <{a_base}/>\nPREFIX p: <{base}/>\n", f"p:{last}"),
        (f"PREFIX p: <{base}/>\nPREFIX p: <{a_base}/>\n", f"p:{last}"),
        (f"BASE <{base}/>\nPREFIX p: <>\n", f"p:{last}"),
    ]


KEYWORDS = ["SERVICE", "service", "SeRvIcE", "SERVICE SILENT", "service\tsilent"]
GAPS = [" ", "\n", "\t", "#c\n", " # SERVICE <{allowed}>\n", ""]
CONTEXTS = [
    "{x}",
    "OPTIONAL {{ {x} }}",
    "{{ {x} }} UNION {{ ?s ?p ?o }}",
    "{{ ?s ?p ?o }} UNION {{ {x} }}",
    "FILTER EXISTS {{ {x} }}",
    "FILTER NOT EXISTS {{ {x} }}",
    "?s ?p ?o MINUS {{ {x} }}",
    "{{ SELECT * WHERE {{ {x} }} }}",
    "{{ SELECT * WHERE {{ {{ SELECT * WHERE {{ {x} }} }} }} }}",
    "GRAPH ?g {{ {x} }}",
    "SERVICE <{allowed}> {{ {x} }}",
    "BIND(\"SERVICE <{allowed}> {{}}\" AS ?z) {x}",
    "FILTER(1<2) {x} FILTER(2>1)",
    "?a ?b ?c FILTER(?a<?b&&?b>?c) {x}",
    "BIND('''\nSERVICE <{allowed}> {{}} \"''' AS ?z) {x}",
]


def service(keyword: str, gap: str, term: str) -> str:
    """One SERVICE clause."""
    return f"{keyword}{gap or ' ' if not term.startswith('<') else gap}{term}{gap}{{ ?s ?p ?o }}"


def queries(target: str, allowed: str, n: int, seed: int = 15) -> list[str]:
    """`n` queries drawn (with a fixed seed) from every mix of the spellings above."""
    combos = list(product(targets(target, allowed), KEYWORDS, GAPS, CONTEXTS))
    rng = random.Random(seed)
    picked = combos[:len(targets(target, allowed))] + rng.sample(combos, n)
    out = []
    for (prologue, term), keyword, gap, context in picked:
        gap = gap.format(allowed=allowed)
        clause = service(keyword, gap, term)
        body = context.format(x=clause, allowed=allowed)
        out.append(f"{prologue}SELECT * WHERE {{ {body} }}")
    return out


def variables(target: str) -> list[str]:
    """SERVICE ?var, the variable bound in the query in every way SPARQL allows."""
    return [
        f"SELECT * WHERE {{ BIND(<{target}> AS ?u) SERVICE ?u {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ VALUES ?u {{ <{target}> }} SERVICE ?u {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE ?u {{ ?s ?p ?o }} }} VALUES ?u {{ <{target}> }}",
        f"SELECT * WHERE {{ SERVICE SILENT $u {{ ?s ?p ?o }} VALUES $u {{ <{target}> }} }}",
    ]


def updates(target: str, allowed: str) -> list[str]:
    """Updates that would fetch `target` through LOAD or a SERVICE in their WHERE."""
    base, _, last = target.rpartition("/")
    out = []
    for prologue, term in targets(target, allowed)[:12]:
        out += [f"{prologue}LOAD {term}", f"{prologue}LOAD SILENT {term} INTO GRAPH <urn:g>",
                f"{prologue}INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE {term} {{ ?s ?p ?o }} }}"]
    out += [
        f"INSERT DATA {{ <urn:a> <urn:b> <urn:c> }} ; LOAD <{target}>",
        f"load\n#c\n<{target}>",
        f"PREFIX p: <{base}/> DELETE {{ ?s ?p ?o }} WHERE {{ OPTIONAL {{ SERVICE p:{last} {{}} }} }}",
        f"LOAD <{allowed}> ; LOAD <{target}>",
        f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{allowed}> {{ SERVICE <{target}> {{ }} }} }}",
    ]
    return out
