"""The report a consultant hands out: one model (:mod:`.model`, built by
:mod:`.build` from :mod:`.plan_source`), one renderer per format (:mod:`.text`,
:mod:`.markdown`, :mod:`.html`, :mod:`.json_form`).  ``services.report`` is the
entry point the CLI and the TUI call."""
