"""Fictitious per-verksamhet data for all of Sweden, consistent with the real aggregates.

Only for demo mode (PO_DEMO=1), into its own database. Every demo row points to the source
DEMO, every page shows the banner "Exempeldata – inte verkliga uppgifter", and every export made
in demo mode says Exempeldata in its name and on every sheet. Invented figures are pinned only on
invented organisations ("Exempelverksamhet …"), never on a real one.
"""

from __future__ import annotations

import random
from collections import defaultdict

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from db import models as m
from rules.ledningsgrupp import MANDATORY

DEMO = "DEMO"
YEAR = 2025
GROUPS = ["Hushåll med hemmavarande barn under 18 år", "Personer som riskerar vräkning eller är hemlösa",
          "Unga vuxna", "Personer utan annan myndighetskontakt eller nätverk"]


def load_demo(engine: Engine, *, seed: int = 2025) -> dict[str, int]:
    """Add the demo rows (idempotent: the same seed gives the same rows)."""
    rnd = random.Random(seed)
    with Session(engine) as s:
        s.merge(m.Source(key=DEMO, document="Exempeldata – fiktiva uppgifter, inte verkliga", publisher="PO-dashboard",
                         part="Genererade i demoläge utifrån länens antal i Lägesrapport 2025", year=YEAR,
                         reference="seed/demo.py", secondary=False, short="Exempeldata"))
        s.flush()
        kommuner = defaultdict(list)
        for k in s.exec(select(m.Kommun).order_by(m.Kommun.code)):
            kommuner[k.lan_code].append(k.code)
        counts = {r.lan_code: r for r in s.exec(select(m.LanYear).where(m.LanYear.year == YEAR,
                                                                         m.LanYear.source_key == "LR2025-T2"))}
        known = {r.kommun_code: r.status for r in s.exec(select(m.KommunStatus).where(m.KommunStatus.year == YEAR))}
        real_links = defaultdict(set)
        for link in s.exec(select(m.VerksamhetKommun).where(m.VerksamhetKommun.year == YEAR)):
            real_links[link.verksamhet_id].add(link.kommun_code)
        verksamheter: list[tuple[int, list[str]]] = []
        for lan, row in sorted(counts.items()):
            members = kommuner[lan]
            with_po = [c for c in members if known.get(c) == "ja"]
            open_ = [c for c in members if c not in known]
            rnd.shuffle(open_)
            extra = open_[: max(0, row.kommuner_med_po - len(with_po))]
            for c in open_:
                s.merge(m.KommunStatus(kommun_code=c, year=YEAR, source_key=DEMO, status="ja" if c in extra else "nej",
                                       derivation="Exempeldata"))
            # Invented figures go only on invented organisations: a kommun a real verksamhet serves
            # keeps just the real (sourced) facts.
            served_for_real = {c for codes in real_links.values() for c in codes}
            with_po = sorted(c for c in with_po + extra if c not in served_for_real)
            n = min(row.verksamheter or 0, len(with_po))
            groups = [with_po[i::n] for i in range(n)] if n else []
            for j, served in enumerate(groups, start=1):
                slug = f"demo-{lan}-{j}"
                v = s.exec(select(m.Verksamhet).where(m.Verksamhet.slug == slug)).first() or m.Verksamhet(
                    slug=slug, name=f"Exempelverksamhet {j} ({row.lan_code})", organiser_type="kommun",
                    host_kommun_code=served[0], lan_code=lan, source_key=DEMO)
                s.add(v)
                s.flush()
                for code in served:
                    s.merge(m.VerksamhetKommun(verksamhet_id=v.id, kommun_code=code, year=YEAR, source_key=DEMO))
                verksamheter.append((v.id, served))
        _per_verksamhet(s, rnd, verksamheter)
        s.commit()
        return {"verksamheter": len(verksamheter)}


def _per_verksamhet(s: Session, rnd: random.Random, verksamheter: list[tuple[int, list[str]]]) -> None:
    """Ombud (≈ 324,5 FTE, 10 561 clients in all), 88 % complete ledningsgrupper, 64 % with queues."""
    total_kommuner = sum(len(k) for _, k in verksamheter)
    incomplete = set(rnd.sample([v for v, _ in verksamheter], round(0.12 * len(verksamheter))))
    queued = set(rnd.sample([v for v, _ in verksamheter], round(0.64 * len(verksamheter))))
    long_waits = set(rnd.sample(sorted(queued), 2))
    for vid, served in verksamheter:
        fte = max(0.5, round(324.5 * len(served) / total_kommuner * 2) / 2)
        s.merge(m.Ombud(verksamhet_id=vid, year=YEAR, persons=max(1, round(fte * 1.08)), fte=fte, fte_granted=fte,
                        clients=round(10_561 * len(served) / total_kommuner), source_key=DEMO))
        missing = rnd.choice(["primarvard"] * 3 + ["arbetsformedlingen", "forsakringskassan"]) if vid in incomplete else None
        for seat in MANDATORY:
            s.merge(m.LedningsgruppSeat(verksamhet_id=vid, year=YEAR, seat=seat,
                                        status="vakant" if seat == missing else "besatt", source_key=DEMO))
        s.merge(m.LedningsgruppSeat(verksamhet_id=vid, year=YEAR, seat="brukarorganisation",
                                    status=rnd.choice(["besatt", "besatt", "erbjuden_avbojd"]), source_key=DEMO))
        if vid in queued:
            typical = 365 if vid in long_waits else rnd.randint(20, 70)
            s.merge(m.Vantetid(verksamhet_id=vid, year=YEAR, has_queue=True, typical_days=typical,
                               max_days=min(730, typical + rnd.randint(10, 60)), waiting_count=rnd.randint(2, 25),
                               priority_groups="; ".join(rnd.sample(GROUPS, rnd.randint(2, 4))), source_key=DEMO))
        else:
            s.merge(m.Vantetid(verksamhet_id=vid, year=YEAR, has_queue=False, source_key=DEMO))
