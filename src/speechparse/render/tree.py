"""Deprecated path: ``speechparse.render.tree`` moved to ``speechparse.views.tree``."""

from speechparse._moved import alias

alias(__name__)
