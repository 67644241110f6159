"""Cluster roll-up: many firms (answers files, workshop sessions, survey tables)
consulted over a process pool and aggregated as they come.

``run.run_rollup`` drives it: ``sources`` checks the inputs and cuts them into
tasks, ``tables`` and ``cells`` read survey rows, ``worker`` consults (in pool
processes, see ``pool``), ``tally`` aggregates, ``measures`` (with
``collective_measures.yaml``) decides the collective measures, ``per_firm``
streams the per-firm tables, and ``render`` / ``render_*`` / ``svg`` present
the summary; ``template`` writes a blank survey.
"""
