"""Fixtures for the hostile-input tests: the bundle corpus, built once per session."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from ocop_desktop import paths
from tests.sync import make_corpus


@dataclass
class Corpus:
    root: Path
    doc: dict[str, Any]
    world: make_corpus.World

    def entry(self, name: str) -> dict[str, Any]:
        return next(c for c in self.doc["cases"] if c["name"] == name)

    def file(self, name: str) -> Path:
        return self.root / self.entry(name)["file"]

    @property
    def recipient(self) -> Path:
        return self.root / self.doc["recipient"]

    def valid(self, name: str) -> Path:
        return self.root / self.doc["valid"][name]

    def fresh_recipient(self, folder: Path) -> Path:
        """A copy of the province's database (as it was before any case) in ``folder``."""
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / self.recipient.name
        shutil.copyfile(self.recipient, target)
        photos = paths.photos_dir(self.recipient)
        if photos.is_dir():
            shutil.copytree(photos, paths.photos_dir(target))
        return target


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    out = tmp_path_factory.mktemp("corpus")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("OCOP_DATA_DIR", str(tmp_path_factory.mktemp("corpus-userdata")))
        world = make_corpus.build_world(out)
        doc = make_corpus.build_corpus(out, world=world)
    yield Corpus(out, doc, world)
