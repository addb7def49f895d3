"""The återrapport (förordning 2013:522 10 §) and the lägesrapport built from it: the checks a handläggare makes on
one verksamhet's report, and the national (or county) sums Socialstyrelsen's tables are – tabell 3 (clients by sex
and age), tabell 4 (clients living with children), diagram 1 (reasons for contact by sex, as a share of clients),
the systembrister by actor and level – each with how complete it is, and the published figure beside it.

Pure: frames and dicts in, frames and texts out. The labels are the Lägesrapport 2025's own words."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

import pandas as pd

from rules.klienter import AGE_ORDER, SEX_ORDER
from rules.text import fmt_number

AGES = {"18_29": "18–29", "30_49": "30–49", "50_64": "50–64", "65": "≥65"}
SEXES = {"men": "Män", "women": "Kvinnor"}
# Diagram 1's areas as the text names them (the diagram itself is an image); everything else is annat
REASONS = {"myndighet": "Myndighetskontakter", "ekonomi": "Ekonomi", "sjukvard": "Sjukvårdskontakter", "annat": "Annat"}
LEVELS = {"handlaggare": "Handläggarnivå", "lokal": "Lokal nivå", "central": "Central nivå"}
# The headings of the Lägesrapport 2025's bilaga 1, and annan
ACTORS = {
    "region_vard": "Regionens hälso- och sjukvård",
    "samordning": "Samordning mellan myndigheter och samhällsaktörer",
    "gode_man": "Gode män",
    "digital": "Digitalt utanförskap och tillgänglighet",
    "socialtjansten": "Socialtjänsten",
    "arbetsformedlingen": "Arbetsförmedlingen",
    "forsakringskassan": "Försäkringskassan",
    "sgi": "Regler för att skydda sin SGI",
    "annan": "Annan",
}

AGE_FIELDS = {sex: [f"{sex}_{age}" for age in AGES] for sex in SEXES}
CHILD_FIELDS = {"men": "children_men", "women": "children_women"}
REASON_FIELDS = {(r, sex): f"reason_{r}_{sex}" for r in REASONS for sex in SEXES}
COUNT_FIELDS = [*AGE_FIELDS["men"], *AGE_FIELDS["women"], "other_sex", *CHILD_FIELDS.values(), *REASON_FIELDS.values()]


def _sum(values: dict, fields: list[str]) -> int | None:
    """The sum of the fields, or None when none of them is given."""
    given = [values[f] for f in fields if values.get(f) is not None]
    return sum(given) if given else None


def _complete(values: dict, fields: list[str]) -> bool:
    return all(values.get(f) is not None for f in fields)


def by_sex(values: dict) -> dict[str, int | None]:
    """One report's clients per sex (the sum of its age groups), None where not all age groups are given."""
    return {sex: _sum(values, fields) if _complete(values, fields) else None for sex, fields in AGE_FIELDS.items()}


