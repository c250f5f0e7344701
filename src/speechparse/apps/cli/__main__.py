"""``python -m speechparse.apps.cli``: the ``speechparse`` command without its script."""

from speechparse.apps.cli import main

if __name__ == "__main__":  # pragma: no cover
    main()
