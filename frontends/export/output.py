"""The export's folder: built aside, then put in place, so a failed export leaves the previous one whole.

A folder holds a manifest of the files an export wrote. Exporting again into it overwrites those files and removes
the ones the new export no longer has (a page that was deleted, a language left out); files that no export wrote are
left alone. A folder that is not empty and holds no manifest is refused, so that an export never mixes with (or
deletes) other files.
"""

import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = ".portal-export.json"


class ExportError(Exception):
    """The export cannot be made as asked (bad arguments, unusable folder, a page that would not render)."""


@dataclass
class Installed:
    added: int = 0
    replaced: int = 0
    removed: list[str] = field(default_factory=list)  # stale files of the previous export


def check_output(output: Path) -> None:
    if output.exists() and not output.is_dir():
        raise ExportError(f"{output} is a file; give a folder to export into.")
    if output.is_dir() and any(output.iterdir()) and not (output / MANIFEST).is_file():
        raise ExportError(f"{output} is not empty and holds no earlier export; give an empty or a new folder.")


def building_folder(output: Path) -> Path:
    """A fresh folder beside `output` (same file system, so files move into place without copying)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{output.name}-building-", dir=output.parent))


def files_in(folder: Path) -> list[str]:
    return sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file())


def previous_files(output: Path) -> list[str]:
    try:
        files = json.loads((output / MANIFEST).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    return [name for name in files if isinstance(name, str)]


def inside(output: Path, name: str) -> Path | None:
    """The file `name` of a manifest, if it is inside `output` (a manifest is data, not to be trusted blindly)."""
    path = (output / name).resolve()
    return path if output.resolve() in path.parents else None


def install(built: Path, output: Path) -> Installed:
    """Move the files of `built` into `output`, remove the previous export's stale files, write the manifest."""
    check_output(output)
    output.mkdir(parents=True, exist_ok=True)
    new = files_in(built)
    result = Installed()
    for name in sorted(set(previous_files(output)) - set(new)):
        path = inside(output, name)
        if path is not None and path.is_file():
            path.unlink()
            result.removed.append(name)
            remove_empty_folders(path.parent, output)
    for name in new:
        target = output / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            result.replaced += 1
        else:
            result.added += 1
        os.replace(built / name, target)
    manifest = {"files": new}
    (output / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    shutil.rmtree(built, ignore_errors=True)
    return result


def remove_empty_folders(folder: Path, root: Path) -> None:
    root = root.resolve()
    folder = folder.resolve()
    while folder != root and root in folder.parents and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
