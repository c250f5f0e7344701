"""Deprecated path: ``speechparse.render.outline`` moved to ``speechparse.views.outline``."""

from speechparse._moved import alias

alias(__name__)
