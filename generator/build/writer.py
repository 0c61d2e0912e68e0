"""Write the site, so that a stopped or failed build never leaves a broken one.

A full build assembles the new site in a staging folder beside the output folder
and swaps it in only when it is complete, so a failed build leaves the previous
output exactly as it was, and files no longer produced are gone afterwards.
A file whose bytes did not change is hard-linked from the previous output
instead of written again, so it keeps its inode and modification time (rsync,
servers and browsers see it as unchanged). A rebuild that changes a few files
replaces just those (update_in_place), through a journal.

Every output holds MARKER, and newsdesk writes only into a folder that holds it
(or is empty or missing): it never replaces a folder of the user's. A process
killed while writing leaves the previous output or the new one, or a half-done
swap or update that `recover`, called first by the next command, completes.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import re
import shutil
import stat
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.config.checks import OWN_FOLDER, output_overlap
from generator.config.lines import output_setting
from generator.config.values import Config
from generator.errors import BuildError, ConfigError, Problem

log = logging.getLogger(__name__)
_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation
PARALLEL_WRITES = 64  # from this many files, update_in_place writes them from WRITE_THREADS threads
WRITE_THREADS = 4
# In every output newsdesk makes: it writes only into a folder holding this file (or an empty one). Published
# with the site, so it says nothing but what it is (no path, no time: the same bytes on every build).
MARKER = ".newsdesk-output"
MARKER_TEXT = (b"This folder is the output of newsdesk, a static site generator. Every build replaces everything "
               b"in it; newsdesk builds only into folders that hold this file, or empty ones.\n")


@dataclass(frozen=True)
class WriteReport:
    written: int  # files whose bytes are new or changed
    unchanged: int  # files kept as they were
    removed: int  # files of the previous output that the site no longer has
    changed: tuple[str, ...] = ()  # the names written (new or changed bytes)
    gone_pages: tuple[str, ...] = ()  # pages of the previous output this one has not: their addresses now 404


# A list's later pages come and go with its items: their addresses were never ones to keep.
_LIST_PAGE = re.compile(r"(?:^|/)page/\d+/index\.html$")


def pages_among(names) -> tuple[str, ...]:
    """The pages (HTML files) among output names, but for lists' later pages (`latest/page/2/`)."""
    return tuple(sorted(name for name in names if name.endswith(".html") and not _LIST_PAGE.search(name)))


def check_output_path(output: Path, protected: list[Path], inputs: list[Path] = ()) -> None:
    """Refuse an output folder that would swallow the user's own files when it is replaced (config.output_overlap;
    load_config says so first, with the line, for config.yaml and --output)."""
    why = output_overlap(output, protected, inputs)
    if why:
        raise BuildError(Problem("config.yaml", None, why, OWN_FOLDER))


def safe_relative(name: str) -> PurePosixPath:
    """Every output path passes here: relative, no '..', no empty or hidden-trick parts."""
    path = PurePosixPath(name)
    if path.is_absolute() or not path.parts or any(part in ("", ".", "..") for part in path.parts) or "\\" in name:
        raise BuildError(Problem(name, None, "refusing to write outside the output folder",
                                 "if it is a file in static/ or a theme, rename it without `\\` or `..`; else report "
                                 "it as a newsdesk bug"))
    return path


def write_site(output: Path, files: dict[str, bytes], copies: dict[str, Path]) -> WriteReport:
    """Replace `output` with exactly `files` (bytes) plus `copies` (files copied from disk)."""
    with Staging(output) as stage:
        for name, data in files.items():
            stage.put(name, data)
        for name, source in copies.items():
            stage.copy(name, source)
        return stage.commit()


BESIDE_OUTPUT = ("staging", "spare", "update")  # the writer's folders beside the output (beside_output)


def beside_output(output: Path, use: str) -> Path:
    """The writer's folder for `use` (one of BESIDE_OUTPUT) beside the output folder: `.output.newsdesk-<use>`,
    hidden, outside what is published, and on the output's file system (so renames into it are cheap)."""
    return output.with_name(f".{output.name}.newsdesk-{use}")


