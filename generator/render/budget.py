"""A page's render budget: a theme may be cloned from anywhere, and the sandbox bounds one range (100,000
numbers), not a loop inside a loop over two, nor a macro or an include calling itself twice at every level
(2**40 calls), nor a loop whose every round joins a long range, nor `'x' * 10**12`. A page has STEPS steps:
each block a template runs (a loop's round, a macro's or caller's call, an include, an `if`'s branch) is one,
counted by the compiled code itself (`StepCounting`); a range costs its numbers, `*` the length it makes,
`center`, `indent`, `slice` and `batch` their width or count and a text's padding methods (`ljust` ...) their
width, as the work they do is that long, and a text formatted (`%`, `format`) its length. `*` and `**` make no
number of more than MAX_BITS bits. Past either bound the page raises `TooMuch`, which render_page says at the
template's line: counted, not timed, so a machine's speed or load changes nothing. (A card kept and shown again
costs its steps only where it was rendered, so a page near the bound may pass with another number of workers.)
"""

from __future__ import annotations

import functools
import operator

from jinja2.compiler import CodeGenerator
from jinja2.exceptions import TemplateRuntimeError
from jinja2.sandbox import safe_range

STEPS = 1_000_000  # hundreds of times what the default theme's biggest page takes (docs/dev/performance.md)
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


class Budget:
    """What is left of the page's steps (`start` for each page), and the template functions that spend them."""

    __slots__ = ("left",)

    def __init__(self):
        self.left = STEPS

    def start(self) -> None:
        self.left = STEPS

    def step(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise TooMuch(_SAID)

    def spend(self, steps: int) -> None:
        self.left -= steps
        if self.left < 0:
            raise TooMuch(_SAID)

    def range(self, *args) -> range:
        """The `range` global: the sandbox's, at the cost of its numbers."""
        numbers = safe_range(*args)
        self.spend(len(numbers))
        return numbers

    def widening(self, filter_):
        """A filter with a width or a count (`center`, `indent`, `slice`, `batch`), at the cost of it: its biggest
        number, and a text's length (`indent`'s width may be a text)."""
        @functools.wraps(filter_)  # (Jinja's own filter still, which Jinja calls as it would the filter)
        def widened(*args, **kwargs):
            given = args[1:] + tuple(kwargs.values())  # (the first: the value, or Jinja's eval context)
            self.spend(max((n for n in given if isinstance(n, int) and not isinstance(n, bool)), default=0)
                       + sum(len(text) for text in given if isinstance(text, str)))
            return filter_(*args, **kwargs)
        return widened

    def calling(self, function, args: tuple, kwargs: dict) -> None:
        """Before a call: a text's method that pads it (`'x'.ljust(10**8)`) costs its width."""
        if isinstance(getattr(function, "__self__", None), str) and getattr(function, "__name__", "") in _PADDING:
            width = args[0] if args else next(iter(kwargs.values()), 8)
            if isinstance(width, int):
                self.spend(width * (len(function.__self__) if function.__name__ == "expandtabs" else 1))

    def made(self, result) -> None:
        """After a call or `%`: a text made by formatting (`'{:>100000000}'.format(1)`) costs its length."""
        if isinstance(result, str):
            self.spend(len(result))

    def binop(self, op: str, left, right):
        """`left op right` for the sandbox's intercepted `*` (at the cost of the length it makes; of two numbers,
        no number of more than MAX_BITS bits), `**` and `%` (a text at the cost of its length)."""
        if op == "%":
            result = operator.mod(left, right)
            self.made(result)
            return result
        if op == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int):
                    self.spend(len(seq) * max(times, 0))
            if (isinstance(left, int) and isinstance(right, int)
                    and abs(left).bit_length() + abs(right).bit_length() > MAX_BITS):
                raise TooMuch(f"`*` makes a number too large (over {MAX_BITS:,} bits)")
            return operator.mul(left, right)
        if (isinstance(left, int) and isinstance(right, int) and right > 0
                and abs(left) > 1 and right * (abs(left).bit_length() - 1) > MAX_BITS):
            raise TooMuch(f"`**` makes a number too large (over {MAX_BITS:,} bits)")
        return operator.pow(left, right)


_PADDING = frozenset({"ljust", "rjust", "center", "zfill", "expandtabs"})  # (str's methods that widen a text)

_SAID = (f"more than {STEPS:,} steps (a loop's rounds, a macro's calls, an include, a range's numbers, a text made "
         "by `*`, `center` or `indent`)")
