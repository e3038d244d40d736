"""`core/values.py` (issue 14): value classes compare, hash and print as `dataclass` makes them.

Each frozen value class of `outreach` gets `==`, `hash` and `repr` from `value_methods`
instead of from code `dataclass` compiles per class. These tests hold those methods equal
to the generated ones, field flags included, and find every class that should have them.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
from dataclasses import dataclass, field

import outreach
from outreach.core.values import value_methods


@dataclass(frozen=True, slots=True)
class Generated:
    """What `dataclass` generates, to compare with."""

    name: str
    size: float = 1.0
    note: str | None = field(default=None, compare=False)
    hidden: int = field(default=0, repr=False)
    tag: str = field(default="", hash=False)
    items: tuple[int, ...] = ()


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Built:
    """The same fields, with `value_methods`."""

    name: str
    size: float = 1.0
    note: str | None = field(default=None, compare=False)
    hidden: int = field(default=0, repr=False)
    tag: str = field(default="", hash=False)
    items: tuple[int, ...] = ()


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class One:
    """A class of one field: its key is still a tuple."""

    value: str


@dataclass(frozen=True, slots=True)
class OneGenerated:
    """What `dataclass` generates for one field."""

    value: str


SAMPLES = [
    {"name": "a"},
    {"name": "a", "size": 2.5, "note": "x", "hidden": 3, "tag": "t", "items": (1, 2)},
    {"name": "a", "note": "other", "hidden": 4},
    {"name": "a", "tag": "other"},
    {"name": "b\n'quoted'", "items": (3,)},
]


def test_eq_hash_and_repr_are_the_generated_ones() -> None:
    for left in SAMPLES:
        built, generated = Built(**left), Generated(**left)  # type: ignore[arg-type]
        assert repr(built) == repr(generated).replace("Generated(", "Built(")
        assert hash(built) == hash(generated)
        for right in SAMPLES:
            assert (built == Built(**right)) is (generated == Generated(**right))  # type: ignore[arg-type]
        assert built != generated  # another class, as with dataclass
        assert built.__eq__(generated) is NotImplemented
    assert hash(One("x")) == hash(OneGenerated("x"))
    assert repr(One("x")) == "One(value='x')"
    assert One("x") == One("x") != One("y")


def test_every_frozen_value_class_has_its_methods() -> None:
    missing = []
    for info in pkgutil.walk_packages(outreach.__path__, "outreach."):
        if info.name == "outreach.__main__":
            continue  # runs the command line
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__ or not dataclasses.is_dataclass(cls):
                continue
            params = cls.__dataclass_params__  # type: ignore[attr-defined]
            if params.frozen and not params.eq and "__eq__" not in vars(cls):
                missing.append(f"{module.__name__}.{cls.__qualname__}")
    assert not missing, missing
