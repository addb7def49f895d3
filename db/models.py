"""All tables. Every figure row points to a Source (document, table or page, year)."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, UniqueConstraint
from sqlmodel import Field, SQLModel

STATUSES = ("ja", "nej", "okand")
SEATS = ("kommun", "primarvard", "psykiatri", "arbetsformedlingen", "forsakringskassan", "brukarorganisation")
SEAT_STATUSES = ("besatt", "vakant", "erbjuden_avbojd", "ej_erbjuden", "okand")
ORGANISER_TYPES = ("kommun", "kommunforbund", "region", "stiftelse", "ideell_forening", "annan")


class Source(SQLModel, table=True):
    """One document and the part of it (table, page, section) a figure comes from."""

    key: str = Field(primary_key=True, max_length=40)
    document: str = Field(max_length=300)
    publisher: str = Field(max_length=120)
    part: str = Field(max_length=200)
    year: int | None = None
    reference: str = Field(default="", max_length=300)
    secondary: bool = False
    short: str = Field(default="", max_length=80)


class Lan(SQLModel, table=True):
    code: str = Field(primary_key=True, max_length=2)
    name: str = Field(max_length=60)


class Kommun(SQLModel, table=True):
    code: str = Field(primary_key=True, max_length=4)
    name: str = Field(max_length=60)
    lan_code: str = Field(foreign_key="lan.code", max_length=2, index=True)


class Verksamhet(SQLModel, table=True):
    """One PO organisation; it may serve one or many kommuner."""

    __table_args__ = (
        CheckConstraint(f"organiser_type IN {ORGANISER_TYPES}", name="ck_verksamhet_organiser"),
        CheckConstraint("ledningsgrupp_model IS NULL OR ledningsgrupp_model BETWEEN 1 AND 4", name="ck_lg_model"),
    )

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(unique=True, max_length=80)
    name: str = Field(max_length=200)
    organiser_type: str = Field(max_length=20)
    organiser_name: str | None = Field(default=None, max_length=200)
    host_kommun_code: str | None = Field(default=None, foreign_key="kommun.code", max_length=4)
    lan_code: str = Field(foreign_key="lan.code", max_length=2, index=True)
    ledningsgrupp_model: int | None = None
    source_key: str = Field(foreign_key="source.key", max_length=40)
    version: int = 1


class VerksamhetKommun(SQLModel, table=True):
    """Which kommuner a verksamhet serves in a given year."""

    verksamhet_id: int = Field(foreign_key="verksamhet.id", primary_key=True)
    kommun_code: str = Field(foreign_key="kommun.code", primary_key=True, max_length=4)
    year: int = Field(primary_key=True)
    source_key: str = Field(foreign_key="source.key", max_length=40)


class KommunStatus(SQLModel, table=True):
    """Whether a kommun had PO in a year, per source; 'okand' where no source says."""

    __table_args__ = (CheckConstraint(f"status IN {STATUSES}", name="ck_kommunstatus_status"),)

    kommun_code: str = Field(foreign_key="kommun.code", primary_key=True, max_length=4)
    year: int = Field(primary_key=True, index=True)  # every map reads one year
    source_key: str = Field(foreign_key="source.key", primary_key=True, max_length=40)
    status: str = Field(max_length=5)
    derivation: str = Field(max_length=300)


class Ombud(SQLModel, table=True):
    __table_args__ = (CheckConstraint("persons >= 0 AND fte >= 0", name="ck_ombud_nonneg"),)

    verksamhet_id: int = Field(foreign_key="verksamhet.id", primary_key=True)
    year: int = Field(primary_key=True)
    persons: int | None = None
    fte: float | None = None
    fte_granted: float | None = None
    clients: int | None = None
    source_key: str = Field(foreign_key="source.key", max_length=40)


class LedningsgruppSeat(SQLModel, table=True):
    __table_args__ = (
        CheckConstraint(f"seat IN {SEATS}", name="ck_seat"),
        CheckConstraint(f"status IN {SEAT_STATUSES}", name="ck_seat_status"),
    )

    verksamhet_id: int = Field(foreign_key="verksamhet.id", primary_key=True)
    year: int = Field(primary_key=True)
    seat: str = Field(primary_key=True, max_length=30)
    status: str = Field(max_length=20)
    source_key: str = Field(foreign_key="source.key", max_length=40)


class Vantetid(SQLModel, table=True):
    __table_args__ = (
        CheckConstraint("typical_days IS NULL OR typical_days BETWEEN 0 AND 730", name="ck_typical_days"),
        CheckConstraint("max_days IS NULL OR max_days BETWEEN 0 AND 730", name="ck_max_days"),
    )

    verksamhet_id: int = Field(foreign_key="verksamhet.id", primary_key=True)
    year: int = Field(primary_key=True)
    has_queue: bool | None = None
    typical_days: int | None = None
    max_days: int | None = None
    waiting_count: int | None = None
    intake_closed: bool | None = None
    priority_groups: str | None = Field(default=None, max_length=400)
    source_key: str = Field(foreign_key="source.key", max_length=40)


class Statsbidrag(SQLModel, table=True):
    """The national subsidy in one year (Lägesrapport tabell 1 and text)."""

    year: int = Field(primary_key=True)
    pot_total: int | None = None
    administration: int | None = None
    pot_ombud: int | None = None
    fte_granted: float | None = None
    amount_per_fte: int | None = None
    paid: int | None = None
    unused: int | None = None
    source_key: str = Field(foreign_key="source.key", max_length=40)


class LanYear(SQLModel, table=True):
    """Per-län counts for one year from one source; a count the source lacks is NULL."""

    lan_code: str = Field(foreign_key="lan.code", primary_key=True, max_length=2)
    year: int = Field(primary_key=True)
    source_key: str = Field(foreign_key="source.key", primary_key=True, max_length=40)
    kommuner: int
    kommuner_med_po: int | None = None
    kommuner_utan_po: int | None = None
    verksamheter: int | None = None


class NationalFigure(SQLModel, table=True):
    """One national figure (metric) for one year from one source."""

    year: int = Field(primary_key=True)
    metric: str = Field(primary_key=True, max_length=60)
    source_key: str = Field(foreign_key="source.key", primary_key=True, max_length=40)
    value: float
    unit: str = Field(max_length=30)
    note: str = Field(default="", max_length=400)


class ClientGroup(SQLModel, table=True):
    """Clients by sex and age group (Lägesrapport tabell 3; VG presentation tabell 2)."""

    year: int = Field(primary_key=True)
    sex: str = Field(primary_key=True, max_length=10)
    age_group: str = Field(primary_key=True, max_length=10)
    source_key: str = Field(foreign_key="source.key", primary_key=True, max_length=40)
    count: int


class Ansokan(SQLModel, table=True):
    """A kommun's application for the year's subsidy (HSLF-FS 2016:98 2 §: at the länsstyrelse by 1 March)."""

    __table_args__ = (
        CheckConstraint("fte_applied IS NULL OR fte_applied >= 0", name="ck_ansokan_fte"),
        CheckConstraint("cost IS NULL OR cost >= 0", name="ck_ansokan_cost"),
    )

    kommun_code: str = Field(foreign_key="kommun.code", primary_key=True, max_length=4)
    year: int = Field(primary_key=True)
    received: str | None = Field(default=None, max_length=10)  # ISO date
    fte_applied: float | None = None
    cost: int | None = None  # the kommun's yearly cost for the activity, kr
    reviewed: bool = False  # granskad by the länsstyrelse
    source_key: str = Field(foreign_key="source.key", max_length=40)


class Beslut(SQLModel, table=True):
    """The länsstyrelse's decision (HSLF-FS 2016:98 4 §): heltidstjänster granted to a kommun for the year. The
    amount per heltidstjänst is Socialstyrelsen's (5 §, table statsbidrag); the payout follows by the rule."""

    __table_args__ = (CheckConstraint("fte_granted IS NULL OR fte_granted >= 0", name="ck_beslut_fte"),)

    kommun_code: str = Field(foreign_key="kommun.code", primary_key=True, max_length=4)
    year: int = Field(primary_key=True)
    decided: str | None = Field(default=None, max_length=10)  # ISO date
    fte_granted: float | None = None
    source_key: str = Field(foreign_key="source.key", max_length=40)


