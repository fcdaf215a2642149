"""The old name of :mod:`kit.reading`, kept so that existing code keeps working.

``kit.readability`` used to be both this module and the verb
:func:`kit.reading.readability`. The module is now :mod:`kit.reading`; this name
remains as an alias for both old uses:

- ``from kit.readability import MEASURES, flesch_kincaid_grade`` and
  ``import kit.readability as rd; rd.MEASURES`` reach :mod:`kit.reading`'s names;
- ``kit.readability(articles)`` (and ``rd(articles)``) calls the verb
  :func:`kit.reading.readability`.

New code: ``kit.readability(articles)`` for the verb, ``kit.reading`` for the module.
"""
from __future__ import annotations

import inspect
import sys
import types

from kit import reading as _reading
from kit.reading import *  # noqa: F401,F403  (the old import path)
from kit.reading import __all__  # noqa: F401


class _CallableModule(types.ModuleType):
    """This module, callable as the verb it used to share a name with."""

    def __call__(self, *args, **kwargs):
        return _reading.readability(*args, **kwargs)

    def __getattr__(self, name: str):
        # private and cache names used by older code (e.g. ``_SYLLABLES``)
        return getattr(_reading, name)


sys.modules[__name__].__class__ = _CallableModule
__signature__ = inspect.signature(_reading.readability)
__wrapped__ = _reading.readability