@contextlib.contextmanager
def output_lock(output: Path):
    """Held by a build that writes `output`, from its recovery to its last write. recover() cannot tell a
    live build's folders beside the output from a killed one's: a second build of the same output (another
    terminal, a cron job) waits for the first. The lock is on the folder holding the output, where the
    writer's own folders go, so it leaves nothing behind; the kernel lets go of it when the build ends,
    killed too."""
    try:
        import fcntl
    except ImportError:  # (not POSIX: no lock)
        yield
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(output.parent, os.O_RDONLY)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.warning("%s: waiting for another newsdesk build of this output to finish", output)
            fcntl.flock(handle, fcntl.LOCK_EX)
        except OSError:  # a file system without locks (some network ones): the build goes on, as before
            pass
        yield
    finally:
        os.close(handle)


def update_in_place(output: Path, files: dict[str, bytes], copies: dict[str, Path], remove: set[str]) -> WriteReport:
    """Bring the live output up to date by replacing only `files` (and copies whose bytes changed)
    and deleting `remove`: how a rebuild after an edit writes its handful of files.

    The caller has made every byte before calling. Files are compared first: equal bytes are not
    rewritten. Each new file is written beside the one it replaces (`<name>.newsdesk-new`: a rename in
    one folder is cheap, and several go at once) and renamed over it once all are written, so a reader
    sees each file old or new, never half of one. Two lists in `.output.newsdesk-update/` make it
    whole against a kill: the names about to get a new file, written before any is (`<id>.intent`),
    and what is renamed and deleted, written once every new file is there (`<id>.journal`). The next
    command (`recover`) carries out a journal, and deletes the new files of an intent without one:
    the update is done entirely or not at all before anything reads the output. A write that fails
    before the journal (a full disk) leaves the output as it was.
    """
    output = output.absolute()
    jobs = [(name, os.path.join(output, *safe_relative(name).parts), data, None) for name, data in files.items()]
    jobs += [(name, os.path.join(output, *safe_relative(name).parts), None, source) for name, source in copies.items()]
    gone = sorted(name for name in remove if os.path.lexists(output / safe_relative(name)))
    if not jobs and not gone:
        return WriteReport(0, 0, 0)
    intent = _new_list(output, [job[0] for job in jobs])
    journal = intent.with_suffix(".journal")
    try:
        def stage(job) -> bool:  # write the job's new file beside its target, if its bytes differ
            _name, target, data, source = job
            if _same(target, data, source):
                return False
            try:
                try:
                    _write_file(target + _NEW, data, source)
                except FileNotFoundError:  # its folder is new
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    _write_file(target + _NEW, data, source)
            except (NotADirectoryError, FileExistsError):
                raise InTheWay(_blocker(output, _name)) from None
            return True

        staged = _each(stage, jobs)
        moved = [job[0] for job, wrote in zip(jobs, staged) if wrote]
        if moved or gone:
            _write_file(str(journal) + ".new", json.dumps({"move": moved, "remove": gone}).encode("utf-8"), None)
            os.replace(str(journal) + ".new", journal)  # the update is made: from here on it is carried out
    except BaseException as exc:
        _undo(output, intent)  # nothing was changed in the output yet
        if isinstance(exc, OSError):
            raise write_error(exc, output) from None
        raise
    try:
        if moved or gone:
            _apply(output, journal)
        _drop_list(intent)
    except OSError as exc:
        raise write_error(exc, output, "the output was being updated; the next build completes the update") from None
    return WriteReport(len(moved), len(jobs) - len(moved), len(gone), tuple(moved), pages_among(gone))


_NEW = ".newsdesk-new"  # a new file beside the one it is to replace


class InTheWay(BuildError):
    """A file of the output is where an update in place needs a folder (put there by hand, or by another tool):
    nothing was changed; a full build (writer.Staging) makes the output whole."""

    def __init__(self, name: str):
        super().__init__(Problem(name, None, "a file of the output is where the build needs a folder: the output "
                                             "could not be updated", "delete the file, or build again: a full build "
                                             "(`newsdesk build --clean`) replaces it"),
                         "Build failed; the previous output was left as it was.")


def _blocker(output: Path, name: str) -> str:
    """The path (as the output's file `name` is given) of the file that is where one of its folders must be."""
    parts = safe_relative(name).parts
    for end in range(1, len(parts)):
        if not os.path.isdir(os.path.join(output, *parts[:end])):
            return os.path.join(output, *parts[:end])
    return os.path.join(output, *parts)


