"""Is the parser's output byte-identical to another commit's?  Per document, both trees.

    python scripts/same_output.py                  # working tree against HEAD
    python scripts/same_output.py --base 7802976 --seeds 1,2 --corpus ../shared/corpus
    python scripts/same_output.py --base main --seeds 1 --chunks   # chunk output too

Why: speed work and refactoring promise "no behaviour change", and the only
proof that holds on a million files is that the JSON of every document, and
the explain view that shows each decision, is the same bytes before and after.
The inputs are the corpus, the corpus transformed by ``perturb.py`` (every
transform, each seed given, with the built-in site furniture and the
project's invented sets; skipped when the tool is absent), and the
project's own fixtures, so a change that only shows on dirty text is caught.
With ``--chunks`` each digest also covers ``Document.chunks()`` (every
chunk's JSON and embed text) under option sets that exercise each cutting
option the ``chunks`` command exposes, since chunking has its own fast paths.
The other commit is exported with ``git archive`` and run from its own
``src/`` in a child process with this interpreter; each side prints one
digest per input file and the two lists are compared.  Exit 0 when all are
equal, 1 with the differing files listed otherwise.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_CHILD = r"""
import hashlib, sys
from pathlib import Path
import speechparse
explain = speechparse.explain
CHUNKS = sys.argv[1:] == ["--chunks"]
# The cutting options the chunks command exposes, each at a value that
# changes the cutting (defaults, tight with overlap, packing of small pieces).
CHUNK_OPTIONS = [
    {},
    {"max_chars": 120, "overlap": 30},
    {"max_chars": 300, "min_chars": 80, "merge_siblings": True, "keep_empty": False},
    {"max_chars": 40, "overlap": 39, "doc_id": "d"},
]
for line in sys.stdin:
    path = line.rstrip("\n")
    digest = hashlib.blake2b(digest_size=12)
    try:
        doc = speechparse.parse_bytes(Path(path).read_bytes())
    except Exception as exc:  # an error is an output too
        digest.update(f"{type(exc).__name__}: {exc}".encode())
    else:
        digest.update(doc.model_dump_json(exclude={"input"}).encode())
        digest.update(repr(explain(doc.source)).encode())
        if CHUNKS:
            for options in CHUNK_OPTIONS:
                for chunk in doc.chunks(**options):
                    digest.update(chunk.model_dump_json().encode())
                    digest.update(chunk.contextualize().encode())
                digest.update(b"\0")
    print(path, digest.hexdigest(), flush=True)
"""


def _export(rev: str, into: Path) -> Path:
    """The ``src/`` of ``rev`` unpacked under ``into``."""
    archive = into / "tree.tar"
    subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", "-o", str(archive), rev],
        check=True,
    )
    with tarfile.open(archive) as tar:
        tar.extractall(into / "tree", filter="data")
    return into / "tree" / "src"


def _perturbed(corpus: Path, seeds: list[str], into: Path) -> list[Path]:
    """The corpus transformed by perturb.py: per seed with its built-in site furniture
    and with each of the project's invented furniture sets (none if the tool is absent)."""
    tool = corpus.parent / "tools" / "perturb.py"
    if not tool.is_file():
        return []
    furniture = [None, *sorted((ROOT / "tests" / "fixtures" / "furniture").glob("*.json"))]
    out = []
    for seed in seeds:
        for templates in furniture:
            folder = into / f"perturbed-{seed}-{templates.stem if templates else 'builtin'}"
            extra = ["--templates", str(templates)] if templates else []
            subprocess.run(
                [sys.executable, str(tool), "--seed", seed, *extra, "-q", str(corpus), str(folder)],
                check=True,
            )
            out.append(folder)
    return out


def _digests(src: Path, files: list[str], chunks: bool = False) -> dict[str, str]:
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, *(["--chunks"] if chunks else [])],
        input="\n".join(files) + "\n",
        check=True,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin", "PYTHONHASHSEED": "0"},
    )
    pairs = (line.rsplit(" ", 1) for line in proc.stdout.splitlines())
    return dict(pairs)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", default="HEAD", help="commit to compare against (default HEAD)")
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--seeds", default="1,2", help="perturb.py seeds (default 1,2; '' for none)")
    ap.add_argument(
        "--chunks",
        action="store_true",
        help="also digest Document.chunks() under several option sets (JSON and embed_text)",
    )
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folders = [ROOT / "tests" / "fixtures"]
        if args.corpus.is_dir():
            folders.append(args.corpus)
            seeds = [s for s in args.seeds.split(",") if s]
            folders += _perturbed(args.corpus, seeds, Path(tmp))
        files = sorted(
            str(p)
            for folder in folders
            for p in folder.rglob("*")
            if p.is_file() and p.suffix in {".txt", ".md", ""} and "annotate" not in p.parts
        )
        base = _digests(_export(args.base, Path(tmp)), files, args.chunks)
        here = _digests(ROOT / "src", files, args.chunks)
    differ = sorted(path for path in files if base.get(path) != here.get(path))
    for path in differ:
        print(f"differs: {path}")
    print(f"{len(files) - len(differ)} of {len(files)} inputs identical to {args.base}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
