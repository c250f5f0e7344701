"""Reading: bytes to text, text to lines, lines to contents with the noise set aside.

The first stage.  It decodes, splits lines, finds noise (paywall markers,
tags, watermarks, page furniture), re-segments collapsed text into the
paragraphs a reader sees, and hands the later stages a list of
:class:`~speechparse.reading.line_content.Content` plus the noise spans.
"""
