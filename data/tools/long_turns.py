"""Long, transcript-length therapist turns for speed measurements: consecutive ESConv dev supporter turns joined into one.

usage: python3 data/tools/long_turns.py [DEV_JSONL] > long-turns.jsonl

Reads ESConv dev (default ../shared/data/esconv/dev.jsonl, relative to the repository) in file order and
joins runs of 5, 6, 7, 8, 9, 10, 5, 6, … consecutive supporter turns (cycling; a run may cross a
conversation boundary, which does not matter for timing) into one turn with a space between them. The
context is the line before the run's first turn; the perspective is `therapist`. Deterministic: the same
input gives the same bytes. Used with `../shared/tools/speed-vs-vader BIN long-turns.jsonl` (see
docs/scoring.md); not labelled data and never used for training.
"""
import json
import sys
from pathlib import Path


def main():
    default = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "esconv" / "dev.jsonl"
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    rows = [json.loads(l) for l in src.read_text(encoding="utf-8").splitlines() if l.strip()]
    i, k, n = 0, 0, 0
    while i < len(rows):
        size = 5 + k % 6
        run = rows[i:i + size]
        n += 1
        print(json.dumps({
            "id": f"long-{n}",
            "text": " ".join(r["text"].strip() for r in run),
            "context": run[0].get("context"),
            "perspective": "therapist",
        }, ensure_ascii=False))
        i += size
        k += 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
