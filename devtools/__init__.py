"""Dev-only tooling, not part of the product app: the synthetic corpus (corpus.py),
the benchmark (bench/), parser scoring on real pages (real_pages.py) and the
`generate_corpus` and `bench` management commands. It imports meetings; meetings
never imports it."""
