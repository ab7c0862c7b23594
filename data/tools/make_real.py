"""Selects the real texts we label ourselves: ESConv dev and extra (CC BY-NC 4.0) and Stanford politeness
requests (CC BY 4.0), a deterministic sample ordered by hash. Writes data/items/real.jsonl; with `--round2`,
the remaining ESConv set-aside turns to data/items/real-r2.jsonl; with `--round3`, 600 more politeness
requests to data/items/real-r3.jsonl."""
import csv, os, sys
from common import fnv1a64, mix, read_jsonl, write_jsonl

SHARED = os.environ.get("RAPPORT_SHARED_DATA", os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../shared/data"))
OUT = os.path.join(os.path.dirname(__file__), "../items/real.jsonl")
TAKE = {"esconv-dev": 900, "esconv-extra": 700, "politeness-wikipedia": 250, "politeness-stack-exchange": 250}

def pick(rows, n):
    rows = [r for r in rows if r["text"].strip()]
    rows.sort(key=lambda r: mix(fnv1a64(r["id"])))
    return rows[:n]

items = []
for src, fname in (("esconv-dev", "dev.jsonl"), ("esconv-extra", "extra.jsonl")):
    rows = read_jsonl(os.path.join(SHARED, "esconv", fname))
    for r in pick(rows, TAKE[src]):
        items.append({"id": r["id"], "source": src, "source_label": r["strategy"], "perspective": "therapist",
                      "context": r.get("context", ""), "text": r["text"]})
for src, fname in (("politeness-wikipedia", "wikipedia.annotated.csv"), ("politeness-stack-exchange", "stack-exchange.annotated.csv")):
    with open(os.path.join(SHARED, "politeness", fname), encoding="utf-8") as f:
        rows = [{"id": f"{src}-{r['Id']}", "text": r["Request"], "score": r["Normalized Score"]} for r in csv.DictReader(f)]
    for r in pick(rows, TAKE[src]):
        items.append({"id": r["id"], "source": src, "source_label": f"politeness {float(r['score']):+.2f}",
                      "perspective": "client", "context": "", "text": r["text"]})
if "--round3" in sys.argv:
    # Round 3 (issue 9, third session): 300 more requests from each politeness corpus, the next ones in
    # the same hash order, skipping any id already in items/real.jsonl (the corpus repeats a few ids).
    # Written to items/real-r3.jsonl.
    taken = {r["id"] for r in read_jsonl(OUT)}
    more = []
    for src, fname in (("politeness-wikipedia", "wikipedia.annotated.csv"), ("politeness-stack-exchange", "stack-exchange.annotated.csv")):
        with open(os.path.join(SHARED, "politeness", fname), encoding="utf-8") as f:
            rows = [{"id": f"{src}-{r['Id']}", "text": r["Request"], "score": r["Normalized Score"]} for r in csv.DictReader(f)]
        fresh, seen = [], set()
        for r in pick(rows, len(rows)):
            if r["id"] in taken or r["id"] in seen:
                continue
            seen.add(r["id"])
            fresh.append(r)
        more += [{"id": r["id"], "source": src, "source_label": f"politeness {float(r['score']):+.2f}",
                  "perspective": "client", "context": "", "text": r["text"]} for r in fresh[:300]]
    out3 = os.path.join(os.path.dirname(__file__), "../items/real-r3.jsonl")
    write_jsonl(out3, more)
    print(f"{len(more)} items -> {out3}", file=sys.stderr)
elif "--round2" not in sys.argv:
    write_jsonl(OUT, items)
    print(f"{len(items)} items -> {OUT}", file=sys.stderr)
else:
    # Round 2 (issue 9, second session): every remaining ESConv set-aside supporter turn, in the same
    # hash order, so that the model sees more real writing. Written to items/real-r2.jsonl.
    rows = read_jsonl(os.path.join(SHARED, "esconv", "extra.jsonl"))
    rest = pick(rows, len(rows))[TAKE["esconv-extra"]:]
    out2 = os.path.join(os.path.dirname(__file__), "../items/real-r2.jsonl")
    write_jsonl(out2, [{"id": r["id"], "source": "esconv-extra", "source_label": r["strategy"], "perspective": "therapist",
                        "context": r.get("context", ""), "text": r["text"]} for r in rest])
    print(f"{len(rest)} items -> {out2}", file=sys.stderr)
