"""Deprecated path: ``speechparse.chunks`` moved to ``speechparse.views.chunks``."""

from speechparse._moved import alias

alias(__name__)
