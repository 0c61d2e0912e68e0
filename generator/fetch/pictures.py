"""`newsdesk pictures`: small copies of the pictures items show from other sites, made on this machine.

Items link full-size pictures (mostly 1280×720 JPEGs) that a phone shows 76 pixels wide. This downloads the
picture of each item (the widest of the sizes it lists) and each provider's logo, and writes WebP copies in
WIDTHS narrower than it into `pictures_dir`, with a manifest (plan/pictures.py reads it) that the build
turns into more sizes of the same picture (`srcset`). Re-encoding keeps the pixels only: no metadata, no
colour profile, nothing a crafted file could carry along.

A picture is another site's file, named by crawled content: a server that fails, answers HTML, a
decompression bomb or gigabytes is one failed picture, named with what to do, never an exception that
stops the others. Only http(s) URLs of public hosts are asked (a picture URL from a feed must not make this
machine fetch from its own network); copies already made are kept; the same bytes make the same files.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
import threading
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

from generator import __version__
from generator.config.values import Config
from generator.fetch.http import Client, Settings, is_public_host
from generator.plan.pictures import candidates
from generator.site.local_pictures import COPY_NAME, MANIFEST, copy_name

# A phone's thumbnail (4.75rem) at 1.75-2x and 3x, a desktop list's (11rem) at 1-2x, a phone's lead or story
# picture (the screen less 1.7rem: 333-403 CSS pixels) at 1.75x and 360-375 wide at 2x, wider ones' at 2x and
# desktops'. Above 320, steps of at most 1.5x (docs/dev/lighthouse.md says why 720 rather than 640).
WIDTHS = (160, 320, 480, 720, 960)
MAX_BYTES = 20 * 1024 * 1024  # a bigger download is no picture for a news card
MAX_PIXELS = 40_000_000  # decoded, 160 MB at 4 bytes a pixel: past it, a decompression bomb
# Pictures are downloaded `fetch.concurrency` at a time, but decoded two at a time: each may take MAX_PIXELS
# of memory (twice, while it is turned upright and converted)
DECODING = threading.BoundedSemaphore(2)
QUALITY = 80
FORMATS = ("JPEG", "PNG", "WEBP", "GIF")  # what Pillow may decode: the formats browsers show that it reads
ACCEPT = "image/webp, image/jpeg, image/png, image/gif;q=0.8, */*;q=0.1"
NOT_A_PICTURE = "the URL gives no JPEG, PNG, WebP or GIF picture; fix or remove the item's picture"


class PictureError(Exception):
    """Why one picture has no copies: said with its URL, never raised past make_copies."""


@dataclass
class PicturesReport:
    made: int = 0  # pictures downloaded and copied now
    kept: int = 0  # pictures whose copies were there already
    small: int = 0  # pictures no wider than the narrowest copy (or animated): linked as they are
    removed: int = 0  # copies of pictures no item shows any more, deleted
    # (where the picture is named, its URL, why and what to do): `path:line` of the first item file that
    # shows it, else the provider whose logo it is
    failed: list[tuple[str, str, str]] = field(default_factory=list)

    def summary(self) -> str:
        made = "1 picture" if self.made == 1 else f"{self.made} pictures"
        return (f"{made} copied, {self.kept} already copied, {self.small} left as they are "
                f"(small or animated), {len(self.failed)} failed, {self.removed} old copies removed")


def wanted(site) -> list[str]:
    """The URLs of the pictures the site shows from other sites: each item's picture and each provider's logo
    (the widest size given of each: the copies are made from it), sorted."""
    found = set()
    for images in [item.images for item in site.items] + [provider.logos for provider in site.providers.values()]:
        given = candidates(images)
        if given and given[-1].remote and urlsplit(given[-1].url).scheme.lower() in ("http", "https"):
            found.add(given[-1].url)
    return sorted(found)


def named_at(site, root: Path, urls: set[str]) -> dict[str, str]:
    """Where each of these pictures (of `wanted`) is to be fixed: `path:line` of the first item file (by path)
    that gives it, as its picture (its `images` or `image` line) or as its provider's logo (the `images` line
    under `provider`); a logo that only a `providers:` or data_dir record gives, by the provider's name."""
    from generator.site.content import key_lines

    named: dict[str, tuple[str, object]] = {}
    for item in sorted(site.items, key=lambda item: item.source):
        given = candidates(item.images)
        if given and given[-1].url in urls:
            named.setdefault(given[-1].url, (item.source, "image"))
        logos = candidates(item.provider.images) if item.provider else ()
        if logos and logos[-1].url in urls:
            named.setdefault(logos[-1].url, (item.source, ("provider", "images")))
    places = {}
    for url, (source, key) in named.items():  # (each file read once per failed picture: the failures are few)
        lines = key_lines(root, source, {"images", "image", ("provider", "images")})
        line = (lines.get("images") or lines.get("image")) if key == "image" else lines.get(key)
        places[url] = f"{source}:{line}" if line else source
    for provider in site.providers.values():
        logos = candidates(provider.logos)
        if logos and logos[-1].url in urls and logos[-1].url not in places:
            places[logos[-1].url] = f"the logo of {provider.name} (its record in providers: or data_dir)"
    return places


