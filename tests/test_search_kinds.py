"""Site search by what an item is: its type's words as the site shows them (`Vídeo`, `Descarga`, `Pódcast` on a
Spanish site; `Video`, `Download` on an English one; a type the theme does not know by its own word) and, for an
offer of 0, the site's word for free (`Gratis`). They weigh least of an item's fields: a story that writes the word
ranks above an item that only is one (docs/search.md)."""

from __future__ import annotations

import json

import pytest

from conftest import build_site, make_site, static_server, story_files
from generator.plan.search_files import SEARCH_FOLDER
from generator.plan.search_stems import terms

CONFIG = """\
title: Noticias del puerto
base_url: https://example.org/paper/
language: es
now: "2026-11-22T12:00:00Z"
"""

# title -> its other fields; a month apart, so that no two are one story
STORIES = {
    "Nuevo horario del mercado": dict(body="Abre antes los sábados."),
    "El vídeo del año llega a la red": dict(body="Un corto sobre la costa."),
    "Recorrido por el muelle": dict(type="video", body="Imágenes del muelle al amanecer."),
    "Entrevista con la alcaldesa": dict(type="video", body="Habla de las obras."),
    "Guía de rutas en bici": dict(type="download", price="{amount: 0, currency: EUR}", body="Un PDF de rutas."),
    "Mapa de la costa": dict(type="download", price="{amount: 5, currency: EUR}", body="El mapa en alta resolución."),
    "Entradas gratis para el concierto": dict(body="Hasta agotar existencias."),
    "Charla semanal": dict(type="podcast", body="Episodio de la semana."),
    "Seminario de pesca": dict(type="webinar", body="Con expertos."),
}
VIDEOS = {"Recorrido por el muelle", "Entrevista con la alcaldesa"}


def impacts(output, term: str) -> dict[str, int]:
    """The titles of the stories the index lists under `term`, each with its weight there."""
    folder = output / SEARCH_FOLDER
    listed = {}
    for path in (folder / "terms").iterdir():
        listed.update(json.loads(path.read_bytes())["terms"])
    assert listed
    meta = json.loads((folder / "meta.json").read_bytes())
    titles = [record[meta["fields"].index("title")] for n in range(-(-meta["docs"] // meta["chunk"]))
              for record in json.loads((folder / f"docs/{n}.json").read_bytes())]
    postings, found, doc = listed.get(term, [0])[1:], {}, 0
    for delta, weight in zip(postings[::2], postings[1::2]):
        doc += delta
        found[titles[doc]] = weight
    return found


@pytest.fixture(scope="module")
def spanish_site(tmp_path_factory):
    config, _ = build_site(make_site(tmp_path_factory.mktemp("kinds") / "site", story_files(STORIES), CONFIG))
    return config.output_path


@pytest.mark.slow
def test_an_item_is_found_by_its_type_and_free_offer_in_the_site_language(spanish_site):
    [video] = terms("vídeos", "spanish")
    found = impacts(spanish_site, video)
    assert set(found) == VIDEOS | {"El vídeo del año llega a la red"}
    # a title that writes the word outranks an item that only is a video
    assert all(found["El vídeo del año llega a la red"] > found[title] for title in VIDEOS)
    assert set(impacts(spanish_site, terms("descargas", "spanish")[0])) == {"Guía de rutas en bici", "Mapa de la costa"}
    # only the offer of 0 is free; the story that writes the word first
    free = impacts(spanish_site, terms("gratis", "spanish")[0])
    assert set(free) == {"Guía de rutas en bici", "Entradas gratis para el concierto"}
    assert free["Entradas gratis para el concierto"] > free["Guía de rutas en bici"]
    # typed without the accent, singular or plural, as the site's own type words (Pódcast, Pódcasts)
    for typed in ("podcast", "pódcasts"):
        assert set(impacts(spanish_site, terms(typed, "spanish")[0])) == {"Charla semanal"}, typed
    assert set(impacts(spanish_site, terms("webinar", "spanish")[0])) == {"Seminario de pesca"}


@pytest.mark.slow
def test_an_english_site_finds_its_videos_and_free_downloads(tmp_path):
    stories = {"Harbour tour": dict(type="video", body="Boats at dawn."),
               "Cycling routes": dict(type="download", price="{amount: 0, currency: USD}", body="A PDF."),
               "Market hours": dict(body="Open on Saturdays.")}
    config, _ = build_site(make_site(tmp_path / "en", story_files(stories),
                                     CONFIG.replace("language: es", "language: en")))
    for typed, titles in {"videos": {"Harbour tour"}, "video": {"Harbour tour"}, "downloads": {"Cycling routes"},
                          "free": {"Cycling routes"}}.items():
        assert set(impacts(config.output_path, terms(typed, "english")[0])) == titles, typed


def results(page, query: str, said: str) -> list[str]:
    """The titles the search page lists for `query`, once its status says `said` (`2 resultados para`) of it (a card's
    title link starts with its type's badge, `VÍDEO`)."""
    page.fill("#search-q", query)
    page.locator("#search-status").filter(has_text=f"{said} \u00ab{query}\u00bb").wait_for(timeout=10_000)
    shown = page.locator("#search-results .card-title a").all_inner_texts()
    return [next(title for title in STORIES if text.endswith(title)) for text in shown]


@pytest.mark.slow
def test_a_reader_typing_videos_on_a_spanish_site_finds_them(spanish_site, page):
    with static_server(spanish_site, "/paper/") as base:
        page.goto(base + "search/")
        page.wait_for_function("typeof window.newsdeskSearch === 'object'")
        for typed in ("vídeos", "video", "Vídeo"):
            found = results(page, typed, "3 resultados para")
            assert found[0] == "El vídeo del año llega a la red", typed
            assert set(found[1:]) == VIDEOS, typed
        assert results(page, "vídeo muelle", "1 resultado para") == ["Recorrido por el muelle"]
        assert results(page, "gratis", "2 resultados para") == [
            "Entradas gratis para el concierto", "Guía de rutas en bici"]
        assert set(results(page, "descargas", "2 resultados para")) == {"Guía de rutas en bici", "Mapa de la costa"}
