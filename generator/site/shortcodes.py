"""Hugo shortcodes and Jekyll's Liquid tags in a body, as a site moved from Hugo or Jekyll writes them.

newsdesk runs no template in content (a crawled body is untrusted), so what a tag would make is not made.
The few whose meaning is plain are read so: a line holding only `{{< youtube ID >}}` or `{{< vimeo ID >}}`
is that video (the item's player when it has none, else an iframe, which the body shows as a link), when ID is
one of the service's ids as a video's address takes them (players.embed_url); one
holding only `{{< figure src="..." >}}` is that picture; Jekyll's `{% highlight LANG %}` ...
`{% endhighlight %}` lines are a fenced code block, `{% raw %}x{% endraw %}` is x and a
`{% comment %}...{% endcomment %}` on one line is nothing. Any other tag stays
as the text it is written as, and is said (its line) so that its writer can replace it. Tags inside code
(fenced blocks, `inline code`) are text about them, and stay unsaid.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from generator.players import embed_url


@dataclass(frozen=True)
class Shortcodes:
    body: str
    video: str  # the player (an iframe) of the first video shortcode, when the item is to take it; else ""
    unread: tuple[tuple[int, str], ...]  # (line of the body, from 1; the tag as written) of each tag not read


MAX_LINE = 10_000  # characters: a longer line's tags are shown as written, unsaid (its search would cost more)
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)[^`]*\1")
# Hugo's `{{< name ... >}}` and `{{% name ... %}}` (and their closing `{{< /name >}}`)
_HUGO = re.compile(r"\{\{([<%])\s*/?\s*[\w./-]{1,100}[^{}]{0,1000}?[>%]\}\}")
# Liquid's tags `{% name ... %}` and its output `{{ site.baseurl }}`, `{{ page.title | upcase }}`
_LIQUID = re.compile(r"\{%-?\s*[a-z_]{1,100}\b[^{}]{0,1000}?%\}"
                     r"|\{\{-?\s*\.?[A-Za-z_][\w.]{0,200}(?:\s*\|[^{}]{0,1000})?\s{0,100}-?\}\}")
# a video's shortcode; its id is taken as a video's by the one rule (players.embed_url), else the tag is said
_VIDEO = re.compile(r"\{\{<\s*(youtube|vimeo)\s+(?:id=)?\"?([A-Za-z0-9_-]{1,64})\"?\s*>\}\}")
_FIGURE = re.compile(r"\{\{<\s*figure((?:\s+\w+=\"[^\"]*\")+)\s*/?>\}\}")
_ATTRIBUTE = re.compile(r"(\w+)=\"([^\"]*)\"")
# `{% raw %}x{% endraw %}` is x, untouched; a comment is nothing (as HTML's comments in a body)
_RAW = re.compile(r"\{%-?\s*raw\s*-?%\}([^{]{0,1000}?(?:\{(?!%)[^{]{0,1000}?){0,20})\{%-?\s*endraw\s*-?%\}")
_COMMENT = re.compile(r"\{%-?\s*comment\s*-?%\}[^{]{0,1000}?\{%-?\s*endcomment\s*-?%\}")
_HIGHLIGHT = re.compile(r"\{%-?\s*highlight\s+([\w+#.-]{1,40})(?:\s[^{}%]{0,200})?%\}")
_END_HIGHLIGHT = re.compile(r"\{%-?\s*endhighlight\s*-?%\}")


def read_shortcodes(body: str, take_video: bool) -> Shortcodes:
    """The body with the tags whose meaning is plain read (see the module), the player of its first video
    shortcode when `take_video` (the item has no player of its own), and the tags left as written."""
    if "{{" not in body and "{%" not in body:
        return Shortcodes(body, "", ())
    lines = body.split("\n")
    video, unread, fence = "", [], ""
    for number, line in enumerate(lines):
        if len(line) > MAX_LINE:  # (a crawled body's one line of megabytes: read as it is, not searched)
            continue
        alone = line.strip()
        opened = _FENCE.match(line)
        if fence == "highlight":  # (Jekyll's code block: its lines are code until `{% endhighlight %}`)
            if _END_HIGHLIGHT.fullmatch(alone):
                lines[number], fence = "```", ""
            continue
        if fence:
            if opened and opened[1][0] == fence[0] and len(opened[1]) >= len(fence) and not alone.strip(fence[0]):
                fence = ""
            continue
        if opened:
            fence = opened[1]
            continue
        if found := _HIGHLIGHT.fullmatch(alone):
            lines[number], fence = "```" + found[1], "highlight"
            continue
        if (found := _VIDEO.fullmatch(alone)) and (address := embed_url(found[1], found[2])):
            player = f'<iframe src="{address}"></iframe>'
            if take_video and not video:
                video, lines[number] = player, ""
            else:
                lines[number] = player
            continue
        if found := _FIGURE.fullmatch(alone):
            lines[number] = _figure(dict(_ATTRIBUTE.findall(found[1])))
            continue
        if "{%" in line:
            line = lines[number] = _COMMENT.sub("", line)
        raw = []
        if "raw" in line:
            line = lines[number] = _RAW.sub(lambda found: raw.append(found[1]) or found[1], line)
        text = _CODE_SPAN.sub(lambda span: " " * len(span.group()), line)
        for kept in raw:  # (what `raw` holds is text, not tags)
            text = text.replace(kept, " " * len(kept), 1)
        for pattern in (_HUGO, _LIQUID):
            for tag in pattern.finditer(text):
                unread.append((number + 1, tag.start(), tag.group()))
            text = pattern.sub(lambda tag: " " * len(tag.group()), text)
    return Shortcodes("\n".join(lines), video,
                      tuple((line, tag) for line, _, tag in sorted(unread)))


def _figure(attributes: dict[str, str]) -> str:
    """Hugo's `{{< figure src="..." alt="..." caption="..." >}}` as the HTML it makes (sanitised as the body is)."""
    text = attributes.get("caption") or attributes.get("title") or ""
    picture = (f'<img src="{html.escape(attributes.get("src", ""))}" '
               f'alt="{html.escape(attributes.get("alt") or text)}">')
    return (f"<figure>{picture}" + (f"<figcaption>{html.escape(text)}</figcaption>" if text else "")
            + "</figure>")
