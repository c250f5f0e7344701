"""Deprecated path: ``speechparse.parquet`` moved to ``speechparse.apps.parquet``."""

from speechparse._moved import alias

alias(__name__)
