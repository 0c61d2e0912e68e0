"""Sanitised HTML whose elements nest as HTML allows, once placed in the page's `<div class="body">`.

The sanitiser gives a fragment a browser parses back to the same tree, but crawled bodies nest elements
where HTML's content models forbid them, and a checker (the Nu HTML checker) calls each an error: a list or a
paragraph inside `<b>` or `<span>`, a player or another link inside a link, `<li>` outside a list,
`<figcaption>` in the middle of a figure, a heading in a table's header cell. Each is mended as a browser
shows it, keeping every word:

- a block inside an element that holds only phrasing content (`<b>`, `<span>`, `<p>`, a heading) splits
  that element around it, as `<p>a<div>b</div>c</p>` is split by the parser itself; so a link is split around
  a player or a `<details>` in it (interactive content may not nest);
- where an element cannot be split (a `<summary>`, a player's fallback), what it may not hold loses its tags;
- list items, terms and definitions outside their list get one, a list's other content an item of its own;
  a `<figcaption>` or `<summary>` out of its place is a `<div>`; a `<source>` outside a player goes, and in one
  comes first; a table's caption comes first, and in a caption or a player what may not nest there loses its tags;
- a heading in a `<th>` or `<dt>` is a paragraph; a heading with no text goes (its content stays); an `id`
  given twice is kept once; a `<time>` whose date HTML cannot read (`datetime="soon"`, `<time>Yesterday</time>`)
  is its content.
"""

from __future__ import annotations

import html as htmlmod
import re

