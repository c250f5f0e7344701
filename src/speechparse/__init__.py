"""speechparse: Chinese speeches and official documents as a typed tree.

>>> doc = parse("关于学习的心得体会\n一、提高认识。我们要……\n")
>>> [s.heading for s in doc.sections]
['提高认识']
"""

from speechparse.api import parse, parse_bytes, parse_file, parse_text
from speechparse.apps.columns import to_dataframe
from speechparse.apps.many import ParseFailure, parse_many
from speechparse.errors import (
    BinaryInputError,
    DecodeError,
    InputIsADirectoryError,
    InputNotFoundError,
    InputPermissionError,
    InputTooLargeError,
    NotAFileError,
    PathAsTextError,
    ReadError,
    SpeechParseError,
)
from speechparse.model import (
    SCHEMA_VERSION,
    Byline,
    Diagnostic,
    Document,
    Mask,
    Noise,
    Paragraph,
    Point,
    Salutation,
    Section,
    Subtitle,
    Title,
    TrailerBlock,
)
from speechparse.model.explain import ExplainedLine, Explanation
from speechparse.model.nosource import DocumentNoSource
from speechparse.model.outline import Outline
from speechparse.views.chunks import Chunk
from speechparse.views.explainer import explain

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "BinaryInputError",
    "Byline",
    "Chunk",
    "DecodeError",
    "Diagnostic",
    "Document",
    "DocumentNoSource",
    "ExplainedLine",
    "Explanation",
    "InputIsADirectoryError",
    "InputNotFoundError",
    "InputPermissionError",
    "InputTooLargeError",
    "Mask",
    "Noise",
    "NotAFileError",
    "Outline",
    "Paragraph",
    "ParseFailure",
    "PathAsTextError",
    "Point",
    "ReadError",
    "Salutation",
    "Section",
    "SpeechParseError",
    "Subtitle",
    "Title",
    "TrailerBlock",
    "__version__",
    "explain",
    "parse",
    "parse_bytes",
    "parse_file",
    "parse_many",
    "parse_text",
    "to_dataframe",
]
