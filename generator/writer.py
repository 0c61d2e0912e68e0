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
from typing import Callable

from generator.errors import BuildError, Problem

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WriteReport:
    written: int  # files whose bytes are new or changed
    unchanged: int  # files kept as they were
    removed: int  # files of the previous output that the site no longer has


def check_output_path(output: Path, protected: list[Path], inputs: list[Path] = ()) -> None:
    """Refuse an output folder that would swallow the user's own files when it is replaced.

    `protected` folders (the site root) may hold the output but not be it or be inside it;
    `inputs` (content, themes, static, data) may not overlap it at all: an output inside
    static/ would be copied into itself on every build.
    """
    out = output.resolve()
    for path in [*protected, *inputs]:
        path = path.resolve()
        if out == path or out in path.parents:
            raise BuildError(Problem("config.yaml", None, f"output folder {output} contains {path}",
                                     "set `output_dir` to a folder of its own, such as `output`"))
    for path in inputs:
        path = path.resolve()
        if path in out.parents:
            raise BuildError(Problem("config.yaml", None, f"output folder {output} is inside {path}, which the build reads",
                                     "set `output_dir` to a folder of its own, such as `output`"))


def safe_relative(name: str) -> PurePosixPath:
    """Every output path passes here: relative, no '..', no empty or hidden-trick parts."""
    path = PurePosixPath(name)
    if path.is_absolute() or not path.parts or any(part in ("", ".", "..") for part in path.parts) or "\\" in name:
        raise BuildError(Problem(name, None, "refusing to write outside the output folder"))
    return path


def write_site(output: Path, files: dict[str, bytes], copies: dict[str, Path],
               before_swap: Callable[[Path], object] | None = None) -> WriteReport:
    """Replace `output` with exactly `files` (bytes) plus `copies` (files copied from disk).

    `before_swap(staging)` runs on the complete new site just before it goes live (the search
    index is built there); whatever it adds is published with the site.
    """
    with Staging(output) as stage:
        for name, data in files.items():
            stage.put(name, data)
        for name, source in copies.items():
            stage.copy(name, source)
        return stage.commit(before_swap)


class Staging:
    """A new output folder being assembled beside the old one; `commit` swaps it in.

    Used as a context manager: leaving the block without `commit` (an error) deletes
    the staging folder and leaves the previous output as it was. Files are put in as
    they are rendered, so a build never has to hold the whole site in memory.
    """

    def __init__(self, output: Path):
        self.output = output.absolute()
        self.staging = self.output.with_name(f".{self.output.name}.newsdesk-staging")
        self.written = self.unchanged = 0
        self.names: set[str] = set()
        self._dirs: set[PurePosixPath] = set()

    def __enter__(self) -> "Staging":
        self.output.parent.mkdir(parents=True, exist_ok=True)
        if self.staging.exists():  # left over from a build that was killed
            shutil.rmtree(self.staging)
        self.staging.mkdir()
        return self

    def __exit__(self, *exc) -> None:
        if self.staging.exists():
            shutil.rmtree(self.staging, ignore_errors=True)

    def put(self, name: str, data: bytes) -> None:
        self._count(_place(self.output, self.staging, self._target(name), self._dirs, data=data))

    def copy(self, name: str, source: Path) -> None:
        self._count(_place(self.output, self.staging, self._target(name), self._dirs, source=source))

    def keep(self, name: str) -> bool:
        """Carry the previous output's file over unchanged (hard link); False if it is not there."""
        rel = self._target(name)
        old = self.output / rel
        if not old.is_file() or old.is_symlink():
            return False
        self._mkdir(rel.parent)
        try:
            os.link(old, self.staging / rel)
        except OSError:
            shutil.copy2(old, self.staging / rel)
        self.unchanged += 1
        return True

    def previous(self, name: str) -> os.stat_result | None:
        """The previous output's file of that name, if any (for build caches to check)."""
        try:
            return (self.output / safe_relative(name)).stat()
        except (OSError, BuildError):
            return None

    def commit(self, before_swap: Callable[[Path], object] | None = None) -> WriteReport:
        kept = set(self.names)
        if before_swap is not None:
            before_swap(self.staging)
            kept = {p.relative_to(self.staging).as_posix() for p in self.staging.rglob("*") if p.is_file()}
            for name in sorted(kept - self.names):  # what the hook wrote: unchanged files keep inode and mtime
                self._count(_relink(self.output, self.staging, PurePosixPath(name)))
        removed = _count_removed(self.output, kept)
        _swap(self.output, self.staging)
        return WriteReport(self.written, self.unchanged, removed)

    def _target(self, name: str) -> PurePosixPath:
        if name in self.names:
            raise BuildError(Problem(name, None, "two outputs claim this path", "rename one of them"))
        self.names.add(name)
        return safe_relative(name)

    def _mkdir(self, parent: PurePosixPath) -> None:
        if parent not in self._dirs:
            (self.staging / parent).mkdir(parents=True, exist_ok=True)
            self._dirs.add(parent)

    def _count(self, changed: bool) -> None:
        self.written += changed
        self.unchanged += not changed


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


def _relink(output: Path, staging: Path, rel: PurePosixPath) -> bool:
    """Replace a staged file by a link to the previous output's copy if the bytes are equal; True if changed."""
    new, old = staging / rel, output / rel
    if not _same(old, None, new):
        return True
    link = new.with_name(new.name + ".newsdesk-link")
    try:
        os.link(old, link)
        os.replace(link, new)
    except OSError:
        return True
    return False


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
