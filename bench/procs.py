"""Processes the benchmark starts and watches: CPU time from /proc, free ports, the tools
it needs (wrk, nginx), and starting and stopping servers by their process id."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")
TOOLS = {"wrk": "wrk", "nginx": "nginx"}  # command: Debian package


def _stat(pid):
    """(ppid, own CPU seconds, reaped children's CPU seconds) of a process, or None."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()
    # After the command name: state, ppid, ... utime (14th field of the line), stime, cutime, cstime.
    utime, stime, cutime, cstime = (int(v) for v in fields[11:15])
    return int(fields[1]), (utime + stime) / TICKS, (cutime + cstime) / TICKS


def _all_pids():
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


def tree_cpu(root_pid):
    """CPU seconds of a process and its children, the live ones and the reaped ones."""
    root = _stat(root_pid)
    if root is None:
        return 0.0
    total = root[1] + root[2]
    for pid in _all_pids():
        stat = _stat(pid)
        if stat and stat[0] == root_pid:
            total += stat[1]
    return total


def children(root_pid):
    """The live child processes of `root_pid` (gunicorn's workers)."""
    return sorted(pid for pid in _all_pids() if (_stat(pid) or (None,))[0] == root_pid)


def resident_kb(pid):
    """A process's resident set size (VmRSS in /proc/<pid>/status), in KB, or None."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def postgres_backends_cpu(database):
    """CPU seconds of the PostgreSQL server processes connected to `database`."""
    total = 0.0
    for pid in _all_pids():
        try:
            title = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if title.startswith("postgres: ") and f" {database} " in title:
            stat = _stat(pid)
            total += stat[1] if stat else 0.0
    return total


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def find_tool(name):
    return shutil.which(name) or next(
        (str(p) for p in (Path("/usr/sbin") / name, Path("/usr/bin") / name) if p.exists()), None
    )


def ensure_tools():
    """Install wrk and nginx with apt-get when running as root; otherwise say how and exit 2."""
    missing = [package for command, package in TOOLS.items() if not find_tool(command)]
    if not missing:
        return
    command = ["apt-get", "install", "-y", "--no-install-recommends", *missing]
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print(f"Installing {' '.join(missing)} (Debian packages) for the benchmark", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        quiet = {"stdout": subprocess.DEVNULL, "env": env}
        if subprocess.run(command, **quiet).returncode != 0:
            subprocess.run(["apt-get", "update"], **quiet)
            subprocess.run(command, **quiet)
    still = [package for command, package in TOOLS.items() if not find_tool(command)]
    if still:
        print(
            f"The benchmark needs {' and '.join(still)} (Debian packages). Install with:\n\n"
            f"    sudo apt-get install -y --no-install-recommends {' '.join(still)}\n\n"
            "then run `make bench` again.",
            file=sys.stderr,
        )
        sys.exit(2)


class Server:
    """A server process we started; stopped by its own pid (and its process group)."""

    def __init__(self, name, command, env, log_path, cwd=None):
        self.name, self.log_path = name, log_path
        self.log = open(log_path, "w")
        self.process = subprocess.Popen(
            command, env=env, cwd=cwd, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.pid = self.process.pid

    def alive(self):
        return self.process.poll() is None

    def stop(self, sig=signal.SIGTERM, wait=20):
        if self.alive():
            os.kill(self.pid, sig)
            try:
                self.process.wait(wait)
            except subprocess.TimeoutExpired:
                os.killpg(self.pid, signal.SIGKILL)  # the group we created for it, nothing else
                self.process.wait(5)
        self.log.close()

    def log_tail(self, lines=20):
        try:
            return "\n".join(Path(self.log_path).read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def wait_until(predicate, timeout, interval=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


def wait_idle(measure, quiet=0.5, timeout=60):
    """Wait until `measure()` (CPU seconds, requests served...) stops changing: the servers
    finished their work."""
    last, since = measure(), time.monotonic()
    deadline = since + timeout
    while time.monotonic() < deadline:
        time.sleep(0.1)
        now = measure()
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return
