"""Search time by term length, the index's lookups against a LIKE scan (issue 13, item 3).

Builds one index of synthetic chunks (``Index.add``, no parsing, so only the
index is timed) and times 1-, 2- and 4-character searches through ``search``
(ranked, ``-n 10``) and, as the baseline a plain table offers, a ``LIKE``
scan of the same chunks for the first ten (unranked).  Characters are drawn
Zipf-like from 3,000 CJK code points, so common characters are common and
pairs are rare, as in text.  CPU time of this process, best of 5.

    python benchmarks/short_terms.py [CHUNKS]      # default 20000 chunks of 300 characters
"""

from __future__ import annotations

import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from speechparse.apps.index import Index, search

HAN = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
WEIGHTS = [1 / (k + 1) for k in range(len(HAN))]


def chunk_text(rng: random.Random, n: int) -> str:
    chars = rng.choices(HAN, WEIGHTS, k=n)
    return "".join(ch if rng.random() > 0.06 else "，" for ch in chars)


def build(db: Path, texts: list[str]) -> float:
    started = time.process_time()
    with Index(db) as index:
        for d in range(0, len(texts), 10):
            chunks = [
                {
                    "id": f"d{d}:{k}",
                    "ordinal": k,
                    "part": 0,
                    "level": 1,
                    "sections": [str(k)],
                    "heading_path": ["标题", f"{k}、小标题"],
                    "numbers": [k],
                    "text": text,
                    "spans": [[0, len(text)]],
                    "char_count": len(text),
                    "overlap_chars": 0,
                }
                for k, text in enumerate(texts[d : d + 10])
            ]
            index.add(f"d{d}", chunks, path=f"d{d}.txt", title="标题")
    return time.process_time() - started


def best(fn: object, rounds: int = 5) -> tuple[float, int]:
    times, found = [], 0
    for _ in range(rounds):
        started = time.process_time()
        found = len(fn())  # type: ignore[operator]
        times.append(time.process_time() - started)
    return min(times), found


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    rng = random.Random(13)
    texts = [chunk_text(rng, 300) for _ in range(count)]
    folder = Path(tempfile.mkdtemp())
    db = folder / "index.sqlite"
    seconds = build(db, texts)
    size = sum(f.stat().st_size for f in folder.glob(db.name + "*"))
    text_bytes = sum(len(t.encode("utf-8")) for t in texts)
    print(f"{count} chunks of 300 characters ({text_bytes / 1e6:.1f} MB of text)")
    print(f"build: {seconds:.1f} s, {size / 1e6:.0f} MB ({size / text_bytes:.2f}× the text)")
    conn = sqlite3.connect(db)
    queries = {
        "1 char, common": HAN[0],
        "1 char, rare": HAN[2000],
        "2 chars, common pair": HAN[0] + HAN[1],
        "2 chars, rare pair": HAN[1500] + HAN[2500],
        "4 chars, from a text": texts[7][100:104],
    }
    print(f"{'query':24} {'index ms':>9} {'LIKE ms':>9}  hits (first 10)")
    for label, query in queries.items():
        a, n = best(lambda q=query: search(db, q, limit=10))
        b, m = best(
            lambda q=query: conn.execute(
                "SELECT rowid FROM chunks WHERE text LIKE ? LIMIT 10", (f"%{q}%",)
            ).fetchall()
        )
        assert n == m, (label, n, m)
        print(f"{label:24} {a * 1000:9.2f} {b * 1000:9.2f}  {n}")


if __name__ == "__main__":
    main()
