"""Views of a parsed document: outline, text and Markdown, chunks, queries, explanations.

Each view takes a :class:`~speechparse.model.document.Document` (or an
explanation) and returns something new; none changes the tree and the model
imports none of them (``Document.to_markdown()`` and the like import theirs
when called).  The renderers are re-exported here, one class per output
format, each dispatching on the node ``kind``.
"""

from speechparse.views.markdown import MarkdownRenderer
from speechparse.views.outline import outline
from speechparse.views.text import TextRenderer

__all__ = ["MarkdownRenderer", "TextRenderer", "outline"]
