"""Writing a benchmark's section of bench/RESULTS.md (each section is replaced on rerun)."""
from __future__ import annotations

import datetime as dt
import os
import platform
import re
import subprocess
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
HEADER = "# Benchmark results\n\nEach section is written by the command it names; rerun it to refresh that section.\n"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())[1])
        mem = f", {kb / 2**20:.0f} GiB"
    except (OSError, TypeError):
        pass
    return f"{os.cpu_count()} cores ({cpu}){mem}, Python {platform.python_version()}, {platform.system()}"


def commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                              cwd=RESULTS.parent, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def write_section(name: str, command: str, body: str) -> None:
    """Replace (or add) the section ``name`` of RESULTS.md."""
    text = RESULTS.read_text(encoding="utf8") if RESULTS.exists() else HEADER
    block = (f"<!-- bench:{name} -->\n## {name}\n\n"
             f"- command: `{command}`\n- date: {dt.date.today().isoformat()}, commit {commit()}\n"
             f"- machine: {machine()}\n\n{body.strip()}\n<!-- /bench:{name} -->")
    pattern = re.compile(rf"<!-- bench:{re.escape(name)} -->.*?<!-- /bench:{re.escape(name)} -->", re.S)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else text.rstrip() + "\n\n" + block + "\n"
    RESULTS.write_text(text, encoding="utf8")
