"""Command line for administrators: seed, import, export, backup.

    python -m db.cli seed
    python -m db.cli import kommunstatus fil.csv --email h@lst.se --roll lansstyrelse --lan 06
    python -m db.cli export databas.xlsx
    python -m db.cli backup backup-katalog/
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlmodel import Session

from db.auth import User
from db.engine import make_engine
from db.exports import workbook
from db.imports import KINDS, ImportRefused, apply, check, read_table
from db.migrate import upgrade
from db.settings import get_settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m db.cli", description="PO-dashboardens databas")
    sub = parser.add_subparsers(dest="cmd", required=True)
    sub.add_parser("seed", help="migrera och läs in källuppgifterna")
    imp = sub.add_parser("import", help="importera en CSV- eller xlsx-fil (allt eller inget)")
    imp.add_argument("kind", choices=list(KINDS))
    imp.add_argument("file", type=Path)
    imp.add_argument("--email", required=True)
    imp.add_argument("--roll", required=True, choices=["socialstyrelsen", "lansstyrelse", "kommun", "admin"])
    imp.add_argument("--lan")
    imp.add_argument("--kommun")
    exp = sub.add_parser("export", help="hela databasen som en .xlsx-arbetsbok")
    exp.add_argument("file", type=Path)
    bak = sub.add_parser("backup", help="kopia av SQLite-filen (PostgreSQL: använd pg_dump)")
    bak.add_argument("dir", type=Path)
    args = parser.parse_args(argv)

    url = get_settings().url
    engine = make_engine(url)
    upgrade(engine)
    if args.cmd == "seed":
        from seed.load import load_all
        print(load_all(engine))
    elif args.cmd == "import":
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
    elif args.cmd == "export":
        args.file.write_bytes(workbook(engine))
        print(f"Skrev {args.file}")
    elif args.cmd == "backup":
        parsed = make_url(url)
        if parsed.get_backend_name() != "sqlite":
            print("Säkerhetskopiera PostgreSQL med pg_dump.", file=sys.stderr)
            return 1
        args.dir.mkdir(parents=True, exist_ok=True)
        target = args.dir / f"po-{datetime.now():%Y%m%d-%H%M%S}.db"
        import sqlite3
        with sqlite3.connect(parsed.database) as src, sqlite3.connect(target) as dst:
            src.backup(dst)
        print(f"Skrev {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
