"""Deprecated path: ``speechparse.distributed`` moved to ``speechparse.apps.distributed``."""

from speechparse._moved import alias

alias(__name__)
