"""Renderers: one class per output format, dispatching on node ``kind``."""

from speechparse.render.markdown import MarkdownRenderer
from speechparse.render.outline import outline
from speechparse.render.text import TextRenderer

__all__ = ["MarkdownRenderer", "TextRenderer", "outline"]
