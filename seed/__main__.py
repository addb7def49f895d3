"""`python -m seed` (the same as `po fyll`): migrate the database in DATABASE_URL and load the seed."""

from db.engine import make_engine
from db.migrate import upgrade
from db.settings import get_settings
from seed.load import seed


def main() -> None:
    engine = make_engine(get_settings().url)
    upgrade(engine)
    print(seed(engine, demo=get_settings().po_demo))


if __name__ == "__main__":
    main()
