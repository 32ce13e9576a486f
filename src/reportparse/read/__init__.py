"""One document in, one result out: the readers and the assembly of a document.

``reportparse.read`` is also the function that loads a published dataset. Once this
subpackage is imported, Python binds the name ``reportparse.read`` to it, so the subpackage
itself answers that call: ``reportparse.read("observations")`` works either way.
"""

import sys
from types import ModuleType


class _Readers(ModuleType):
    def __call__(self, name: str, folder="extracted"):
        from ..published import read

        return read(name, folder)


sys.modules[__name__].__class__ = _Readers
