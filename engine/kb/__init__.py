"""Stage 1, YAML → model: read the knowledge-base files strictly, validate them
against the pydantic schema, cross-check them, and cache the result.

Nothing here knows about experta or consultations: this layer imports only
``gvc_advisor.engine.errors`` and itself.
"""
