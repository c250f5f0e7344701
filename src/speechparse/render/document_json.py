"""Deprecated path: moved to ``speechparse.views.document_json``."""

from speechparse._moved import alias

alias(__name__)
