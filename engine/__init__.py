"""Inference, in stages: ``kb`` (YAML → validated model) → ``rete`` (model →
compiled experta network) → consultation (``consult``, ``certainty``,
``result``) → ``explain`` and ``relevance`` (which question next).

This package never imports textual, nor the application services above it
(``gvc_advisor.services``): the CLI, the TUI and the tests all use it through
the same functions.
"""
