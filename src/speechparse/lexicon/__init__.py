"""The rules as data: numbering styles, noise and title patterns, numerals, character classes.

Every regular expression and word list lives here once, below every stage,
so that the stages share one definition of a marker or a paywall line and
none has to import another stage to ask what a pattern is.
"""
