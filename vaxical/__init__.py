"""vaxical: publish a rule-based public schedule as calendar feeds, JSON and HTML."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("vaxical")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"
