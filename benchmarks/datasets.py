"""The documents measured: the bundled sample and generated tables, with their files written once per run."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.generator import Vocabulary, generate, parse_size
from goaltui.io import native
from goaltui.io.formats import read_document
from goaltui.model import Document
from goaltui.resources import sample_path


@dataclass
class Dataset:
    label: str
    """``sample`` or ``2000×8``."""
    document: Document
    directory: Path
    is_sample: bool = False
    _files: dict[str, Path] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return self.document.indicator_count()

    @property
    def json_path(self) -> Path:
        """The document as a native file (the sample: a copy of the bundled file)."""
        path = self._files.get(".json")
        if path is None:
            path = self.directory / f"{self.slug}.json"
            if self.is_sample:
                shutil.copyfile(sample_path(), path)
            else:
                native.write(self.document, path)
            self._files[".json"] = path
        return path

    @property
    def xlsx_path(self) -> Path:
        """The document in the official layout, as goaltui exports it (written on first use)."""
        path = self._files.get(".xlsx")
        if path is None:
            from goaltui.io import xlsx_export

            path = self.directory / f"{self.slug}.xlsx"
            xlsx_export.write(self.document, path)
            self._files[".xlsx"] = path
        return path

    @property
    def slug(self) -> str:
        return self.label.replace("×", "x")

    def fresh_document(self) -> Document:
        """A copy of the document nobody has validated or edited (read back from its file)."""
        return read_document(self.json_path)


def label(size: tuple[int, int] | None) -> str:
    return "sample" if size is None else f"{size[0]}×{size[1]}"


def load(sizes: list[str], directory: Path) -> list[Dataset]:
    vocabulary = Vocabulary()
    datasets = []
    for text in sizes:
        size = parse_size(text)
        if size is None:
            datasets.append(Dataset("sample", vocabulary.sample, directory, is_sample=True))
        else:
            document = generate(*size, vocabulary=vocabulary)
            datasets.append(Dataset(label(size), document, directory))
    return datasets
