"""Test-suite settings.

Hypothesis: no per-example deadline. CI runs on a shared 2-core machine where a single example can
be slowed by load; a deadline would turn that noise into "Flaky" failures without testing anything
about correctness (timing is measured in benchmarks/, never asserted in tests). Each property keeps
its own ``max_examples``.
"""

from hypothesis import settings

settings.register_profile("coalition_games", deadline=None)
settings.load_profile("coalition_games")
