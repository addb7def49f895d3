"""`po`: the command line for administrators (Swedish subcommands; the English names still work).

po fyll                                   migrera och läs in källuppgifterna
po importera kommunstatus fil.csv [--email h@lst.se --roll lansstyrelse --lan 06]   (standard: operatören)
po exportera databas.xlsx
po sakerhetskopiera backup-katalog/
po aterstall backup-katalog/po-20261203-101500.db [--ja]
po kolada --ar 2024 2025 [--fil nedladdad.json] [--email s@socialstyrelsen.se --roll socialstyrelsen]
po anvandare lagg-till --email h@lst.se --roll lansstyrelse --lan 06   (och: lista, ta-bort --email …)
"""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from db.settings import get_settings

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from upkeep.roles import User

# Each command imports what it uses when it runs: `po fyll`, which scripts/start.sh runs at every start, then loads
# only the database and the seed (≈ 0,5 s) instead of every module of upkeep/ (≈ 1,2 s).


def _parser(*, only_fill: bool = False) -> argparse.ArgumentParser:
    """The command line; `only_fill`: just `fyll` (what scripts/start.sh runs), without importing the rest."""
    parser = argparse.ArgumentParser(prog="po", description="PO-dashboardens databas: fyll, importera, exportera.")
    sub = parser.add_subparsers(dest="cmd", required=True, metavar="KOMMANDO")
    fyll = sub.add_parser(
        "fyll",
        aliases=["seed"],
        help="migrera databasen och läs in källuppgifterna (idempotent; "
        "hoppas över när databasen redan är fylld från samma källfiler)",
    )
    fyll.add_argument("--igen", action="store_true", help="läs in källuppgifterna även om de inte har ändrats")
    if only_fill:
        return parser
    from upkeep.kinds import KINDS
    from upkeep.kolada import KPI
    from upkeep.roles import ROLE_NAMES

    imp = sub.add_parser("importera", aliases=["import"], help="importera en CSV- eller xlsx-fil (allt eller inget)")
    imp.add_argument("kind", choices=list(KINDS), metavar="SLAG", help="vad filen innehåller: " + ", ".join(KINDS))
    imp.add_argument("file", type=Path, metavar="FIL")
    imp.add_argument("--email", help="den som importerar (standard: operatören, kommandoraden (<användare>))")
    imp.add_argument(
        "--roll",
        choices=["socialstyrelsen", "lansstyrelse", "kommun", "admin"],
        help="standard: admin – operatören vid servern",
    )
    imp.add_argument("--lan", help="länskod för rollen länsstyrelse, t.ex. 06")
    imp.add_argument("--kommun", help="kommunkod för rollen kommun, t.ex. 0680")
    exp = sub.add_parser("exportera", aliases=["export"], help="hela databasen som en .xlsx-arbetsbok")
    exp.add_argument("file", type=Path, metavar="FIL")
    bak = sub.add_parser(
        "sakerhetskopiera", aliases=["backup"], help="hela databasen som en fil (SQLite eller PostgreSQL)"
    )
    bak.add_argument("dir", type=Path, metavar="KATALOG")
    res = sub.add_parser("aterstall", aliases=["restore"], help="ersätt allt i databasen med en säkerhetskopia")
    res.add_argument("file", type=Path, metavar="FIL")
    res.add_argument("--ja", action="store_true", help="återställ utan att fråga")
    kol = sub.add_parser("kolada", help=f"läs in Koladas {KPI} (PO ja/nej per kommun) från API:t eller en fil")
    kol.add_argument("--ar", type=int, nargs="+", required=True, metavar="ÅR", help="år att läsa, t.ex. 2024 2025")
    kol.add_argument(
        "--fil", type=Path, help="en fil från Kolada (API:ts JSON, eller Koladas Excel/CSV) i stället för API:t"
    )
    kol.add_argument("--email", help="den som läser in (standard: operatören, kommandoraden (<användare>))")
    kol.add_argument("--roll", choices=["socialstyrelsen", "admin"], help="standard: admin – operatören vid servern")
    kol.add_argument("--ja", action="store_true", help="skriv utan att fråga efter förhandsvisningen")
    book = sub.add_parser("arbetsbok", help="länets arbetsbok: ladda ner (export) eller läs in (import)")
    book_sub = book.add_subparsers(dest="action", required=True, metavar="ÅTGÄRD")
    out = book_sub.add_parser("export", help="skriv länets arbetsbok, ifylld med det databasen har")
    out.add_argument("--lan", required=True, help="länskod, t.ex. 06")
    out.add_argument(
        "--ar", type=int, default=date.today().year - 1, help="året arbetsboken gäller (standard: förra året)"
    )
    out.add_argument("file", type=Path, metavar="FIL")
    inn = book_sub.add_parser("import", help="läs in en ifylld arbetsbok (alla blad eller inget)")
    inn.add_argument("file", type=Path, metavar="FIL")
    inn.add_argument("--email", help="standard: operatören, kommandoraden (<användare>)")
    inn.add_argument("--roll", choices=["lansstyrelse", "admin"], help="standard: admin – operatören vid servern")
    inn.add_argument("--lan", help="länskod för rollen länsstyrelse")
    inn.add_argument("--ja", action="store_true", help="skriv utan att fråga efter förhandsvisningen")
    usr = sub.add_parser("anvandare", aliases=["users"], help="användare: lägg till/ändra, lista, ta bort (loggas)")
    usr_sub = usr.add_subparsers(dest="action", required=True, metavar="ÅTGÄRD")
    add = usr_sub.add_parser("lagg-till", aliases=["add"], help="lägg till eller ändra en användare")
    add.add_argument("--email", required=True, help="e-postadressen i inloggningen (jämförs utan skiftlägeskänslighet)")
    add.add_argument("--roll", required=True, choices=list(ROLE_NAMES))
    add.add_argument("--lan", help="länskod för rollen lansstyrelse, t.ex. 06")
    add.add_argument("--kommun", help="kommunkod för rollen kommun, t.ex. 0680")
    usr_sub.add_parser("lista", aliases=["list"], help="alla användare med roll och län/kommun")
    rem = usr_sub.add_parser("ta-bort", aliases=["remove"], help="ta bort en användare")
    rem.add_argument("--email", required=True)
    return parser


