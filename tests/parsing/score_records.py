#!/usr/bin/env python3
# ruff: noqa  -- a verbatim copy of shared/tools/score_records.py; keep it in step, not in style
"""Score meeting records (RECORD_FORMAT.md, v1) against gold records.

    score_records.py PRODUCED.json GOLD.json [--attributions FILE] [--verbose]

Both files hold a JSON list of records. Records are paired by `source`
(in order, where one source holds several meetings). Each field scores 0..1;
a gold record with no produced partner scores 0 throughout. Prints a table
of mean scores per field, then `overall: X.XXX` last. Exit 0 always.
Standard library only.
"""

import json
import re
import sys
import unicodedata
from difflib import SequenceMatcher

COUNTRY_ALIASES = {
    "russia": "russian federation",
    "ussr": "soviet union",
    "us": "united states",
    "usa": "united states",
    "united states of america": "united states",
    "uk": "united kingdom",
    "prc": "china",
    "people's republic of china": "china",
    "republic of korea": "south korea",
    "rok": "south korea",
    "korea": "south korea",
    "eu": "european union",
    "viet nam": "vietnam",
}


def norm(text):
    if text is None:
        return ""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"[\"“”]", "", text)
    text = re.sub(r"\s+", " ", text).strip().lower()
    return text.rstrip(".")


def similar(a, b, threshold=0.9):
    a, b = norm(a), norm(b)
    if not a and not b:
        return True
    if not a or not b:
        return False
    return a == b or SequenceMatcher(None, a, b).ratio() >= threshold


COUNTRY_SUFFIX = re.compile(
    r"\s+of\s+(the\s+)?(japan|russia|russian federation|france|french republic|china|"
    r"people's republic of china|united states( of america)?|united kingdom|mongolia|pakistan|"
    r"chile|ukraine|portugal|egypt|jordan|korea|republic of korea|"
    r"(\w+\s+)?(republic|kingdom|federation|state|states|emirates)(\s+of(\s+the)?\s+[\w' -]+)?)$"
)
TITLE_SYNONYMS = {
    "minister for foreign affairs": "foreign minister",
    "minister of foreign affairs": "foreign minister",
}


def norm_title(title):
    """Office titles compare without a trailing 'of <country>' and with common synonyms."""
    t = COUNTRY_SUFFIX.sub("", norm(title))
    return TITLE_SYNONYMS.get(t, t)


def same_title(a, b):
    return similar(norm_title(a), norm_title(b), 0.8)


def same_country(a, b):
    a, b = norm(a), norm(b)
    return COUNTRY_ALIASES.get(a, a) == COUNTRY_ALIASES.get(b, b)


def same_person(produced, gold):
    """produced/gold: participant dicts or plain names."""
    p_names = (
        [produced]
        if isinstance(produced, str)
        else [produced.get("name"), produced.get("name_as_written")]
    )
    g_names = [gold] if isinstance(gold, str) else [gold.get("name"), gold.get("name_as_written")]
    for p in filter(None, p_names):
        for g in filter(None, g_names):
            if similar(p, g, 0.85) or sorted(norm(p).split()) == sorted(norm(g).split()):
                return True
            # family name alone ("Kuznetsov", "Roh"): it may stand first or last in the full name
            pt, gt = norm(p).split(), norm(g).split()
            if pt and gt and (len(pt) == 1 or len(gt) == 1):
                short, full = (pt, gt) if len(pt) == 1 else (gt, pt)
                if any(similar(short[0], part, 0.85) for part in (full[0], full[-1])):
                    return True
    return False


def f1(produced, gold, match):
    if not produced and not gold:
        return 1.0
    if not produced or not gold:
        return 0.0
    used, hits = set(), 0
    for g in gold:
        for i, p in enumerate(produced):
            if i not in used and match(p, g):
                used.add(i)
                hits += 1
                break
    if hits == 0:
        return 0.0
    precision, recall = hits / len(produced), hits / len(gold)
    return 2 * precision * recall / (precision + recall)


def contains_either(a, b):
    """1 when every word of the shorter value stands in the longer one."""
    a, b = set(re.findall(r"\w+", norm(a))), set(re.findall(r"\w+", norm(b)))
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    return 1.0 if (a <= b or b <= a) else 0.0


def matched_pairs(produced, gold):
    used, pairs = set(), []
    for g in gold:
        for i, p in enumerate(produced):
            if i not in used and same_person(p, g):
                used.add(i)
                pairs.append((p, g))
                break
    return pairs


