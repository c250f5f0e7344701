"""Deprecated path: ``speechparse.render.text`` moved to ``speechparse.views.text``."""

from speechparse._moved import alias

alias(__name__)
