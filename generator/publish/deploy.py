"""`newsdesk deploy`: publish a built site as the whole content of a branch (gh-pages) and push it.

The site is built into a temporary folder (or `output/` is taken as it is), then
ghp-import writes that folder as one new commit on the target branch through
`git fast-import`, without a checkout: the user's working tree, index and
current branch are never touched. We push ourselves rather than through
ghp-import so that a rejected push can be explained from git's own message.

Deploy pushes from the git repository that holds the site, to one of its
remotes (`origin` by default); a site outside a git repository is an error
that says how to set one up.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shlex
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

import ghp_import

from generator import __version__
from generator.build.pipeline import BuildOptions, BuildResult, build
from generator.config.values import Config
from generator.errors import BuildError, NewsdeskError, Problem
from generator.build.writer import MARKER, recover
from generator.urls import UNPUBLISHABLE, ascii_url, publishable_name

log = logging.getLogger(__name__)


class DeployError(NewsdeskError):
    """Nothing was published, or the push failed (exit status 1)."""

    def __init__(self, problems, summary: str = "Nothing was deployed."):
        super().__init__(problems, summary)


@dataclass(frozen=True)
class DeployOptions:
    remote: str = "origin"
    branch: str = "gh-pages"
    message: str = ""  # added to the commit message under newsdesk's own line
    dry_run: bool = False  # build and show what would be committed, commit and push nothing
    force: bool = False  # replace the remote branch even when it has commits we have not seen
    build: bool = True  # False: publish the output folder as it is


@dataclass(frozen=True)
class Repository:
    """The git repository a site is deployed from, as it was before the deploy."""

    root: Path
    remote_url: str
    source: str  # the source commit, e.g. "1a2b3c4" or "1a2b3c4 (with uncommitted changes)"
    base: str  # what the new commit goes on top of, e.g. "origin/gh-pages"; "" for a first deploy
    base_commit: str


@dataclass(frozen=True)
class Changes:
    """How the published files differ from the branch as it is now."""

    files: tuple[str, ...]  # every file of the new branch content
    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def summary(self) -> str:
        return (f"{len(self.changed)} changed, {len(self.added)} added, {len(self.removed)} removed "
                f"(of {len(self.files)} file{'s' * (len(self.files) != 1)})")


@dataclass(frozen=True)
class DeployResult:
    repo: Repository
    changes: Changes
    message: str  # the commit message (also on a dry run: what it would be)
    commit: str  # the new branch commit; "" when nothing was committed
    pushed: bool
    warnings: tuple[str, ...]
    build: BuildResult | None
    remote_moved: bool | None = False  # the remote's branch has commits we have not fetched (None: not known)
    up_to_date: bool = False  # the remote's branch holds this site already: nothing committed (dry run or not)


def deploy(config: Config, build_options: BuildOptions = BuildOptions(),
           options: DeployOptions = DeployOptions(), *, repo: Repository | None = None,
           progress=None) -> DeployResult:
    """Build the site (or take output/), commit it as the whole of `options.branch` and push it.

    `repo` is `open_repository(config.root, options)`, when the caller has already opened it.
    """
    repo = repo or open_repository(config.root, options)
    warnings = tuple(w for w in [check_base_url(config.base_url, repo.remote_url, config.cname)] if w)
    message = commit_message(repo.source, options.message)
    if not options.build:
        folder = config.output_path
        recover(folder)  # a build killed while writing it: finish that first
        _check_built(folder, config.output_dir)
        _check_withheld(folder, config, build_options)
        # The output's marker is newsdesk's note to itself, not part of the site: published from a copy without it
        # (hard links where the disk allows), as the output folder is the user's and keeps it.
        with tempfile.TemporaryDirectory(prefix="newsdesk-deploy-") as tmp:
            site = Path(tmp) / "site"
            shutil.copytree(folder, site, copy_function=_link_or_copy,
                            ignore=lambda where, names: [MARKER] if Path(where) == folder else [])
            return _publish(site, config, repo, options, message, warnings, None)
    # A temporary folder, so that deploying never changes the working tree, not even output/.
    with tempfile.TemporaryDirectory(prefix="newsdesk-deploy-") as tmp:
        try:
            built = build(replace(config, output_dir=str(Path(tmp) / "site")), build_options, progress=progress)
        except BuildError as exc:
            raise DeployError(exc.problems, f"{exc.summary or 'Build failed.'} Nothing was deployed.") from exc
        errors = len(built.site.problems)
        if errors:
            raise DeployError(list(built.site.problems),
                              f"Deploy stopped: {errors} content error{'s' * (errors != 1)}, nothing was pushed. "
                              "Fix them, or deploy the site without those items: `newsdesk build`, "
                              "then `newsdesk deploy --no-build`.")
        os.unlink(Path(tmp) / "site" / MARKER)  # newsdesk's note to itself, not part of the site
        return _publish(Path(tmp) / "site", config, repo, options, message, warnings, built)


def _check_built(folder: Path, shown: str) -> None:
    """Refuse to publish, as the whole of the branch, a folder that is not a site newsdesk built: a missing one
    would publish nothing, and one of the user's own files (or an unfinished copy) whatever it holds."""
    again = "run `newsdesk build` first, then `newsdesk deploy --no-build`; or deploy without --no-build, which builds"
    if not os.path.lexists(folder):
        raise DeployError(Problem(shown, None, "no built site here: the folder is not there", again))
    if not folder.is_dir():
        raise DeployError(Problem(shown, None, "no built site here: it is not a folder", again))
    if not (folder / MARKER).is_file():
        raise DeployError(Problem(shown, None, f"not a site newsdesk built (it holds no {MARKER} file); deploy "
                                               f"--no-build publishes only newsdesk's own output, as the whole "
                                               f"branch", "run `newsdesk build` into a new or empty output folder "
                                                         "first, or deploy without --no-build, which builds"))
    if not (folder / "index.html").is_file():
        raise DeployError(Problem(shown, None, "no built site here (index.html is missing)", again))


