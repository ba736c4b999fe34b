"""Shared fixtures: the repo's seed article and the shared folder beside the checkout."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED_NAME = "000_32804eb77b22d83d.txt"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The seed article in the repo's corpus/ folder."""
    path = REPO / "corpus" / SEED_NAME
    if not path.exists():
        pytest.skip(f"corpus/{SEED_NAME} is not in the checkout")
    return path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared folder beside the checkout (read-only material, never copied)."""
    if not SHARED.is_dir():
        pytest.skip("the shared folder beside the checkout (../shared) is absent")
    return SHARED


@pytest.fixture(scope="session")
def saudinewsnet_dir(shared_dir: Path) -> Path:
    path = shared_dir / "corpora" / "saudinewsnet"
    if not any(path.glob("*.zip")):
        pytest.skip("shared/corpora/saudinewsnet has no zip files")
    return path
