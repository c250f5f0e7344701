"""Deprecated path: ``speechparse.columns`` moved to ``speechparse.apps.columns``."""

from speechparse._moved import alias

alias(__name__)
