"""Applications on top of the parser: the command line, batches, the search index, Dask.

Each uses :mod:`speechparse.api` and the views; nothing below imports them.
"""
