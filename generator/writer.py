"""Stage 6: write the site atomically.

The new site is assembled in a staging folder beside the output folder and
swapped in only when it is complete, so a failed build leaves the previous
output exactly as it was, and files no longer produced are gone afterwards.
A file whose bytes did not change is hard-linked from the previous output
instead of written again, so it keeps its inode and modification time (rsync,
servers and browsers see it as unchanged).
"""

from __future__ import annotations

import ctypes
import errno
import functools
import logging
import os
import shutil
import stat
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Mapping

from generator.errors import BuildError, Problem

try:
    import fcntl
except ImportError:  # Windows: update_in_place renames
    fcntl = None

log = logging.getLogger(__name__)
_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation
PARALLEL_WRITES = 64  # from this many files, update_in_place replaces them from WRITE_THREADS threads
WRITE_THREADS = 4
RECYCLED_MAX = 4096  # files update_in_place keeps for its next writes (see _Recycler): ~120 MB at most
_RENAME_EXCHANGE = 2  # renameat2's flag (linux/fs.h)
_AT_FDCWD = -100


@dataclass(frozen=True)
class WriteReport:
    written: int  # files whose bytes are new or changed
    unchanged: int  # files kept as they were
    removed: int  # files of the previous output that the site no longer has
    changed: tuple[str, ...] = ()  # the names written (new or changed bytes)


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


def write_site(output: Path, files: dict[str, bytes], copies: dict[str, Path]) -> WriteReport:
    """Replace `output` with exactly `files` (bytes) plus `copies` (files copied from disk)."""
    with Staging(output) as stage:
        for name, data in files.items():
            stage.put(name, data)
        for name, source in copies.items():
            stage.copy(name, source)
        return stage.commit()


BESIDE_OUTPUT = ("staging", "spare", "recycle")  # the writer's folders beside the output (beside_output)


def beside_output(output: Path, use: str) -> Path:
    """The writer's folder for `use` (one of BESIDE_OUTPUT) beside the output folder: `.output.newsdesk-<use>`,
    hidden, outside what is published, and on the output's file system (so renames into it are cheap)."""
    return output.with_name(f".{output.name}.newsdesk-{use}")


@dataclass(frozen=True)
class PendingWrite:
    """Files made and not written yet: what `update_in_place` is to do, handed to the caller (serve) so
    that it can answer requests with these bytes while they are written (BuildOptions.write_later)."""

    output: Path
    files: Mapping[str, bytes]
    gone: frozenset[str]

    def write(self) -> WriteReport:
        return update_in_place(self.output, dict(self.files), {}, set(self.gone))


def any_differs(output: Path, files: Mapping[str, bytes]) -> bool:
    """Whether the output's files do not hold one of `files` already (update_in_place would write it);
    it stops at the first that differs."""
    output = output.absolute()
    for name, data in files.items():
        target = os.path.join(output, *safe_relative(name).parts)
        try:
            held = os.lstat(target)
        except FileNotFoundError:
            return True
        if not _holds(target, held, data, None):
            return True
    return False


def update_in_place(output: Path, files: dict[str, bytes], copies: dict[str, Path], remove: set[str], *,
                    recycle: bool = True) -> WriteReport:
    """Bring the live output up to date by replacing only `files` (and copies whose bytes changed)
    and deleting `remove`: how a rebuild after an edit writes its handful of files.

    The caller has made every byte before calling, so a build that fails leaves the output as it
    was; each file is replaced atomically, so a reader (the dev server, a browser) sees the old file
    or the new one, never half of one. Files are compared first: equal bytes are not rewritten.

    Where the system can (Linux's renameat2), a changed file is not renamed over the old one but
    exchanged with it (_Recycler): replacing by rename frees the old file's blocks, and that is what
    writing cost (a score edit at 10,000 items: 769 pages, 75 ms from 4 threads, of which the writes
    themselves were ~10 ms; exchanged, ~28 ms in one thread). Elsewhere (`recycle=False`, other systems
    or file systems), many files are replaced from a few threads: that is the file system's work, done
    without Python's lock (768 pages: 140 ms one by one through pathlib, 60 ms).
    """
    output = output.absolute()
    jobs = [(name, os.path.join(output, *safe_relative(name).parts), data, None) for name, data in files.items()]
    jobs += [(name, os.path.join(output, *safe_relative(name).parts), None, source) for name, source in copies.items()]
    recycler = _Recycler.beside(output) if recycle and jobs else None
    if recycler is not None:
        try:
            done = [_replace(*job[1:], recycler) for job in jobs]
        finally:
            recycler.close()
    elif len(jobs) >= PARALLEL_WRITES:
        with ThreadPoolExecutor(WRITE_THREADS) as pool:
            done = list(pool.map(lambda job: _replace(*job[1:]), jobs))
    else:
        done = [_replace(*job[1:]) for job in jobs]
    written = [job[0] for job, wrote in zip(jobs, done) if wrote]
    removed = 0
    for name in sorted(remove):
        target = output / safe_relative(name)
        try:
            target.unlink()
        except FileNotFoundError:
            continue
        removed += 1
        for folder in target.parents:  # folders the removed file leaves empty go too
            if folder == output:
                break
            try:
                folder.rmdir()
            except OSError:
                break
    return WriteReport(len(written), len(jobs) - len(written), removed, tuple(written))