# What sanitize writes: tags of the allow-list (plus `div`, written here), every attribute `name="value"`
_TOKEN = re.compile(r'<(/?)([a-z][a-z0-9]*)((?:\s+[a-z-]+(?:="[^"]*")?)*)\s*/?>')
_VOID = frozenset({"br", "hr", "img", "source"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Elements that hold phrasing content only, and split around a block (as the parser splits a `<p>`)
_PHRASING_ONLY = frozenset({"p", "pre", "abbr", "b", "cite", "code", "em", "i", "kbd", "mark", "q", "s", "small",
                            "span", "strong", "sub", "sup", "time", "u", "ruby", "rb", "rt", "rp", "rtc"}) | _HEADINGS
# Phrasing content: these, and the transparent ones whose content is phrasing
_PHRASING = (_PHRASING_ONLY - _HEADINGS - {"p", "pre"}) | {"br", "img"}
_TRANSPARENT = frozenset({"a", "del", "ins", "audio", "video"})
_SPLITTABLE = _PHRASING_ONLY | {"a", "del", "ins"}
_INTERACTIVE = frozenset({"a", "audio", "video", "details"})  # (players always have controls here)
_MEDIA = frozenset({"audio", "video"})
_TABLE_PARTS = frozenset({"table", "caption", "thead", "tbody", "tfoot", "tr", "td", "th"})
_SPACE = " \t\n\r\f"
_MAX_DEPTH = 600  # (sanitize flattens deeper fragments first)
# HTML's dates and times (`2026`, `2026-11`, `2026-11-20`, `11-20`, `10:00`, a date with a time and a zone, a
# week, a duration), by their shape
_DATETIME = re.compile(r"[0-9]{4,}(?:-[0-9]{2}(?:-[0-9]{2}(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,3})?)?"
                       r"(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?)?|-W[0-9]{2})?|[0-9]{2}-[0-9]{2}"
                       r"|[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,3})?)?|P(?:[0-9]+D)?(?:T(?:[0-9]+H)?(?:[0-9]+M)?"
                       r"(?:[0-9]+(?:\.[0-9]{1,3})?S)?)?")
_DATETIME_ATTRIBUTE = re.compile(r'\sdatetime="([^"]*)"')


class _Element:
    __slots__ = ("name", "attrs", "children", "phrasing")

    def __init__(self, name: str, attrs: str, children: list | None = None):
        self.name, self.attrs, self.phrasing = name, attrs, True
        self.children = children if children is not None else []

    def copy(self, children: list, first: bool) -> "_Element":
        """The element again, around other children (an `id` stays on its first part only)."""
        return _Element(self.name, self.attrs if first else _ID.sub("", self.attrs), children)


_ID = re.compile(r'\sid="[^"]*"')


def _tree(html: str) -> list:
    root: list = []
    stack: list[_Element] = []
    at = 0
    for match in _TOKEN.finditer(html):
        children = stack[-1].children if stack else root
        if match.start() > at:
            children.append(html[at:match.start()])
        at = match.end()
        closing, name, attrs = match.groups()
        if closing:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth].name == name:
                    del stack[depth:]
                    break
        else:
            element = _Element(name, attrs)
            children.append(element)
            if name not in _VOID:
                stack.append(element)
    if at < len(html):
        (stack[-1].children if stack else root).append(html[at:])
    return root


def _blank(node) -> bool:
    return isinstance(node, str) and not node.strip(_SPACE)


def _is_phrasing(node) -> bool:
    return isinstance(node, str) or node.phrasing


class _Context:
    __slots__ = ("phrasing", "in_a", "in_media", "no_heading", "no_table")

    def __init__(self, phrasing=False, in_a=False, in_media=False, no_heading=False, no_table=False):
        self.phrasing, self.in_a, self.in_media = phrasing, in_a, in_media
        self.no_heading, self.no_table = no_heading, no_table

    def inside(self, name: str) -> "_Context":
        phrasing = name in _PHRASING_ONLY or name == "summary" or (name in _TRANSPARENT and self.phrasing)
        return _Context(phrasing, self.in_a or name == "a", self.in_media or name in _MEDIA,
                        self.no_heading or name in ("th", "dt"), self.no_table or name == "caption")

    def accepts(self, node) -> bool:
        if isinstance(node, str):
            return True
        if self.phrasing and not node.phrasing:
            return False
        return not (self.in_a and node.name in _INTERACTIVE)


def _fix(node, context: _Context, depth: int) -> list:
    """The node, mended for a parent whose content is `context`: a list of nodes, which may hold what that parent
    cannot (for it to split around, or unwrap)."""
    if isinstance(node, str) or depth > _MAX_DEPTH:
        return [node]
    name = node.name
    if name in _MEDIA and context.in_media or name in _TABLE_PARTS and context.no_table:
        inner = [] if name in _MEDIA else [" "]  # (cells apart)
        for child in node.children:
            if not (isinstance(child, _Element) and child.name == "source"):
                inner += _fix(child, context, depth + 1)
        return inner + ([" "] if name in ("td", "th") else [])
    if name == "time":  # (a `datetime` HTML cannot read, `soon`, is none)
        written = _DATETIME_ATTRIBUTE.search(node.attrs)
        if written and not _DATETIME.fullmatch(htmlmod.unescape(written[1])):
            node = _Element("time", node.attrs.replace(written.group(), ""), node.children)
    if name in _HEADINGS and context.no_heading:
        node = _Element("p", node.attrs, node.children)
        name = "p"
    inner_context = context.inside(name)
    children: list = []
    for child in node.children:
        children += _fix(child, inner_context, depth + 1)
    if name not in _MEDIA or ' src="' in node.attrs:  # (a `<source>` names a player's file it has not)
        children = [c for c in children if not (isinstance(c, _Element) and c.name == "source")]
    if name == "time" and ' datetime="' not in node.attrs and (
            any(isinstance(c, _Element) for c in children)
            or not _DATETIME.fullmatch(htmlmod.unescape("".join(children)))):
        return children  # (a `<time>` without one holds a date HTML reads as its text, else it is its text)
    if name == "details" and not _named("summary")(next((c for c in children if not _blank(c)), None)):
        node, name = _Element("div", node.attrs, node.children), "div"  # (what it holds, shown open)
    # What this element may not hold: split around it when it can be split, else its content in its place
    parts: list = [children]
    if not all(inner_context.accepts(c) or _named("source")(c) and name in _MEDIA for c in children):
        if name not in _SPLITTABLE:
            parts = [_unwrapped(children, inner_context)]
        else:
            parts, run = [], []
            for child in children:
                if inner_context.accepts(child):
                    run.append(child)
                    continue
                parts += [run, child] if run else [child]
                run = []
            parts.append(run)
    result, first = [], True
    for part in parts:
        if not isinstance(part, list):  # (for the parent to place)
            result.append(part)
            continue
        if not inner_context.phrasing:
            part = _grouped(name, part)
        if name in _MEDIA:
            part = [c for c in part if _named("source")(c)] + [c for c in part if not _named("source")(c)]
        if name in _HEADINGS and not _shows_text(part):
            result += part
        elif first or any(not _blank(c) for c in part):
            piece, first = node.copy(part, first), False
            piece.phrasing = name in _PHRASING or name in _TRANSPARENT and all(map(_is_phrasing, part))
            result.append(piece)
        else:
            result += part
    return result


def _unwrapped(children: list, context: _Context) -> list:
    """`children` with each that `context` does not accept replaced by its own children, until all are."""
    kept, pending = [], list(reversed(children))
    while pending:
        child = pending.pop()
        if context.accepts(child):
            kept.append(child)
        elif child.name in _MEDIA:  # a player in a link in a summary: its fallback
            pending += reversed([c for c in child.children if not (isinstance(c, _Element) and c.name == "source")])
        else:
            pending += reversed(child.children)
    return kept


def _shows_text(children: list) -> bool:
    """Whether the nodes hold text (or a picture's) a reader sees: a heading without any is empty."""
    pending = list(children)
    while pending:
        child = pending.pop()
        if isinstance(child, str):
            if child.strip(_SPACE):
                return True
        elif child.name == "img":
            if ' alt="' in child.attrs and 'alt=""' not in child.attrs:
                return True
        else:
            pending += child.children
    return False


def _wrapped(children: list, belongs, wrapper: str) -> list:
    """`children` with each run of those that do not `belong` (white space aside) in a `wrapper` element."""
    result, run = [], []
    for child in children:
        if belongs(child) or (_blank(child) and not run):
            if run:
                result.append(_block(wrapper, _grouped(wrapper, run)))
                run = []
            result.append(child)
        else:
            run.append(child)
    if run:
        result.append(_block(wrapper, _grouped(wrapper, run)))
    return result


def _block(name: str, children: list) -> _Element:
    element = _Element(name, "", children)
    element.phrasing = False
    return element


def _named(*names):
    return lambda node: isinstance(node, _Element) and node.name in names


def _grouped(parent: str, children: list) -> list:
    """The children of a flow-content element (or a list, a table) in the places HTML gives them."""
    if parent in ("ul", "ol"):
        return _wrapped(children, _named("li"), "li")
    if parent == "dl":
        children = _wrapped(children, _named("dt", "dd"), "dd")
        elements = [c for c in children if isinstance(c, _Element)]
        if elements and elements[0].name == "dd":
            children.insert(children.index(elements[0]), _block("dt", []))
        if elements and elements[-1].name == "dt":
            children.append(_block("dd", []))
        return children
    if parent in ("table", "thead", "tbody", "tfoot", "tr"):
        if parent in ("thead", "tbody", "tfoot"):  # (a row without cells is an error of the table's)
            children = [c for c in children if not _named("tr")(c) or any(map(_named("td", "th"), c.children))]
        if parent == "table" and not _TABLE_ORDER.fullmatch(_kinds(children)):
            # its caption first (one, holding what all say), then its head (one), rows, foot (one)
            captions = [c for c in children if _named("caption")(c)]
            heads = [c for c in children if _named("thead")(c)]
            feet = [c for c in children if _named("tfoot")(c)]
            rest = [c if c not in heads[1:] and c not in feet[:-1] else _renamed(c, "tbody")
                    for c in children if not _named("caption")(c) and c not in heads[:1] and c not in feet[-1:]]
            if captions:
                captions = [captions[0].copy([part for caption in captions for part in caption.children], True)]
                captions[0].phrasing = False
            children = captions + heads[:1] + rest + feet[-1:]
        if parent == "table":
            _even_rows(children)
        return children
    result = []
    significant = [c for c in children if not _blank(c)]
    for child in children:
        if isinstance(child, _Element):
            if child.name == "source" and parent not in _MEDIA:
                continue
            if child.name == "figcaption" and not (parent == "figure" and child in (significant[0], significant[-1])
                                                    and not _figure_has_caption(result)):
                child = _renamed(child, "div")
            elif child.name == "summary" and not (parent == "details" and child is significant[0]):
                child = _renamed(child, "div")
        result.append(child)
    return _listed(result)


_TABLE_ORDER = re.compile(r"(caption )?(thead )?((tbody|tr) )*(tfoot )?")


def _span(attrs: str, name: str = "colspan") -> int:
    """A cell's colspan (or rowspan), as sanitize writes it (a number of 0 to 65534)."""
    found = re.search(rf'\s{name}="([0-9]+)"', attrs)
    return int(found[1]) if found else 1


def _even_rows(children: list) -> None:
    """The rows of a table (its children) made as wide as its widest with empty cells, as a browser shows
    them: a row narrower or wider than the first is an error of the table's to HTML checkers. A table with
    cells that span rows is left as it is."""
    rows = [row for part in children if _named("thead", "tbody", "tfoot")(part) for row in part.children
            if _named("tr")(row)] + [row for row in children if _named("tr")(row)]
    cells = [[cell for cell in row.children if _named("td", "th")(cell)] for row in rows]
    if any(_span(cell.attrs, "rowspan") > 1 for row in cells for cell in row):
        return
    widths = [sum(_span(cell.attrs) for cell in row) for row in cells]
    if len(set(widths)) > 1:
        for row, width in zip(rows, widths):
            row.children += [_block("td", []) for _ in range(max(widths) - width)]


def _kinds(children: list) -> str:
    return "".join(child.name + " " for child in children if isinstance(child, _Element))


def _figure_has_caption(before: list) -> bool:
    return any(isinstance(c, _Element) and c.name == "figcaption" for c in before)


def _renamed(element: _Element, name: str) -> _Element:
    renamed = _Element(name, element.attrs, element.children)
    renamed.phrasing = False
    return renamed


def _listed(children: list) -> list:
    """Runs of list items (`li`, or `dt` and `dd`) outside a list, each in a list of their own."""
    if not any(isinstance(c, _Element) and c.name in ("li", "dt", "dd") for c in children):
        return children
    result, run, kind = [], [], ""
    for child in children + [None]:
        item_kind = ("ul" if child.name == "li" else "dl") if isinstance(child, _Element) and child.name in (
            "li", "dt", "dd") else ""
        if item_kind and item_kind == kind or (run and _blank(child)):
            run.append(child)
            continue
        if run:
            trailing = []
            while run and _blank(run[-1]):
                trailing.insert(0, run.pop())
            result.append(_block(kind, _grouped(kind, run)))
            result += trailing
            run, kind = [], ""
        if item_kind:
            run, kind = [child], item_kind
        elif child is not None:
            result.append(child)
    return result


def _serialised(nodes: list, out: list, seen_ids: set) -> None:
    stack = [iter(nodes)]
    closers: list[str] = []
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            if closers:
                out.append(closers.pop())
            continue
        if isinstance(node, str):
            out.append(node)
            continue
        attrs = node.attrs
        if ' id="' in attrs:
            found = _ID.search(attrs).group()
            if found in seen_ids:
                attrs = attrs.replace(found, "")
            seen_ids.add(found)
        out.append(f"<{node.name}{attrs}>")
        if node.name not in _VOID:
            stack.append(iter(node.children))
            closers.append(f"</{node.name}>")


_FLOW_CHILDREN = frozenset({"ul", "ol", "dl"})  # (text in them is out of place too)
_ORDERED = frozenset({"figure", "details", "table", "dl", "audio", "video", "tr"})  # (the order of children matters)


# For _maybe_misnested: what an element makes of its content (bits), and what in its ancestors forbids it
_IN_PHRASING, _IN_A, _IN_MEDIA, _IN_TH, _IN_CAPTION, _IN_BARE_TIME, _IN_MEDIA_SRC = 1, 2, 4, 8, 16, 32, 64
_MAKES = {name: (_IN_PHRASING * (name in _PHRASING_ONLY or name == "summary") | _IN_A * (name == "a")
                 | _IN_MEDIA * (name in _MEDIA) | _IN_TH * (name in ("th", "dt")) | _IN_CAPTION * (name == "caption"))
          for name in _PHRASING_ONLY | _TRANSPARENT | _TABLE_PARTS | {"summary", "dt"}}
_FORBIDDEN_BY = {name: _IN_A * (name in _INTERACTIVE) | _IN_MEDIA * (name in _MEDIA) | _IN_TH * (name in _HEADINGS)
                 | _IN_CAPTION * (name in _TABLE_PARTS) | _IN_BARE_TIME | _IN_MEDIA_SRC * (name == "source")
                 | _IN_PHRASING * (name not in _PHRASING and name not in _TRANSPARENT and name != "source")
                 for name in _PHRASING_ONLY | _PHRASING | _TRANSPARENT | _TABLE_PARTS | {
                     "blockquote", "details", "summary", "dl", "dt", "dd", "figure", "figcaption", "hr", "ol", "ul",
                     "li",
                     "source"}}
_PARENTS = {"li": ("ul", "ol"), "dt": ("dl",), "dd": ("dl",), "source": ("audio", "video"), "figcaption": ("figure",),
            "summary": ("details",), "caption": ("table",)}
_CHILDREN = {"ul": ("li",), "ol": ("li",), "dl": ("dt", "dd")}


def _maybe_misnested(html: str) -> bool:
    """Whether `html` may hold anything _fix mends (it says yes to more than that): most bodies hold nothing
    of the kind, and this look costs a fraction of mending."""
    stack: list[tuple[str, int, list | None]] = [("div", 0, None)]
    ids: set[str] = set()
    starts: list[int] = []
    widths: list[set[int]] = []  # of each open table, its rows' widths in columns
    at = 0
    for match in _TOKEN.finditer(html):
        closing, name, attrs = match.groups()
        parent, context, kinds = stack[-1]
        if (kinds is not None or parent in _CHILDREN) and html[at:match.start()].strip(_SPACE):
            if parent in _CHILDREN:
                return True
            kinds.append("#text")
        at = match.end()
        if closing:
            if parent != name or len(stack) == 1:
                return True
            stack.pop()
            if kinds is not None:
                sources = kinds.count("source")
                significant = kinds[sources:] if name in _MEDIA else kinds
                if (kinds[:sources] != ["source"] * sources
                        or name == "figure" and (kinds.count("figcaption") > 1 or "figcaption" in kinds[1:-1])
                        or name == "details" and (kinds[:1] != ["summary"] or "summary" in kinds[1:])
                        or name == "table" and not _TABLE_ORDER.fullmatch("".join(k + " " for k in kinds))
                        or name == "tr" and "td" not in kinds and "th" not in kinds
                        or name == "dl" and significant and (significant[0] != "dt" or significant[-1] != "dd")):
                    return True
            if name in _HEADINGS and not _TOKEN.sub("", html[starts.pop():match.start()]).strip(_SPACE):
                return True
            if name == "tr" and widths:
                widths[-1].add(kinds.count("td") + kinds.count("th") + kinds.count("+"))
            elif name == "table" and len(widths.pop() if widths else ()) > 1:
                return True
            continue
        if context & _FORBIDDEN_BY.get(name, _IN_PHRASING | _IN_BARE_TIME) or name == "time":
            return True  # (a `<time>` is rare, and its date is read when mending)
        if (name in _PARENTS and parent not in _PARENTS[name]
                or parent in _CHILDREN and name not in _CHILDREN[parent]):
            return True
        if kinds is not None:
            kinds.append(name)
            if name in ("td", "th") and ' colspan="' in attrs:
                kinds += ["+"] * (_span(attrs) - 1)
        if name in ("td", "th") and ' rowspan="' in attrs and _span(attrs, "rowspan") > 1:
            return True  # (rows' widths are not counted so)
        if name == "table":
            widths.append(set())
        if ' id="' in attrs:
            found = _ID.search(attrs).group()
            if found in ids:
                return True
            ids.add(found)
        if name not in _VOID:
            made = context & ~_IN_MEDIA_SRC | _MAKES.get(name, 0)
            if name == "time" and ' datetime="' not in attrs:
                made |= _IN_BARE_TIME
            elif name in _MEDIA and ' src="' in attrs:
                made |= _IN_MEDIA_SRC
            stack.append((name, made, [] if name in _ORDERED else None))
            if name in _HEADINGS:
                starts.append(match.end())
    return len(stack) > 1


def well_nested(html: str) -> str:
    """Sanitised HTML (see sanitize) with its elements mended where HTML's content models forbid them."""
    if "<" not in html or not _maybe_misnested(html):
        return html
    nodes = []
    for node in _tree(html):
        nodes += _fix(node, _Context(), 0)
    out: list[str] = []
    _serialised(_grouped("div", nodes), out, set())
    return "".join(out)
