"""gvc-advisor: upgrading advice for cluster firms in global value chains.

The distribution installs this one import package; its sub-packages are the
top-level folders of the repository (``engine``, ``tui``) and the YAML data
folders (``rules``, ``knowledge_base``) ship inside it.
"""

# The single source of the version: pyproject.toml reads it from here.
__version__ = "0.1.0"
