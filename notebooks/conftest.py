"""nbval settings for the curated notebooks: the sanitize file beside them, wherever pytest runs from."""
from __future__ import annotations

from pathlib import Path

import pytest

SANITIZE = Path(__file__).with_name("sanitize.cfg")


def pytest_configure(config: pytest.Config) -> None:
    if hasattr(config.option, "nbval_sanitize_with") and not config.option.nbval_sanitize_with:
        config.option.nbval_sanitize_with = str(SANITIZE)
