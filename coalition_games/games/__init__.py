"""The dyad as explicit games: the sequential tree and its backward induction (:mod:`.tree`),
batches of trees (:mod:`.batch`), the strategic form and all its equilibria (:mod:`.strategic`),
Nash's variable-threat game (:mod:`.threats`) and Gambit files (:mod:`.gambit`)."""

__all__: list[str] = []
