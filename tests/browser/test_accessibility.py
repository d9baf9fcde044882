"""axe-core finds no serious or critical accessibility violation on any page type, at
desktop width and at 375 px, with every collapsible panel (Refine) opened so its
contents are checked too. The archive holds the seeds and a generated corpus."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser_helpers import PAGE_TYPES, VIEWPORTS, page_paths, seeds_and_corpus

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="module")
def archive_paths(seed_paths, tmp_path_factory):
    return seeds_and_corpus(seed_paths, tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def axe():
    return Axe()


def describe(violation: dict) -> str:
    targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:5]]
    return f"{violation['impact']}: {violation['id']} ({violation['help']}) at {targets}"


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_no_serious_accessibility_violations(archive, page, axe, page_type, viewport):
    page.set_viewport_size(VIEWPORTS[viewport])
    response = page.goto(archive(page_paths()[page_type]))
    assert response.status == (404 if page_type == "not_found" else 200)
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    violations = axe.run(page).response["violations"]
    blocking = [describe(v) for v in violations if v["impact"] in BLOCKING]
    assert not blocking, "\n".join(blocking)
