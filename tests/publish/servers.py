"""Real servers on 127.0.0.1 for the publishing tests: Debian's nginx and OpenSSH's sshd, each
with its own configuration, keys and logs in a temporary folder, on a free unprivileged port."""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy" / "nginx"
BROTLI = Path("/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so")


def which(name: str) -> str:
    """A program on PATH, or in the sbin folders a non-root PATH leaves out; "" when absent."""
    for candidate in (shutil.which(name), f"/usr/sbin/{name}", f"/sbin/{name}"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return ""


def need(*names: str) -> dict[str, str]:
    """The absolute paths of these programs; skip the test, naming what is missing, otherwise."""
    found = {name: which(name) for name in names}
    missing = [n for n, p in found.items() if not p]
    if missing:
        pytest.skip(
            f"needs {', '.join(missing)}: `make setup` installs Debian's nginx, openssh-server, "
            "openssh-client, rsync and rclone"
        )
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(
                f"server exited ({proc.returncode}): {log.read_text(errors='replace')[-2000:]}"
            )
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.05)
    raise RuntimeError(f"server did not listen on {port}: {log.read_text(errors='replace')[-2000:]}")


@contextlib.contextmanager
def running(argv: list[str], port: int, log: Path) -> Iterator[subprocess.Popen]:
    with log.open("ab") as out:
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_for_port(port, proc, log)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, made with openssl."""
    openssl = need("openssl")["openssl"]
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def nginx_conf(folder: Path, root: Path, port: int, brotli: bool, tls_port: int | None = None) -> Path:
    """nginx.conf that serves root with the project's shipped rules (deploy/nginx/), on plain
    HTTP and, with tls_port, on HTTPS with a self-signed certificate."""
    tmp = folder / "tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    # As root nginx's workers would become `nobody`, who cannot read pytest's private folders.
    user = "user root;\n" if os.geteuid() == 0 else ""
    temps = " ".join(
        f"{k}_temp_path {tmp}/{k};" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    tls = ""
    if tls_port:
        cert, key = self_signed(folder)
        tls = f"listen 127.0.0.1:{tls_port} ssl;\n    ssl_certificate {cert};\n    ssl_certificate_key {key};"
    conf = folder / "nginx.conf"
    conf.write_text(
        f"""{user}daemon off;
master_process on;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
{f"load_module {BROTLI};" if brotli else ""}
events {{ worker_connections 256; }}
http {{
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  sendfile on;
  {temps}
  include {DEPLOY}/conf.d/kfq.conf;
  server {{
    listen 127.0.0.1:{port};
    {tls}
    root {root};
    include {DEPLOY}/snippets/kfq-site.conf;
    {f"include {DEPLOY}/snippets/kfq-brotli.conf;" if brotli else ""}
  }}
}}
""",
        encoding="utf-8",
    )
    return conf


@dataclass
class Nginx:
    url: str
    brotli: bool
    https_url: str = ""


@contextlib.contextmanager
def nginx(folder: Path, root: Path, port: int | None = None, tls: bool = False) -> Iterator[Nginx]:
    """Debian's nginx serving root (a folder or the `current` link) on 127.0.0.1."""
    binary = need("nginx")["nginx"]
    port = port or free_port()
    tls_port = free_port() if tls and which("openssl") else None
    brotli = BROTLI.is_file()
    folder.mkdir(parents=True, exist_ok=True)
    conf = nginx_conf(folder, root, port, brotli, tls_port)
    argv = [binary, "-c", str(conf), "-p", str(folder), "-e", str(folder / "error.log")]
    check = subprocess.run([*argv, "-t"], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    with running(argv, port, folder / "nginx.out"):
        yield Nginx(f"http://127.0.0.1:{port}", brotli, f"https://127.0.0.1:{tls_port}" if tls_port else "")


@dataclass
class Sshd:
    host: str  # user@127.0.0.1
    port: int
    ssh: list[str]  # the client command with its key and the server's known host key


@contextlib.contextmanager
def sshd(folder: Path) -> Iterator[Sshd]:
    """OpenSSH's sshd on 127.0.0.1 with its own host key, accepting one client key."""
    bins = need("sshd", "ssh", "ssh-keygen", "rsync")
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    keygen = bins["ssh-keygen"]
    subprocess.run([keygen, "-q", "-t", "ed25519", "-N", "", "-f", str(folder / "host_key")], check=True)
    subprocess.run([keygen, "-q", "-t", "ed25519", "-N", "", "-f", str(folder / "client_key")], check=True)
    (folder / "authorized_keys").write_text((folder / "client_key.pub").read_text())
    host_pub = (folder / "host_key.pub").read_text().split()[:2]
    (folder / "known_hosts").write_text(f"[127.0.0.1]:{port} {' '.join(host_pub)}\n")
    if os.geteuid() == 0:
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # privilege separation needs it
    config = folder / "sshd_config"
    config.write_text(
        f"""Port {port}
ListenAddress 127.0.0.1
HostKey {folder}/host_key
PidFile {folder}/sshd.pid
AuthorizedKeysFile {folder}/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
""",
        encoding="utf-8",
    )
    user = os.environ.get("USER") or pwd.getpwuid(os.geteuid()).pw_name
    ssh = [
        bins["ssh"],
        "-p", str(port),
        "-i", str(folder / "client_key"),
        "-o", "IdentitiesOnly=yes",
        "-o", f"UserKnownHostsFile={folder / 'known_hosts'}",
        "-o", "StrictHostKeyChecking=yes",
        "-o", "BatchMode=yes",
        "-F", "/dev/null",
    ]  # fmt: skip
    with running([bins["sshd"], "-D", "-e", "-f", str(config)], port, folder / "sshd.log"):
        yield Sshd(f"{user}@127.0.0.1", port, ssh)
