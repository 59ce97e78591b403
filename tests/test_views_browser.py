"""The views in a real browser (headless Chromium): each loads without console errors, each
filter is a link that works, the map, the timeline's brush, the search box and the query
editor (run, share link, sort, views, error marker). Screenshots go to tests/artifacts/."""

from __future__ import annotations

import shutil
import urllib.parse

import pytest
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.ui import WebDriverWait

from kg.vocab import sparql_prefixes
from tests.browser import console_errors, profile_dir, screenshot, start

WAIT = 20


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for the module, with a fresh profile."""
    profile = profile_dir()
    driver = start(profile)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def wait_for(driver, css: str, seconds: float = WAIT):
    """The first element matching `css`, once it is there."""
    return WebDriverWait(driver, seconds).until(
        ready.presence_of_element_located((By.CSS_SELECTOR, css)))


def visit(driver, url: str, ready_css: str | None = None) -> None:
    """Open a page (waiting for an element if given); its console must stay free of errors."""
    console_errors(driver)
    driver.get(url)
    if ready_css:
        wait_for(driver, ready_css)
    assert console_errors(driver) == [], url


def follow(driver, element, ready_css: str) -> None:
    """Click a link or button that loads a new page, and wait until that page has replaced the
    old one (read too soon, the old page's elements and URL would still answer)."""
    old = driver.find_element(By.TAG_NAME, "html")
    element.click()

    def replaced(_driver) -> bool:
        try:
            old.is_enabled()
        except WebDriverException:  # stale, or (Chromium, mid-navigation) "not in the document"
            return True
        return False

    WebDriverWait(driver, WAIT).until(replaced)
    wait_for(driver, ready_css)


def total(driver) -> int:
    """The count in a filtered view's heading ('Events 52 reports')."""
    return int(driver.find_element(By.CSS_SELECTOR, ".view-head h1 small").text.split()[0]
               .replace(",", ""))


@pytest.mark.parametrize("name, path, ready_css", [
    ("home", "/", "#month-chart[data-ready], #class-chart[data-ready]"),
    ("events", "/events", "table.events"),
    ("map", "/map", "#map[data-ready]"),
    ("timeline", "/timeline", "#timeline-chart[data-ready]"),
    ("search", "/search?q=Banias", "ol.results-list"),
    ("entity", "/id/wd/Q263922", "#entity-chart[data-ready]"),
    ("saved-query", "/queries/events_by_type_and_place?region=Tartus+Governorate", "table.results"),
    ("articles", "/articles", "table.data"),
])
def test_each_view_loads_cleanly(browser, views_server, name, path, ready_css):
    visit(browser, views_server + path, ready_css)
    screenshot(browser, name)


def test_each_facet_and_the_refine_form_filter_events(browser, views_server):
    visit(browser, views_server + "/events", "table.events")
    everything = total(browser)
    for facet in ("class", "place", "party", "source", "month"):
        link = browser.find_element(By.CSS_SELECTOR, f'.facet[data-facet="{facet}"] li a')
        wanted = int(link.find_element(By.XPATH, "..").find_element(By.CSS_SELECTOR, ".n").text)
        follow(browser, link, "table.events")
        assert total(browser) == wanted, facet
        assert console_errors(browser) == []
        chips = browser.find_elements(By.CSS_SELECTOR, "a.chip")
        assert len(chips) == (2 if facet == "month" else 1)  # a month is from + to
        follow(browser, browser.find_element(By.CSS_SELECTOR, "p.chips a.clear"), "table.events")
        assert total(browser) == everything
    box = browser.find_element(By.CSS_SELECTOR, "form.refine input[name=q]")
    box.send_keys("warplanes")
    browser.find_element(By.CSS_SELECTOR, "form.refine input[name=from]").send_keys("2025-04")
    browser.find_element(By.CSS_SELECTOR, "form.refine input[name=to]").send_keys("2025-04")
    follow(browser, browser.find_element(By.CSS_SELECTOR, "form.refine button"), "table.events")
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(browser.current_url).query))
    assert query == {"q": "warplanes", "from": "2025-04", "to": "2025-04"}
    assert 0 < total(browser) < everything
    screenshot(browser, "events-filtered")


def test_map_points_open_popups_linking_to_places(browser, views_server):
    visit(browser, views_server + "/map?class=nkg:Killing", "#map[data-ready]")
    circles = browser.find_elements(By.CSS_SELECTOR, "#map path.leaflet-interactive")
    rows = browser.find_elements(By.CSS_SELECTOR, "table.places tbody tr")
    assert len(circles) == len(rows) > 0
    ActionChains(browser).move_to_element(circles[0]).click().perform()
    popup = wait_for(browser, ".leaflet-popup-content .map-popup")
    links = [a.get_attribute("href") for a in popup.find_elements(By.TAG_NAME, "a")]
    assert any("/id/" in h for h in links) and any("/events?" in h for h in links)
    legend = browser.find_elements(By.CSS_SELECTOR, "#map-legend .legend-item")
    assert [i.text for i in legend] == ["Execution", "Killing"] or legend
    screenshot(browser, "map-killings")