class Aterrapport(SQLModel, table=True):
    """A verksamhet's report on a subsidy year (10 §: to the länsstyrelse by 15 January the year after)."""

    __table_args__ = (CheckConstraint("clients IS NULL OR clients >= 0", name="ck_aterrapport_clients"),)

    verksamhet_id: int = Field(foreign_key="verksamhet.id", primary_key=True)
    year: int = Field(primary_key=True)  # the year reported on
    received: str | None = Field(default=None, max_length=10)  # ISO date
    clients: int | None = None
    # clients by sex × the Lägesrapport's age groups (tabell 3); other_sex: annan könsidentitet (its footnote 5)
    men_18_29: int | None = None
    men_30_49: int | None = None
    men_50_64: int | None = None
    men_65: int | None = None
    women_18_29: int | None = None
    women_30_49: int | None = None
    women_50_64: int | None = None
    women_65: int | None = None
    other_sex: int | None = None
    children_men: int | None = None  # living fully or partly with children < 18 (tabell 4)
    children_women: int | None = None
    # clients by reason for contact and sex (diagram 1): the three areas the text names, and annat
    reason_myndighet_men: int | None = None
    reason_myndighet_women: int | None = None
    reason_ekonomi_men: int | None = None
    reason_ekonomi_women: int | None = None
    reason_sjukvard_men: int | None = None
    reason_sjukvard_women: int | None = None
    reason_annat_men: int | None = None
    reason_annat_women: int | None = None
    routines: bool | None = None  # routines for reporting systembrister
    reviewed: bool = False
    source_key: str = Field(foreign_key="source.key", max_length=40)


