"""At phone width (375 x 740) no page scrolls sideways."""

from __future__ import annotations

import pytest
from browser_helpers import PAGE_TYPES, PHONE, horizontal_overflow, page_paths, widest_elements

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_no_horizontal_scroll_at_phone_width(archive, page, page_type):
    page.set_viewport_size(PHONE)
    page.goto(archive(page_paths()[page_type]))
    overflow = horizontal_overflow(page)
    assert overflow <= 1, f"{overflow}px too wide; widest: {widest_elements(page)}"
