"""A page's render budget: a theme may be cloned from anywhere, and the sandbox bounds one range (100,000
numbers), not a loop inside a loop over two, nor a macro or an include calling itself twice at every level
(2**40 calls), nor a loop whose every round joins a long range, nor `'x' * 10**12`, nor a text doubled in a loop
(`ns.s ~ ns.s`: 40 steps, 2**40 characters). A page has STEPS steps: each block a template runs (a loop's round,
a macro's or caller's call, an include, an `if`'s branch) is one, counted by the compiled code itself
(`StepCounting`); a range costs its numbers, and `slice` and `batch` their count. A page makes TEXT characters of
text (and items of lists): each text a template makes by `~`, `+`, `*`, `join`, `replace`, `center`, `indent` or
a padding method (`ljust` ...) costs its length before it is made, and one formatted (`%`, `format`) after; a
list made by `+` or `*` its items. So a long body copied a few times fits, copied in every round of a loop it
does not. `*` and `**` make no
number of more than MAX_BITS bits. Past any bound the page raises `TooMuch`, which render_page says at the
template's line: counted, not timed, so a machine's speed or load changes nothing. (A card kept and shown again
costs its steps only where it was rendered, so a page near the bound may pass with another number of workers.)
What it does not count: a list grown in place by its methods (`append`, `extend`), a list nested in itself and
shown (`[l, l]` in a loop, then `{{ l }}`, `~ ''`, `string` or `tojson`: its text is made by Python, not by the
template), and a `format` whose width makes millions of characters; a join over an iterator and `join(attribute=)`
are counted after they are made. Those can run out of memory (said at the template's line): TEXT bounds what a
template makes by the means above, not every page's memory.
"""

from __future__ import annotations

import functools
import operator

from jinja2.compiler import CodeGenerator, optimizeconst
from jinja2.exceptions import TemplateRuntimeError
from jinja2.sandbox import safe_range

STEPS = 1_000_000  # hundreds of times what the default theme's biggest page takes (docs/dev/performance.md)
# Characters of text a page may make (and items of lists): several copies of the longest body an item may hold, and
# thousands of times what the default theme's pages make (docs/dev/performance.md)
TEXT = 64 * 1024 * 1024
MAX_BITS = 100_000  # of a number that `**` may make (some 30,000 digits)


class TooMuch(TemplateRuntimeError):
    """A page that took more than its budget; `what`: which bound, for the message."""

    def __init__(self, what: str):
        super().__init__(what)
        self.what = what


class StepCounting(CodeGenerator):
    """Jinja's code generator, with a step counted at the start of every block of statements."""

    def blockvisit(self, nodes, frame) -> None:
        self.writeline("environment.step()")
        super().blockvisit(nodes, frame)

    @optimizeconst
    def visit_Concat(self, node, frame) -> None:
        """`a ~ b` as Jinja writes it, its parts given to `Budget.concat` before they are joined."""
        if frame.eval_ctx.volatile:
            join = "(markup_join if context.eval_ctx.volatile else str_join)"
        else:
            join = "markup_join" if frame.eval_ctx.autoescape else "str_join"
        self.write(f"{join}(environment.budget.concat((")
        for part in node.nodes:
            self.visit(part, frame)
            self.write(", ")
        self.write(")))")


