"""Demo content as data: read ``<app>/demo_data/<name>.yaml`` into typed dataclasses.

Each content app keeps its demo texts, numbers, dates and people in YAML files beside its
code; its ``demo.py`` only turns them into pages and rows (see ``schools.demo``). The loader
checks every file against the dataclasses the app declares, so a typo in a data file stops
``setup_platform --demo`` with an English message naming the file and the key, e.g.
``news/demo_data/articles.yaml: articles[2].date: expected a date (YYYY-MM-DD), got 'x'``.

Besides plain YAML values, three forms are resolved while loading, so one file serves every
school:

- ``{by_level: {mam_non: …, thcs: …, default: …}}``: the entry of the school's level
  (``schools.models.SchoolLevel``), else ``default``; valid anywhere.
- ``"… {name} …"``: in a string, ``{key}`` is replaced by the context the app passes
  (school name, school year…); ``{{`` and ``}}`` stand for literal braces.
- ``{school_year: 1, month: 9, day: 1}`` / ``{days_from_today: -5}`` where a date is
  expected: a date in the current school year (0), a later (1) or earlier (-1) one, or
  relative to today; the app passes ``school_year_start`` and ``today`` in the context.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import functools
import importlib.util
import string
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

import yaml
from django.conf import settings

T = TypeVar("T")

_FORMATTER = string.Formatter()


class DemoDataError(ValueError):
    """A demo data file that does not match what its app expects."""


def demo_data_path(package: str, name: str) -> Path:
    """``<package>/demo_data/<name>.yaml``; ``package`` is the app's Python package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise DemoDataError(f"{package}: no such package for demo data")
    return Path(next(iter(spec.submodule_search_locations))) / "demo_data" / f"{name}.yaml"


@functools.cache
def _read(path: Path) -> Any:
    label = _label(path)
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except FileNotFoundError:
        raise DemoDataError(f"{label}: file not found") from None
    except yaml.YAMLError as error:
        raise DemoDataError(f"{label}: not valid YAML: {error}") from None


def _label(path: Path) -> str:
    try:
        return str(path.relative_to(settings.BASE_DIR))
    except ValueError:
        return str(path)


def demo_data(
    package: str,
    name: str,
    schema: type[T],
    *,
    level: str = "",
    context: Mapping[str, Any] | None = None,
    keep: tuple[str, ...] = (),
) -> T:
    """The data file ``<package>/demo_data/<name>.yaml`` as an instance of ``schema``.

    ``level`` picks the ``by_level`` entries; ``context`` fills the ``{key}`` placeholders
    and the relative dates; placeholders named in ``keep`` stay as they are, for the app to
    fill per item (``str.format``). Raises ``DemoDataError`` naming the file and key.
    """
    path = demo_data_path(package, name)
    return demo_data_from_file(path, schema, level=level, context=context, keep=keep)


def demo_data_from_file(
    path: Path,
    schema: type[T],
    *,
    level: str = "",
    context: Mapping[str, Any] | None = None,
    keep: tuple[str, ...] = (),
) -> T:
    context = {**dict(context or {}), **{key: f"{{{key}}}" for key in keep}}
    loader = _Loader(_label(path), level, context)
    return loader.build(_read(path), schema, "")


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else str(key)