def _seed(engine: Engine, args) -> int:
    from seed.load import (  # the CLI is an entry point: it may start the seed loader
        is_current,
        seed,
    )

    demo = get_settings().po_demo
    if not args.igen and is_current(engine, demo=demo):
        print(
            "Databasen är redan migrerad och ifylld från samma källfiler; inget att göra (po fyll --igen läser in ändå)."
        )
        return 0
    from db.migrate import upgrade

    upgrade(engine)
    print(seed(engine, demo=demo))
    return 0


def _operator() -> User:
    """Who works at the server's command line: the operating-system user, as administrator (logged so)."""
    from upkeep.roles import User

    return User(f"kommandoraden ({getpass.getuser()})", "admin")


def _who(args, **where) -> User:
    """The person a command writes as: --email/--roll when given, else the operator at the server."""
    from upkeep.roles import User

    if args.email is None and args.roll is None:
        return _operator()
    return User(args.email or _operator().email, args.roll or "admin", **where)


SHOWN_ERRORS = 50  # the first errors name row and column; the rest are counted


def _import(engine: Engine, args) -> int:
    from sqlmodel import Session

    from upkeep.imports import ImportRefused, apply, check, read_table

    user = _who(args, lan_code=args.lan, kommun_code=args.kommun)
    try:
        with Session(engine) as s:
            checked = check(args.kind, read_table(args.file.read_bytes(), args.file.name), session=s, user=user)
            for e in checked.errors[:SHOWN_ERRORS]:
                print(f"Rad {e.row}, kolumn {e.column}: {e.reason}", file=sys.stderr)
            if len(checked.errors) > SHOWN_ERRORS:
                print(f"… och {len(checked.errors) - SHOWN_ERRORS} fel till.", file=sys.stderr)
            if checked.errors:
                print(f"{len(checked.errors)} fel – inget har sparats.", file=sys.stderr)
                return 1
            print(f"{apply(checked, session=s, user=user, filename=args.file.name)} rader sparade.")
    except ImportRefused as exc:
        print(f"Filen avvisades: {exc}", file=sys.stderr)
        return 1
    return 0


def _users(engine: Engine, args) -> int:
    from sqlmodel import Session

    from db import queries
    from upkeep import users
    from upkeep.roles import ROLE_NAMES

    operator = _operator()
    with Session(engine) as s:
        try:
            if args.action in ("lagg-till", "add"):
                users.save_user(
                    session=s,
                    admin=operator,
                    email=args.email,
                    role=args.roll,
                    lan_code=args.lan,
                    kommun_code=args.kommun,
                )
                print(f"Sparade {users.normal_email(args.email)} som {ROLE_NAMES[args.roll]}.")
            elif args.action in ("ta-bort", "remove"):
                users.remove_user(session=s, admin=operator, email=args.email)
                print(f"Tog bort {users.normal_email(args.email)}.")
            else:
                print(queries.users_frame(session=s).fillna("").to_string(index=False))
        except ValueError as exc:
            print(f"Inget har ändrats: {exc}", file=sys.stderr)
            return 1
    return 0


def _export(engine: Engine, args) -> int:
    from upkeep.exports import workbook

    args.file.write_bytes(workbook(engine, people=True))  # the operator's command: everything
    print(f"Skrev {args.file}")
    return 0


