"""Builds the gold labels: where the labellers agree their label stands; where they disagree the
adjudicator's decision does. Writes labels/gold.jsonl and labels/adjudication.jsonl (and, for items
labelled again under the current guide, labels/relabel_adjudication.jsonl); applies labels/consistency.jsonl,
then the reassurance-alone rule.

usage: gold.py A.jsonl B.jsonl DECISIONS.jsonl LABELS_DIR [RELABEL_DECISIONS.jsonl]
A decision line: {"id", "codes": [...final codes...], "style", "behaviour", "reason"}.
Relabelling (data/README.md, "Relabelled under the current guide"): where LABELS_DIR holds relabel_a.jsonl and
relabel_b.jsonl, those items' gold comes from the second, blind labelling and RELABEL_DECISIONS; the first
labelling stays in labeller_a/b.jsonl and adjudication.jsonl as the record."""
import json, sys, os
from common import read_jsonl, write_jsonl, CODES, STYLES, BEHAVIOURS

KEYS = ("codes", "style", "behaviour")


def settle(a_path, b_path, dec_path):
    """Gold from two blind labellings and the adjudicator's decisions: (gold, record, undecided ids)."""
    a = {r["id"]: r for r in read_jsonl(a_path)}
    b = {r["id"]: r for r in read_jsonl(b_path)}
    dec = {r["id"]: r for r in read_jsonl(dec_path)} if dec_path and os.path.exists(dec_path) else {}
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
        record.append({"id": iid, "a": {k: la[k] for k in KEYS}, "b": {k: lb[k] for k in KEYS},
                       "decision": {k: d[k] for k in KEYS}, "reason": d.get("reason", "")})
    return gold, record, missing


gold, record, missing = settle(sys.argv[1], sys.argv[2], sys.argv[3])
out = sys.argv[4]
# Items labelled a second time, blind, under the current guide: their second gold replaces the first.
relabelled = set()
ra, rb = os.path.join(out, "relabel_a.jsonl"), os.path.join(out, "relabel_b.jsonl")
if os.path.exists(ra) and os.path.exists(rb):
    regold, rerecord, remissing = settle(ra, rb, sys.argv[5] if len(sys.argv) > 5 else None)
    assert not remissing, f"{len(remissing)} relabelled items undecided"
    by_id = {g["id"]: g for g in regold}
    relabelled = set(by_id)
    # A relabelled item replaces its first gold; one the first labelling left undecided is added.
    first = {g["id"] for g in gold}
    gold = [by_id.get(g["id"], g) for g in gold] + [g for g in regold if g["id"] not in first]
    missing = [i for i in missing if i not in relabelled]
    write_jsonl(os.path.join(out, "relabel_adjudication.jsonl"), rerecord)
    print(f"relabelled {len(regold)}, adjudicated {len(rerecord)}", file=sys.stderr)
# Consistency passes over older labels (labels/consistency.jsonl): where a later ruling of the guide was
# applied, blind and by two readers, to items labelled before it (data/README.md, "Consistency passes").
# A line: {"id", "pass", "add": [...], "remove": [...], "behaviour": optional, "reason"}. Items labelled
# again under the current guide (above) already follow the ruling and are left as relabelled.
cons_path = os.path.join(out, "consistency.jsonl")
if os.path.exists(cons_path):
    by_id = {g["id"]: g for g in gold}
    for c in read_jsonl(cons_path):
        if c["id"] in relabelled:
            continue
        assert c["id"] in by_id, f"consistency.jsonl: {c['id']} has no gold label"
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
