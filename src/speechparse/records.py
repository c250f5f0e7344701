"""Deprecated path: ``speechparse.records`` moved to ``speechparse.apps.records``."""

from speechparse._moved import alias

alias(__name__)
