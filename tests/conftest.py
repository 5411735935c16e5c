"""Every test's extraction cache is a folder of this test run (``HEDUI_CACHE``), never the user's."""
from __future__ import annotations

import os

import pytest


@pytest.fixture(autouse=True, scope="session")
def _private_extraction_cache(tmp_path_factory):
    before = os.environ.get("HEDUI_CACHE")
    os.environ["HEDUI_CACHE"] = str(tmp_path_factory.mktemp("hedui-cache"))
    yield
    if before is None:
        os.environ.pop("HEDUI_CACHE", None)
    else:
        os.environ["HEDUI_CACHE"] = before