def _replace(target: str, data: bytes | None, source: Path | None, recycler: "_Recycler | None" = None) -> bool:
    """Replace the file `target` with `data` (or a copy of `source`) atomically, unless it holds those
    bytes already; True if it was written."""
    try:
        found = os.lstat(target)
    except FileNotFoundError:
        found = None
    if found is not None and _holds(target, found, data, source):
        return False
    if found is not None and stat.S_ISDIR(found.st_mode):
        shutil.rmtree(target)  # a folder where the file goes (the site changed shape)
        found = None
    if recycler is not None and data is not None and found is not None and stat.S_ISREG(found.st_mode):
        if recycler.exchange(target, data, shared=found.st_nlink > 1):
            return True
    temp = target + ".newsdesk-new"
    try:
        _write_temp(temp, data, source)
    except FileNotFoundError:  # its folder is new
        os.makedirs(os.path.dirname(target), exist_ok=True)
        _write_temp(temp, data, source)
    os.replace(temp, target)
    return True


class _Recycler:
    """Files that update_in_place exchanged out of the output, kept in `.<output>.newsdesk-recycle`
    beside it to hold the next files it writes.

    A file is written into a recycled file in place (its blocks are there already: nothing is freed or
    allocated), then exchanged with the output's file in one atomic step (renameat2 RENAME_EXCHANGE),
    which leaves the old file in the recycle folder for a later write. Readers see the old bytes or the
    new, as with a rename. A file is written into only by a later call than the one that exchanged it
    out, so a reader that opened the old file reads it whole unless it holds it open until the next
    edit is written. A file that has other links (a full build's spare folder shares unchanged files
    with the output) is not kept: it is not ours to write into. The folder is outside the output (never
    published) and on its file system; the process keeps nothing between calls. One process at a time
    uses it (a lock on the folder): two taking the same recycled file would put one's bytes in the
    other's file, so a second process (a `newsdesk build` while serve runs) renames instead.
    """

    def __init__(self, folder: str, exchange, lock: int):
        self.folder = folder
        self._exchange = exchange
        self._lock = lock
        names = [name for name in os.listdir(folder) if name.isdigit()]  # only the files it made
        self._free = sorted(names, reverse=True)  # exchanged out by earlier calls: free to write into
        self._held = len(names)  # files in the folder
        self._next = max(map(int, names), default=0) + 1
        self._works = True

    @classmethod
    def beside(cls, output: Path) -> "_Recycler | None":
        exchange = _renameat2()
        if exchange is None:
            return None
        folder = str(beside_output(output, "recycle"))
        try:
            os.makedirs(folder, exist_ok=True)
            if os.stat(folder).st_dev != os.stat(output.parent).st_dev:
                return None
            lock = os.open(folder, os.O_RDONLY)
        except OSError:
            return None
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return cls(folder, exchange, lock)
        except OSError:  # another process is using it (BlockingIOError), or it cannot be listed
            os.close(lock)
            return None

    def close(self) -> None:
        os.close(self._lock)  # and so the lock goes

    def exchange(self, target: str, data: bytes, shared: bool) -> bool:
        """Put `data` in place of the regular file `target` (`shared`: it has other links); False if this
        file system cannot (the caller replaces it by rename, as it does the rest of this call's files)."""
        if not self._works:
            return False
        if self._free:
            spare = os.path.join(self.folder, self._free.pop())
            handle = os.open(spare, os.O_WRONLY | _BINARY)
        else:
            spare = os.path.join(self.folder, str(self._next))
            self._next += 1
            handle = os.open(spare, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _BINARY, 0o666)
            self._held += 1
        try:
            _write_all(handle, data, truncate=True)
        except BaseException:
            self._drop(spare)
            raise
        if not self._exchange(spare, target):
            self._works = False
            self._drop(spare)
            return False
        if shared or self._held > RECYCLED_MAX:
            self._drop(spare)  # shared with the spare folder (or enough kept): only this name of it goes
        return True

    def _drop(self, spare: str) -> None:
        os.unlink(spare)
        self._held -= 1


