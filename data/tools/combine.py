"""Gathers the raw work into data/: items (ids made unique), each labeller's labels aligned to the items
by position, and the adjudicators' worklists.

usage: combine.py WORK_DIR   (WORK_DIR holds written-*.jsonl, blind/<set>.jsonl copies and labels/<set>.{A,B}.jsonl)
Item sets (and, for round 20's second labelling of the first round's ESConv turns, relabel-1 … relabel-4): real-1, real-2 (halves of items/real.jsonl), real-3, real-4 (items/real-r2.jsonl, round 2), real-5
(items/real-r3.jsonl, made with `--round3`, labelled in round 4), and every written set WORK_DIR/written-wN.jsonl
in writer order (which round each writer belongs to is in data/README.md). A label line is matched to the item
at the same position in the set (the politeness corpus repeats a few ids, which are made unique here)."""
import os, re, sys
from glob import glob
from collections import Counter
from common import read_jsonl, write_jsonl

work = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))
data = os.path.join(here, "..")
real = read_jsonl(os.path.join(data, "items/real.jsonl"))
seen = Counter()
for r in real:
    seen[r["id"]] += 1
    if seen[r["id"]] > 1:
        r["id"] = f'{r["id"]}-{seen[r["id"]]}'
write_jsonl(os.path.join(data, "items/real.jsonl"), real)
sets = {"real-1": real[:1050], "real-2": real[1050:]}
# Round 2: the remaining ESConv set-aside turns (items/real-r2.jsonl, made by `make_real.py --round2`).
r2_path = os.path.join(data, "items/real-r2.jsonl")
if os.path.exists(r2_path):
    r2 = read_jsonl(r2_path)
    sets["real-3"], sets["real-4"] = r2[:840], r2[840:]
# Round 4: 600 more politeness requests (items/real-r3.jsonl, `make_real.py --round3`), labelled as one set.
r3_path = os.path.join(data, "items/real-r3.jsonl")
if os.path.exists(r3_path):
    sets["real-5"] = read_jsonl(r3_path)
# Written sets in writer order (w1, w2, … w10 …).
writer_no = lambda p: int(re.search(r"written-w(\d+)\.jsonl$", p).group(1))
for p in sorted(glob(os.path.join(work, "written-w*.jsonl")), key=writer_no):
    w = f"w{writer_no(p)}"
    rows = read_jsonl(p)
    write_jsonl(os.path.join(data, f"items/written-{w}.jsonl"), rows)
    sets[w] = rows


def gather(sets, stem):
    """Each labeller's labels of `sets`, aligned to the items by position, written to labels/<stem>_{a,b}.jsonl."""
    out = {"A": [], "B": []}
    for name, items in sets.items():
        for who in ("A", "B"):
            p = os.path.join(work, "labels", f"{name}.{who}.jsonl")
            if not os.path.exists(p):
                continue
            labels = read_jsonl(p)
            if len(labels) != len(items):
                print(f"{name}.{who}: {len(labels)} labels for {len(items)} items — using the first {min(len(labels), len(items))}", file=sys.stderr)
            for item, lab in zip(items, labels):
                base = item["id"].rsplit("-", 1)[0] if item["id"].count("-") > 3 and item["id"].endswith(("-2", "-3")) and item["source"].startswith("politeness") else item["id"]
                assert lab["id"] in (item["id"], base), (name, who, lab["id"], item["id"])
                out[who].append({"id": item["id"], "codes": sorted(set(lab["codes"])), "style": lab["style"], "behaviour": lab["behaviour"], "note": lab.get("note", "")})
    for who, rows in out.items():
        if rows:
            write_jsonl(os.path.join(data, f"labels/{stem}_{who.lower()}.jsonl"), rows)
            print(f"{stem} {who}: {len(rows)} items", file=sys.stderr)


gather(sets, "labeller")
# Round 20: the first round's ESConv turns (items/real.jsonl, 1,600) labelled again, blind, under the current
# guide, in four sets of 400 (relabel-1 … relabel-4); gold.py takes their gold from this second labelling.
esconv_r1 = [r for r in real if r.get("source", "").startswith("esconv")]
assert len(esconv_r1) == 1600, len(esconv_r1)
gather({f"relabel-{k + 1}": esconv_r1[k * 400:(k + 1) * 400] for k in range(4)}, "relabel")
