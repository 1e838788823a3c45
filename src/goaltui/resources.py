"""Files shipped with goaltui: the styles and the bundled sample.

In a wheel they sit inside the package (``goaltui/styles``,
``goaltui/sample_data``); in a source checkout (editable install) they are the
top-level ``styles/`` and ``sample_data/`` folders.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    inside = _PACKAGE / name
    if inside.is_dir():
        return inside
    checkout = _PACKAGE.parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"goaltui is installed without its {name}/ folder ({inside})")


def styles_dir() -> Path:
    return _shipped("styles")


def sample_data_dir() -> Path:
    return _shipped("sample_data")


SAMPLE_NAME = "keqiao_renda_2020.json"


def sample_path() -> Path:
    """The bundled sample: the seed's table (绍兴市柯桥区人大常委会办公室, 2020)."""
    return sample_data_dir() / SAMPLE_NAME
