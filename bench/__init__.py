"""The benchmark: a synthetic corpus, an equivalent Hugo site, and a runner that times both (issue 6)."""
