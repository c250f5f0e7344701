"""Deprecated path: ``speechparse.search_syntax`` moved to ``speechparse.apps.search_syntax``."""

from speechparse._moved import alias

alias(__name__)
