"""Deprecated path: ``speechparse.query`` moved to ``speechparse.views.query``."""

from speechparse._moved import alias

alias(__name__)
