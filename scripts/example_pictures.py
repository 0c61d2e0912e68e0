"""Draw the example site's pictures: simple SVG illustrations of our own, so the example shows real pictures.

Every picture an example item names in its `images` (`static/pictures/NAME.svg`) is drawn from the
item's topics; every provider logo (`static/logos/NAME.svg`) from the provider's name. The same items
give the same bytes. Run from the repository root after adding or changing an example item:

    python scripts/example_pictures.py
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT = 640, 360

# Topic -> (gradient top, gradient bottom, motif colour, accent).
PALETTES = {
    "technology": ("#1d3557", "#457b9d", "#f1faee", "#a8dadc"),
    "ai": ("#3a0ca3", "#7209b7", "#f8f0ff", "#4cc9f0"),
    "security": ("#14213d", "#2b4162", "#fca311", "#e5e5e5"),
    "science": ("#0b3d3a", "#1b7f79", "#e9f5db", "#ffd166"),
    "space": ("#03071e", "#1b1f4b", "#f4d35e", "#c9d6ff"),
    "climate": ("#1b4332", "#52b788", "#fefae0", "#ffb703"),
    "business": ("#3d2c2e", "#8a5a44", "#fff3e0", "#f4a261"),
    "startups": ("#5f0f40", "#9a031e", "#fff1e6", "#fb8b24"),
}


def _chip(c, a):
    pins = "".join(f'<rect x="{x}" y="92" width="10" height="22" rx="3"/><rect x="{x}" y="246" width="10" height="22" '
                   f'rx="3"/>' for x in range(418, 540, 30))
    return (f'<g fill="{a}">{pins}</g><rect x="400" y="110" width="150" height="140" rx="16" fill="{c}"/>'
            f'<rect x="440" y="145" width="70" height="70" rx="8" fill="none" stroke="{a}" stroke-width="8"/>')


def _network(c, a):
    nodes = [(410, 110), (530, 90), (470, 180), (400, 260), (560, 240), (600, 160)]
    edges = [(0, 2), (1, 2), (2, 3), (2, 4), (1, 5), (4, 5), (0, 3)]
    lines = "".join(f'<line x1="{nodes[i][0]}" y1="{nodes[i][1]}" x2="{nodes[j][0]}" y2="{nodes[j][1]}"/>'
                    for i, j in edges)
    dots = "".join(f'<circle cx="{x}" cy="{y}" r="{18 if k == 2 else 12}"/>' for k, (x, y) in enumerate(nodes))
    return f'<g stroke="{a}" stroke-width="5">{lines}</g><g fill="{c}">{dots}</g>'


def _shield(c, a):
    return (f'<path d="M480 70 L570 105 C570 200 535 260 480 290 C425 260 390 200 390 105 Z" fill="{c}"/>'
            f'<circle cx="480" cy="165" r="24" fill="{a}"/><rect x="470" y="175" width="20" height="55" rx="6" '
            f'fill="{a}"/>')


def _atom(c, a):
    orbits = "".join(f'<ellipse cx="480" cy="180" rx="110" ry="38" transform="rotate({r} 480 180)"/>'
                     for r in (0, 60, 120))
    return f'<g fill="none" stroke="{c}" stroke-width="7">{orbits}</g><circle cx="480" cy="180" r="22" fill="{a}"/>'


def _planet(c, a):
    return (f'<circle cx="480" cy="180" r="80" fill="{c}"/>'
            f'<ellipse cx="480" cy="180" rx="150" ry="34" fill="none" stroke="{a}" stroke-width="9" '
            f'transform="rotate(-18 480 180)"/>')


def _sun_and_waves(c, a):
    waves = "".join(f'<path d="M330 {y} q40 -24 80 0 t80 0 t80 0 t80 0" />' for y in (250, 285, 320))
    return (f'<circle cx="480" cy="130" r="62" fill="{a}"/>'
            f'<g fill="none" stroke="{c}" stroke-width="9" stroke-linecap="round">{waves}</g>')


def _chart(c, a):
    bars = "".join(f'<rect x="{390 + 45 * k}" y="{290 - h}" width="32" height="{h}" rx="4"/>'
                   for k, h in enumerate((60, 95, 80, 140, 190)))
    return (f'<g fill="{c}">{bars}</g><polyline points="400,220 445,185 490,200 535,130 580,80" fill="none" '
            f'stroke="{a}" stroke-width="8" stroke-linecap="round" stroke-linejoin="round"/>')


def _seedling(c, a):
    return (f'<path d="M480 300 V170" stroke="{c}" stroke-width="10" stroke-linecap="round"/>'
            f'<path d="M480 200 C420 200 395 160 400 120 C450 118 480 150 480 200 Z" fill="{a}"/>'
            f'<path d="M480 170 C540 170 570 130 565 90 C510 88 480 120 480 170 Z" fill="{c}"/>'
            f'<rect x="420" y="296" width="120" height="14" rx="7" fill="{a}"/>')


MOTIFS = {"technology": _chip, "ai": _network, "security": _shield, "science": _atom, "space": _planet,
          "climate": _sun_and_waves, "business": _chart, "startups": _seedling}


def picture(name: str, topics: list[str]) -> str:
    """A 640x360 illustration: the first topic's colours and motif (centred: cards crop the sides), scattered
    shapes placed by the name, and the second topic's motif small in a corner."""
    keys = [t.lower() for t in topics if t.lower() in PALETTES] or ["technology"]
    top, bottom, colour, accent = PALETTES[keys[0]]
    seed = hashlib.sha256(name.encode()).digest()
    dots = "".join(f'<circle cx="{seed[k] * 300 // 255 + 10}" cy="{seed[k + 1] * 330 // 255 + 15}" '
                   f'r="{2 + seed[k + 2] % 7}" opacity="{(3 + seed[k + 3] % 5) / 10}"/>' for k in range(0, 32, 4))
    second = ""
    if len(keys) > 1:  # the second topic as a small badge in the corner
        _, _, colour2, accent2 = PALETTES[keys[1]]
        second = (f'<g transform="translate(40 236) scale(0.3) translate(-390 -70)">'
                  f'{MOTIFS[keys[1]](colour2, accent2)}</g>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
            f'viewBox="0 0 {WIDTH} {HEIGHT}">'
            f'<defs><linearGradient id="g" x1="0" y1="0" x2="0.4" y2="1"><stop offset="0" stop-color="{top}"/>'
            f'<stop offset="1" stop-color="{bottom}"/></linearGradient></defs>'
            f'<rect width="{WIDTH}" height="{HEIGHT}" fill="url(#g)"/><g fill="{accent}">{dots}</g>'
            f'<g transform="translate(-160 0)">{MOTIFS[keys[0]](colour, accent)}</g>{second}</svg>\n')