def _backup(engine: Engine, args) -> int:
    from upkeep import backup

    try:
        print(f"Skrev {backup.backup(engine, args.dir)}")
    except backup.BackupRefused as exc:
        print(f"Ingen säkerhetskopia: {exc}", file=sys.stderr)
        return 1
    return 0


def _restore(engine: Engine, args) -> int:
    from upkeep import backup

    if not args.ja and (
        not sys.stdin.isatty()
        or input(f"Allt i databasen ersätts med {args.file.name}. Fortsätt? [j/N] ").strip().lower() != "j"
    ):
        print("Inget återställt (svara j, eller ange --ja).", file=sys.stderr)
        return 1
    try:
        counts = backup.restore(engine, args.file)
    except backup.BackupRefused as exc:
        print(f"Inget återställt: {exc}", file=sys.stderr)
        return 1
    print(f"Återställde {sum(counts.values())} rader i {len(counts)} tabeller från {args.file.name}.")
    return 0


def _kolada(engine: Engine, args) -> int:
    from sqlmodel import Session

    from db import queries
    from upkeep import kolada, kolada_files, kolada_load

    user = _who(args)
    try:
        with Session(engine) as s:
            if args.fil:
                read = kolada_files.read_file(
                    args.fil.read_bytes(), args.fil.name, years=args.ar, kommuner=queries.kommun_names(session=s)
                )
            else:
                read = kolada.fetch(years=args.ar, base_url=get_settings().kolada_base_url)
            plan = kolada_load.plan(read, session=s, years=args.ar, fetched=date.today())
            print(kolada_load.summary(plan))
            if not plan.writes:
                return 0
            if not args.ja and (not sys.stdin.isatty() or input("Skriv till databasen? [j/N] ").strip().lower() != "j"):
                print("Inget har sparats.")
                return 1
            print(f"{kolada_load.apply(plan, session=s, user=user)} statusar sparade.")
    except kolada.KoladaError as exc:
        print(f"Inget har sparats: {exc}", file=sys.stderr)
        return 1
    return 0


def _workbook(engine: Engine, args) -> int:
    from sqlmodel import Session

    from db import models as m
    from upkeep import workbook as county_book
    from upkeep import workbook_import as county_book_in
    from upkeep.imports import ImportRefused

    if args.action == "export":
        with Session(engine) as s:
            if s.get(m.Lan, args.lan) is None:
                print(f"Okänd länskod ”{args.lan}”.", file=sys.stderr)
                return 1
            args.file.write_bytes(
                county_book.export(session=s, lan_code=args.lan, year=args.ar, demo=get_settings().po_demo)
            )
        print(f"Skrev {args.file}")
        return 0
    user = _who(args, lan_code=args.lan)
    try:
        with Session(engine) as s:
            result = county_book_in.check_all(
                county_book_in.read(args.file.read_bytes(), args.file.name), session=s, user=user
            )
            for e in result.errors:
                print(f"Blad {e.sheet}, rad {e.row}, kolumn {e.column}: {e.reason}", file=sys.stderr)
            if result.errors:
                print(f"{len(result.errors)} fel – inget har sparats.", file=sys.stderr)
                return 1
            for sheet, c in county_book_in.preview(result, session=s, user=user).items():
                print(f"{sheet}: {c.new} nya, {c.changed} ändrade, {c.unchanged} oförändrade")
            if not args.ja and (not sys.stdin.isatty() or input("Skriv till databasen? [j/N] ").strip().lower() != "j"):
                print("Inget har sparats.")
                return 1
            written = county_book_in.apply_all(result, session=s, user=user, filename=args.file.name)
            print(f"{sum(written.values())} rader sparade.")
    except ImportRefused as exc:
        print(f"Arbetsboken avvisades: {exc}", file=sys.stderr)
        return 1
    return 0


COMMANDS = {
    "fyll": _seed,
    "seed": _seed,
    "importera": _import,
    "import": _import,
    "exportera": _export,
    "export": _export,
    "sakerhetskopiera": _backup,
    "backup": _backup,
    "aterstall": _restore,
    "restore": _restore,
    "kolada": _kolada,
    "arbetsbok": _workbook,
    "anvandare": _users,
    "users": _users,
}


def main(argv: list[str] | None = None) -> int:
    from db.engine import make_engine

    argv = sys.argv[1:] if argv is None else argv
    args = _parser(only_fill=argv[:1] in (["fyll"], ["seed"])).parse_args(argv)
    engine = make_engine(get_settings().url)
    if args.cmd not in ("fyll", "seed"):  # fyll migrates only when it has something to do
        from db.migrate import upgrade

        upgrade(engine)
    return COMMANDS[args.cmd](engine, args)


if __name__ == "__main__":
    sys.exit(main())
