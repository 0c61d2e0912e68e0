"""A story as schema.org's NewsArticle, for its page's JSON-LD (`news_article`), and its publisher; a video's or a
sound's as a VideoObject or an AudioObject. Python rather than template code: building the nested dicts in Jinja
was a large part of a story page. make_env binds it to the site once per build.
"""

from __future__ import annotations

from typing import Callable, Mapping

from generator.config.values import Config
from generator.i18n import iso_duration
from generator.languages import own_language
from generator.plan.feeds import provider_home
from generator.render.dates import published
from generator.site.model import ProviderBadge, Topic
from generator.site.types import list_key

# The media a type's items are, as schema.org names them: a podcast is sound, unless its file is a video
MEDIA = {"video": "VideoObject", "audio": "AudioObject", "podcast": "AudioObject"}


def publisher(config: Config, badges: Mapping[str, ProviderBadge], absolute: Callable[[str], str], ref) -> dict:
    """The Organization a story's JSON-LD names as publisher (and author, when it names none), from the item's
    ProviderRef (or None): its home page as the feeds and the API give it, a port of its own kept."""
    provider = badges.get(ref.slug) if ref is not None else None
    if provider is None:
        return {"@type": "Organization", "name": config.title, "url": config.base_url}
    organization = {"@type": "Organization", "name": provider.name}
    if provider_home(ref):
        organization["url"] = provider_home(ref)
    if provider.logo:
        organization["logo"] = {"@type": "ImageObject", "url": absolute(provider.logo.url)}
    return organization


def news_article(config: Config, topics: Mapping[str, Topic], badges: Mapping[str, ProviderBadge],
                 absolute: Callable[[str], str], item) -> dict:
    """`{{ news_article(item)|json_script }}`: `item` as a NewsArticle (`absolute`: the site's links.absolute;
    `badges`: the `providers` global), or as the video or sound it is (`media`)."""
    organization = publisher(config, badges, absolute, item.provider)
    page_url = absolute(item.path)
    kind = media(item)
    if kind:
        return _media_object(config, topics, absolute, item, kind, organization, page_url)
    article = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": item.title,
        "description": item.excerpt, "datePublished": published(item.published.astimezone(config.zone)),
        "url": page_url, "mainEntityOfPage": page_url,
        "inLanguage": own_language(item.language, config.language) or config.language,
        "publisher": organization,
        "author": {"@type": "Person", "name": item.author} if item.author else organization,
    }
    if not article["inLanguage"]:  # (none declared: not an empty language)
        del article["inLanguage"]
    if not item.excerpt:  # (none written: not an empty description)
        del article["description"]
    if item.images:
        article["image"] = [absolute(image.url) for image in item.images]
    if item.topics:
        names = [topics[slug].name for slug in item.topics]
        article.update(keywords=names, articleSection=names[0])
    if item.link:
        article["isBasedOn"] = item.link
    return article


def media(item) -> str:
    """The schema.org type of a video's or a sound's page (by its type, a podcast of videos by its file), or ""
    for any other. A video without a picture is none: search engines take a VideoObject only with its thumbnail,
    and a NewsArticle needs none."""
    kind = MEDIA.get(list_key(item.type), "")
    if kind and item.media_kind == "video":
        kind = "VideoObject"
    return "" if kind == "VideoObject" and not item.images else kind


def _media_object(config: Config, topics: Mapping[str, Topic], absolute: Callable[[str], str], item, kind: str,
                  organization: dict, page_url: str) -> dict:
    """`item` as a VideoObject or AudioObject: what Google's video results require (name, thumbnailUrl,
    uploadDate) and recommend (description, duration, contentUrl, embedUrl), each when the item gives it."""
    date = published(item.published.astimezone(config.zone))
    described = {
        "@context": "https://schema.org", "@type": kind, "name": item.title, "description": item.excerpt,
        "thumbnailUrl": [absolute(image.url) for image in item.images], "uploadDate": date, "datePublished": date,
        "duration": iso_duration(item.length_seconds) if item.length_seconds else "",
        "contentUrl": item.media_file, "embedUrl": item.video_url if kind == "VideoObject" else "",
        "url": page_url, "mainEntityOfPage": page_url,
        "inLanguage": own_language(item.language, config.language) or config.language,
        "publisher": organization, "isBasedOn": item.link,
        "author": {"@type": "Person", "name": item.author} if item.author else organization,
        "keywords": [topics[slug].name for slug in item.topics],
    }
    return {key: value for key, value in described.items() if value not in ("", [], None)}
