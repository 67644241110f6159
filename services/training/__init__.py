"""Training mode: exercises from worked cases, a trainee's prediction, the
reveal, scores, result files and course and class summaries.

* :mod:`exercises` — worked cases and trainers' case files as exercises, and
  the system's answer (the consultation and :mod:`engine.advice`).
* :mod:`profile` — the firm as a short narrative built from its answers.
* :mod:`prediction` — what a trainee commits to, and the choices offered.
* :mod:`scoring` — right, close or wrong per point (defined there).
* :mod:`explanation`, :mod:`reveal` — why, in plain language, for each miss.
* :mod:`results` — result files (JSON), saved and read back strictly.
* :mod:`summary`, :mod:`render_class`, :mod:`render_text` — a trainee's course
  summary and a class summary in Markdown, HTML and CSV.

Pure logic only: the TUI (``tui/screens/training*.py``) and the CLI
(``cli/train.py``) present it.
"""