def _check_withheld(folder: Path, config: Config, options: BuildOptions) -> None:
    """Refuse to publish an output that holds the pages of drafts or of items dated after now, as `newsdesk serve
    --drafts` (or a build with --drafts or --future) leaves it, unless the deploy was asked for them too."""
    from generator.build.pipeline import plan_site
    from generator.site.index import withheld_because

    try:  # (without the site's build cache, which planning would write to: deploy changes no file of the site)
        plan = plan_site(config, replace(options, drafts=True, future=True))
    except NewsdeskError:
        return  # (what this check reads cannot be read: the output is published as it is, as asked)
    items = {item.source: item for item in plan.model.site.items}
    for page in plan.pages:
        item = items.get(page.key) if page.kind == "article" else None
        reason = item and withheld_because(item, plan.now, config.zone, options.drafts, options.future)
        if reason and (folder / page.output).is_file():
            flag = "--drafts" if reason == "published: false" else "--future"
            raise DeployError(Problem(
                f"{config.output_dir.rstrip('/')}/{page.output}", None,
                f"the page of {item.source}, which is left out of the site ({reason}): the output was built with "
                f"{flag} (`newsdesk serve {flag}` writes it too), and deploy --no-build would publish it",
                f"build the site without it first (`newsdesk build`), then `newsdesk deploy --no-build`; or publish "
                f"it on purpose: `newsdesk deploy --no-build {flag}`"))


