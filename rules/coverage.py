"""Coverage arithmetic on plain DataFrames: län tables, changes, gaps, conflicts."""

from __future__ import annotations

import pandas as pd


def with_po(row: pd.Series) -> float | None:
    """Kommuner with PO: the count itself, or total minus those without (Kartläggning 2022)."""
    if pd.notna(row.get("kommuner_med_po")):
        return row["kommuner_med_po"]
    if pd.notna(row.get("kommuner_utan_po")):
        return row["kommuner"] - row["kommuner_utan_po"]
    return None


def lan_table(lan_years: pd.DataFrame, *, prev: int, this: int) -> pd.DataFrame:
    """The Lägesrapport's tabell 2 for any two years: one row per län and a total row.

    `lan_years` has columns lan, year, kommuner, kommuner_med_po, kommuner_utan_po,
    verksamheter, kalla. A count a source lacks stays empty (not 0).
    """
    data = lan_years.assign(med=lan_years.apply(with_po, axis=1))
    a = data[data.year == prev].set_index("lan")
    b = data[data.year == this].set_index("lan")
    lan = sorted(set(a.index) | set(b.index))
    out = pd.DataFrame(
        {
            "Län": lan,
            "Antal kommuner": [int(b.kommuner.get(x, a.kommuner.get(x))) for x in lan],
            f"Med PO {prev}": [a.med.get(x) for x in lan],
            f"Med PO {this}": [b.med.get(x) for x in lan],
        }
    )
    out["Förändring"] = out[f"Med PO {this}"] - out[f"Med PO {prev}"]
    out[f"Verksamheter {this}"] = [b.verksamheter.get(x) for x in lan]
    total = {"Län": "Totalt", "Antal kommuner": out["Antal kommuner"].sum()}
    for col in out.columns[2:]:
        total[col] = out[col].sum(min_count=len(out)) if out[col].notna().all() else None
    out = pd.concat([out, pd.DataFrame([total])], ignore_index=True)
    for col in out.columns[1:]:
        out[col] = out[col].astype("Int64")
    out["Källa"] = [_source(a, b, x) for x in lan] + ["; ".join(sorted(set(a.kalla) | set(b.kalla)))]
    return out


def _source(a: pd.DataFrame, b: pd.DataFrame, lan: str) -> str:
    return "; ".join(sorted({s for s in (a.kalla.get(lan), b.kalla.get(lan)) if isinstance(s, str)}))


def status_changes(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Kommuner whose known status went ja → nej or nej → ja between two status frames. A status
    resting only on a secondary source is not known enough to count as a start or a stop."""

    def firm(frame: pd.DataFrame) -> pd.Series:
        return frame.status.where(~frame.get("sekundar", pd.Series(False, index=frame.index)).astype(bool), "sekundar")

    merged = (
        before[["kod", "kommun", "lan"]]
        .assign(status=firm(before))
        .merge(after[["kod"]].assign(status=firm(after)), on="kod", suffixes=("_fore", "_efter"))
    )
    known = merged.status_fore.isin(["ja", "nej"]) & merged.status_efter.isin(["ja", "nej"])
    changed = merged[known & (merged.status_fore != merged.status_efter)]
    return pd.DataFrame(
        {
            "Kommun": changed.kommun,
            "Län": changed.lan,
            "Förändring": changed.status_efter.map({"ja": "Startade PO", "nej": "Upphörde med PO"}),
        }
    ).reset_index(drop=True)


def unknown_per_lan(frames: dict[int, pd.DataFrame]) -> pd.DataFrame:
    """How many kommuner are 'okand' per län (rows) and year (columns)."""
    counts = {
        year: frame[frame.status == "okand"].groupby("lan").size().reindex(sorted(frame.lan.unique()), fill_value=0)
        for year, frame in sorted(frames.items())
    }
    out = pd.DataFrame(counts).fillna(0).astype(int)
    out.index.name = "Län"
    return out


def lan_share(frame: pd.DataFrame, lan_years: pd.DataFrame, year: int) -> pd.DataFrame:
    """Per län: kommuner with PO of all (from the län table), as share, for the län map."""
    rows = lan_years[lan_years.year == year]
    out = pd.DataFrame(
        {
            "kod": rows.lan_code,
            "lan": rows.lan,
            "med_po": rows.apply(with_po, axis=1),
            "kommuner": rows.kommuner,
            "kalla": rows.kalla,
        }
    )
    out["andel"] = out.med_po / out.kommuner
    out["andel_text"] = out.apply(
        lambda r: f"{int(r.med_po)} av {int(r.kommuner)} ({round(100 * r.andel)} %)" if pd.notna(r.med_po) else "okänt",
        axis=1,
    )
    return out.reset_index(drop=True)


NO_DATA, NO_PO, UNKNOWN_STATUS = "Har PO – uppgift saknas", "Saknar PO", "Okänd status"


def kommun_categories(status: pd.DataFrame, by_kommun: pd.Series) -> pd.Series:
    """Per kommun: the category of the verksamhet serving it (`by_kommun`, indexed by kod) where
    there is one; otherwise whether it has PO without data, lacks PO, or its status is unknown."""
    fallback = status.status.map({"ja": NO_DATA, "nej": NO_PO}).fillna(UNKNOWN_STATUS)
    found = status.kod.map(by_kommun.to_dict())
    return pd.Series([f if isinstance(f, str) else d for f, d in zip(found, fallback)], index=status.index)


def disagreements(status: pd.DataFrame, lan_years: pd.DataFrame, year: int) -> pd.DataFrame:
    """Per län where the statuses the map shows cannot fit the län table's count for `year` (Lägesrapport tabell 2,
    Kartläggning tabell 1): more kommuner with PO than the table says, or more without than it leaves. Columns
    lan_kod, lan, registrerat (kommuner with PO, primary sources), dokument (the table's count), kommuner, kalla
    (the table, short) and text – "Källorna går isär: registrerat N, Lägesrapport 2025 tabell 2: M"."""
    rows = []
    firm = status[~status.get("sekundar", pd.Series(False, index=status.index)).astype(bool)]
    for _, t in lan_years[lan_years.year == year].iterrows():
        table = with_po(t)
        if table is None or pd.isna(table):
            continue
        own = firm[firm.lan_kod == t.lan_code]
        ja, nej = int((own.status == "ja").sum()), int((own.status == "nej").sum())
        if ja <= table and nej <= t.kommuner - table:
            continue
        label = str(t.kalla_kort).replace(", tabell", " tabell")
        if ja > table:
            text = f"Källorna går isär: registrerat {ja}, {label}: {int(table)} (kommuner med PO i {t.lan} {year})."
        else:
            text = (
                f"Källorna går isär: registrerat {nej} utan PO, {label}: {int(t.kommuner - table)} utan PO "
                f"({t.lan} {year}, {int(t.kommuner)} kommuner)."
            )
        rows.append(
            {
                "lan_kod": t.lan_code,
                "lan": t.lan,
                "registrerat": ja if ja > table else nej,
                "dokument": int(table) if ja > table else int(t.kommuner - table),
                "kommuner": int(t.kommuner),
                "kalla": t.kalla_kort,
                "text": text,
            }
        )
    return pd.DataFrame(rows, columns=["lan_kod", "lan", "registrerat", "dokument", "kommuner", "kalla", "text"])
