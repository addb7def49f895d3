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
GROUPS = [
    "Hushåll med hemmavarande barn under 18 år",
    "Personer som riskerar vräkning eller är hemlösa",
    "Unga vuxna",
    "Personer utan annan myndighetskontakt eller nätverk",
]


def load_demo(engine: Engine, *, seed: int = 2025) -> dict[str, int]:
    """Add the demo rows (idempotent: the same seed gives the same rows)."""
    rnd = random.Random(seed)
    with Session(engine) as s:
        s.merge(
            m.Source(
                key=DEMO,
                document="Exempeldata – fiktiva uppgifter, inte verkliga",
                publisher="PO-dashboard",
                part="Genererade i demoläge utifrån länens antal i Lägesrapport 2025",
                year=YEAR,
                reference="seed/demo.py",
                secondary=False,
                short="Exempeldata",
            )
        )
        s.flush()
        kommuner = defaultdict(list)
        for k in s.exec(select(m.Kommun).order_by(m.Kommun.code)):
            kommuner[k.lan_code].append(k.code)
        counts = {
            r.lan_code: r
            for r in s.exec(select(m.LanYear).where(m.LanYear.year == YEAR, m.LanYear.source_key == "LR2025-T2"))
        }
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
                s.merge(
                    m.KommunStatus(
                        kommun_code=c,
                        year=YEAR,
                        source_key=DEMO,
                        status="ja" if c in extra else "nej",
                        derivation="Exempeldata",
                    )
                )
            # Invented figures go only on invented organisations: a kommun a real verksamhet serves
            # keeps just the real (sourced) facts.
            served_for_real = {c for codes in real_links.values() for c in codes}
            with_po = sorted(c for c in with_po + extra if c not in served_for_real)
            n = min(row.verksamheter or 0, len(with_po))
            groups = [with_po[i::n] for i in range(n)] if n else []
            for j, served in enumerate(groups, start=1):
                slug = f"demo-{lan}-{j}"
                v = s.exec(select(m.Verksamhet).where(m.Verksamhet.slug == slug)).first() or m.Verksamhet(
                    slug=slug,
                    name=f"Exempelverksamhet {j} ({row.lan_code})",
                    organiser_type="kommun",
                    host_kommun_code=served[0],
                    lan_code=lan,
                    source_key=DEMO,
                )
                s.add(v)
                s.flush()
                for code in served:
                    s.merge(m.VerksamhetKommun(verksamhet_id=v.id, kommun_code=code, year=YEAR, source_key=DEMO))
                verksamheter.append((v.id, served))
        _per_verksamhet(s, rnd, verksamheter)
        s.commit()
        return {"verksamheter": len(verksamheter)}


def apportion(total: int, weights: list[float]) -> list[int]:
    """`total` split in whole parts proportional to `weights`, summing exactly to `total` (largest remainder)."""
    whole = sum(weights)
    exact = [total * w / whole for w in weights]
    parts = [int(x) for x in exact]
    for i in sorted(range(len(exact)), key=lambda i: (parts[i] - exact[i], i))[: total - sum(parts)]:
        parts[i] += 1
    return parts


# The published 2025 figures the demo's per-verksamhet records add up to (Lägesrapport 2025; the test checks the
# page against the document's numbers, not against these)
OMBUD_PERSONS, OMBUD_HALF_FTE, GRANTED_HUNDREDTHS = 351, 649, 33142  # 351 ombud, 324,5 and 331,42 tjänster
CLIENTS = {"men": [1019, 1995, 1128, 605], "women": [1166, 2796, 1560, 292]}  # tabell 3
CHILDREN = {"men": 437, "women": 1093}  # tabell 4
REASON_SHARES = {"myndighet": (40, 67), "ekonomi": (33, 50), "sjukvard": (26, 44), "annat": (30, 30)}  # annat: invented
BRISTER = [
    ("region_vard", "central", "Kunskapsbrist i primärvården om psykisk ohälsa och NPF"),
    ("region_vard", "lokal", "Vårdplaner saknas eller är inaktuella"),
    ("region_vard", "handlaggare", "Läkarintyg ofullständiga eller mallbaserade"),
    ("samordning", "lokal", "SIP kallas inte till trots behov"),
    ("gode_man", "central", "Brist på gode män ger långa väntetider"),
    ("digital", "central", "Digitala tjänster utan alternativ för den som inte kan använda dem"),
    ("socialtjansten", "lokal", "Krav på skriftlig ansökan om nödbistånd"),
    ("arbetsformedlingen", "central", "Otydlig information om arbetssökande med förhinder"),
    ("forsakringskassan", "central", "Avslag på sjukpenning med hänvisning till normalt förekommande arbete"),
    ("forsakringskassan", "handlaggare", "Svårt att nå handläggare per telefon"),
    ("sgi", "central", "Oklara regler för att skydda sin SGI"),
]


