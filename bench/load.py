"""Load the corpus and time a full reindex: python bench/load.py /path/to/corpus"""

import argparse
import time
from pathlib import Path

from setup_django import setup


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", type=Path)
    args = parser.parse_args()
    setup()
    from django.core.management import call_command

    from corpus import load

    started = time.perf_counter()
    count = load(args.corpus)
    print(f"loaded {count} records as pages + documents in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    call_command("search_reindex", engine_only=True)
    print(f"full reindex (engine) in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
