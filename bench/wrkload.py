"""wrk (Debian's package) as the benchmarks' low-CPU load generator, and its output read back.

    result = run_wrk(url, "holds.lua", connections=200, seconds=10,
                     env={"WRK_TOKENS": path, "WRK_EVENT": slug, "WRK_SLOTS": "17"})
    print(result.describe())   # requests/s, statuses, p50/p99, and wrk's own CPU share

The Lua scripts are in bench/wrk/. wrk is written in C with one event loop per thread: at a
few thousand requests per second it costs a few per cent of a core, where a Python client
costs about as much as the server it measures. Its CPU is read from the kernel's rusage of
the finished process (os.wait4), so the figure printed is the client's real share.

Running this file prints nothing: it is a helper.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent / "wrk"


@dataclass
class WrkResult:
    requests: int
    seconds: float
    statuses: dict[int, int] = field(default_factory=dict)
    latency_ms: dict[str, float] = field(default_factory=dict)
    socket_errors: str = ""
    client_cpu: float = 0.0  # wrk's user + system CPU seconds
    output: str = ""

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def client_share(self) -> float:
        """wrk's CPU as a share of one core over the run."""
        return self.client_cpu / self.seconds if self.seconds else 0.0

    def describe(self) -> str:
        latency = " ".join(f"{k}={v:.1f}" for k, v in self.latency_ms.items())
        errors = f", socket errors: {self.socket_errors}" if self.socket_errors else ""
        return (
            f"{self.rate:,.0f} requests/s ({self.requests:,} in {self.seconds:.1f} s), "
            f"statuses {dict(sorted(self.statuses.items()))}, latency ms {latency}; "
            f"wrk's own CPU {self.client_share:.0%} of a core{errors}"
        )


def wrk_binary() -> str:
    found = shutil.which("wrk")
    if found is None:
        raise RuntimeError("wrk is not installed (apt-get install wrk)")
    return found


def parse(output: str, cpu: float) -> WrkResult:
    """What wrk printed: its summary line, Non-2xx count and our scripts' done() lines."""
    summary = re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m)", output)
    if summary is None:
        raise ValueError(f"no summary in wrk's output:\n{output}")
    unit = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[summary.group(3)]
    result = WrkResult(int(summary.group(1)), float(summary.group(2)) * unit, output=output)
    statuses = re.search(r"^statuses (.*)$", output, re.M)
    if statuses:
        for part in statuses.group(1).split():
            status, count = part.split("=")
            result.statuses[int(status)] = int(count)
    latency = re.search(r"^latency_us (.*)$", output, re.M)
    if latency:
        for part in latency.group(1).split():
            name, value = part.split("=")
            result.latency_ms[name] = int(value) / 1000
    errors = re.search(r"Socket errors: (.*)$", output, re.M)
    if errors:
        result.socket_errors = errors.group(1).strip()
    result.client_cpu = cpu
    return result


def run_wrk(
    url: str,
    script: str,
    *,
    connections: int,
    seconds: float,
    threads: int = 1,
    env: dict[str, str] | None = None,
    timeout_s: int = 10,
) -> WrkResult:
    """Run wrk with bench/wrk/``script`` against ``url`` (its path is the script's)."""
    command = [
        wrk_binary(),
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds:g}s",
        f"--timeout={timeout_s}s",
        "-s",
        str(SCRIPTS / script),
        url,
    ]
    process = subprocess.Popen(
        command,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    assert process.stdout is not None
    output = process.stdout.read().decode(errors="replace")
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"wrk exited with {process.returncode}:\n{output}")
    return parse(output, usage.ru_utime + usage.ru_stime)