def _each(function, values: list) -> list:
    """[function(value) for value in values], from WRITE_THREADS threads for many: writing, renaming and
    freeing files is the file system's work, done without Python's lock."""
    if len(values) < PARALLEL_WRITES:
        return [function(value) for value in values]
    with ThreadPoolExecutor(WRITE_THREADS) as pool:
        return list(pool.map(function, values))


def _new_list(output: Path, names: list[str]) -> Path:
    """A new `<id>.intent` in `.output.newsdesk-update/` (beside the output) naming these output files."""
    updates = beside_output(output, "update")
    updates.mkdir(parents=True, exist_ok=True)
    handle, path = tempfile.mkstemp(suffix=".intent.new", dir=updates)
    _write_all(handle, json.dumps(names).encode("utf-8"))
    # Named an intent once it is whole: a kill while it was written leaves a `.new` that `recover` deletes
    # (no new file was written yet), never a list cut short.
    intent = Path(path[: -len(".new")])
    os.replace(path, intent)
    return intent


def _apply(output: Path, journal: Path) -> None:
    """Carry out an update's journal: delete the files it removes, rename its new files over the old
    ones, then delete the journal. It can run again after being cut off: what is done is skipped."""
    listed = json.loads(_read(journal))
    for name in listed["remove"]:
        target = output / safe_relative(name)
        try:
            target.unlink()
        except FileNotFoundError:
            continue
        for parent in target.parents:  # folders the removed file leaves empty go too
            if parent == output:
                break
            try:
                parent.rmdir()
            except OSError:
                break

    def move(name: str) -> None:
        target = os.path.join(output, *safe_relative(name).parts)
        if not os.path.lexists(target + _NEW):
            return  # renamed before the process was stopped
        if os.path.isdir(target) and not os.path.islink(target):
            shutil.rmtree(target)  # a folder where the file goes (the site changed shape)
        os.replace(target + _NEW, target)

    _each(move, listed["move"])
    os.unlink(journal)


def _undo(output: Path, intent: Path) -> None:
    """Delete the new files an update without a journal left in the output, and its intent."""
    for name in json.loads(_read(intent)):
        with contextlib.suppress(FileNotFoundError, NotADirectoryError):
            os.unlink(os.path.join(output, *safe_relative(name).parts) + _NEW)
    _drop_list(intent)


def _drop_list(intent: Path) -> None:
    """Delete an update's intent, and the folder of updates if no other is in it."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(intent)
    with contextlib.suppress(OSError):
        os.rmdir(intent.parent)


def recover(output: Path) -> bool:
    """Finish what a write into `output` that was stopped half-way left (a killed process): every
    command that writes or publishes the output calls this first. True if there was something to do.

    - A full build's swap cut between its two renames leaves no output folder and a complete staging
      folder (it holds the marker only once it is complete): it is renamed into place.
    - An update in place cut while renaming its files leaves its journal: it is carried out. One cut
      before its journal was written changed nothing in the output but its new files: they are deleted.
    """
    output = output.absolute()
    done = False
    staging = beside_output(output, "staging")
    if not os.path.lexists(output) and (staging / MARKER).is_file():
        os.rename(staging, output)
        done = True
    updates = beside_output(output, "update")
    if updates.is_dir():
        for intent in sorted(updates.glob("*.intent")):
            if intent.with_suffix(".journal").is_file():
                _apply(output, intent.with_suffix(".journal"))
            _undo(output, intent)  # (after a journal: the new files of bytes that were equal, none)
            done = True
        shutil.rmtree(updates, ignore_errors=True)
    earlier = beside_output(output, "recycle")  # an earlier newsdesk's recycled files
    if earlier.is_dir():
        shutil.rmtree(earlier)
    return done


def check_output_owned(output: Path, config: Config | None = None) -> None:
    """Refuse to write into a folder newsdesk did not make: a build replaces all of the output, so a
    user's folder given as the output would lose its files. newsdesk's outputs hold MARKER; an empty
    or missing folder is fine too. With `config`, the refusal is a setting to correct (exit status 2), said
    at what gave the folder: --output, config.yaml's `output_dir` line, or the default."""
    why = "a build replaces everything in its output folder, so newsdesk does not write there"
    undo = "or move this one away; if it is the output of an older newsdesk, delete it once"
    if not os.path.lexists(output):
        # (a file where one of its folders must be: making it failed with a bare "File exists")
        above = next((parent for parent in output.absolute().parents if os.path.lexists(parent)), None)
        if above is None or above.is_dir():
            return
        what, why, undo = f"cannot be made: {above} is a file, not a folder", "", f"or move {above} away"
    elif (output / MARKER).is_file():
        return
    elif output.is_dir():
        with os.scandir(output) as entries:
            if not any(entries):
                return
        what = "is not empty, and newsdesk did not make it (it holds no .newsdesk-output file)"
    else:
        what = "is not a folder"
    why = f"; {why}" if why else ""
    if config is None:
        raise BuildError(Problem(str(output), None, f"the output folder {what}{why}",
                                 f"choose an empty or new folder for the output (--output DIR, or `output_dir` in "
                                 f"config.yaml), {undo}"), "Nothing was written.")
    place = output_setting(config)
    shown = config.output_dir.rstrip("/") + "/"
    full = str(output.resolve())
    if place[0] == "--output":
        named, fix = shown if Path(shown).is_absolute() else f"{shown} ({full})", "give --output a new or empty folder"
    elif place[1]:
        named = shown if Path(shown).is_absolute() else f"{shown} ({full})"
        fix = "set `output_dir` to a new or empty folder"
    else:
        named, fix = f"{shown} ({full}; no `output_dir` is set)", "set `output_dir:` to a new or empty folder"
    problem = Problem(*place, f"output folder {named} {what}{why}", f"{fix}, {undo}")
    raise ConfigError(problem, "Nothing was written.")


