"""gvc-advisor: upgrading advice for cluster firms in global value chains.

The distribution installs this one import package; its sub-packages are the
top-level folders of the repository (``engine``, ``tui``) and the YAML data
folders (``rules``, ``knowledge_base``) ship inside it.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("gvc-advisor")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"
