"""Deprecated path: ``speechparse.index`` moved to ``speechparse.apps.index``."""

from speechparse._moved import alias

alias(__name__)