@functools.cache
def _renameat2():
    """renameat2(..., RENAME_EXCHANGE) as a function (old, new) -> True if exchanged, or None where
    the C library has no renameat2 (not Linux, old glibc) or there is no flock (fcntl: Windows)."""
    if fcntl is None:
        return None
    try:
        call = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    call.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    call.restype = ctypes.c_int

    def exchange(old: str, new: str) -> bool:
        if call(_AT_FDCWD, os.fsencode(old), _AT_FDCWD, os.fsencode(new), _RENAME_EXCHANGE) == 0:
            return True
        error = ctypes.get_errno()
        if error in (errno.EINVAL, errno.ENOSYS, errno.EXDEV, errno.ENOTSUP, errno.EPERM):
            return False  # a file system (or sandbox) that cannot exchange: rename instead
        raise OSError(error, os.strerror(error), new)

    return exchange


def _write_temp(temp: str, data: bytes | None, source: Path | None) -> None:
    if data is None:
        shutil.copyfile(source, temp)
        return
    _write_all(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _BINARY, 0o666), data)


def _write_all(handle: int, data: bytes, truncate: bool = False) -> None:
    """Write `data` to the open file `handle` (from its start) and close it; `truncate`: cut what the
    file held after `data` off."""
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view):]
        if truncate and os.fstat(handle).st_size > len(data):  # (a stat costs less than a truncation)
            os.ftruncate(handle, len(data))
    finally:
        os.close(handle)


def _read(path) -> bytes:
    with open(path, "rb") as file:
        return file.read()