def check(values: dict) -> list[tuple[str, str]]:
    """What a handläggare would refuse in one återrapport, as (field, Swedish reason): the sex × age groups (and
    annan könsidentitet) that do not add up to Klienter; more clients with children, or for a reason, than clients
    of that sex."""
    out = []
    clients = values.get("clients")
    fields = [*AGE_FIELDS["men"], *AGE_FIELDS["women"], "other_sex"]
    split = _sum(values, fields)
    if split is not None and clients is not None:
        if _complete(values, [*AGE_FIELDS["men"], *AGE_FIELDS["women"]]):
            if split != clients:
                out.append(
                    (
                        "clients",
                        f"Män och kvinnor per åldersgrupp{' och annan könsidentitet' if values.get('other_sex') else ''} "
                        f"blir {fmt_number(split)}, men Klienter är {fmt_number(clients)}. Summan ska "
                        "vara lika med Klienter.",
                    )
                )
        elif split > clients:
            out.append(
                (
                    "clients",
                    f"Klienterna per kön och åldersgrupp blir {fmt_number(split)}, fler än "
                    f"Klienter ({fmt_number(clients)}).",
                )
            )
    sexes = by_sex(values)
    for sex, label in SEXES.items():
        bound, of = (
            (sexes[sex], f"{label.lower()} bland klienterna") if sexes[sex] is not None else (clients, "klienter")
        )
        if bound is None:
            continue
        for field in [CHILD_FIELDS[sex], *(REASON_FIELDS[(r, sex)] for r in REASONS)]:
            if values.get(field) is not None and values[field] > bound:
                out.append((field, f"{fmt_number(values[field])} är fler än de {fmt_number(bound)} {of}."))
    children = _sum(values, list(CHILD_FIELDS.values()))
    if (
        children is not None
        and clients is not None
        and children > clients
        and not any(f in CHILD_FIELDS.values() for f, _ in out)
    ):
        out.append(
            (
                "children_women",
                f"Män och kvinnor som bor med barn blir {fmt_number(children)}, fler än "
                f"Klienter ({fmt_number(clients)}).",
            )
        )
    return out


# --- the sums -----------------------------------------------------------------------------------------------------


def clients_table(reports: pd.DataFrame) -> pd.DataFrame:
    """Tabell 3 from the reports: a row per sex (Män, Kvinnor, Totalt), a column per age group and Totalt, in the
    shape of rules.klienter.by_sex_and_age. Only the reports that split all their clients by sex and age count in
    the age cells; Totalt/Totalt is every reported client (annan könsidentitet included, as the report's own)."""
    split = reports[reports[AGE_FIELDS["men"] + AGE_FIELDS["women"]].notna().all(axis=1)]
    rows = {}
    for sex, label in SEXES.items():
        cells = [int(split[f].sum()) if len(split) else None for f in AGE_FIELDS[sex]]
        rows[label] = [*cells, sum(cells) if len(split) else None]
    totals = [None if rows["Män"][j] is None else rows["Män"][j] + rows["Kvinnor"][j] for j in range(len(AGES))]
    clients = reports["clients"].dropna()
    rows["Totalt"] = [*totals, int(clients.sum()) if len(clients) else None]
    table = pd.DataFrame.from_dict(rows, orient="index", columns=[f"{a} år" if a != "Totalt" else a for a in AGE_ORDER])
    table = table.reindex(SEX_ORDER).rename_axis("Kön").reset_index()
    return table.astype({c: "Int64" for c in table.columns if c != "Kön"})


def children_table(reports: pd.DataFrame) -> pd.DataFrame:
    """Tabell 4 from the reports, a row per year: men, women and all living with children, and their share of all
    clients (of the reports that give both)."""
    sums = defaultdict(lambda: [0, 0, 0, 0])  # per year: reports giving both, men, women, their clients
    years = set()
    for year, men, women, clients in zip(reports.year, reports.children_men, reports.children_women, reports.clients):
        years.add(int(year))
        if pd.notna(men) and pd.notna(women):
            found = sums[int(year)]
            found[0], found[1], found[2] = found[0] + 1, found[1] + int(men), found[2] + int(women)
            found[3] += 0 if pd.isna(clients) else int(clients)
    rows = []
    for year in sorted(years):
        given, men, women, clients = sums.get(year, (0, 0, 0, 0))
        total = men + women if given else None
        rows.append(
            {
                "År": year,
                "Män": men if given else None,
                "Kvinnor": women if given else None,
                "Totalt": total,
                "Andel av alla klienter (%)": round(100 * total / clients, 1)
                if total is not None and clients
                else None,
            }
        )
    out = pd.DataFrame(rows, columns=["År", "Män", "Kvinnor", "Totalt", "Andel av alla klienter (%)"])
    return out.astype({**{c: "Int64" for c in out.columns[:4]}, "Andel av alla klienter (%)": "Float64"})


