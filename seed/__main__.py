"""`python -m seed`: migrate the database in DATABASE_URL and load the seed."""

from db.engine import make_engine
from db.migrate import upgrade
from db.settings import get_settings
from seed.load import load_all


def main() -> None:
    engine = make_engine(get_settings().url)
    upgrade(engine)
    counts = load_all(engine)
    print("Seed klar:", ", ".join(f"{k} {v}" for k, v in counts.items()))
    if get_settings().po_demo:
        from seed.demo import load_demo
        print("Exempeldata (demoläge):", load_demo(engine))


if __name__ == "__main__":
    main()
