"""Lists where the two blind labellers disagree, item by item, for the adjudicator.

usage: disagreements.py ITEMS.jsonl A.jsonl B.jsonl OUT.jsonl
Writes one line per item with any disagreement: the item (without its source label), both labels,
and the exact points of disagreement (codes only one labeller gave; style; behaviour)."""
import json, sys
from common import read_jsonl, write_jsonl

items = {r["id"]: r for r in read_jsonl(sys.argv[1])}
a = {r["id"]: r for r in read_jsonl(sys.argv[2])}
b = {r["id"]: r for r in read_jsonl(sys.argv[3])}
out = []
for iid, item in items.items():
    if iid not in a or iid not in b:
        continue
    la, lb = a[iid], b[iid]
    only_a = sorted(set(la["codes"]) - set(lb["codes"]))
    only_b = sorted(set(lb["codes"]) - set(la["codes"]))
    points = []
    if only_a or only_b:
        points.append("codes")
    if la["style"] != lb["style"]:
        points.append("style")
    if la["behaviour"] != lb["behaviour"]:
        points.append("behaviour")
    if points:
        out.append({"id": iid, "perspective": item["perspective"], "context": item.get("context", ""),
                    "text": item["text"], "agreed_codes": sorted(set(la["codes"]) & set(lb["codes"])),
                    "only_a": only_a, "only_b": only_b, "style": [la["style"], lb["style"]],
                    "behaviour": [la["behaviour"], lb["behaviour"]]})
write_jsonl(sys.argv[4], out)
print(f"{len(out)} of {len(items)} items need adjudication", file=sys.stderr)