def test_brushing_the_timeline_lists_the_events_of_that_span(browser, views_server):
    visit(browser, views_server + "/timeline?from=2025&granularity=month",
          "#timeline-chart[data-ready]")
    canvas = browser.find_element(By.ID, "timeline-chart")
    assert "granularity=month" in canvas.get_attribute("data-src")
    width = canvas.size["width"]
    (ActionChains(browser).move_to_element_with_offset(canvas, -width // 2 + 70, 0)
     .click_and_hold().move_by_offset(width // 3, 0).release().perform())
    link = wait_for(browser, "a.brush-link")
    screenshot(browser, "timeline-brushed")
    follow(browser, link, "table.events")
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(browser.current_url).query))
    assert query["from"].startswith("2025-0") and query["to"] >= query["from"]
    assert total(browser) > 0


def test_search_box_suggests_and_goes_to_the_entity(browser, views_server):
    visit(browser, views_server + "/events", "table.events")
    box = browser.find_element(By.ID, "site-q")
    box.send_keys("Hamz")
    first = wait_for(browser, "ul.suggest li a")
    assert "Hamza Division" in first.text
    box.send_keys(Keys.ARROW_DOWN, Keys.ENTER)
    WebDriverWait(browser, WAIT).until(lambda d: "/id/faction/hamza-division" in d.current_url)
    assert console_errors(browser) == []


def editor_query(text: str) -> str:
    """A share link's path for a query with the usual prefixes."""
    return "/query?run=1&query=" + urllib.parse.quote(sparql_prefixes() + text)


def test_query_editor_runs_shares_sorts_and_shows_views(browser, views_server):
    visit(browser, views_server + "/query", ".CodeMirror")
    browser.find_element(By.ID, "run").click()
    wait_for(browser, "#results table.results-table")
    share = browser.find_element(By.ID, "share-link").get_attribute("href")
    assert "query=" in share and "run=1" in share and "query=" in browser.current_url
    labelled = browser.find_elements(By.CSS_SELECTOR, "#results td a + small.iri")
    assert labelled, "IRIs are shown by label, the IRI beside"
    formats = [a.get_attribute("data-format") for a in
               browser.find_elements(By.CSS_SELECTOR, "#downloads a")]
    assert formats == ["csv", "tsv", "json", "xml"]
    visit(browser, share, "#results table.results-table")
    screenshot(browser, "query-table")
    header = browser.find_elements(By.CSS_SELECTOR, "#results th button.sort")[1]
    header.click()
    cells = [r.text for r in browser.find_elements(
        By.CSS_SELECTOR, "#results tbody tr td:nth-child(2) > a")]
    assert cells == sorted(cells, key=str.lower) or cells == sorted(cells)
    query = ("#defaultView:Map\nSELECT DISTINCT ?place ?label ?wkt WHERE { "
             "?place geo:hasGeometry/geo:asWKT ?wkt ; rdfs:label ?label }")
    visit(browser, views_server + editor_query(query), ".result-map[data-ready]")
    assert browser.find_elements(By.CSS_SELECTOR, ".result-map path.leaflet-interactive")
    screenshot(browser, "query-map")
    bars = "SELECT ?class (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?class ; nkg:trigger ?t } GROUP BY ?class"
    visit(browser, views_server + editor_query(bars), "#views button")
    browser.find_element(By.CSS_SELECTOR, '#views button[data-view="bar"]').click()
    wait_for(browser, ".result-chart canvas[data-ready]")
    assert "view=bar" in browser.current_url
    graph = "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s rdfs:label ?l } LIMIT 5"
    visit(browser, views_server + editor_query(graph), "#results pre.graph")
    formats = [a.get_attribute("data-format") for a in
               browser.find_elements(By.CSS_SELECTOR, "#downloads a")]
    assert formats == ["ttl", "nt", "jsonld", "rdf"], "no CSV or JSON for a graph"


def test_query_editor_marks_a_syntax_error_where_the_parser_stopped(browser, views_server):
    bad = "SELECT ?x WHERE {\n  ?x a nkg:Killing .\n  FILTER(?x = )\n}"
    browser.get(views_server + editor_query(bad))
    message = wait_for(browser, "p.error-at").text
    lines = len(sparql_prefixes().splitlines())
    line = int(message.split("line ")[1].split(",")[0])
    assert lines < line <= lines + 4
    marker = browser.find_elements(By.CSS_SELECTOR, ".CodeMirror .error-marker")
    assert marker and browser.find_elements(By.CSS_SELECTOR, ".CodeMirror .cm-error-line")
    errors = console_errors(browser)
    assert all("400" in e for e in errors), "only the failed request itself"
    screenshot(browser, "query-error")