def reasons_table(reports: pd.DataFrame) -> pd.DataFrame:
    """Diagram 1 from the reports: per reason the share (%) of men, of women and of all clients who sought an ombud
    for it – counted over the reports that give the reason and split their clients by sex – with the counts."""
    rows = []
    records = reports.to_dict("records")
    sexes = [by_sex(r) for r in records]
    for reason, label in REASONS.items():
        row = {"Orsak": label}
        counts = {}
        for sex, sex_label in SEXES.items():
            field = REASON_FIELDS[(reason, sex)]
            pairs = [(r[field], s[sex]) for r, s in zip(records, sexes) if pd.notna(r[field]) and s[sex] is not None]
            count, base = sum(int(p[0]) for p in pairs), sum(int(p[1]) for p in pairs)
            counts[sex] = (count, base) if pairs else None
            row[f"{sex_label} (antal)"] = count if pairs else None
            row[f"{sex_label} (%)"] = round(100 * count / base) if pairs and base else None
        both = [c for c in counts.values() if c]
        row["Totalt (%)"] = (
            round(100 * sum(c for c, _ in both) / sum(b for _, b in both))
            if len(both) == 2 and sum(b for _, b in both)
            else None
        )
        rows.append(row)
    columns = ["Orsak", "Män (%)", "Kvinnor (%)", "Totalt (%)", "Män (antal)", "Kvinnor (antal)"]
    out = pd.DataFrame(rows, columns=columns)
    return out.astype({c: "Int64" for c in columns[1:]})


def brister_table(brister: pd.DataFrame) -> pd.DataFrame:
    """The systembrister by actor and level: how many verksamheter report each, and how many brister; the most
    reported first (bilaga 1 could not say this: one row per brist can)."""
    columns = ["Aktör", "Nivå", "Verksamheter", "Brister"]
    reporters, counted = defaultdict(set), Counter()
    for verksamhet, actor, level in zip(brister.verksamhet_id, brister.actor, brister.level):
        reporters[(actor, level)].add(verksamhet)
        counted[(actor, level)] += 1
    actor_order, level_order = {k: n for n, k in enumerate(ACTORS)}, {k: n for n, k in enumerate(LEVELS)}
    order = sorted(counted, key=lambda k: (-len(reporters[k]), -counted[k], actor_order[k[0]], level_order[k[1]]))
    out = pd.DataFrame(
        [(ACTORS[a], LEVELS[lv], len(reporters[(a, lv)]), counted[(a, lv)]) for a, lv in order], columns=columns
    )
    return out.astype({"Verksamheter": "Int64", "Brister": "Int64"})


def brister_per_lan(brister: pd.DataFrame, lan_names: dict[str, str]) -> pd.DataFrame:
    """Per län: verksamheter that reported a systembrist, the brister, and the actor most verksamheter named (among
    equals, the first by its key)."""
    columns = ["Län", "Verksamheter", "Brister", "Vanligaste aktör"]
    if brister.empty:
        return pd.DataFrame(columns=columns)
    reporters, by_actor, counted = defaultdict(set), defaultdict(lambda: defaultdict(set)), Counter()
    for lan, verksamhet, actor in zip(brister.lan_kod, brister.verksamhet_id, brister.actor):
        reporters[lan].add(verksamhet)
        by_actor[lan][actor].add(verksamhet)
        counted[lan] += 1
    rows = []
    for lan in reporters:
        top = min(by_actor[lan], key=lambda a: (-len(by_actor[lan][a]), a))
        rows.append(
            (lan_names.get(lan, lan), len(reporters[lan]), counted[lan], f"{ACTORS[top]} ({len(by_actor[lan][top])})")
        )
    out = pd.DataFrame(sorted(rows), columns=columns)
    return out.astype({"Verksamheter": "Int64", "Brister": "Int64"})


