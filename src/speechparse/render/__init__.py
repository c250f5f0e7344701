"""Deprecated package: the renderers moved to :mod:`speechparse.views`.

``speechparse.render`` and its modules still import (each warns once); the
names this package exported are re-exported from their new homes.
"""

import warnings

from speechparse.views.markdown import MarkdownRenderer
from speechparse.views.outline import outline
from speechparse.views.text import TextRenderer

warnings.warn(
    "speechparse.render moved to speechparse.views; import it from there",
    DeprecationWarning,
    stacklevel=2,
)

__all__ = ["MarkdownRenderer", "TextRenderer", "outline"]
