"""Bodies moved from Hugo or Jekyll (generator/site/shortcodes.py): shortcodes and Liquid tags whose meaning is
plain are read so (a video, a figure, a code block); any other is shown as written and said at its line."""

from __future__ import annotations

import re

import pytest

from conftest import build_items, build_site, built_page, cpu_seconds, front, item, make_site

HUGO = """\
+++
title = "Harbour cranes return"
date = 2026-11-20T09:00:00+05:30
tags = ["port"]
+++
The cranes are back.

{{< youtube dQw4w9WgXcQ >}}

{{< figure src="https://example.org/crane.jpg" caption="A crane at dawn" >}}

{{< tweet user="port" id="123456" >}}

```
{{< youtube inCodeOnly >}}
```
Write `{{< ref "x.md" >}}` to link a page.
"""

JEKYLL = """\
---
layout: post
title: "Tram line opens"
date: 2026-11-21 08:00:00 +0100
---
See [the map]({{ site.baseurl }}/map/).

{% include newsletter.html %}

{% highlight python %}
print("{{ not a tag }}")
{% endhighlight %}

{% raw %}{{ shown }}{% endraw %}{% comment %}a note to self{% endcomment %}
"""


def test_a_hugo_body_s_video_and_figure_are_shown_and_other_shortcodes_said_at_their_line(tmp_path):
    site = make_site(tmp_path, {"content/2026-11-20-cranes.md": HUGO})
    _, result = build_site(site)
    page = (site / "output/news/2026/11/20/cranes/index.html").read_text()
    assert 'src="https://www.youtube.com/embed/dQw4w9WgXcQ"' in page  # the story's player
    assert "youtube dQw4w9WgXcQ" not in page
    assert '<img src="https://example.org/crane.jpg" alt="A crane at dawn"' in page
    assert "<figcaption>A crane at dawn</figcaption>" in page
    assert '{{&lt; tweet user="port" id="123456" &gt;}}' in page  # shown as written, whole
    assert "{{&lt; youtube inCodeOnly &gt;}}" in page and '{{&lt; ref "x.md" &gt;}}' in page  # code: text
    said = [str(problem) for problem in result.site.warnings if "shortcode" in str(problem)]
    assert said == ['content/2026-11-20-cranes.md:12: Hugo shortcode `{{< tweet user="port" id="123456" >}}` is '
                    "not run (newsdesk runs no template in content): it shows as written (write what it makes "
                    "in Markdown or HTML (a picture as `![its text](https://...)`), or remove it)"]


def test_a_jekyll_body_s_liquid_is_said_at_its_line_and_its_code_blocks_are_code(tmp_path):
    site = make_site(tmp_path, {"content/_posts/2026-11-21-trams.md": JEKYLL})
    _, result = build_site(site)
    page = (site / "output/news/2026/11/21/trams/index.html").read_text()
    assert '<pre lang="python"><code>print("{{ not a tag }}")' in page
    assert "<p>{{ shown }}</p>" in page and "a note to self" not in page and "raw %}" not in page
    said = [str(problem) for problem in result.site.warnings if "Liquid" in str(problem)]
    assert said == ["content/_posts/2026-11-21-trams.md:6: Liquid value `{{ site.baseurl }}` is not run (newsdesk "
                    "runs no template in content): it shows as written (and 1 more such tag, on line 8) (write "
                    "the value itself (an address in full: https://...), or remove it)"]


def test_a_video_shortcode_of_an_item_with_a_player_is_a_link_in_its_body(tmp_path):
    text = HUGO.replace('tags = ["port"]', 'tags = ["port"]\nfeaturedContent = "https://vimeo.com/76979871"')
    site = make_site(tmp_path, {"content/2026-11-20-cranes.md": text})
    build_site(site)
    page = (site / "output/news/2026/11/20/cranes/index.html").read_text()
    assert 'src="https://player.vimeo.com/video/76979871"' in page
    assert '<a href="https://www.youtube.com/embed/dQw4w9WgXcQ"' in page and "Embedded content from www.youtube.com" in page


