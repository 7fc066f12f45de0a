"""The trained side of replylint: a checks model that reads the rules' verdicts with the
reply's words and decides where the rules are unsure.

- :mod:`~replylint.model.features`: what the model reads (one feature doc per sentence);
- :mod:`~replylint.model.checks_model`: loading a model directory, scoring a reply, and
  :func:`~replylint.model.checks_model.judge`, which settles a check;
- :mod:`~replylint.model.calibration`: calibrated probabilities, thresholds, bands (for
  both models);
- :mod:`~replylint.model.folds`: the cross-validation folds of both models;
- :mod:`~replylint.model.card`: ``model.json``, what a model directory says about itself;
- :mod:`~replylint.model.training`: ``replylint train``;
- the jargon term model, read by the jargon rule from ``<model dir>/terms/``:
  :mod:`~replylint.model.terms_candidates` (the candidates and their features),
  :mod:`~replylint.model.terms` (loading, scoring, deciding) and
  :mod:`~replylint.model.terms_training` (training it).
"""
