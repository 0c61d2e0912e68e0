"""The benchmark scripts' messages when what they need is missing: pagefind, the search corpus, a data
option."""

from __future__ import annotations

import pytest


def test_the_search_benchmark_without_pagefind_says_what_to_install(tmp_path, monkeypatch):
    from bench import search_quality

    corpus = tmp_path / "corpus"
    (corpus / "news").mkdir(parents=True)
    monkeypatch.setattr(search_quality, "has_pagefind", lambda: False)
    with pytest.raises(SystemExit) as stopped:
        search_quality.main(["--corpus", str(corpus)])
    said = str(stopped.value.code)
    assert "pip install 'pagefind[extended]'" in said and "--no-pagefind" in said


def test_the_search_benchmark_without_its_corpus_says_to_pass_one(tmp_path):
    from bench import search_quality

    with pytest.raises(SystemExit) as stopped:
        search_quality.main(["--corpus", str(tmp_path / "nowhere")])
    said = str(stopped.value.code)
    assert said.startswith(f"{tmp_path / 'nowhere'}: ") and "pass --corpus DIR" in said


@pytest.mark.parametrize("module, option", [("bench.lighthouse", "--corpus"), ("bench.picture_sizes", "--corpus"),
                                            ("bench.stories", "--labelled")])
def test_a_benchmark_without_its_data_says_which_option_names_it(tmp_path, capsys, module, option):
    import importlib

    missing = tmp_path / "nowhere"
    assert importlib.import_module(module).main([option, str(missing)]) == 2
    said = capsys.readouterr().err
    assert said.startswith(f"{missing}: ") and f"pass {option} " in said, said
