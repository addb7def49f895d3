"""`po`: the command line for administrators (Swedish subcommands; the English names still work).

    po fyll                                   migrera och läs in källuppgifterna
    po importera kommunstatus fil.csv --email h@lst.se --roll lansstyrelse --lan 06
    po exportera databas.xlsx
    po sakerhetskopiera backup-katalog/
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session

from db.engine import make_engine
from db.migrate import upgrade
from db.settings import get_settings
from upkeep.exports import workbook
from upkeep.imports import KINDS, ImportRefused, apply, check, read_table
from upkeep.roles import User


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="po", description="PO-dashboardens databas: fyll, importera, exportera.")
    sub = parser.add_subparsers(dest="cmd", required=True, metavar="KOMMANDO")
    sub.add_parser("fyll", aliases=["seed"], help="migrera databasen och läs in källuppgifterna (idempotent)")
    imp = sub.add_parser("importera", aliases=["import"], help="importera en CSV- eller xlsx-fil (allt eller inget)")
    imp.add_argument("kind", choices=list(KINDS), metavar="SLAG", help="vad filen innehåller: " + ", ".join(KINDS))
    imp.add_argument("file", type=Path, metavar="FIL")
    imp.add_argument("--email", required=True, help="den som importerar (skrivs i ändringsloggen)")
    imp.add_argument("--roll", required=True, choices=["socialstyrelsen", "lansstyrelse", "kommun", "admin"])
    imp.add_argument("--lan", help="länskod för rollen länsstyrelse, t.ex. 06")
    imp.add_argument("--kommun", help="kommunkod för rollen kommun, t.ex. 0680")
    exp = sub.add_parser("exportera", aliases=["export"], help="hela databasen som en .xlsx-arbetsbok")
    exp.add_argument("file", type=Path, metavar="FIL")
    bak = sub.add_parser("sakerhetskopiera", aliases=["backup"], help="kopia av SQLite-filen (PostgreSQL: pg_dump)")
    bak.add_argument("dir", type=Path, metavar="KATALOG")
    return parser


def _seed(engine: Engine, args) -> int:
    from seed.load import seed  # the CLI is an entry point: it may start the seed loader

    print(seed(engine, demo=get_settings().po_demo))
    return 0


def _import(engine: Engine, args) -> int:
    user = User(args.email, args.roll, lan_code=args.lan, kommun_code=args.kommun)
    try:
        with Session(engine) as s:
            checked = check(args.kind, read_table(args.file.read_bytes(), args.file.name), session=s, user=user)
            for e in checked.errors:
                print(f"Rad {e.row}, kolumn {e.column}: {e.reason}", file=sys.stderr)
            if checked.errors:
                print(f"{len(checked.errors)} fel – inget har sparats.", file=sys.stderr)
                return 1
            print(f"{apply(checked, session=s, user=user, filename=args.file.name)} rader sparade.")
    except ImportRefused as exc:
        print(f"Filen avvisades: {exc}", file=sys.stderr)
        return 1
    return 0


def _export(engine: Engine, args) -> int:
    args.file.write_bytes(workbook(engine))
    print(f"Skrev {args.file}")
    return 0


def _backup(engine: Engine, args) -> int:
    if engine.url.get_backend_name() != "sqlite":
        print("Säkerhetskopiera PostgreSQL med pg_dump.", file=sys.stderr)
        return 1
    args.dir.mkdir(parents=True, exist_ok=True)
    target = args.dir / f"po-{datetime.now():%Y%m%d-%H%M%S}.db"
    with sqlite3.connect(engine.url.database) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    print(f"Skrev {target}")
    return 0


COMMANDS = {"fyll": _seed, "seed": _seed, "importera": _import, "import": _import, "exportera": _export,
            "export": _export, "sakerhetskopiera": _backup, "backup": _backup}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    engine = make_engine(get_settings().url)
    upgrade(engine)
    return COMMANDS[args.cmd](engine, args)


if __name__ == "__main__":
    sys.exit(main())
