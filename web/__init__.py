"""The browser interface: ``gvc-advisor serve`` runs the interview TUI for the
participants of a workshop, one process per browser tab (textual-serve).

This layer sits beside ``cli`` and ``tui``: it never imports the TUI (each
interview runs the ``gvc-advisor interview`` command in a subprocess), and
the engine and services never import it.
"""