def _per_verksamhet(s: Session, rnd: random.Random, verksamheter: list[tuple[int, list[str]]]) -> None:
    """Ombud (351 ombud, 324,5 heltidstjänster, 331,42 financed, 10 561 clients in all), 88 % complete
    ledningsgrupper, 64 % with queues, and each verksamhet's återrapport, application and decision."""
    weights = [len(served) for _, served in verksamheter]
    # whole tjänster, at least one each, and the half left over to the largest (ombud persons ≥ tjänster everywhere)
    halves = [2 * (w + 1) for w in apportion(OMBUD_HALF_FTE // 2 - len(weights), weights)]
    halves[weights.index(max(weights))] += OMBUD_HALF_FTE - sum(halves)
    persons = [-(-h // 2) for h in halves]  # whole persons, at least the FTE
    extra = apportion(OMBUD_PERSONS - sum(persons), [h / 2 for h in halves])
    persons = [p + e for p, e in zip(persons, extra)]
    granted = apportion(GRANTED_HUNDREDTHS, [h / 2 for h in halves])
    cells = {sex: [apportion(n, weights) for n in counts] for sex, counts in CLIENTS.items()}
    clients = [sum(cells[sex][a][i] for sex in CLIENTS for a in range(4)) for i in range(len(weights))]
    men = [sum(cells["men"][a][i] for a in range(4)) for i in range(len(weights))]
    women = [c - x for c, x in zip(clients, men)]
    children = {"men": apportion(CHILDREN["men"], men), "women": apportion(CHILDREN["women"], women)}
    reasons = {
        (r, sex): apportion(round(share / 100 * sum(base)), base)
        for r, shares in REASON_SHARES.items()
        for sex, share, base in (("men", shares[0], men), ("women", shares[1], women))
    }
    without_routines = set(rnd.sample(range(len(weights)), 1))  # 113 of 116 have routines
    incomplete = set(rnd.sample([v for v, _ in verksamheter], round(0.12 * len(verksamheter))))
    queued = set(rnd.sample([v for v, _ in verksamheter], round(0.64 * len(verksamheter))))
    long_waits = set(rnd.sample(sorted(queued), 2))
    for i, (vid, served) in enumerate(verksamheter):
        fte = halves[i] / 2
        s.merge(
            m.Ombud(
                verksamhet_id=vid,
                year=YEAR,
                persons=persons[i],
                fte=fte,
                fte_granted=granted[i] / 100,
                clients=clients[i],
                source_key=DEMO,
            )
        )
        missing = (
            rnd.choice(["primarvard"] * 3 + ["arbetsformedlingen", "forsakringskassan"]) if vid in incomplete else None
        )
        for seat in MANDATORY:
            s.merge(
                m.LedningsgruppSeat(
                    verksamhet_id=vid,
                    year=YEAR,
                    seat=seat,
                    status="vakant" if seat == missing else "besatt",
                    source_key=DEMO,
                )
            )
        s.merge(
            m.LedningsgruppSeat(
                verksamhet_id=vid,
                year=YEAR,
                seat="brukarorganisation",
                status=rnd.choice(["besatt", "besatt", "erbjuden_avbojd"]),
                source_key=DEMO,
            )
        )
        if vid in queued:
            typical = 365 if vid in long_waits else rnd.randint(20, 70)
            s.merge(
                m.Vantetid(
                    verksamhet_id=vid,
                    year=YEAR,
                    has_queue=True,
                    typical_days=typical,
                    max_days=min(730, typical + rnd.randint(10, 60)),
                    waiting_count=rnd.randint(2, 25),
                    priority_groups="; ".join(rnd.sample(GROUPS, rnd.randint(2, 4))),
                    source_key=DEMO,
                )
            )
        else:
            s.merge(m.Vantetid(verksamhet_id=vid, year=YEAR, has_queue=False, source_key=DEMO))
        report = {
            f"{sex}_{age}": cells[sex][a][i]
            for sex in CLIENTS
            for a, age in enumerate(("18_29", "30_49", "50_64", "65"))
        }
        s.merge(
            m.Aterrapport(
                verksamhet_id=vid,
                year=YEAR,
                received=f"{YEAR + 1}-01-{rnd.randint(5, 15):02d}",
                clients=clients[i],
                **report,
                other_sex=0,
                children_men=children["men"][i],
                children_women=children["women"][i],
                **{f"reason_{r}_{sex}": n[i] for (r, sex), n in reasons.items()},
                routines=i not in without_routines,
                reviewed=rnd.random() < 0.9,
                source_key=DEMO,
            )
        )
        for nr, (actor, level, text) in enumerate(rnd.sample(BRISTER, rnd.randint(1, 4)), start=1):
            s.merge(
                m.Systembrist(
                    verksamhet_id=vid,
                    year=YEAR,
                    nr=nr,
                    level=level,
                    actor=actor,
                    description=text,
                    to_ledningsgrupp=rnd.random() < 0.8,
                    source_key=DEMO,
                )
            )
        host, tjanster = served[0], granted[i] / 100
        s.merge(
            m.Ansokan(
                kommun_code=host,
                year=YEAR,
                received=f"{YEAR}-02-{rnd.randint(10, 28):02d}",
                fte_applied=tjanster,
                cost=round(tjanster * 820_000),
                reviewed=True,
                source_key=DEMO,
            )
        )
        s.merge(
            m.Beslut(
                kommun_code=host,
                year=YEAR,
                decided=f"{YEAR}-03-{rnd.randint(15, 31):02d}",
                fte_granted=tjanster,
                source_key=DEMO,
            )
        )
