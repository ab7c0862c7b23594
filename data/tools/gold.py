"""Builds the gold labels: where the labellers agree their label stands; where they disagree the
adjudicator's decision does. Writes labels/gold.jsonl and labels/adjudication.jsonl; applies labels/consistency.jsonl last.

usage: gold.py A.jsonl B.jsonl DECISIONS.jsonl LABELS_DIR
A decision line: {"id", "codes": [...final codes...], "style", "behaviour", "reason"}."""
import json, sys, os
from common import read_jsonl, write_jsonl, CODES, STYLES, BEHAVIOURS

a = {r["id"]: r for r in read_jsonl(sys.argv[1])}
b = {r["id"]: r for r in read_jsonl(sys.argv[2])}
dec = {r["id"]: r for r in read_jsonl(sys.argv[3])} if os.path.exists(sys.argv[3]) else {}
gold, record, missing = [], [], []
for iid in a:
    if iid not in b:
        continue
    la, lb = a[iid], b[iid]
    agree = set(la["codes"]) == set(lb["codes"]) and la["style"] == lb["style"] and la["behaviour"] == lb["behaviour"]
    if agree:
        gold.append({"id": iid, "codes": sorted(la["codes"]), "style": la["style"], "behaviour": la["behaviour"]})
        continue
    d = dec.get(iid)
    if d is None:
        missing.append(iid)
        continue
    assert all(c in CODES for c in d["codes"]), d
    assert d["style"] in STYLES and d["behaviour"] in BEHAVIOURS, d
    gold.append({"id": iid, "codes": sorted(set(d["codes"])), "style": d["style"], "behaviour": d["behaviour"]})
    record.append({"id": iid, "a": {k: la[k] for k in ("codes", "style", "behaviour")},
                   "b": {k: lb[k] for k in ("codes", "style", "behaviour")},
                   "decision": {k: d[k] for k in ("codes", "style", "behaviour")}, "reason": d.get("reason", "")})
out = sys.argv[4]
# Consistency passes over older labels (labels/consistency.jsonl): where a later ruling of the guide was
# applied, blind and by two readers, to items labelled before it (data/README.md, "Consistency passes").
# A line: {"id", "pass", "add": [...], "remove": [...], "behaviour": optional, "reason"}.
cons_path = os.path.join(out, "consistency.jsonl")
if os.path.exists(cons_path):
    by_id = {g["id"]: g for g in gold}
    for c in read_jsonl(cons_path):
        g = by_id[c["id"]]
        assert all(x in CODES for x in c["add"] + c["remove"]), c
        g["codes"] = sorted((set(g["codes"]) - set(c["remove"])) | set(c["add"]))
        if c.get("behaviour"):
            assert c["behaviour"] in BEHAVIOURS, c
            g["behaviour"] = c["behaviour"]
# One consistency rule applied after adjudication (the batches had split on it; LABEL_GUIDE.md, hard cases):
# reassurance alone — no advice, information or persuasion — is behaviour `other`, not `input`.
INPUT_CODES = {"advice", "giving_information", "persuade", "persuade_with_permission"}
for g in gold:
    if g["behaviour"] == "input" and "reassurance" in g["codes"] and not set(g["codes"]) & INPUT_CODES:
        g["behaviour"] = "other"
write_jsonl(os.path.join(out, "gold.jsonl"), gold)
write_jsonl(os.path.join(out, "adjudication.jsonl"), record)
print(f"gold {len(gold)}, adjudicated {len(record)}, undecided (left out) {len(missing)}", file=sys.stderr)
