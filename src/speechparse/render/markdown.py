"""Deprecated path: ``speechparse.render.markdown`` moved to ``speechparse.views.markdown``."""

from speechparse._moved import alias

alias(__name__)
