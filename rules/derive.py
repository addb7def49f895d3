"""Derive per-kommun PO status where a län's counts force it; everything else stays unknown."""

from __future__ import annotations

from dataclasses import dataclass

DERIVED_PREFIX = "Härlett: "  # every derived status's derivation text starts so


@dataclass(frozen=True)
class LanCount:
    lan_code: str
    kommuner: int
    med_po: int | None = None
    utan_po: int | None = None

    @property
    def with_po(self) -> int | None:
        """Kommuner with PO, from the direct count or from total minus those without."""
        if self.med_po is not None:
            return self.med_po
        if self.utan_po is not None:
            return self.kommuner - self.utan_po
        return None


@dataclass(frozen=True)
class Derived:
    kommun_code: str
    status: str
    derivation: str


def derive_statuses(*, kommun_lan: dict[str, str], counts: list[LanCount], known: dict[str, str]) -> list[Derived]:
    """Statuses forced by the län counts of one year, for kommuner not already known.

    A län where all (or none) of its kommuner had PO fixes every kommun (even one another
    source contradicts: that disagreement must stay visible); a län where the known "nej"
    (or "ja") already fill the count fixes the rest. Nothing else is guessed.
    """
    out: list[Derived] = []
    for count in counts:
        with_po = count.with_po
        if with_po is None:
            continue
        members = sorted(code for code, lan in kommun_lan.items() if lan == count.lan_code)
        if len(members) != count.kommuner:
            raise ValueError(
                f"Län {count.lan_code}: källan anger {count.kommuner} kommuner, registret har {len(members)}."
            )
        if with_po in (0, count.kommuner):
            status = "ja" if with_po else "nej"
            why = (
                f"Alla {count.kommuner} kommuner i länet hade PO enligt källan."
                if with_po
                else f"Ingen av länets {count.kommuner} kommuner hade PO enligt källan."
            )
            out.extend(Derived(code, status, DERIVED_PREFIX + why) for code in members)
            continue
        unknown = [c for c in members if c not in known]
        known_ja = sum(1 for c in members if known.get(c) == "ja")
        known_nej = sum(1 for c in members if known.get(c) == "nej")
        without = count.kommuner - with_po
        if known_nej == without:
            status, why = "ja", f"Länets {without} kommuner utan PO är kända; övriga hade PO."
        elif known_ja == with_po:
            status, why = "nej", f"Länets {with_po} kommuner med PO är kända; övriga saknade PO."
        else:
            continue
        out.extend(Derived(code, status, DERIVED_PREFIX + why) for code in unknown)
    return out
