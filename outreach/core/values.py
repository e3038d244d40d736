"""Give a frozen dataclass its `==`, `hash` and `repr` without compiling them per class.

Input: a class made by `@dataclass(frozen=True, slots=True, repr=False, eq=False)`. Output:
the same class with `__eq__`, `__hash__` and `__repr__` that behave as the ones `dataclass`
would generate (the same fields, `compare` and `repr` flags honoured, the same text), built
from the field names instead of from source code. Python 3.11's `dataclass` compiles each
generated method with `exec`; for the 120 value classes a poster imports that is about a
third of their 40 ms of class creation (issue 14). `tests/test_values.py` holds every
such class of `outreach` to the methods `dataclass` generates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from operator import attrgetter
from typing import Any, TypeVar

T = TypeVar("T")


def _getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """A function from an object to the tuple of the named attributes (C-speed attrgetter)."""
    if len(names) == 1:
        single = attrgetter(names[0])
        return lambda value: (single(value),)
    if not names:
        return lambda value: ()
    return attrgetter(*names)


def value_methods(cls: type[T]) -> type[T]:
    """Add `dataclass`'s `__eq__`, `__hash__` and `__repr__` to a frozen dataclass."""
    every = fields(cls)  # type: ignore[arg-type]
    compared = _getter(tuple(f.name for f in every if f.compare))
    hashed = _getter(tuple(f.name for f in every if (f.compare if f.hash is None else f.hash)))
    shown = tuple(f.name for f in every if f.repr)

    def __eq__(self: Any, other: object) -> bool:  # noqa: N807 - the dunder it stands for
        if other.__class__ is self.__class__:
            return bool(compared(self) == compared(other))
        return NotImplemented

    def __hash__(self: Any) -> int:  # noqa: N807
        return hash(hashed(self))

    def __repr__(self: Any) -> str:  # noqa: N807
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{self.__class__.__qualname__}({inner})"

    for method in (__eq__, __hash__, __repr__):
        method.__qualname__ = f"{cls.__qualname__}.{method.__name__}"
        setattr(cls, method.__name__, method)
    return cls