class Budget:
    """What is left of the page's steps (`start` for each page), and the template functions that spend them."""

    __slots__ = ("left", "text")

    def __init__(self):
        self.left = STEPS
        self.text = TEXT

    def start(self) -> None:
        self.left = STEPS
        self.text = TEXT

    def step(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise TooMuch(_SAID)

    def spend(self, steps: int) -> None:
        self.left -= steps
        if self.left < 0:
            raise TooMuch(_SAID)

    def make(self, length: int) -> None:
        """Before a text (or list) of `length` characters (or items) is made: what is left of the page's TEXT."""
        self.text -= length
        if self.text < 0:
            raise TooMuch(_TEXT_SAID)

    def range(self, *args) -> range:
        """The `range` global: the sandbox's, at the cost of its numbers."""
        numbers = safe_range(*args)
        self.spend(len(numbers))
        return numbers

    def counting(self, filter_):
        """A filter with a count (`slice`, `batch`), at the cost of it in steps."""
        @functools.wraps(filter_)  # (Jinja's own filter still, which Jinja calls as it would the filter)
        def counted(*args, **kwargs):
            given = args[1:] + tuple(kwargs.values())  # (the first: the value, or Jinja's eval context)
            self.spend(max((n for n in given if isinstance(n, int) and not isinstance(n, bool)), default=0))
            return filter_(*args, **kwargs)
        return counted

    def widening(self, filter_):
        """A filter that pads a text to a width (`center`, `indent`), at the cost of the text it makes: its
        biggest number and its texts' length (`indent`'s width may be a text)."""
        @functools.wraps(filter_)
        def widened(*args, **kwargs):
            given = args + tuple(kwargs.values())
            self.make(max((n for n in given if isinstance(n, int) and not isinstance(n, bool)), default=0)
                      + sum(len(text) for text in given if isinstance(text, str)))
            return filter_(*args, **kwargs)
        return widened

    def joining(self, filter_):
        """The `join` filter, at the cost of the text it makes: its parts' length and the separators'."""
        @functools.wraps(filter_)
        def joined(eval_ctx, value, d="", attribute=None):
            if attribute is not None:  # (each part a field Jinja's filter reads: its text counted once made)
                return self.made(filter_(eval_ctx, value, d, attribute))
            parts = value if isinstance(value, (list, tuple)) else list(value)  # (an iterator is read once)
            self.make(_length(parts) + len(str(d)) * max(len(parts) - 1, 0))
            return filter_(eval_ctx, parts, d)
        return joined

    def replacing(self, filter_):
        """The `replace` filter, at the cost of the text it makes."""
        @functools.wraps(filter_)
        def replaced(eval_ctx, s, old, new, count=None):
            self.make(_replaced_length(s, old, new, count))
            return filter_(eval_ctx, s, old, new, count)
        return replaced

    def concat(self, parts: tuple) -> tuple:
        """`~`'s parts, at the cost of the text they make (StepCounting.visit_Concat): counted before they are
        joined, so that a text doubled in a loop is refused before it fills the memory."""
        self.make(_length(parts))
        return parts

    def calling(self, function, args: tuple, kwargs: dict) -> bool:
        """Before a call: a text's method that pads it (`'x'.ljust(10**8)`), joins texts or replaces in it costs
        the text it makes. Whether the text it returns is to cost its length once made (`made`): a formatted one,
        or one joined from an iterator (read once)."""
        text, name = getattr(function, "__self__", None), getattr(function, "__name__", "")
        if name in ("format", "format_map"):
            return True
        if not isinstance(text, str) or name not in _MAKING:
            return False
        if name == "join":
            parts = args[0] if args else ()
            if not isinstance(parts, (list, tuple)):
                return True
            self.make(_length(parts) + len(text) * max(len(parts) - 1, 0))
        elif name == "replace":
            if len(args) >= 2:
                self.make(_replaced_length(text, args[0], args[1], args[2] if len(args) > 2 else kwargs.get("count")))
        else:
            width = args[0] if args else next(iter(kwargs.values()), 8)
            if isinstance(width, int):
                self.make(width * (len(text) if name == "expandtabs" else 1))
        return False

    def made(self, result):
        """After a call or `%`: a text made by formatting (`'{:>100000000}'.format(1)`) or by a method that takes
        any iterable (`''.join(...)`) costs its length."""
        if isinstance(result, str):
            self.make(len(result))
        return result

    def binop(self, op: str, left, right):
        """`left op right` for the sandbox's intercepted `+` and `*` (texts and lists at the cost of the length they
        make; of two numbers, `*` makes no number of more than MAX_BITS bits), `**` and `%` (a text at the cost of
        its length)."""
        if op == "%":
            result = operator.mod(left, right)
            self.made(result)
            return result
        if op == "+":
            if isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
                self.make(len(left) + len(right))
            return operator.add(left, right)
        if op == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int):
                    self.make(len(seq) * max(times, 0))
            if (isinstance(left, int) and isinstance(right, int)
                    and abs(left).bit_length() + abs(right).bit_length() > MAX_BITS):
                raise TooMuch(f"`*` makes a number too large (over {MAX_BITS:,} bits)")
            return operator.mul(left, right)
        if (isinstance(left, int) and isinstance(right, int) and right > 0
                and abs(left) > 1 and right * (abs(left).bit_length() - 1) > MAX_BITS):
            raise TooMuch(f"`**` makes a number too large (over {MAX_BITS:,} bits)")
        return operator.pow(left, right)


# (str's methods that make a text longer than their inputs: padding to a width, joining, replacing)
_MAKING = frozenset({"ljust", "rjust", "center", "zfill", "expandtabs", "join", "replace"})


def _length(parts) -> int:
    """The characters of the texts among `parts` (what joining them makes, less separators; a part of another kind
    is a number's or a value's few characters, or a list made at its cost)."""
    return sum(len(part) for part in parts if isinstance(part, str))


def _replaced_length(s, old, new, count) -> int:
    """The characters `s.replace(old, new, count)` makes."""
    if not (isinstance(s, str) and isinstance(old, str) and isinstance(new, str)):
        return 0
    found = s.count(old) if old else len(s) + 1
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    return len(s) + found * max(len(new) - len(old), 0)


_SAID = ("more than {:,} steps (a loop's rounds, a macro's calls, an include, a range's numbers, a `slice` or "
         "`batch`'s count)").format(STEPS)
_TEXT_SAID = ("more than {:,} characters of text made (by `~`, `+`, `*`, `join`, `replace`, `%`, `format`, `center`, "
              "`indent`, a list's items by `+` and `*`): a text joined to itself or to a long one in a loop").format(TEXT)