class _Loader:
    def __init__(self, label: str, level: str, context: dict[str, Any]):
        self.label = label
        self.level = level
        self.context = context

    def error(self, path: str, problem: str) -> DemoDataError:
        return DemoDataError(f"{self.label}: {path or '(top level)'}: {problem}")

    def build(self, value: Any, schema: Any, path: str) -> Any:
        value = self._by_level(value, path)
        origin = typing.get_origin(schema)
        args = typing.get_args(schema)
        if schema is Any:
            return self._plain(value, path)
        if origin in (typing.Union, types.UnionType):
            if value is None and type(None) in args:
                return None
            (inner,) = [arg for arg in args if arg is not type(None)]
            return self.build(value, inner, path)
        if dataclasses.is_dataclass(schema):
            return self._dataclass(value, schema, path)
        if origin is list:
            if not isinstance(value, list):
                raise self.error(path, f"expected a list, got {value!r}")
            return [self.build(item, args[0], _join(path, n)) for n, item in enumerate(value)]
        if origin is tuple:
            if not isinstance(value, list) or len(value) != len(args):
                raise self.error(path, f"expected a list of {len(args)} values, got {value!r}")
            return tuple(
                self.build(item, arg, _join(path, n))
                for n, (item, arg) in enumerate(zip(value, args, strict=True))
            )
        if origin is dict:
            if not isinstance(value, dict):
                raise self.error(path, f"expected a mapping, got {value!r}")
            return {str(k): self.build(v, args[1], _join(path, str(k))) for k, v in value.items()}
        if origin is typing.Literal:
            if value not in args:
                raise self.error(
                    path, f"expected one of {', '.join(map(repr, args))}, got {value!r}"
                )
            return value
        if isinstance(schema, type) and issubclass(schema, enum.Enum):
            choices = [member.value for member in schema]
            if value not in choices:
                raise self.error(
                    path, f"expected one of {', '.join(map(repr, choices))}, got {value!r}"
                )
            return schema(value)
        if schema is str:
            if not isinstance(value, str):
                raise self.error(path, f"expected a text, got {value!r}")
            return self._fill(value, path)
        if schema is bool:
            if not isinstance(value, bool):
                raise self.error(path, f"expected true or false, got {value!r}")
            return value
        if schema is int:
            if isinstance(value, bool) or not isinstance(value, int):
                raise self.error(path, f"expected an integer, got {value!r}")
            return value
        if schema is float:
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise self.error(path, f"expected a number, got {value!r}")
            return float(value)
        if schema is datetime.date:
            return self._date(value, path)
        raise TypeError(f"demo_loader cannot build {schema!r} ({self.label}: {path})")

    def _by_level(self, value: Any, path: str) -> Any:
        while isinstance(value, dict) and set(value) == {"by_level"}:
            choices = value["by_level"]
            if not isinstance(choices, dict) or not choices:
                raise self.error(_join(path, "by_level"), "expected a mapping of levels")
            if self.level in choices:
                value = choices[self.level]
            elif "default" in choices:
                value = choices["default"]
            else:
                raise self.error(
                    _join(path, "by_level"), f"no entry for level {self.level!r} nor default"
                )
        return value

    def _plain(self, value: Any, path: str) -> Any:
        """Free-form data (a StreamField value…): by_level and placeholders resolved."""
        value = self._by_level(value, path)
        if isinstance(value, str):
            return self._fill(value, path)
        if isinstance(value, list):
            return [self._plain(item, _join(path, n)) for n, item in enumerate(value)]
        if isinstance(value, dict):
            return {k: self._plain(v, _join(path, str(k))) for k, v in value.items()}
        return value

    def _fill(self, text: str, path: str) -> str:
        if "{" not in text and "}" not in text:
            return text
        try:
            names = [field for _lit, field, _spec, _conv in _FORMATTER.parse(text) if field]
        except ValueError as error:
            raise self.error(path, f"bad placeholder in {text!r}: {error}") from None
        unknown = sorted({name for name in names if name not in self.context})
        if unknown:
            raise self.error(path, f"unknown placeholder {{{unknown[0]}}} in {text!r}")
        return text.format_map(self.context)

    def _date(self, value: Any, path: str) -> datetime.date:
        if isinstance(value, datetime.datetime):
            raise self.error(path, f"expected a date (YYYY-MM-DD), got {value!r}")
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, dict) and set(value) == {"days_from_today"}:
            days = self.build(value["days_from_today"], int, _join(path, "days_from_today"))
            return self._context_value("today", path) + datetime.timedelta(days=days)
        if isinstance(value, dict) and set(value) == {"school_year", "month", "day"}:
            offset = self.build(value["school_year"], int, _join(path, "school_year"))
            month = self.build(value["month"], int, _join(path, "month"))
            day = self.build(value["day"], int, _join(path, "day"))
            start = self._context_value("school_year_start", path)
            try:
                return datetime.date(start + offset, month, day)
            except ValueError as error:
                raise self.error(path, str(error)) from None
        raise self.error(path, f"expected a date (YYYY-MM-DD), got {value!r}")

    def _context_value(self, key: str, path: str) -> Any:
        if key not in self.context:
            raise self.error(path, f"a relative date needs {key!r}, which this file lacks")
        return self.context[key]

    def _dataclass(self, value: Any, schema: Any, path: str) -> Any:
        if not isinstance(value, dict):
            raise self.error(path, f"expected a mapping, got {value!r}")
        hints = typing.get_type_hints(schema)
        fields = {f.name: f for f in dataclasses.fields(schema) if f.init}
        unknown = sorted(set(value) - set(fields))
        if unknown:
            raise self.error(_join(path, str(unknown[0])), "unknown key")
        kwargs = {}
        for name, field in fields.items():
            if name not in value:
                if (
                    field.default is dataclasses.MISSING
                    and field.default_factory is dataclasses.MISSING
                ):
                    raise self.error(_join(path, name), "missing key")
                continue
            kwargs[name] = self.build(value[name], hints[name], _join(path, name))
        return schema(**kwargs)


def demo_words(level: str) -> dict[str, str]:
    """The words for children, parents and classes at ``level`` (``schools/demo_data``)."""
    return demo_data("schools", "words", dict[str, str], level=level)
