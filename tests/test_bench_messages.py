"""The benchmark scripts' messages when what they need is missing: pagefind, the search corpus, a data
option. Each is run as a user runs it, `python -m bench.<script>`."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow  # each test runs a benchmark script as a process of its own

# A Python without pagefind: the import system finds no module a None in sys.modules stands for.
WITHOUT_PAGEFIND = ("import runpy, sys; sys.modules['pagefind'] = None; sys.argv[0] = 'search_quality'; "
                    "runpy.run_module('bench.search_quality', run_name='__main__')")


def run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *command], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_the_search_benchmark_without_pagefind_says_what_to_install(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "news").mkdir(parents=True)
    done = run("-c", WITHOUT_PAGEFIND, "--corpus", str(corpus))
    assert done.returncode == 1, done.stderr
    assert "pip install 'pagefind[extended]'" in done.stderr and "--no-pagefind" in done.stderr


def test_the_search_benchmark_without_its_corpus_says_to_pass_one(tmp_path):
    done = run("-m", "bench.search_quality", "--corpus", str(tmp_path / "nowhere"))
    assert done.returncode == 1, done.stderr
    said = done.stderr.strip()
    assert said.startswith(f"{tmp_path / 'nowhere'}: ") and "pass --corpus DIR" in said


@pytest.mark.parametrize("module, option", [("bench.lighthouse", "--corpus"), ("bench.picture_sizes", "--corpus"),
                                            ("bench.stories", "--labelled")])
def test_a_benchmark_without_its_data_says_which_option_names_it(tmp_path, module, option):
    missing = tmp_path / "nowhere"
    done = run("-m", module, option, str(missing))
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(f"{missing}: ") and f"pass {option} " in done.stderr, done.stderr
