"""Regenerate cnchar-order.json from the npm package cnchar-order (MIT, see LICENSE here).

Usage: python plugins/kfq/data/strokes/regenerate.py [VERSION]
Needs npm and node. Fetches the package with `npm pack`, loads it with node and writes the
stroke sequences (笔顺, one letter per stroke) and the letters' stroke table unchanged, so a
diff of the JSON shows exactly what a new release changed.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "cnchar-order"
VERSION = "3.2.6"
HERE = Path(__file__).resolve().parent
DUMP = "const o=require(process.argv[1]);process.stdout.write(JSON.stringify(o.dict));"


def main(version: str = VERSION) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            ["npm", "pack", f"{PACKAGE}@{version}", "--silent"],
            cwd=tmp,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()[-1]
        with tarfile.open(Path(tmp) / out) as tar:
            tar.extractall(tmp, filter="data")
        package = Path(tmp) / "package"
        meta = json.loads((package / "package.json").read_text(encoding="utf-8"))
        script = package / meta.get("main", "cnchar.order.min.js")
        dump = subprocess.run(["node", "-e", DUMP, str(script)], check=True, capture_output=True, text=True)
        data = json.loads(dump.stdout)
        (HERE / "LICENSE").write_text((package / "LICENSE").read_text(encoding="utf-8"), encoding="utf-8")
    result = {
        "package": PACKAGE,
        "version": meta["version"],
        "license": meta.get("license", "MIT"),
        "strokeTable": {k: data["strokeTable"][k] for k in sorted(data["strokeTable"])},
        "orders": {k: data["orders"][k] for k in sorted(data["orders"])},
    }
    (HERE / "cnchar-order.json").write_text(
        json.dumps(result, ensure_ascii=False, indent=0, sort_keys=False) + "\n", encoding="utf-8"
    )
    print(f"wrote {len(result['orders'])} characters from {PACKAGE} {meta['version']}")


if __name__ == "__main__":
    main(*sys.argv[1:2])
