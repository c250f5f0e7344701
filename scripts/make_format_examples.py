"""Write examples/speech.docx, examples/speech-page.html and examples/speech.pdf.

The same invented speech as the tests' (``tests/format_files.py``), so the
docs show each format on a file anyone can regenerate; the files are
byte-for-byte reproducible (fixed zip dates, reportlab's invariant mode) and
``tests/test_format_examples.py`` fails when a committed one drifts.

    python scripts/make_format_examples.py          # rewrite them
    python scripts/make_format_examples.py --check  # exit 1 when one is out of date
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from format_files import speech_docx, speech_html, speech_pdf  # noqa: E402

EXAMPLES: dict[str, Callable[[], bytes]] = {
    "speech.docx": speech_docx,
    "speech-page.html": speech_html,
    "speech.pdf": lambda: speech_pdf(per_page=10),
}


def main(argv: list[str]) -> int:
    stale = []
    for name, make in EXAMPLES.items():
        path = ROOT / "examples" / name
        data = make()
        if "--check" in argv:
            if not path.exists() or path.read_bytes() != data:
                stale.append(name)
        else:
            path.write_bytes(data)
    for name in stale:
        print(f"examples/{name} is out of date: run python scripts/make_format_examples.py")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
