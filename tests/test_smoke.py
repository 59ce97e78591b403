"""The seed graph is built and served over HTTP."""

import json
import urllib.parse
import urllib.request


def test_served_query_answers(live_server):
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?a a <https://w3id.org/newskg/ontology#Article> }"
    url = f"{live_server}/sparql?" + urllib.parse.urlencode({"query": q})
    data = json.load(urllib.request.urlopen(url, timeout=10))
    assert int(data["results"]["bindings"][0]["n"]["value"]) == 5
