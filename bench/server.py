"""`linli serve` on 127.0.0.1 in its own process group, started and always stopped by the harness."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from .load import fetch

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, *, port, workers=2, threads=4, log_path):
        self.port, self.workers, self.threads = port, workers, threads
        self.log_path = Path(log_path)
        self.process = None
        self.url = f"http://127.0.0.1:{port}"

    def start(self, ready_timeout=120):
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "w")  # noqa: SIM115  (handed to the child, closed right after)
        command = [
            sys.executable,
            "-m",
            "linli",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--workers",
            str(self.workers),
            "--threads",
            str(self.threads),
            "--no-worker",
            "--migrate",
        ]
        # Its own session: Ctrl-C in the terminal reaches the harness, which stops the server itself.
        self.process = subprocess.Popen(
            command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()
        deadline = time.monotonic() + ready_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"`linli serve` exited with {self.process.returncode}:\n{self.log_tail()}"
                )
            try:
                status, _ = fetch(self.url + "/_floor", timeout=2)
                if status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(
            f"`linli serve` did not answer within {ready_timeout} s:\n{self.log_tail()}"
        )

    def log_tail(self, chars=3000):
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return ""

    def stop(self, timeout=15):
        """SIGTERM to `linli serve` (it stops gunicorn), then SIGKILL to its process group if it lingers."""
        process, self.process = self.process, None
        if process is None:
            return
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=timeout)
                return  # `linli serve` waits for (or kills) its own children before it exits
            except subprocess.TimeoutExpired:
                pass
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)  # the process group this harness created for it
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=5)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
