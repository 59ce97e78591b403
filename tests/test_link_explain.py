"""`kg link --explain NAME`: the candidates, their scores and the context used, on the terminal."""

from __future__ import annotations

from click.testing import CliRunner

from kg.cli import cli


def explain(*args: str) -> str:
    """The command's output (it must succeed)."""
    result = CliRunner().invoke(cli, ["link", "--explain", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_why_a_person_links_in_context():
    out = explain("Ayman Odeh", "--text", "Israeli lawmaker Ayman Odeh said the bill would fail.")
    assert "linked: Q12181439 Ayman Odeh" in out
    assert "agrees: country, role" in out and "titles: lawmaker" in out
    assert "member of the 20th Knesset" in out  # the item's description, as a candidate


def test_why_a_private_person_does_not():
    out = explain("John Smith", "--text", "A shopkeeper, John Smith, said the shelling began at "
                  "dawn in Manchester, Britain.")
    assert "not linked" in out and "'shopkeeper'" in out
    assert out.count("John Smith (person, GB)") == 2  # both namesakes, each ruled out


def test_scores_of_a_place_without_an_article():
    out = explain("Moscow", "--class", "Place")
    assert "linked: Q649 Moscow (Settlement" in out
    assert "score" in out and "a bare name shared with its region: the city" in out
    assert "Q1697" in out  # the oblast is a candidate too


def test_explain_options_need_explain(tmp_path):
    result = CliRunner().invoke(cli, ["link", "--store", str(tmp_path), "--text", "x"])
    assert result.exit_code != 0 and "--explain" in result.output
