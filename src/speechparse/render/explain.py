"""Deprecated path: ``speechparse.render.explain`` moved to ``speechparse.views.explain``."""

from speechparse._moved import alias

alias(__name__)
