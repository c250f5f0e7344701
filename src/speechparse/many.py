"""Deprecated path: ``speechparse.many`` moved to ``speechparse.apps.many``."""

from speechparse._moved import alias

alias(__name__)