def write_error(exc: OSError, output: Path, kept: str = "the previous output was left as it was") -> BuildError:
    """What a failed write of the output tells the user: what happened, where, and what to do."""
    where = os.path.normpath(output)  # (the file that failed is mostly one of the writer's own: not the user's concern)
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        problem = Problem(str(where), None, "the disk is full (or your quota is used up): "
                                            "the output could not be written",
                          f"free some space on the disk that holds {os.path.dirname(where)}, or build into a folder on "
                          f"another disk (--output DIR), then build again")
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        problem = Problem(str(where), None, f"the output could not be written: {exc.strerror}",
                          "check that you may write to this folder, or build into another one (--output DIR)")
    else:
        problem = Problem(str(exc.filename or where), None, f"the output could not be written: {exc.strerror or exc}",
                          "check that path and build again, or build into another folder (--output DIR)")
    return WriteError(problem, f"Build failed; {kept}.")


class WriteError(BuildError):
    """The output could not be written (a full disk, no permission); the message says what was kept."""


def _write_file(path: str, data: bytes | None, source: Path | None) -> None:
    """Make a new file at `path` holding `data` (or a copy of `source`); one that is there is replaced by
    rename, never written into (it may be a hard link to a live output's file)."""
    if data is None:
        data = _read(source)  # (static files: small)
    try:
        _write_all(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, 0o666), data)
    except FileExistsError:
        temp = path + ".newsdesk-new"
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        _write_file(temp, data, None)
        os.replace(temp, path)


def _write_all(handle: int, data: bytes) -> None:
    """Write `data` to the open file `handle` and close it."""
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view):]
    finally:
        os.close(handle)


def _read(path) -> bytes:
    with open(path, "rb") as file:
        return file.read()


def _drop_unwritable(folder: Path) -> None:
    """Delete a folder of the writer's that this user may not write into (an output made by another user,
    `sudo newsdesk build`, or made read-only, becomes the spare at the next swap): a build would fail on it
    every time. One that cannot be deleted is said, with what to do."""
    if not folder.is_dir() or folder.is_symlink() or os.access(folder, os.W_OK):
        return
    for parent, _, _ in os.walk(folder):  # (a read-only folder's files cannot be deleted; one of this user's
        with contextlib.suppress(OSError):  # can be made writable)
            os.chmod(parent, stat.S_IRWXU)
    shutil.rmtree(folder, ignore_errors=True)
    if os.path.lexists(folder):
        raise WriteError(Problem(str(folder), None, "newsdesk's own folder beside the output (kept to rebuild "
                                                    "faster) is not writable: another user made it, or it was "
                                                    "made read-only",
                                 f"delete it with `sudo rm -rf '{folder}'`; the next build makes it again"),
                         "Build failed; the previous output was left as it was.")