def _publish(folder: Path, config: Config, repo: Repository, options: DeployOptions, message: str,
             warnings: tuple[str, ...], built: BuildResult | None) -> DeployResult:
    files = published_files(folder, config.cname)
    unpublishable = [name for name in files if not publishable_name(name)]
    if unpublishable:  # (ghp_import writes each name on a line of git fast-import's: see urls._UNPUBLISHABLE)
        raise DeployError([Problem(f"{config.output_dir.rstrip('/')}/{name}", None, f"not published: {UNPUBLISHABLE}",
                                   "rename or remove the file, then deploy again") for name in unpublishable],
                          "Nothing was deployed.")
    changes = diff_branch(repo.root, repo.base_commit, files)
    head = _remote_head(repo, options) if options.dry_run or (not changes and repo.base_commit) else None
    # Our remote-tracking branch may be stale: only the remote itself can say there is nothing to deploy.
    if not changes and repo.base_commit and head == repo.base_commit:
        return DeployResult(repo, changes, message, "", False, warnings, built, False, up_to_date=True)
    if options.dry_run:
        return DeployResult(repo, changes, message, "", False, warnings, built, _remote_moved(repo, head))
    ref = f"refs/heads/{options.branch}"
    before = _git(repo.root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", check=False).stdout.strip()
    try:
        commit = _commit(folder, config, repo, options, message)
        _push(repo, options)
    except BaseException:  # (a failure, or Ctrl-C while pushing)
        # Nothing was published: leave the local branch where it was (ghp-import moved it to the remote's and
        # committed on top), so that the repository is as before the deploy and the next one starts afresh.
        # (Were the push through before Ctrl-C, the remote-tracking branch has it: the next deploy builds on it.)
        _restore_branch(repo.root, ref, before)
        raise
    return DeployResult(repo, changes, message, commit, True, warnings, built, False)


def _restore_branch(root: Path, ref: str, before: str) -> None:
    if before:
        _git(root, "update-ref", "-m", "newsdesk deploy: not published, branch put back", ref, before, check=False)
    else:
        _git(root, "update-ref", "-d", ref, check=False)


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:  # another disk, or one without hard links
        shutil.copy2(source, target)


def _remote_head(repo: Repository, options: DeployOptions) -> str | None:
    """The commit the remote's branch points at now; "" when it has no such branch, None when unreachable."""
    listed = _git(repo.root, "ls-remote", options.remote, f"refs/heads/{options.branch}", check=False)
    if listed.returncode != 0:
        return None
    heads = [line.split("\t")[0] for line in listed.stdout.splitlines()
             if line.endswith(f"\trefs/heads/{options.branch}")]
    return heads[0] if heads else ""


def _remote_moved(repo: Repository, head: str | None) -> bool | None:
    """Whether the remote's branch, at `head` (_remote_head), has commits the new one would not build on (a push
    would be rejected)."""
    if head is None:
        return None
    if head in ("", repo.base_commit):
        return False
    behind = _git(repo.root, "merge-base", "--is-ancestor", head, repo.base_commit, check=False)
    return not (repo.base_commit and behind.returncode == 0)


# --- the repository ------------------------------------------------------------------------------------------

def open_repository(site_root: Path, options: DeployOptions) -> Repository:
    """Find the git repository holding the site and check it can be deployed from as asked."""
    top = _git(site_root, "rev-parse", "--show-toplevel", check=False)
    if top.returncode != 0 and "dubious ownership" in top.stderr:
        # (a repository another user owns, as a copied or mounted folder is: git refuses to read it at all)
        raise DeployError(Problem(str(site_root), None, "git refuses to work in this repository: another user owns "
                                  "its folder (git's \"dubious ownership\")",
                                  f"if you trust it, tell git so once: `git config --global --add safe.directory "
                                  f"{_repository_shown(top.stderr, site_root)}`; or take the folder over: "
                                  f"`sudo chown -R $(id -un) {_repository_shown(top.stderr, site_root)}`"))
    if top.returncode != 0 and "not a git repository" not in top.stderr:
        raise DeployError(Problem(str(site_root), None, f"git cannot read the site's repository: {_said(top)}",
                                  "fix what git says (`git status` in the site's folder shows it too), "
                                  "then deploy again"))
    if top.returncode != 0:
        raise DeployError(Problem(str(site_root), None, "the site is not in a git repository",
                                  "deploy pushes from the site's git repository: run `git init` and "
                                  "`git remote add origin https://github.com/USER/REPO.git` there, or publish "
                                  "with GitHub Actions instead: `newsdesk init --github-actions`"))
    root = Path(top.stdout.strip())
    url = _git(root, "remote", "get-url", options.remote, check=False)
    if url.returncode != 0:
        names = _git(root, "remote").stdout.split()
        have = f"; this repository has: {', '.join(names)}" if names else "; this repository has none"
        raise DeployError(Problem(str(root), None, f"no git remote named {options.remote!r}",
                                  f"add it with `git remote add {options.remote} URL`, or pass --remote NAME{have}"))
    # git fast-import crashes on a name git refuses (and `@{-1}` would name another branch)
    named = _git(root, "check-ref-format", "--branch", options.branch, check=False)
    if named.returncode != 0 or named.stdout.strip() != options.branch:
        raise DeployError(Problem(str(root), None, f"{options.branch!r} is not a valid branch name",
                                  "name another with --branch, e.g. --branch gh-pages"))
    for worktree, branch in _checked_out(root):
        if branch == options.branch:
            raise DeployError(Problem(worktree, None, f"branch {options.branch!r} is checked out here",
                                      "deploy replaces that branch's files; switch to your source branch, "
                                      "or deploy to another one with --branch"))
    head = _git(root, "rev-parse", "--short", "HEAD", check=False)
    if head.returncode != 0:
        source = "(no commits yet)"
    else:
        # Edits anywhere, and files of the site's folder not yet added (a new item is in the deployed site
        # but not in the commit); output/ and the cache are in the site's .gitignore.
        dirty = (_git(root, "status", "--porcelain", "--untracked-files=no").stdout.strip()
                 or _git(root, "status", "--porcelain", "--", str(site_root.resolve())).stdout.strip())
        source = head.stdout.strip() + (" (with uncommitted changes)" if dirty else "")
    if not options.dry_run:
        _check_identity(root)
    # The same choice ghp-import makes: build on the remote's branch when we know it, else on the local one.
    base = base_commit = ""
    for ref, shown in ((f"refs/remotes/{options.remote}/{options.branch}", f"{options.remote}/{options.branch}"),
                       (f"refs/heads/{options.branch}", options.branch)):
        found = _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", check=False)
        if found.returncode == 0:
            base, base_commit = shown, found.stdout.strip()
            break
    # Shown in messages and parsed for the Pages address: never with a token that may be in the URL.
    shown_url = re.sub(r"^(\w+://)[^@/]+@", r"\1", url.stdout.strip())
    return Repository(root, shown_url, source, base, base_commit)


def _check_identity(root: Path) -> None:
    """Refuse to commit without a name and e-mail address: ghp-import would sign the commit with empty ones."""
    # ghp-import's own lookup: the environment variable if it is set, else git's configuration.
    missing = [key for key, variable in (("user.name", "GIT_COMMITTER_NAME"), ("user.email", "GIT_COMMITTER_EMAIL"))
               if not (os.environ[variable] if variable in os.environ
                       else _git(root, "config", key, check=False).stdout.strip())]
    if missing:
        raise DeployError(Problem(str(root), None, f"git does not know who you are ({' and '.join(missing)} "
                                                   "not set); the deploy commit needs a name and an e-mail address",
                                  'set them once: `git config --global user.name "Your Name"` and '
                                  "`git config --global user.email you@example.com` (or only for this repository: "
                                  "the same without --global)"))


def _checked_out(root: Path) -> list[tuple[str, str]]:
    """(worktree folder, branch) for every worktree of the repository."""
    pairs, folder = [], ""
    for line in _git(root, "worktree", "list", "--porcelain").stdout.splitlines():
        if line.startswith("worktree "):
            folder = line[len("worktree "):]
        elif line.startswith("branch refs/heads/"):
            pairs.append((folder, line[len("branch refs/heads/"):]))
    return pairs


def commit_message(source: str, extra: str = "") -> str:
    text = f"Deploy {source} with newsdesk {__version__}"
    return f"{text}\n\n{extra.strip()}" if extra.strip() else text


# --- what gets published ---------------------------------------------------------------------------------------

def published_files(folder: Path, cname: str = "") -> dict[str, bytes]:
    """Branch path -> git blob id of every file ghp-import will commit from `folder`.

    Mirrors ghp-import's own walk (files only, symlinked folders not followed),
    plus the `.nojekyll` and `CNAME` it adds.
    """
    blobs = {}
    for path, _dirs, names in os.walk(folder):
        for name in names:
            full = Path(path) / name
            blobs[full.relative_to(folder).as_posix()] = _blob_id(full.read_bytes())
    blobs[".nojekyll"] = _blob_id(b"")
    if cname:
        blobs["CNAME"] = _blob_id(cname.encode("utf-8"))
    return dict(sorted(blobs.items()))


def _blob_id(data: bytes) -> bytes:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest().encode()


def diff_branch(root: Path, commit: str, files: dict[str, bytes]) -> Changes:
    old: dict[str, bytes] = {}
    if commit:
        listing = subprocess.run(["git", "ls-tree", "-r", "-z", "--full-tree", commit], cwd=root,
                                 capture_output=True, check=True).stdout
        for entry in listing.split(b"\0"):
            if entry:
                meta, path = entry.split(b"\t", 1)
                old[path.decode("utf-8", "surrogateescape")] = meta.split()[2]
    return Changes(tuple(files),
                   tuple(p for p in files if p not in old),
                   tuple(p for p in files if p in old and old[p] != files[p]),
                   tuple(p for p in old if p not in files))


# --- commit and push -------------------------------------------------------------------------------------------

def _commit(folder: Path, config: Config, repo: Repository, options: DeployOptions, message: str) -> str:
    cwd = os.getcwd()
    # ghp-import runs git in the current directory and has no option for another one.
    os.chdir(repo.root)
    try:
        ghp_import.ghp_import(str(folder.absolute()), mesg=message, remote=options.remote, branch=options.branch,
                              push=False, nojekyll=True, cname=config.cname or None)
    except ghp_import.GhpError as exc:
        raise DeployError(Problem(str(repo.root), None, f"could not write the {options.branch} branch: {exc.message}",
                                  _UNWRITTEN))
    except TypeError:
        # ghp-import 2.1.0 reports a failed `git fast-import` by writing bytes to sys.stdout, which raises here.
        raise DeployError(Problem(str(repo.root), None, f"git fast-import could not write the {options.branch} "
                                                        "branch (see git's message above)", _UNWRITTEN))
    finally:
        os.chdir(cwd)
    after = _git(repo.root, "rev-parse", "--verify", "--quiet", f"refs/heads/{options.branch}", check=False)
    # ghp-import first moves the branch to the base we computed (none on a first deploy); only a commit on
    # top of it is a success. (It may equal what a rejected deploy left here: same tree, parent and second.)
    if after.returncode != 0 or after.stdout.strip() == repo.base_commit:
        raise DeployError(Problem(str(repo.root), None, f"git fast-import did not write the {options.branch} branch "
                                                        "(see git's message above)", _UNWRITTEN))
    return after.stdout.strip()


_UNWRITTEN = ("check that the repository's .git folder is writable and its disk not full (`git fsck` checks the "
              "repository), then deploy again; nothing was pushed")


def _push(repo: Repository, options: DeployOptions) -> None:
    ref = f"refs/heads/{options.branch}"
    args = ["push", options.remote, f"{ref}:{ref}"] + (["--force"] if options.force else [])
    pushed = _git(repo.root, *args, check=False)
    if pushed.returncode == 0:
        return
    where = f"{options.remote} ({repo.remote_url})"
    # git's own hints suggest `git pull`, which does not apply to a branch that is never checked out.
    lines = [line for line in pushed.stderr.strip().splitlines() if not line.startswith("hint:")]
    said = "git said:\n" + "\n".join("  " + line for line in lines)
    kept = f"{said}\nNothing was published; your local {options.branch} branch and your working files are " \
           "as they were."
    if "[remote rejected]" in pushed.stderr:
        raise DeployError(Problem(where, None, f"the server refused the push to {options.branch} (its reason is in "
                                               "the `remote:` lines git shows below)",
                                  f"if you may not push there, ask its owner for write access or push to a "
                                  f"repository of yours (`git remote set-url {options.remote} URL`); if "
                                  f"{options.branch!r} is protected there, allow pushes to it, or deploy to another "
                                  f"branch with --branch"), kept)
    if re.search(r"non-fast-forward|fetch first|\[rejected\]", pushed.stderr):
        raise DeployError(Problem(where, None, f"push rejected: {options.remote}'s {options.branch} has commits "
                                               "this repository has not fetched (someone else deployed, "
                                               "or the branch was changed on the server)",
                                  f"to keep them in the history: `git fetch {options.remote} {options.branch}`, "
                                  "then deploy again; to replace the branch with this site: "
                                  "`newsdesk deploy --force`"), kept)
    for pattern, what, todo in _PUSH_FAILURES:
        if re.search(pattern, pushed.stderr, re.I):
            raise DeployError(Problem(where, None, f"git push failed: {what.format(url=repo.remote_url)}",
                                      todo.format(remote=options.remote, url=repo.remote_url)), kept)
    raise DeployError(Problem(where, None, "git push failed",
                              "check the remote's URL (`git remote -v`), your network, "
                              "and that you may push to it"), kept)


# What a failed push's message means, and what to do: (pattern in git's message, what failed, what to do).
_PUSH_FAILURES = (
    (r"authentication failed|could not read (username|password)|terminal prompts disabled|permission denied|"
     r"access denied|\b403\b|invalid username or password|requested url returned error: 40[13]",
     "the server did not accept who you are",
     "check that you may push to {url}; over https, GitHub takes a personal access token as the password "
     "(or sign in with `gh auth login`); over ssh, add your key to your account (`ssh -T git@github.com` tests it)"),
    (r"does not appear to be a git repository|repository not found|no such (file or directory|url)|"
     r"not found",
     "there is no repository at {url}",
     "correct the address: `git remote set-url {remote} URL` (`git remote -v` shows it); on GitHub, create "
     "the repository first (GitHub says this too of a private repository you are not signed in to)"),
    (r"could not resolve host|unable to connect|connection (refused|timed out|reset)|network is unreachable|"
     r"failed to connect|operation timed out",
     "the server could not be reached",
     "check your network and the host in {url} (`git remote -v`), then deploy again"),
)


def _git(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, encoding="utf-8",
                              errors="replace", stdin=subprocess.DEVNULL)
    except FileNotFoundError:
        raise DeployError(Problem(str(root), None, "git is not installed (no `git` command on PATH)",
                                  "install git (`sudo apt install git`, `brew install git`, or git-scm.com), or "
                                  "add the folder that has it to PATH; deploy runs it"))
    if check and done.returncode != 0:
        raise DeployError(Problem(str(root), None, f"`git {' '.join(args)}` failed: {_said(done)}",
                                  "fix what git says (`git status` in the site's folder shows it too), "
                                  "then deploy again"))
    return done


def _said(done: subprocess.CompletedProcess) -> str:
    """git's message, on one line, without its hints."""
    lines = [line.strip() for line in done.stderr.splitlines() if line.strip() and not line.startswith("hint:")]
    return " ".join(lines) or f"exit status {done.returncode}"


def _repository_shown(stderr: str, site_root: Path) -> str:
    """The folder git's "dubious ownership" message names (git's own `safe.directory` value), else the site's."""
    found = re.search(r"dubious ownership in repository at '([^']+)'", stderr)
    return shlex.quote(found[1] if found else str(site_root.resolve()))


# --- where GitHub Pages serves the site --------------------------------------------------------------------------

_GITHUB = re.compile(r"^(?:https?://(?:[^@/]+@)?|ssh://(?:git@)?|git@)github\.com[:/]"
                     r"([^/]+)/([^/]+?)(?:\.git)?/?$", re.I)


def pages_url(remote_url: str, cname: str = "") -> str:
    """Where GitHub Pages serves a site pushed to `remote_url`; "" when the remote is not on github.com."""
    match = _GITHUB.match(remote_url.strip())
    if not match:
        return ""
    if cname:
        return f"https://{cname.strip().lower()}/"
    user, repo = match.group(1).lower(), match.group(2)
    if repo.lower() == f"{user}.github.io":
        return f"https://{user}.github.io/"
    return f"https://{user}.github.io/{repo}/"


def check_base_url(base_url: str, remote_url: str, cname: str = "", where: str = "config.yaml") -> str:
    """A warning when the links in the site would point elsewhere than where it is published; "" when fine.
    `where` the base_url came from: `config.yaml:LINE`, or `--base-url` when the option gave it."""
    option = where.startswith("--")
    parts = urlsplit(base_url)
    if parts.hostname in ("localhost", "127.0.0.1", "::1"):
        expected = pages_url(remote_url, cname)
        hint = ((f"pass --base-url {expected}" if option else f"set `base_url: {expected}` in config.yaml")
                if expected else "set `base_url` to the published address")
        return f"{where}: base_url {base_url} points at this computer ({hint})"
    expected = pages_url(remote_url, cname)
    if not expected:
        return ""  # not GitHub: we cannot know where the site is served
    want = urlsplit(ascii_url(expected))  # (base_url's host is in IDNA: a cname may be written in Unicode)
    if (parts.hostname or "").lower() == want.hostname and (parts.path or "/").lower() == want.path.lower():
        return ""
    text = (f"{where}: base_url {base_url} does not match where GitHub Pages serves {remote_url} "
            f"({expected}); links would point to the wrong place ("
            + (f"pass --base-url {expected}" if option else f"set `base_url: {expected}`"))
    host = parts.hostname or ""
    if not cname and host and want.hostname.endswith(".github.io") and not host.endswith(".github.io"):
        text += f", or if {host} is the site's custom domain, set `cname: {host}`"
    return text + ")"
