"""Deprecated path: ``speechparse.cli`` moved to ``speechparse.apps.cli``."""

from speechparse._moved import alias

alias(__name__)
