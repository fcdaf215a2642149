"""Where the kit finds its data and writes its exports.

Every path the kit uses by default comes from here, so that a researcher can point
the whole kit at another folder with environment variables (``KIT_DATA``,
``KIT_EXPORTS``, ``KIT_OUTLET_FROM``) or with the ``data``/``out`` parameters of each function.
"""
from __future__ import annotations

import os
from pathlib import Path

#: The project folder (the one holding ``kit/``, ``data/`` and ``notebooks/``).
PROJECT_ROOT: Path = Path(__file__).resolve().parent.parent

#: The word lists and other small data files shipped inside the package.
PACKAGE_DATA: Path = Path(__file__).resolve().parent / "data"

#: The matplotlib style sheet used for every exported chart.
STYLE_SHEET: Path = Path(__file__).resolve().parent / "style" / "kit.mplstyle"


def data_dir() -> Path:
    """The default articles folder: ``$KIT_DATA`` or ``data/articles``."""
    return Path(os.environ.get("KIT_DATA", PROJECT_ROOT / "data" / "articles"))


def exports_dir() -> Path:
    """The default export folder: ``$KIT_EXPORTS`` or ``exports/``."""
    return Path(os.environ.get("KIT_EXPORTS", PROJECT_ROOT / "exports"))


def outlet_from_default() -> str | None:
    """Where the loader takes an outlet from when the article's metadata and address do
    not give it: ``$KIT_OUTLET_FROM`` (``folder`` or ``file``), else None.

    ``python -m kit run --outlet-from folder`` sets it for the notebooks it runs.
    """
    value = os.environ.get("KIT_OUTLET_FROM", "").strip().lower()
    return value or None


def notebooks_dir() -> Path:
    """The folder of the kit's notebooks."""
    return PROJECT_ROOT / "notebooks"
