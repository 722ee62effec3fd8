from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.analyse import analyse
from generator.ingest import find_seeds, read_seed
from generator.model import Analysis

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seed_analyses() -> dict[str, Analysis]:
    """Each real seed analysed, keyed by its number prefix ("000" … "004")."""
    out = {}
    for path in find_seeds(SEEDS):
        seed = read_seed(path, ROOT)
        out[path.name[:3]] = analyse(seed)
    return out


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A scratch copy of the project's seeds, docs and mkdocs.yml to build in."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "generator", tmp_path / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path