def brister_over_years(brister: pd.DataFrame) -> pd.DataFrame:
    """Verksamheter reporting a brist per actor (rows) and year (columns)."""
    if brister.empty:
        return pd.DataFrame(columns=["Aktör"])
    reporters = defaultdict(set)
    for verksamhet, actor, year in zip(brister.verksamhet_id, brister.actor, brister.year):
        reporters[(actor, int(year))].add(verksamhet)
    years = sorted({y for _, y in reporters})
    rows = [
        {"Aktör": ACTORS[a], **{str(y): len(reporters[(a, y)]) if (a, y) in reporters else None for y in years}}
        for a in ACTORS
        if any((a, y) in reporters for y in years)
    ]
    return pd.DataFrame(rows, columns=["Aktör", *map(str, years)]).astype({str(y): "Int64" for y in years})


@dataclass(frozen=True)
class Completeness:
    reported: int  # län whose every verksamhet has reported
    of: int  # län with at least one verksamhet
    verksamheter: int  # verksamheter that reported
    of_verksamheter: int
    missing: tuple[str, ...]  # "Stockholm (19 av 21 verksamheter)", "Gotland"

    @property
    def text(self) -> str:
        head = (
            f"{self.reported} av {self.of} län har rapporterat ({self.verksamheter} av {self.of_verksamheter} "
            "verksamheter)"
        )
        return head + (" – saknas: " + ", ".join(self.missing) if self.missing else " – inget saknas") + "."

    @property
    def county_text(self) -> str:
        return (
            f"{self.verksamheter} av {self.of_verksamheter} verksamheter har rapporterat"
            + (" – saknas: " + ", ".join(self.missing) if self.missing else " – inget saknas")
            + "."
        )


def completeness(
    active: dict[str, dict[int, str]], reported: set[int], lan_names: dict[str, str], *, per_verksamhet: bool = False
) -> Completeness:
    """How complete the year's reports are: `active` is per län the verksamheter (id → name) that ran that year.
    `per_verksamhet` lists the missing verksamheter by name (a county's own view) instead of the län."""
    missing, done, total, got = [], 0, 0, 0
    for lan, verks in sorted(active.items(), key=lambda kv: lan_names.get(kv[0], kv[0])):
        if not verks:
            continue
        n = sum(1 for v in verks if v in reported)
        total, got = total + len(verks), got + n
        if n == len(verks):
            done += 1
        elif per_verksamhet:
            missing += sorted(name for v, name in verks.items() if v not in reported)
        else:
            missing.append(lan_names.get(lan, lan) + (f" ({n} av {len(verks)} verksamheter)" if n else ""))
    return Completeness(done, sum(1 for v in active.values() if v), got, total, tuple(missing))


def beside_published(ours: pd.DataFrame, published: pd.DataFrame | None, *, key: str) -> pd.DataFrame:
    """Our table and the published one cell by cell (long form): Rad, Kolumn, Ur registrerade uppgifter, Publicerat,
    Skillnad – only where the published table has the cell. `key` is the column naming the rows."""
    columns = [key, "Kolumn", "Ur registrerade uppgifter", "Publicerat", "Skillnad"]
    if published is None or published.empty:
        return pd.DataFrame(columns=columns).astype({c: "Float64" for c in columns[2:]})
    mine = {c: dict(zip(ours[key], ours[c])) for c in ours.columns if c != key}
    rows = []
    for c in (c for c in published.columns if c != key and c in mine):
        for row, theirs in zip(published[key], published[c]):
            if pd.isna(theirs) or row not in mine[c]:
                continue
            value = mine[c][row]
            rows.append(
                (
                    row,
                    c,
                    None if pd.isna(value) else value,
                    theirs,
                    None if pd.isna(value) else round(float(value) - float(theirs), 6) + 0.0,
                )
            )
    order = {row: n for n, row in enumerate(published[key])}
    rows.sort(key=lambda r: order[r[0]])  # row by row, each row's cells in the published table's order
    return pd.DataFrame(rows, columns=columns).astype({c: "Float64" for c in columns[2:]})
