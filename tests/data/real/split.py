"""Split the gathered real articles into the development and sealed sets.

The rule was fixed before any rule was tuned on them: order the entries by
the sha1 of their url; the first quarter (at least 20) is sealed, the rest is
for development.  Run once, on tests/data/real/incoming/: it moves each facts
file into dev/ or sealed/.
"""

import hashlib
import json
import math
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    incoming = sorted((HERE / "incoming").glob("*.json"))
    entries = sorted(incoming, key=lambda p: hashlib.sha1(
        json.loads(p.read_text(encoding="utf-8"))["url"].encode()).hexdigest())
    sealed = max(20, math.ceil(len(entries) / 4))
    for i, path in enumerate(entries):
        target = HERE / ("sealed" if i < sealed else "dev") / path.name
        target.parent.mkdir(exist_ok=True)
        path.rename(target)
    print(f"{sealed} sealed, {len(entries) - sealed} dev")


if __name__ == "__main__":
    main()