class Staging:
    """The next output folder, assembled beside the live one; `commit` swaps it in.

    It is double-buffered: the folder that the last swap took out of service (kept as
    `.<output>.newsdesk-spare`) is brought up to date and swapped back in, so a rebuild
    only touches the files that changed instead of re-creating thousands of folders
    (directory operations are what a big site's build spends its time on). Files are
    only ever replaced by rename, never written in place, so the live output, which
    shares unchanged files with the spare through hard links, is never modified.

    Used as a context manager: leaving the block without `commit` (an error) leaves the
    live output as it was; a failed write (a full disk) also deletes the staging and spare
    folders, to give the space back. Files are put in as they are rendered, so a build
    never has to hold the whole site in memory. `commit` writes MARKER into the staging
    folder last: a staging folder holding it is complete (see `recover`).
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
        check_output_owned(self.output)
        self.output.parent.mkdir(parents=True, exist_ok=True)
        for left in (self.staging, self.spare):
            _drop_unwritable(left)
        try:  # (a Ctrl-C as the staging folder appears is the build's failure too: __exit__ puts it away)
            if self.staging.exists():  # left over from a build that was killed: reuse it, it is reconciled below
                shutil.rmtree(self.spare, ignore_errors=True)
            elif self.spare.is_dir() and not self.spare.is_symlink():
                os.rename(self.spare, self.staging)
            else:
                shutil.rmtree(self.spare, ignore_errors=True)
                self.staging.mkdir()
                self._fresh = True
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.staging / MARKER)  # incomplete again
            self._live = self.output.is_dir()
        except BaseException as error:
            self.__exit__(type(error), error, error.__traceback__)
            raise
        return self

    def __exit__(self, kind, error, traceback) -> None:
        if not self.staging.exists():
            return
        if isinstance(error, OSError):  # a write failed (a full disk): give the space back, say what happened
            shutil.rmtree(self.staging, ignore_errors=True)
            shutil.rmtree(self.spare, ignore_errors=True)
            raise write_error(error, self.output) from None
        shutil.rmtree(self.spare, ignore_errors=True)  # a failed build: keep the work as the spare,
        os.rename(self.staging, self.spare)  # never as a half-built site

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
        if self._fresh and not self._live and name in self.names:  # (claimed: safe_relative has passed it)
            # A first build into a new, empty folder: nothing to compare with, nothing in the way. This is
            # every file of a first build, so it is done with plain strings and three system calls a file.
            try:
                self._write_new(name, data)
                return True
            except (FileExistsError, IsADirectoryError, NotADirectoryError):
                pass  # a file and a folder of one name in this build: the general way below sorts it out
        return self._place(safe_relative(name), data=data)

    def _write_new(self, name: str, data: bytes) -> None:
        folder = name.rpartition("/")[0]
        if folder not in self._new_dirs:
            path = os.path.join(self._staging, folder)
            if folder.rpartition("/")[0] in self._new_dirs:  # its parent is made: one system call, not two
                try:
                    os.mkdir(path)
                except FileExistsError:  # (another process made it; a file in its place fails the write below)
                    pass
            else:
                os.makedirs(path, exist_ok=True)
            self._new_dirs.add(folder)
        _write_file(os.path.join(self._staging, name), data, None)

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
        final = {*self.names, MARKER}
        removed = [name for name in list_files(self.output) if name not in final] if self.output.is_dir() else []
        _write_file(os.path.join(self.staging, MARKER), MARKER_TEXT, None)  # complete: recover() may swap it in
        if os.path.lexists(self.output):
            os.rename(self.output, self.spare)
        try:
            os.rename(self.staging, self.output)
        except OSError:
            os.rename(self.spare, self.output)  # put the previous output back
            raise
        return WriteReport(self.written, self.unchanged, len(removed), tuple(self.changed), pages_among(removed))

    def _place(self, rel: PurePosixPath, *, data: bytes | None = None, source: Path | None = None) -> bool:
        """Make the staged file hold these bytes; return True if they differ from the live output."""
        live = self.output / rel
        if self._live and _same(live, data, source):
            self._link(live, rel)
            return False
        _write_file(str(self._prepare(rel)), data, source)  # (a staged file may be a hard link to a live one)
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