# Provider logo glyphs on a 50x50 tile, white on the provider's colour.
GLYPHS = {
    "dailycircuit": '<path d="M12 25 H22 L28 15 H38 M22 25 L28 35 H38" fill="none" stroke="#fff" stroke-width="3.5"/>'
                    '<circle cx="12" cy="25" r="4.5" fill="#fff"/><circle cx="38" cy="15" r="4" fill="#fff"/>'
                    '<circle cx="38" cy="35" r="4" fill="#fff"/>',
    "orbitwire": '<circle cx="25" cy="25" r="8" fill="#fff"/><ellipse cx="25" cy="25" rx="18" ry="7" fill="none" '
                 'stroke="#fff" stroke-width="3" transform="rotate(-25 25 25)"/>',
    "patchnote": '<rect x="8" y="18" width="34" height="14" rx="7" fill="#fff" transform="rotate(-35 25 25)"/>'
                 '<g fill="#888"><circle cx="23" cy="23" r="1.8"/><circle cx="27" cy="27" r="1.8"/></g>',
    "vidcast": '<path d="M19 14 L37 25 L19 36 Z" fill="#fff"/>',
    "ledgerlane": '<g fill="#fff"><rect x="12" y="28" width="7" height="12"/><rect x="22" y="20" width="7" '
                  'height="20"/><rect x="32" y="11" width="7" height="29"/></g>',
    "fieldnotes": '<rect x="14" y="10" width="22" height="30" rx="3" fill="#fff"/><g stroke="#999" '
                  'stroke-width="2"><line x1="18" y1="18" x2="32" y2="18"/><line x1="18" y1="24" x2="32" y2="24"/>'
                  '<line x1="18" y1="30" x2="28" y2="30"/></g>',
    "greenlinereport": '<path d="M13 37 C13 20 24 12 38 12 C38 28 30 37 13 37 Z M13 37 L30 20" fill="#fff" '
                       'stroke="#fff" stroke-width="2"/>',
}


def logo(name: str) -> str:
    hue = int(hashlib.sha256(name.encode()).hexdigest()[:4], 16) % 360
    glyph = GLYPHS.get(name, '<circle cx="25" cy="25" r="10" fill="#fff"/>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="50" height="50" viewBox="0 0 50 50">'
            f'<rect width="50" height="50" rx="10" fill="hsl({hue} 55% 38%)"/>{glyph}</svg>\n')


def pictures(root: Path = ROOT) -> dict[str, str]:
    """Site path (static/...) -> SVG text, for every picture and logo the example items name."""
    made: dict[str, str] = {}
    for path in sorted((root / "content").rglob("*.md")):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1]) or {}
        for image in meta.get("images") or []:
            found = re.fullmatch(r"static/pictures/([a-z0-9-]+)\.svg", str(image.get("url", "")))
            if found:
                made[found.group(0)] = picture(found.group(1), list(meta.get("topics") or []))
        for image in (meta.get("provider") or {}).get("images") or []:
            found = re.fullmatch(r"static/logos/([a-z0-9-]+)\.svg", str(image.get("url", "")))
            if found:
                made[found.group(0)] = logo(found.group(1))
    return made


def main() -> int:
    made = pictures()
    for name, text in made.items():
        (ROOT / name).parent.mkdir(parents=True, exist_ok=True)
        (ROOT / name).write_text(text, encoding="utf-8")
    print(f"{len(made)} pictures written to static/ ({sum(len(t) for t in made.values()):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
