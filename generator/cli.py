"""The `newsdesk` command: its arguments parsed (commands/arguments.py), the command run (commands/handlers.py),
and what stops it said with its exit status; the work is elsewhere.

Exit status: 0 success; 1 the build failed (or content errors under --strict);
2 bad usage, an invalid config.yaml, or a content folder that is not there.
"""

from __future__ import annotations

import errno
import logging
import os
import sys

from generator.errors import printable  # (light: the commands load in main)


def run() -> None:
    """The `newsdesk` command."""
    try:
        code = main()
    except KeyboardInterrupt:  # Ctrl-C while the options were read, before the command ran: as during it
        print("Stopped.", file=sys.stderr)
        code = 130
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # (what the reader left unread: Python would complain of it at exit)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = code or 1  # (as when the reader went while the command ran: main's own BrokenPipeError)
    sys.exit(code)


class _Said(logging.Formatter):
    """`warning: ...`, as newsdesk writes its other messages (logging's own would write `WARNING:`); the
    message printable, as a problem is (it quotes folders' names, a request's line: a crawler's, a client's)."""

    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname.lower()}: {super().format(record)}"

    def formatMessage(self, record: logging.LogRecord) -> str:
        return printable(super().formatMessage(record))


def main(argv: list[str] | None = None) -> int:
    # Imported here, not above: loading the commands takes a moment, and a Ctrl-C in it is then run()'s
    # "Stopped." rather than a traceback out of the `newsdesk` script's import of this module. The parser alone
    # first: --help and a mistyped option need none of what the commands load (config, YAML, the build).
    from generator.commands.arguments import did_you_mean, make_parser, near_miss

    parser = make_parser()
    near_miss(parser, sys.argv[1:] if argv is None else argv)
    args, extra = parser.parse_known_args(argv)
    if extra:  # said by the command's own parser, with its usage (the top one only knows `newsdesk COMMAND`)
        command = parser.commands.get(getattr(args, "command", None) or "", parser)
        command.error(f"unrecognized arguments: {' '.join(extra)}" + did_you_mean(command, extra))
    said = logging.StreamHandler()
    said.setFormatter(_Said())
    logging.basicConfig(level=logging.WARNING, handlers=[said])
    if args.debug:  # newsdesk's own: its libraries' (watchdog's line per file event) would bury the traceback asked for
        logging.getLogger("generator").setLevel(logging.DEBUG)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    from generator.commands import handlers
    from generator.errors import ConfigError, NewsdeskError

    try:
        return getattr(handlers, f"run_{args.command}")(args)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    except NewsdeskError as exc:
        if args.debug:
            raise
        print(exc, file=sys.stderr)
        if not exc.summary:
            print("Check failed; nothing was written." if args.command == "check"  # (check builds nothing)
                  else "Build failed; the previous output was left as it was.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader of the output has gone (`newsdesk check | head -1`): nothing to tell it
        return 1
    except OSError as exc:  # writing something besides the output (the build cache, a report): a full disk
        if args.debug:
            raise
        hint = ""
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            hint = " (free some space on that disk, then run the command again)"
        elif exc.errno in (errno.EACCES, errno.EPERM) and exc.filename:  # (a folder `sudo newsdesk build` made)
            import shlex

            folder = shlex.quote(os.path.dirname(os.path.abspath(exc.filename)))
            hint = (f" (another user made it, or it was made read-only: `ls -ld {folder}` shows which; "
                    f"`sudo chown -R \"$USER\" {folder}` or `chmod -R u+w {folder}` gives it back)")
        print(printable(f"{exc.filename or 'newsdesk'}: {exc.strerror or exc}{hint}"), file=sys.stderr)
        return 1