def make_copies(config: Config, site, *, local_hosts: bool = False,
                progress: Callable[[str, int, int], None] | None = None,
                client: Client | None = None) -> PicturesReport:
    """Copy the pictures `site` (a model Site) shows into config.pictures_dir and write its manifest.
    `local_hosts`: also ask hosts on this machine or its private network (tests, the benchmark)."""
    from PIL import Image as Pillow

    # Pillow warns of pictures past its MAX_IMAGE_PIXELS; make_entry refuses those past MAX_PIXELS, a lower
    # limit, itself and says so (set here, once: the filters are the process's, and the workers are threads)
    warnings.filterwarnings("ignore", category=Pillow.DecompressionBombWarning)
    folder = config.root / config.pictures_dir
    folder.mkdir(parents=True, exist_ok=True)
    old = _read_manifest(folder / MANIFEST)
    urls = wanted(site)
    report = PicturesReport()
    entries: dict[str, dict] = {}
    todo = []
    for url in urls:
        entry = old.get(url)
        # Copies in other widths than WIDTHS (an older newsdesk's) are made again: the pages would offer them
        # (an entry without copies is a small or animated picture, whatever the widths)
        widths = [copy["width"] for copy in entry["copies"]] if entry is not None else None
        if entry is not None and (not widths or widths == [w for w in WIDTHS if w < entry["width"]]) \
                and all((folder / copy["file"]).is_file() for copy in entry["copies"]):
            entries[url] = entry
        else:
            todo.append(url)
    options = config.fetch
    settings = Settings(timeout=options.timeout, retries=min(options.retries, 1), backoff=options.backoff,
                        max_wait=options.max_wait, max_bytes=MAX_BYTES, accept=ACCEPT, noun="picture",
                        size_key=f"{MAX_BYTES:,} bytes, the most a picture may be", run="run",
                        again="tried again the next time newsdesk pictures runs",
                        user_agent=options.user_agent or f"newsdesk/{__version__} (+{config.base_url})")
    own = client is None
    client = client or Client(settings)
    done = 0
    try:
        if progress:
            progress("pictures", 0, len(todo))
        with ThreadPoolExecutor(max(1, options.concurrency)) as pool:
            for url, result in zip(todo, pool.map(lambda url: _copy(client, url, folder, local_hosts), todo)):
                if isinstance(result, PictureError):
                    report.failed.append(("", url, str(result)))
                else:
                    entries[url] = result
                done += 1
                if progress:
                    progress("pictures", done, len(todo))
    finally:
        if own:
            client.close()
    if report.failed:
        places = named_at(site, config.root, {url for _, url, _ in report.failed})
        report.failed = [(places.get(url, "an item"), url, why) for _, url, why in report.failed]
    report.small = sum(1 for entry in entries.values() if not entry["copies"])
    asked = set(todo)
    report.kept = sum(1 for url in entries if url not in asked and entries[url]["copies"])
    report.made = sum(1 for url in todo if url in entries and entries[url]["copies"])
    _write_atomically(folder / MANIFEST, (json.dumps({"pictures": entries, "version": 1}, indent=1, sort_keys=True,
                                                     ensure_ascii=False) + "\n").encode("utf-8"))
    named = {copy["file"] for entry in entries.values() for copy in entry["copies"]}
    for path in sorted(folder.iterdir()):
        # Only copies this command made (their names say so) that the manifest no longer names: a picture no
        # item shows any more. Anything else in the folder is the user's.
        if COPY_NAME.fullmatch(path.name) and path.name not in named and path.is_file():
            path.unlink()
            report.removed += 1
    return report