SYSTEMBRIST_LEVELS = ("handlaggare", "lokal", "central")
SYSTEMBRIST_ACTORS = (
    "region_vard",
    "samordning",
    "gode_man",
    "digital",
    "socialtjansten",
    "arbetsformedlingen",
    "forsakringskassan",
    "sgi",
    "annan",
)


class Systembrist(SQLModel, table=True):
    """One systembrist a verksamhet reported for a year (3 §, 10 §): its level, the actor (the headings of the
    Lägesrapport's bilaga 1), a short description, and whether it went to the ledningsgrupp. Nr numbers a
    verksamhet's brister within the year, so a row can be corrected later."""

    __table_args__ = (
        CheckConstraint(f"level IN {SYSTEMBRIST_LEVELS}", name="ck_systembrist_level"),
        CheckConstraint(f"actor IN {SYSTEMBRIST_ACTORS}", name="ck_systembrist_actor"),
        CheckConstraint("nr >= 1", name="ck_systembrist_nr"),
    )

    verksamhet_id: int = Field(foreign_key="verksamhet.id", primary_key=True)
    year: int = Field(primary_key=True)
    nr: int = Field(primary_key=True)
    level: str = Field(max_length=20)
    actor: str = Field(max_length=30)
    description: str = Field(default="", max_length=500)
    to_ledningsgrupp: bool | None = None
    source_key: str = Field(foreign_key="source.key", max_length=40)


class SeedStamp(SQLModel, table=True):
    """What `po fyll` last loaded: a digest of the seed files and loader (so an unchanged seed is not reloaded)."""

    name: str = Field(primary_key=True, max_length=20)  # "seed", or "seed+demo" in demo mode
    digest: str = Field(max_length=64)
    at: str = Field(max_length=32)


ALL_TABLES = [
    Source,
    Lan,
    Kommun,
    Verksamhet,
    VerksamhetKommun,
    KommunStatus,
    Ombud,
    LedningsgruppSeat,
    Vantetid,
    Statsbidrag,
    LanYear,
    NationalFigure,
    ClientGroup,
    Ansokan,
    Beslut,
    Aterrapport,
    Systembrist,
]
# (SubsidyScenario is user data, not seed; it is defined below.)


class SubsidyScenario(SQLModel, table=True):
    """A named Statsbidrag scenario a user saved, to compare later."""

    __table_args__ = (CheckConstraint("pot_ombud >= 0 AND base_fte >= 0", name="ck_scenario_nonneg"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=120)
    year: int
    pot_ombud: int
    base_fte: float
    delta_fte: float = 0.0
    description: str = Field(default="", max_length=500)
    created_at: str = Field(max_length=32)


ROLES = ("socialstyrelsen", "lansstyrelse", "kommun", "lasare", "admin")


class AppUser(SQLModel, table=True):
    """A login mapped to a role and, for länsstyrelse/kommun, its län or kommun.

    The e-mail (stored lower-case) finds the user the first time they log in; that login then links the
    provider's issuer and stable subject (Entra: tid:oid, else `sub`), which alone identify them afterwards.
    """

    __table_args__ = (
        CheckConstraint(f"role IN {ROLES}", name="ck_user_role"),
        CheckConstraint("email = lower(email)", name="ck_user_email_lower"),
        UniqueConstraint("issuer", "subject", name="uq_user_issuer_subject"),
    )

    email: str = Field(primary_key=True, max_length=200)
    issuer: str | None = Field(default=None, max_length=300)
    subject: str | None = Field(default=None, max_length=200)
    role: str = Field(max_length=20)
    lan_code: str | None = Field(default=None, foreign_key="lan.code", max_length=2)
    kommun_code: str | None = Field(default=None, foreign_key="kommun.code", max_length=4)


class AuditLog(SQLModel, table=True):
    """Every change: who, role, when, table, row, field, old → new, and why."""

    id: int | None = Field(default=None, primary_key=True)
    at: str = Field(max_length=32, index=True)
    user: str = Field(max_length=200)
    role: str = Field(max_length=20)
    table_name: str = Field(max_length=40)
    row_key: str = Field(max_length=120)
    field: str = Field(max_length=60)
    old: str | None = Field(default=None, max_length=500)
    new: str | None = Field(default=None, max_length=500)
    comment: str = Field(default="", max_length=500)
