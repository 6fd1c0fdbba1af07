"""Read a YAML file into plain data while remembering the line of every key and item.

Schema errors are only useful to the person editing the file when they say where the problem is,
so loaders validate plain data and look up the line of the offending key path here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

KeyPath = tuple[str | int, ...]


class YamlSchemaError(ValueError):
    """A YAML file that cannot be used; the message names the file, the line and the problem."""


@dataclass(frozen=True)
class Located:
    """A parsed YAML document plus the line (1-based) of each key path."""

    file: str
    data: Any
    lines: Mapping[KeyPath, int]

    def line_of(self, path: KeyPath) -> int | None:
        # An absent key has no line: fall back to the nearest enclosing key that has one.
        for cut in range(len(path), -1, -1):
            line = self.lines.get(path[:cut])
            if line is not None:
                return line
        return None

    def error(
        self, path: KeyPath, problem: str, error_type: type[YamlSchemaError] = YamlSchemaError
    ) -> YamlSchemaError:
        where = ".".join(str(part) for part in path) or "(document)"
        line = self.line_of(path)
        at = f"{self.file}:{line}" if line is not None else self.file
        return error_type(f"{at}: {where}: {problem}")


def read_yaml(path: Path, error_type: type[YamlSchemaError] = YamlSchemaError) -> Located:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise error_type(f"{path}: cannot read: {exc}") from exc
    return parse_yaml(text, str(path), error_type)


def parse_yaml(
    text: str, file: str, error_type: type[YamlSchemaError] = YamlSchemaError
) -> Located:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = " ".join(part for part in (exc.context, exc.problem) if part)
        raise error_type(f"{file}{line}: invalid YAML: {problem}") from exc
    except yaml.YAMLError as exc:
        raise error_type(f"{file}: invalid YAML: {exc}") from exc
    lines: dict[KeyPath, int] = {}
    if node is not None:
        lines[()] = node.start_mark.line + 1
        _collect_lines(node, (), lines, file, error_type)
    return Located(file=file, data=data, lines=lines)


def _collect_lines(
    node: yaml.Node,
    path: KeyPath,
    lines: dict[KeyPath, int],
    file: str,
    error_type: type[YamlSchemaError],
) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in seen:
                where = ".".join(str(part) for part in (*path, key))
                raise error_type(f"{file}:{line}: {where}: duplicate key")
            seen.add(key)
            lines[(*path, key)] = line
            _collect_lines(value_node, (*path, key), lines, file, error_type)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*path, index)] = item.start_mark.line + 1
            _collect_lines(item, (*path, index), lines, file, error_type)


class Reader:
    """Typed accessors over a Located document that raise located errors."""

    def __init__(self, doc: Located, error_type: type[YamlSchemaError]) -> None:
        self.doc = doc
        self.error_type = error_type

    def fail(self, path: KeyPath, problem: str) -> YamlSchemaError:
        return self.doc.error(path, problem, self.error_type)

    def mapping(self, value: Any, path: KeyPath) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(path, f"expected a mapping, got {_kind(value)}")
        return value

    def check_keys(
        self,
        value: Mapping[str, Any],
        path: KeyPath,
        required: Sequence[str],
        optional: Sequence[str],
    ) -> None:
        for key in required:
            if key not in value:
                raise self.fail(path, f"missing required key '{key}'")
        allowed = set(required) | set(optional)
        for key in value:
            if key not in allowed:
                raise self.fail(
                    (*path, key), f"unknown key (allowed: {', '.join(sorted(allowed))})"
                )

    def string(self, value: Any, path: KeyPath) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(path, f"expected a non-empty string, got {_kind(value)}")
        return value

    def string_list(self, value: Any, path: KeyPath) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise self.fail(path, f"expected a list of strings, got {_kind(value)}")
        return tuple(self.string(item, (*path, index)) for index, item in enumerate(value))

    def regex(self, value: Any, path: KeyPath) -> re.Pattern[str]:
        source = self.string(value, path)
        try:
            return re.compile(source)
        except re.error as exc:
            raise self.fail(path, f"invalid regular expression {source!r}: {exc}") from exc

    def regex_list(self, value: Any, path: KeyPath) -> re.Pattern[str]:
        """Compile a list of patterns into one alternation (one scan per text, not one per entry)."""
        sources = self.string_list(value, path)
        for index, _ in enumerate(sources):
            self.regex(sources[index], (*path, index))
        if not sources:
            return re.compile(r"(?!x)x")
        return re.compile("|".join(f"(?:{source})" for source in sources))

    def integer(self, value: Any, path: KeyPath, minimum: int = 0) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise self.fail(path, f"expected an integer >= {minimum}, got {value!r}")
        return value

    def fraction(self, value: Any, path: KeyPath) -> float:
        """A number strictly between 0 and 1 (a probability threshold)."""
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < 1:
            raise self.fail(path, f"expected a number between 0 and 1, got {value!r}")
        return float(value)

    def choice(self, value: Any, path: KeyPath, allowed: Sequence[str]) -> str:
        if value not in allowed:
            raise self.fail(path, f"expected one of {', '.join(allowed)}, got {value!r}")
        return str(value)

    def each(
        self, value: Any, path: KeyPath, parse: Callable[[Any, KeyPath], Any]
    ) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise self.fail(path, f"expected a list, got {_kind(value)}")
        return tuple(parse(item, (*path, index)) for index, item in enumerate(value))


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    return {dict: "a mapping", list: "a list", str: "a string", bool: "a boolean"}.get(
        type(value), type(value).__name__
    )