# (service, a video's id, its player; None: no video of the service has such an id, and none is made of it)
VIDEO_IDS = [("youtube", "dQw4w9WgXcQ", "https://www.youtube.com/embed/dQw4w9WgXcQ"),
             ("youtube", "Xy1_-Ab2Cd3", "https://www.youtube.com/embed/Xy1_-Ab2Cd3"),
             ("vimeo", "76979871", "https://player.vimeo.com/video/76979871"),
             ("vimeo", "1", "https://player.vimeo.com/video/1"),
             ("youtube", "abc", None), ("youtube", "dQw4w9WgXcQdQw4w9WgXcQ", None),  # (YouTube's are 11 long)
             ("vimeo", "abc123", None), ("vimeo", "\u0667\u0666", None)]  # (Vimeo's are numbers, in ASCII digits)
ADDRESSES = {"youtube": "https://youtu.be/{}", "vimeo": "https://vimeo.com/{}"}


def test_a_video_shortcode_and_the_video_s_address_give_one_player_by_one_rule_of_ids(tmp_path, capsys):
    """A Hugo body's `{{< youtube ID >}}` and a video's address (`https://youtu.be/ID`) each had a rule of the
    ids it took (1 to 64 characters; 6 to 20, and any digits of Vimeo's): one id gave a player one way, none the
    other. Both go by one rule now: the same player, or none (the shortcode said at its line)."""
    files = {}
    for number, (service, video, _player) in enumerate(VIDEO_IDS):
        head = (f"title: Video {number}", "publishedDateTime: 2026-11-20T10:00:00Z", "type: video")
        files[f"tag{number}.md"] = front(*head, body=f"Watch it.\n\n{{{{< {service} {video} >}}}}")
        files[f"address{number}.md"] = front(*head, f"featuredContent: {ADDRESSES[service].format(video)}")
    out, news, said = build_items(tmp_path, files, capsys)
    for number, (service, video, player) in enumerate(VIDEO_IDS):
        tag, address = news[f"tag{number}"], news[f"address{number}"]
        if player:
            assert tag["videoUrl"] == address["videoUrl"] == player
            iframes = [re.findall(r"<iframe[^>]*>", built_page(out, entry)) for entry in (tag, address)]
            assert iframes[0] == iframes[1] and len(iframes[0]) == 1 and f'<iframe src="{player}" ' in iframes[0][0]
        else:
            assert tag["videoUrl"] is None and address["videoUrl"] == ADDRESSES[service].format(video)
            assert f"content/tag{number}.md:8: Hugo shortcode `{{{{< {service} {video} >}}}}` is not run" in said \
                or not re.fullmatch(r"[\w-]+", video, re.ASCII)  # (one of no such letters is no shortcode at all)


@pytest.mark.slow
def test_tags_left_without_an_end_cost_no_more_than_their_length(tmp_path):
    """Lines of tag starts with no end (`{{< a {{< a ...`, `{% raw %}` without `endraw`) were each read to the
    end of the line: a 120 kB one took minutes. Each is read to the next brace, and a line is searched only up to
    10,000 characters; the text is kept as written."""
    bodies = {name: (unit * 2_000 + "\n") * 40 for name, unit in
              (("hugo", "{{< a "), ("liquid", "{% a "), ("value", "{{ a | "), ("raw", "{% raw %}{ "),
               ("spans", "`a``"), ("closed", "{{< a >}} "))}
    bodies["long"] = "{{< a " * 200_000  # (1.2 MB on one line)
    site = make_site(tmp_path / "site", {f"content/{name}.md": item(name.title(), body="Kept text.\n\n" + body)
                                         for name, body in bodies.items()})
    started = cpu_seconds()
    config, result = build_site(site)
    assert cpu_seconds() - started < 30
    assert result.items == len(bodies)
    assert "Kept text." in (config.output_path / "news/2026/11/20/hugo/index.html").read_text(encoding="utf-8")
