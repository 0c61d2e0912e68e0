"""`record`: a frozen dataclass with slots, for the values there is one of per item or per page.

Slots because a big site holds hundreds of thousands of them: an instance `__dict__` costs far more than
the values in it, and every forked rendering process copies the memory pages it reads
(docs/dev/performance.md). Pickled as a call with the values of its fields, because the build cache
and the reading processes pickle every item, and dataclasses' own way for slots (`__setstate__`) looks
up the class's fields again for every object: most of the time of loading the cache.
"""

from __future__ import annotations

import dataclasses
import operator


def record(cls: type) -> type:
    """`@dataclass(frozen=True, slots=True)`, pickled (and copied) by its fields' values. A subclass of a
    record is decorated too (else it would be pickled as its base)."""
    cls = dataclasses.dataclass(frozen=True, slots=True)(cls)
    names = [f.name for f in dataclasses.fields(cls) if f.init]  # the others __post_init__ makes again
    values = (operator.attrgetter(*names) if len(names) > 1
              else lambda self: tuple(getattr(self, name) for name in names))

    def __reduce__(self):
        return cls, values(self)

    cls.__reduce__ = __reduce__
    return cls