def score_record(p, g):
    s = {}
    s["title"] = 1.0 if similar(p.get("title"), g.get("title"), 0.97) else 0.0
    s["subtitle"] = 1.0 if similar(p.get("subtitle"), g.get("subtitle"), 0.95) else 0.0
    s["provisional"] = (
        1.0
        if bool(p.get("provisional_translation")) == bool(g.get("provisional_translation"))
        else 0.0
    )
    s["published"] = 1.0 if p.get("published") == g.get("published") else 0.0
    s["meeting_dates"] = f1(
        p.get("meeting_dates") or [], g.get("meeting_dates") or [], lambda a, b: a == b
    )
    s["start_time"] = (
        1.0 if (p.get("start_time_local") or None) == (g.get("start_time_local") or None) else 0.0
    )
    pd, gd = p.get("duration_minutes"), g.get("duration_minutes")
    s["duration"] = (
        1.0
        if (pd is None and gd is None) or (pd is not None and gd is not None and abs(pd - gd) <= 1)
        else 0.0
    )
    s["location"] = contains_either(p.get("location"), g.get("location"))
    s["venue"] = contains_either(p.get("venue"), g.get("venue"))
    s["meeting_type"] = 1.0 if p.get("meeting_type") == g.get("meeting_type") else 0.0
    s["occasion"] = contains_either(p.get("occasion"), g.get("occasion"))
    pp, gp = p.get("participants") or [], g.get("participants") or []
    s["participants"] = f1(pp, gp, same_person)
    s["principals"] = f1(
        [x for x in pp if x.get("role") == "principal"],
        [x for x in gp if x.get("role") == "principal"],
        same_person,
    )
    pairs = matched_pairs(pp, gp)
    s["participant_country"] = (
        (sum(same_country(a.get("country"), b.get("country")) for a, b in pairs) / len(pairs))
        if pairs
        else (1.0 if not gp else 0.0)
    )
    s["participant_title"] = (
        (sum(same_title(a.get("title"), b.get("title")) for a, b in pairs) / len(pairs))
        if pairs
        else (1.0 if not gp else 0.0)
    )
    ps, gs = p.get("sections") or [], g.get("sections") or []
    s["sections"] = f1(
        [x.get("heading") for x in ps],
        [x.get("heading") for x in gs],
        lambda a, b: similar(a, b, 0.9),
    )
    psub = [(x.get("heading"), y.get("heading")) for x in ps for y in x.get("subsections") or []]
    gsub = [(x.get("heading"), y.get("heading")) for x in gs for y in x.get("subsections") or []]
    s["subsections"] = f1(
        psub, gsub, lambda a, b: similar(a[0], b[0], 0.9) and similar(a[1], b[1], 0.9)
    )
    s["speakers"] = f1(p.get("speakers") or [], g.get("speakers") or [], same_person)
    s["documents_issued"] = f1(
        p.get("documents_issued") or [],
        g.get("documents_issued") or [],
        lambda a, b: similar(a, b, 0.8),
    )
    return s


def attribution_scores(produced, attributions):
    """For each gold sentence: 1 if the produced statement holding it names exactly its speakers."""
    scores = []
    for a in attributions:
        snippet = norm(a["snippet"])
        holders = [
            st
            for rec in produced
            if rec.get("source") == a["source"]
            for st in rec.get("statements") or []
            if snippet in norm(st.get("text"))
        ]
        ok = False
        if len(holders) == 1:
            got = holders[0].get("speakers") or []
            ok = len(got) == len(a["speakers"]) and f1(got, a["speakers"], same_person) == 1.0
        scores.append((a, ok))
    return scores


def main(argv):
    if len(argv) < 3:
        print(__doc__)
        return 2
    produced = json.load(open(argv[1]))
    gold = json.load(open(argv[2]))
    verbose = "--verbose" in argv
    attributions = None
    if "--attributions" in argv:
        attributions = json.load(open(argv[argv.index("--attributions") + 1]))
    by_source = {}
    for rec in produced:
        by_source.setdefault(rec.get("source"), []).append(rec)
    rows = []
    for g in gold:
        candidates = by_source.get(g.get("source")) or []
        p = candidates.pop(0) if candidates else None
        s = score_record(p, g) if p else dict.fromkeys(score_record({}, g), 0.0)
        rows.append((g.get("source"), s))
        if verbose:
            low = {k: round(v, 2) for k, v in s.items() if v < 1}
            print(f"{g.get('source')}: {'all fields right' if not low else low}")
    extra = sum(len(v) for v in by_source.values())
    fields = list(rows[0][1]) if rows else []
    for f in fields:
        print(f"{f:22s} {sum(r[1][f] for r in rows) / len(rows):.3f}")
    if extra:
        print(f"unpaired produced records: {extra}")
    if attributions is not None:
        scored = attribution_scores(produced, attributions)
        for a, ok in scored:
            if verbose and not ok:
                print(f"misattributed: {a['source']}: {a['snippet'][:60]}... -> {a['speakers']}")
        share = sum(ok for _, ok in scored) / len(scored) if scored else 1.0
        print(f"{'attribution':22s} {share:.3f}")
        for _, s in rows:
            s["attribution"] = share
    per_doc = [sum(s.values()) / len(s) for _, s in rows]
    overall = sum(per_doc) / len(per_doc) if per_doc else 0.0
    if extra:
        overall *= len(rows) / (len(rows) + extra)
    print(f"overall: {overall:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
