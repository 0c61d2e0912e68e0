"""Work spread over processes (generator/build/parallel.py): same results, in the same order, as one process,
with this process working beside its forked helpers; and a real build that uses them."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from conftest import files_under, write_corpus
from generator.build.pipeline import PAGES_PER_TASK, BuildOptions, build
from generator.config.load import load_config
from generator.errors import BuildError, Problem
from generator.build.parallel import HELPER_TASKS, fork_map


def _square(state, task):
    time.sleep(0.002)  # long enough that the helpers get tasks too
    return state * task * task, os.getpid()


@pytest.mark.parametrize("workers", [2, 3])
def test_results_come_in_task_order_and_every_process_works(workers):
    count = HELPER_TASKS  # one set of helpers
    results = list(fork_map(_square, 2, range(count), workers))
    assert [value for value, _ in results] == [2 * n * n for n in range(count)]
    pids = {pid for _, pid in results}
    assert os.getpid() in pids  # this process took tasks itself
    assert len(pids) == workers  # and so did each helper


def test_long_work_is_shared_by_fresh_helpers_part_by_part_in_order():
    # A helper copies on write every object it reads: one that lived through a big site's whole render held a
    # copy of most of the model. Each part of the work gets newly forked helpers.
    count = 2 * HELPER_TASKS + 7
    results = list(fork_map(_square, 3, range(count), 2))
    assert [value for value, _ in results] == [3 * n * n for n in range(count)]
    helpers = {pid for _, pid in results} - {os.getpid()}
    assert len(helpers) == 3  # one helper for each of the three parts


def test_one_worker_or_one_task_runs_here():
    assert {pid for _, pid in fork_map(_square, 1, range(5), 1)} == {os.getpid()}
    assert {pid for _, pid in fork_map(_square, 1, [3], 4)} == {os.getpid()}


def _fail_on_seven(state, task):
    if task == 7:
        raise BuildError(Problem("content/seven.md", 3, "broken in a worker"))
    time.sleep(0.001)
    return task


def test_an_error_in_any_process_reaches_the_caller():
    with pytest.raises(BuildError, match="broken in a worker"):
        list(fork_map(_fail_on_seven, None, range(30), 2))


def _killed_in_a_helper(parent, task):
    if os.getpid() != parent:  # the helper's first task
        os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer would
    time.sleep(0.01)
    return task


def test_a_helper_killed_from_outside_fails_the_work_instead_of_hanging():
    outcome = {}

    def run():
        try:
            outcome["results"] = list(fork_map(_killed_in_a_helper, os.getpid(), range(40), 2))
        except BuildError as error:
            outcome["error"] = error

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive(), "fork_map still waits for the killed helper's task"
    assert "results" not in outcome
    assert "helper process" in str(outcome["error"]) and "--workers 1" in str(outcome["error"])


@pytest.mark.slow
def test_a_build_across_processes_writes_what_one_process_writes(tmp_path):
    # 400 items: more than one task of items and of pages, so both stages really fork.
    write_corpus(400, tmp_path / "one", seed=5)
    write_corpus(400, tmp_path / "two", seed=5)
    results = {}
    for name, workers in (("one", 1), ("two", 2)):
        config = load_config(tmp_path / name / "config.yaml")
        results[name] = build(config, BuildOptions(workers=workers), environ={"SOURCE_DATE_EPOCH": "1782820800"})
    assert len(results["two"].site.pages) > 2 * PAGES_PER_TASK
    assert results["one"].rendered == results["two"].rendered
    one = files_under(tmp_path / "one" / "output")
    assert one == files_under(tmp_path / "two" / "output")
    assert len(one) > 500



@pytest.mark.slow
def test_a_full_build_renders_every_page_once_lists_of_the_same_days_together(tmp_path):
    from generator.build.pipeline import plan_site, render_order

    config = load_config(write_corpus(300, tmp_path / "site", seed=7))
    site = plan_site(config, BuildOptions(workers=1), environ={"SOURCE_DATE_EPOCH": "1782820800"})
    order = render_order(list(site.pages))
    assert sorted(p.output for p in order) == sorted(p.output for p in site.pages)
    kinds = [p.kind for p in order]
    assert kinds.index("latest") > max(i for i, kind in enumerate(kinds) if kind == "article")
    lists = [p for p in order if p.kind != "article" and p.items]
    middles = [sorted(p.items)[(len(p.items) - 1) // 2] for p in lists]
    assert middles == sorted(middles)  # newest stories' lists first, as Latest page 1 is
    assert {"latest", "topic", "provider", "top"} <= {p.kind for p in lists[: len(lists) // 2]}
