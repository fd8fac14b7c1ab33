"""Strict JSON: a data file's bytes parsed, every problem placed by line and column.

JSON syntax errors carry the line and column the parser reports; problems Python's `json` would
let through (duplicate keys, NaN or numbers out of range, lone surrogates, absurd nesting) are
found on the parsed value and placed with a position-aware parse. A well-formed file takes a fast
path (orjson) that proves it needs no second look.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator
from typing import Any

import orjson

from lasttrain_awards.errors import AwardsError
from lasttrain_awards.findings import Finding
from lasttrain_awards.validation.positions import PositionMap

MAX_DEPTH = 32  # the deepest real document (a film fact's value) is 5 levels down


class DocumentError(AwardsError):
    def __init__(self, findings: list[Finding]) -> None:
        super().__init__(findings[0].message)
        self.findings = findings


class _Object(dict[str, Any]):
    """A parsed JSON object that remembers the keys it had twice."""

    duplicates: tuple[str, ...] = ()


def _object(pairs: list[tuple[str, Any]]) -> _Object:
    obj = _Object(pairs)  # the last value wins, as in json; the duplicate is reported below
    if len(obj) != len(pairs):
        seen: set[str] = set()
        obj.duplicates = tuple(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
    return obj


TOO_DEEP = f"nested more than {MAX_DEPTH} levels deep"


def _problems(value: Any) -> Iterator[tuple[str, str]]:
    """(JSON path, message) for each value Python's json accepted but JSON or this project does not.

    The first value nested too deep ends the walk: such a file gets that one finding (see _too_deep)."""
    stack: list[tuple[Any, str, int]] = [(value, "$", 0)]
    while stack:
        node, path, depth = stack.pop()
        if depth > MAX_DEPTH:
            yield path, TOO_DEEP
            return
        if isinstance(node, dict):
            for key in getattr(node, "duplicates", ()):
                yield f"{path}.{key}", f"duplicate key {key!r} in one object (JSON readers disagree on which wins)"
            stack.extend((v, f"{path}.{k}", depth + 1) for k, v in reversed(node.items()))
        elif isinstance(node, list):
            stack.extend((v, f"{path}[{i}]", depth + 1) for i, v in reversed(list(enumerate(node))))
        elif isinstance(node, float) and not math.isfinite(node):
            yield path, "not a finite number: NaN, Infinity and numbers out of range are not valid JSON"
        elif isinstance(node, str) and any("\ud800" <= ch <= "\udfff" for ch in node):
            yield path, "a lone surrogate escape (\\ud800-\\udfff) is not valid Unicode text"


def _line_col(text: str) -> tuple[int, int]:
    """1-based line and column just after `text`."""
    return text.count("\n") + 1, len(text) - (text.rfind("\n") + 1) + 1


MAX_DIGITS = 4300  # Python's limit for converting a decimal integer (sys.get_int_max_str_digits)
_LONG_NUMBER = re.compile(rf"-?[0-9]{{{MAX_DIGITS + 1},}}")


# A JSON string, a run of anything else but space and punctuation (a number, a literal), or one character.
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[^ \t\n\r"\[\]{},:]+|[^ \t\n\r]', re.DOTALL)


class _Open:
    """A container still open where the text is read, and where its current item is."""

    __slots__ = ("at", "expect_key", "index", "key")

    def __init__(self, is_object: bool) -> None:
        self.key: str | None = None  # an object's current member (None: an array)
        self.expect_key = is_object  # an object's next string is a key
        self.index = 0  # an array's current item
        self.at = 0  # where an object's current member (its key) starts

    def step(self) -> str:
        return f"[{self.index}]" if self.key is None else f".{self.key}"


def _too_deep(text: str, name: str) -> Finding:
    """The finding for a file nested deeper than MAX_DEPTH: the path and place of its first value below
    that depth (the top-level value is at depth 0; a member is placed at its key, as PositionMap does).

    It is read off the text with a stack of its own, so it is the same whether this Python's parser
    gave up on the file (3.11's near 1,000 levels, 3.13's near 10,000) or parsed it: every Python
    reports a file nested too deep alike."""
    stack: list[_Open] = []
    for token in _TOKEN.finditer(text):
        char, start = token[0][0], token.start()
        top = stack[-1] if stack else None
        if char in "]}":
            if stack:
                stack.pop()
        elif char == ",":
            if top is not None and top.key is None and not top.expect_key:
                top.index += 1
            elif top is not None:
                top.expect_key = True
        elif char == ":":
            pass
        elif top is not None and top.expect_key:
            try:
                top.key = str(json.loads(token[0]))
            except ValueError:
                top.key = token[0].strip('"')
            top.at, top.expect_key = start, False
        elif top is not None and len(stack) > MAX_DEPTH:  # a value starts here, too deep
            path = "$" + "".join(container.step() for container in stack)
            line, column = _line_col(text[: start if top.key is None else top.at])
            return Finding(file=name, rule="syntax", message=TOO_DEEP, path=path, line=line, column=column)
        elif char in "[{":
            stack.append(_Open(is_object=char == "{"))
    return Finding(file=name, rule="syntax", message=TOO_DEEP)  # not found in the text: placed nowhere


# Older Pythons' words for a comma before a closing bracket (Python 3.13 names it, at the comma).
_TRAILING_COMMA = {
    ("Expecting value", "]"): "array",
    ("Expecting property name enclosed in double quotes", "}"): "object",
}


def _syntax_error(text: str, exc: json.JSONDecodeError) -> tuple[str, int]:
    """The parser's message and offset; a trailing comma worded and placed as Python 3.13 does, so
    that every Python gives the same finding for the commonest slip in a hand-edited file."""
    kind = _TRAILING_COMMA.get((exc.msg, text[exc.pos : exc.pos + 1]))
    if kind:
        before = text[: exc.pos].rstrip(" \t\n\r")
        if before.endswith(","):
            return f"Illegal trailing comma before end of {kind}", len(before) - 1
    return exc.msg, exc.pos


class _Unusual(ValueError):
    """Something the fast path leaves to the strict parser to place and explain."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise _Unusual("duplicate key")
    return obj