class Staging:
    """The next output folder, assembled beside the live one; `commit` swaps it in.

    It is double-buffered: the folder that the last swap took out of service (kept as
    `.<output>.newsdesk-spare`) is brought up to date and swapped back in, so a rebuild
    only touches the files that changed instead of re-creating thousands of folders
    (directory operations are what a big site's build spends its time on). Files are
    only ever replaced by rename, never written in place, so the live output, which
    shares unchanged files with the spare through hard links, is never modified.

    Used as a context manager: leaving the block without `commit` (an error) leaves the
    live output as it was. Files are put in as they are rendered, so a build never has
    to hold the whole site in memory.
    """

    def __init__(self, output: Path):
        self.output = output.absolute()
        self.staging = beside_output(self.output, "staging")
        self.spare = beside_output(self.output, "spare")
        self.written = self.unchanged = 0
        self.names: set[str] = set()
        self.changed: list[str] = []  # names whose bytes differ from the live output
        self._dirs: set[PurePosixPath] = set()
        self._staging = str(self.staging)
        self._new_dirs: set[str] = {""}  # folders _write_new made (as strings); "" is the staging folder
        self._fresh = False  # the staging folder was made empty by this build: nothing in it to reconcile
        self._live = True  # there is a live output to compare files with (False: a first build)

    def __enter__(self) -> "Staging":
        self.output.parent.mkdir(parents=True, exist_ok=True)
        if self.staging.exists():  # left over from a build that was killed: reuse it, it is reconciled below
            shutil.rmtree(self.spare, ignore_errors=True)
        elif self.spare.is_dir() and not self.spare.is_symlink():
            os.rename(self.spare, self.staging)
        else:
            shutil.rmtree(self.spare, ignore_errors=True)
            self.staging.mkdir()
            self._fresh = True
        self._live = self.output.is_dir()
        return self

    def __exit__(self, *exc) -> None:
        if self.staging.exists():  # a failed build: keep the work as the spare, never as a half-built site
            shutil.rmtree(self.spare, ignore_errors=True)
            os.rename(self.staging, self.spare)

    def put(self, name: str, data: bytes) -> None:
        self._count(self._place(self._target(name), data=data), name)

    # put() in two halves, for files made in worker processes: the main process claims every name
    # first (so two outputs for one path are refused before anything is written), the workers `place`
    # their files in the staging folder (fork: each has a copy of this object), and the main process
    # `placed` what they report back.
    def claim(self, name: str) -> None:
        self._target(name)

    def place(self, name: str, data: bytes) -> bool:
        """Write a claimed file into the staging folder; True if its bytes differ from the live output's."""
        rel = safe_relative(name)
        if self._fresh and not self._live:
            # A first build into a new, empty folder: nothing to compare with, nothing in the way. This is
            # every file of a first build, so it is done with plain strings and three system calls a file.
            try:
                self._write_new(rel.as_posix(), data)
                return True
            except (FileExistsError, IsADirectoryError, NotADirectoryError):
                pass  # a file and a folder of one name in this build: the general way below sorts it out
        return self._place(rel, data=data)

    def _write_new(self, name: str, data: bytes) -> None:
        folder = name.rpartition("/")[0]
        if folder not in self._new_dirs:
            os.makedirs(os.path.join(self._staging, folder), exist_ok=True)
            self._new_dirs.add(folder)
        _write_all(os.open(os.path.join(self._staging, name), os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, 0o666),
                   data)

    def placed(self, name: str, changed: bool) -> None:
        self._count(changed, name)

    def copy(self, name: str, source: Path) -> None:
        self._count(self._place(self._target(name), source=source), name)

    def keep(self, name: str) -> bool:
        """Carry the live output's file over unchanged (hard link); False if it is not there."""
        rel = safe_relative(name)
        live = self.output / rel
        if not live.is_file() or live.is_symlink():
            return False
        self._target(name)
        self._link(live, rel)
        self.unchanged += 1
        return True

    def commit(self) -> WriteReport:
        if not self._fresh:  # walking a fresh folder (every folder of a big site) would find nothing to remove
            _remove_except(self.staging, self.names)  # what the reused folder had that this build did not make
        final = set(self.names)
        removed = sum(1 for name in list_files(self.output) if name not in final) if self.output.is_dir() else 0
        if self.output.exists():
            os.rename(self.output, self.spare)
        os.rename(self.staging, self.output)
        return WriteReport(self.written, self.unchanged, removed, tuple(self.changed))

    def _place(self, rel: PurePosixPath, *, data: bytes | None = None, source: Path | None = None) -> bool:
        """Make the staged file hold these bytes; return True if they differ from the live output."""
        live = self.output / rel
        if self._live and _same(live, data, source):
            self._link(live, rel)
            return False
        target = self._prepare(rel)
        if data is not None:
            try:  # a file new to the staging folder is shared with nothing: write it where it belongs
                with open(target, "xb") as handle:
                    handle.write(data)
                return True
            except FileExistsError:
                pass
        temp = target.with_name(target.name + ".newsdesk-new")
        if data is not None:
            temp.write_bytes(data)
        else:
            shutil.copyfile(source, temp)
        os.replace(temp, target)  # never write into a staged file: it may be a hard link to a live one
        return True

    def _link(self, live: Path, rel: PurePosixPath) -> None:
        target = self._prepare(rel)
        temp = target.with_name(target.name + ".newsdesk-new")
        try:
            if target.exists() and os.path.samefile(target, live):
                return  # the reused folder already shares this file with the live output
            if temp.exists():
                temp.unlink()
            os.link(live, temp)
        except OSError:  # another file system, or links not allowed: copy it
            shutil.copy2(live, temp)
        os.replace(temp, target)

    def _prepare(self, rel: PurePosixPath) -> Path:
        """The staged path for rel, with its folder made and nothing in the way."""
        parent = rel.parent
        if parent not in self._dirs:
            folder = self.staging / parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except (FileExistsError, NotADirectoryError):  # a file where a folder now belongs
                for part in reversed([parent, *parent.parents]):
                    blocker = self.staging / part
                    if blocker.is_file() or blocker.is_symlink():
                        blocker.unlink()
                folder.mkdir(parents=True, exist_ok=True)
            self._dirs.add(parent)
        target = self.staging / rel
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        return target

    def _target(self, name: str) -> PurePosixPath:
        if name in self.names:
            raise BuildError(Problem(name, None, "two outputs claim this path", "rename one of them"))
        self.names.add(name)
        return safe_relative(name)

    def _count(self, changed: bool, name: str = "") -> None:
        if changed and name:
            self.changed.append(name)
        self.written += changed
        self.unchanged += not changed


def list_files(folder: Path):
    """Relative names of every file below folder (os.walk: one listing per folder, no stat per file)."""
    for top, _dirs, names in os.walk(folder):
        base = os.path.relpath(top, folder).replace(os.sep, "/")
        prefix = "" if base == "." else base + "/"
        for name in names:
            yield prefix + name


def _remove_except(folder: Path, keep: set[str]) -> None:
    for top, _dirs, names in os.walk(folder, topdown=False):
        base = os.path.relpath(top, folder).replace(os.sep, "/")
        prefix = "" if base == "." else base + "/"
        for name in names:
            if prefix + name not in keep:
                os.unlink(os.path.join(top, name))
        if top != str(folder) and not os.listdir(top):
            os.rmdir(top)


def _same(old: Path, data: bytes | None, source: Path | None) -> bool:
    try:
        return _holds(old, os.lstat(old), data, source)
    except OSError:
        return False


def _holds(path, found: os.stat_result, data: bytes | None, source: Path | None) -> bool:
    """Whether the file `path` (its lstat: `found`) is a plain file holding `data`, or `source`'s bytes."""
    if not stat.S_ISREG(found.st_mode):
        return False
    if data is not None:
        return found.st_size == len(data) and _read(path) == data
    return found.st_size == os.stat(source).st_size and _read(path) == _read(source)


