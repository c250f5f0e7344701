"""Deprecated path: ``speechparse.batch`` moved to ``speechparse.apps.batch``."""

from speechparse._moved import alias

alias(__name__)