def _number(text: str) -> float | int:
    """A JSON number written with a fraction or exponent. One with an integral value (2010.0, 2.01e3)
    is taken as the integer it equals, as JSON Schema counts it: a year or edition so written loads."""
    value = float(text)
    return int(value) if math.isfinite(value) and value.is_integer() else value


def _finite(text: str) -> float | int:
    value = _number(text)
    if isinstance(value, float) and not math.isfinite(value):
        raise _Unusual("number out of range")
    return value


def _unusual_constant(text: str) -> Any:
    raise _Unusual(text)


_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


_SPACED_KEY = re.compile(rb'"[ \t\r\n]+:')  # a key written with space before its colon


def _plain(content: Any, keys_written: int) -> bool:
    """True when orjson's result needs no second look: as many keys as the text wrote (so no key was
    repeated, which orjson would silently merge) and no float (2010.0 must become the integer 2010)."""
    if type(content) is float:
        return False
    if type(content) is not dict and type(content) is not list:
        return keys_written == 0
    keys, stack = 0, [(content, 0)]
    while stack:
        container, depth = stack.pop()
        if depth > MAX_DEPTH:  # the strict reader reports it, placed
            return False
        items: Iterable[Any] = container
        if type(container) is dict:
            keys += len(container)
            items = container.values()
        for item in items:
            kind = type(item)
            if kind is dict or kind is list:
                stack.append((item, depth + 1))
            elif kind is float:
                return False
    return keys == keys_written


def parse_fast(data: bytes, name: str) -> tuple[Any, str]:
    """Parse a well-formed file quickly; anything unusual goes to the strict parser for its message.

    orjson parses (it refuses NaN, lone surrogates, integers past 64 bits and a byte-order mark, which
    then take the slower paths). It merges repeated keys without a word, so the keys it returns are
    counted against the `":` the bytes hold: equal counts prove there was no repeated key (a `":`
    inside a string only adds to the bytes' count, and a key spaced from its colon sends the file
    on). Otherwise the C parser with a light hook finds duplicate keys and non-finite numbers.
    """
    try:
        content = orjson.loads(data)
    except orjson.JSONDecodeError:
        pass
    else:
        if not _SPACED_KEY.search(data) and _plain(content, data.count(b'":')):
            return content, data.decode("utf-8")
    try:
        if _SURROGATE_ESCAPE.search(data):
            raise _Unusual("surrogate escape")
        text = data.decode("utf-8-sig")
        content = json.loads(
            text, object_pairs_hook=_unique_keys, parse_float=_finite, parse_constant=_unusual_constant
        )
    except (ValueError, RecursionError):  # decoding, syntax, _Unusual, integer length
        return parse_json(data, name)
    return content, text


def strict_findings(content: Any, text: str, name: str) -> list[Finding]:
    """Syntax findings, placed by line, for what Python's json let through (see _problems)."""
    problems = list(_problems(content))
    if not problems:
        return []
    if any(message == TOO_DEEP for _, message in problems):
        return [_too_deep(text, name)]  # as parse_json gives it when the parser cannot go that deep
    positions = PositionMap(text)
    findings = []
    for path, message in problems:
        line, column = positions.locate(path) or (None, None)
        findings.append(Finding(file=name, rule="syntax", message=message, path=path, line=line, column=column))
    return findings


def parse_json(data: bytes, name: str) -> tuple[Any, str]:
    """Parse one file's bytes strictly; raise DocumentError with the place of every problem."""

    def fail(
        message: str, line: int | None = None, column: int | None = None, path: str | None = None
    ) -> DocumentError:
        return DocumentError([Finding(file=name, rule="syntax", message=message, path=path, line=line, column=column)])

    try:
        text = data.decode("utf-8-sig")  # a UTF-8 byte-order mark is accepted
    except UnicodeDecodeError as exc:
        line, column = _line_col(data[: exc.start].decode("utf-8", "replace"))
        raise fail(f"not valid UTF-8: byte 0x{data[exc.start]:02x} (save the file as UTF-8)", line, column) from None
    if not text.strip():
        raise fail("empty file: expected a JSON document", 1, 1)
    try:
        content = json.loads(text, object_pairs_hook=_object, parse_float=_number)
    except json.JSONDecodeError as exc:
        message, offset = _syntax_error(text, exc)
        raise fail(f"invalid JSON: {message}", *_line_col(text[:offset])) from None
    except RecursionError:
        raise DocumentError([_too_deep(text, name)]) from None
    except ValueError as exc:  # e.g. an integer longer than Python will convert
        long_number = _LONG_NUMBER.search(text)
        if long_number:
            digits = len(long_number[0].lstrip("-"))
            message = f"a number of {digits:,} digits: no value here needs more than {MAX_DIGITS:,}"
            raise fail(message, *_line_col(text[: long_number.start()])) from None
        raise fail(f"invalid JSON: {exc}") from None
    findings = strict_findings(content, text, name)
    if findings:
        raise DocumentError(findings)
    return content, text
