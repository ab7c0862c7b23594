"""Shared helpers for Rapport's labelled data: the sealed split rule, reading JSONL, the code set."""
import json
import re

# The sealed test split: an item is in `test` when the FNV-1a 64-bit hash of its id (UTF-8) is 0 mod 5.
# Fixed before any labelling or training; `rapport train` implements the same rule (src/cli/data.rs, with a 10% validation carve-out).
def fnv1a64(s: str) -> int:
    h = 0xCBF29CE484222325
    for b in s.encode("utf-8"):
        h ^= b
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h

def split_key(item_id: str) -> str:
    """The part of an id the split hashes: the conversation for ESConv's set-aside conversations
    (`esconv-failed-<conversation>-<turn>` → `esconv-failed-<conversation>`), so one conversation never
    straddles train and test; the whole id otherwise."""
    m = re.fullmatch(r"(esconv-failed-\d+)-\d+", item_id)
    return m.group(1) if m else item_id

def mix(h: int) -> int:
    """splitmix64's finaliser: spreads FNV's low-bit differences over all bits (for sampling order)."""
    h = ((h ^ (h >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
    h = ((h ^ (h >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
    return h ^ (h >> 31)

def split_of(item_id: str, source: str = "") -> str:
    """`test` (sealed, 20%), `dev` (ESConv dev: validation only, never trained on) or `train`."""
    if fnv1a64(split_key(item_id)) % 5 == 0:
        return "test"
    if source == "esconv-dev":
        return "dev"
    return "train"

CODES = [
    "open_question", "closed_question", "simple_reflection", "complex_reflection", "affirmation",
    "summary", "advice", "giving_information", "persuade", "persuade_with_permission",
    "seeking_collaboration", "emphasizing_autonomy", "confront", "reassurance", "self_focus",
    "i_statement", "disguised_you_statement", "request", "boundary", "hedging", "over_apology",
    "absolute", "command", "insult", "sarcasm", "shouting", "criticism", "contempt", "defensiveness",
    "stonewalling", "gentle_startup", "appreciation", "responsibility", "self_soothing", "repair",
    "acknowledge_view", "propose_options", "ask_interests", "crisis",
]
STYLES = ["assertive", "passive", "aggressive", "passive_aggressive", "neutral"]
BEHAVIOURS = ["question", "reflection", "input", "other"]

def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]

def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
