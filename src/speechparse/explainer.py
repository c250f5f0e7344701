"""Deprecated path: ``speechparse.explainer`` moved to ``speechparse.views.explainer``."""

from speechparse._moved import alias

alias(__name__)
