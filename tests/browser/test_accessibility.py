"""axe-core finds no serious or critical accessibility violation on any page type."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser_helpers import PAGE_TYPES, page_paths

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="module")
def axe():
    return Axe()


def describe(violation: dict) -> str:
    targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:5]]
    return f"{violation['impact']}: {violation['id']} ({violation['help']}) at {targets}"


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_no_serious_accessibility_violations(archive, page, axe, page_type):
    response = page.goto(archive(page_paths()[page_type]))
    assert response.status == (404 if page_type == "not_found" else 200)
    violations = axe.run(page).response["violations"]
    blocking = [describe(v) for v in violations if v["impact"] in BLOCKING]
    assert not blocking, "\n".join(blocking)
