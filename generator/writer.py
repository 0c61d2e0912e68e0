"""Stage 6: write the site atomically.

The new site is assembled in a staging folder beside the output folder and
swapped in only when it is complete, so a failed build leaves the previous
output exactly as it was, and files no longer produced are gone afterwards.
A file whose bytes did not change is hard-linked from the previous output
instead of written again, so it keeps its inode and modification time (rsync,
servers and browsers see it as unchanged).
"""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.errors import BuildError, Problem

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WriteReport:
    written: int  # files whose bytes are new or changed
    unchanged: int  # files kept as they were
    removed: int  # files of the previous output that the site no longer has


def check_output_path(output: Path, protected: list[Path]) -> None:
    """Refuse an output folder that would swallow the user's own files when it is replaced."""
    out = output.resolve()
    for path in protected:
        path = path.resolve()
        if out == path or out in path.parents:
            raise BuildError(Problem("config.yaml", None, f"output folder {output} contains {path}",
                                     "set `output_dir` to a folder of its own, such as `output`"))


def safe_relative(name: str) -> PurePosixPath:
    """Every output path passes here: relative, no '..', no empty or hidden-trick parts."""
    path = PurePosixPath(name)
    if path.is_absolute() or not path.parts or any(part in ("", ".", "..") for part in path.parts) or "\\" in name:
        raise BuildError(Problem(name, None, "refusing to write outside the output folder"))
    return path


def write_site(output: Path, files: dict[str, bytes], copies: dict[str, Path]) -> WriteReport:
    """Replace `output` with exactly `files` (bytes) plus `copies` (files copied from disk)."""
    output = output.absolute()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = output.with_name(f".{output.name}.newsdesk-staging")
    if staging.exists():  # left over from a build that was killed
        shutil.rmtree(staging)
    staging.mkdir()
    written = unchanged = 0
    try:
        made_dirs: set[PurePosixPath] = set()
        for name, data in files.items():
            changed = _place(output, staging, safe_relative(name), made_dirs, data=data)
            written += changed
            unchanged += not changed
        for name, source in copies.items():
            changed = _place(output, staging, safe_relative(name), made_dirs, source=source)
            written += changed
            unchanged += not changed
        removed = _count_removed(output, files.keys() | copies.keys())
        _swap(output, staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return WriteReport(written, unchanged, removed)


def _place(output: Path, staging: Path, rel: PurePosixPath, made: set, *, data: bytes | None = None,
           source: Path | None = None) -> bool:
    """Put one file into staging; return True if its bytes differ from the previous output."""
    parent = rel.parent
    if parent not in made:
        (staging / parent).mkdir(parents=True, exist_ok=True)
        made.add(parent)
    target = staging / rel
    old = output / rel
    if _same(old, data, source):
        try:
            os.link(old, target)
            return False
        except OSError:
            pass  # another file system, or links not allowed: write it out
    if data is not None:
        target.write_bytes(data)
    else:
        shutil.copyfile(source, target)
    return True


def _same(old: Path, data: bytes | None, source: Path | None) -> bool:
    try:
        if old.is_symlink() or not old.is_file():
            return False
        size = old.stat().st_size
        if data is not None:
            return size == len(data) and old.read_bytes() == data
        return size == source.stat().st_size and old.read_bytes() == source.read_bytes()
    except OSError:
        return False


def _count_removed(output: Path, names) -> int:
    if not output.is_dir():
        return 0
    keep = set(names)
    return sum(1 for p in output.rglob("*") if p.is_file() and p.relative_to(output).as_posix() not in keep)


def _swap(output: Path, staging: Path) -> None:
    old = output.with_name(f".{output.name}.newsdesk-old")
    if old.exists():
        shutil.rmtree(old)
    if output.exists():
        os.rename(output, old)
    os.rename(staging, output)
    if old.exists():
        shutil.rmtree(old)
