"""The GraphQL documents the front ends send, kept as .graphql files beside this module and loaded by name.

A document may start with lines such as `#import "fragments/link.graphql"` (the convention of graphql-tag's
loaders): the named fragment files are appended once each, so queries share fragments without repeating them.
"""

import functools
import re
from pathlib import Path

FOLDER = Path(__file__).parent
IMPORT = re.compile(r'^#import\s+"([^"]+)"\s*$', re.MULTILINE)


def _read(relative: str) -> str:
    path = (FOLDER / relative).resolve()
    if FOLDER.resolve() not in path.parents:
        raise ValueError(f"GraphQL documents live under {FOLDER}; {relative!r} does not.")
    return path.read_text(encoding="utf-8")


def _collect(relative: str, seen: list[str]) -> None:
    if relative in seen:
        return
    seen.append(relative)
    for imported in IMPORT.findall(_read(relative)):
        _collect(imported, seen)


@functools.cache
def load(name: str) -> str:
    """The document `name` with every fragment it imports, directly or through other fragments."""
    files: list[str] = []
    _collect(f"{name}.graphql", files)
    return "\n".join(IMPORT.sub("", _read(relative)).strip() for relative in files) + "\n"
