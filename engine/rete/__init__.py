"""Stage 2, model → compiled network: conditions in normal form, compiled into
experta rules, with the fixes and speed-ups experta 1.9.4 needs (compatibility
shim, exact agenda, indexed Rete matcher).

Imports the knowledge-base layer (``engine.kb``) only, never the consultation.
"""