def _copy(client: Client, url: str, folder: Path, local_hosts: bool) -> dict | PictureError:
    """The manifest entry of the picture at `url`, its copies written into `folder`; or why not."""
    try:
        scheme, host = urlsplit(url).scheme.lower(), urlsplit(url).hostname or ""
        if scheme not in ("http", "https") or not host:
            raise PictureError("not an http(s) URL: never downloaded; give the picture's http(s) URL")
        if not local_hosts and not is_public_host(host):
            raise PictureError(f"{host} is on this machine or a private network: never downloaded; give a "
                               "public URL of the picture, or remove it from the item (a server of your own "
                               "that you test with: `newsdesk pictures --local-hosts`)")
        answer = client.get(url)
        if answer.status != "ok":
            raise PictureError(answer.message or f"HTTP answer {answer.status}")
        with DECODING:
            return make_entry(answer.body, url, folder)
    except PictureError as exc:
        return exc


def _in_srgb(image, mode: str):
    """The picture's pixels in sRGB, which a copy without a colour profile is read as: a phone's Display P3
    photo or a CMYK print picture would otherwise lose or change its colours. A profile Pillow cannot use
    leaves the pixels as they are."""
    from PIL import ImageCms

    profile = image.info.get("icc_profile")
    if profile:
        try:
            return ImageCms.profileToProfile(image, ImageCms.ImageCmsProfile(io.BytesIO(profile)),
                                             ImageCms.createProfile("sRGB"), outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass
    return image.convert(mode)


def make_entry(body: bytes, url: str, folder: Path) -> dict:
    """Decode a picture's bytes, write its copies into `folder` and return its manifest entry; PictureError
    when the bytes are no picture Pillow may read within MAX_PIXELS."""
    from PIL import Image as Pillow, ImageOps

    if body[:512].lstrip().startswith(b"<"):  # (no picture format starts with it)
        kind = "an SVG drawing" if b"<svg" in body[:4096].lower() else "HTML or XML"
        raise PictureError(f"the server sent {kind}, not a picture; " + (
            "an SVG is linked as it is (it is small, and drawn at any size)" if "SVG" in kind else NOT_A_PICTURE))
    try:
        with Pillow.open(io.BytesIO(body), formats=FORMATS) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:  # (before decoding a pixel)
                raise PictureError(f"{width:,}×{height:,} pixels, more than {MAX_PIXELS:,} (a decompression bomb, "
                                   "or a picture far bigger than a page shows); give a smaller picture")
            animated = getattr(image, "is_animated", False)
            image.load()
            upright = ImageOps.exif_transpose(image)  # as browsers show the original
            alpha = upright.mode in ("RGBA", "LA", "PA") or (upright.mode == "P" and "transparency" in upright.info)
            pixels = _in_srgb(upright, "RGBA" if alpha else "RGB")
    except PictureError:
        raise
    except (Pillow.DecompressionBombError, Pillow.DecompressionBombWarning) as exc:  # (Pillow's own limits, on open)
        raise PictureError(f"a decompression bomb ({exc}); give a smaller picture") from None
    except Exception as exc:  # noqa: BLE001 - Pillow's decoders raise many kinds on crafted bytes
        raise PictureError(f"cannot be read as a picture ({type(exc).__name__}: {str(exc)[:200]}); "
                           f"{NOT_A_PICTURE}") from None
    width, height = pixels.size
    entry = {"copies": [], "height": height, "width": width}
    if animated:  # a still copy would show a reader something else than the picture: it is linked as it is
        return entry
    for copy_width in (w for w in WIDTHS if w < width):
        copy_height = max(1, round(height * copy_width / width))
        name = copy_name(url, copy_width)
        small = pixels.resize((copy_width, copy_height), Pillow.Resampling.LANCZOS)
        small.info.clear()  # pixels only: no EXIF, XMP or colour profile
        out = io.BytesIO()
        small.save(out, "WEBP", quality=QUALITY, method=4)
        _write_atomically(folder / name, out.getvalue())
        entry["copies"].append({"file": name, "height": copy_height, "width": copy_width})
    return entry


def _read_manifest(path: Path) -> dict[str, dict]:
    """The entries of the last run's manifest that are as make_entry writes them (anything else is made again)."""
    try:
        entries = json.loads(path.read_bytes())["pictures"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    sound = {}
    for url, entry in entries.items() if isinstance(entries, dict) else ():
        try:
            copies = [{"file": str(c["file"]), "height": int(c["height"]), "width": int(c["width"])}
                      for c in entry["copies"]]
            if all(c["file"] == copy_name(url, c["width"]) for c in copies):
                sound[url] = {"copies": copies, "height": int(entry["height"]), "width": int(entry["width"])}
        except (KeyError, TypeError, ValueError):
            continue
    return sound


def _write_atomically(path: Path, data: bytes) -> None:
    """Write a file whole or not at all: a run stopped half-way never leaves a half copy under its name."""
    if path.is_file() and path.read_bytes() == data:
        return
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
