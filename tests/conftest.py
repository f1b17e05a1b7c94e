"""Shared fixtures: the seeds in this repository and their EXPECTED.json oracle."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Iterator

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
EXPECTED = json.loads((SEEDS / "EXPECTED.json").read_text(encoding="utf-8"))
SEED_NAMES = sorted(EXPECTED["articles"])
# The language model's cache (cleaners.language) for this session: the tests and their
# subprocesses share it, and the user's ~/.cache is left alone.
_CACHE_DIR = tempfile.mkdtemp(prefix="wiretrace-test-cache-")
os.environ["WIRETRACE_CACHE_DIR"] = _CACHE_DIR


@pytest.fixture(scope="session", autouse=True)
def _remove_cache_dir() -> Iterator[None]:
    yield
    shutil.rmtree(_CACHE_DIR, ignore_errors=True)


@pytest.fixture(scope="session")
def expected() -> dict:
    return EXPECTED


def scrapy_env(tmp_path: Path, extra_env: dict[str, str] | None = None) -> dict[str, str]:
    """Environment of a test subprocess: settings.test, store and state in tmp_path, plus extra_env."""
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "settings.test",
           "WIRETRACE_STORE_URI": (tmp_path / "store").as_uri(), "WIRETRACE_STATE_DIR": str(tmp_path / "state")}
    env.update(extra_env or {})
    return env


def run_scrapy(args: list[str], tmp_path: Path, extra_env: dict[str, str] | None = None,
               timeout: float = 240) -> subprocess.CompletedProcess[str]:
    """Run a real `scrapy` subprocess from the project root with a store and state in tmp_path."""
    return subprocess.run([sys.executable, "-m", "scrapy", *args], cwd=ROOT, env=scrapy_env(tmp_path, extra_env),
                          capture_output=True, text=True, timeout=timeout)


# -- a real S3 server on loopback (moto in server mode) ------------------------------------------

def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class S3Server:
    """moto's S3 in server mode on 127.0.0.1: a real HTTP endpoint reached through boto3.

    ``stop()`` closes the listening socket and every open connection (clients get "connection
    refused", as from a store that is down); ``start()`` again listens on the same port. The data
    survives a restart, as it would on a real store, because moto keeps it in this process.
    Authentication is on: only the access key made by :meth:`enable_auth` is accepted.
    """

    def __init__(self) -> None:
        from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self._app = DomainDispatcherApplication(create_backend_app)
        self._server = None
        self._conns: set = set()
        self.key_id = "AKIAFAKEBOOTSTRAP000"
        self.secret = "bootstrap-secret"

    def start(self) -> None:
        import threading

        from moto.moto_server.werkzeug_app import MotoRequestHandler
        from werkzeug.serving import make_server

        conns = self._conns

        class Handler(MotoRequestHandler):
            def setup(self) -> None:
                super().setup()
                conns.add(self.connection)

            def finish(self) -> None:
                conns.discard(self.connection)
                super().finish()

        self._server = make_server("127.0.0.1", self.port, self._app, threaded=True, request_handler=Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        import socket

        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        for conn in list(self._conns):
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self._server = None

    def client(self, service: str = "s3", key_id: str | None = None, secret: str | None = None):
        import boto3

        return boto3.client(service, endpoint_url=self.endpoint, region_name="us-east-1",
                            aws_access_key_id=key_id or self.key_id, aws_secret_access_key=secret or self.secret)

    def enable_auth(self) -> None:
        """Make an IAM user allowed everything, use its key, then require valid keys from now on."""
        import json as _json
        import urllib.request

        iam = self.client("iam")
        iam.create_user(UserName="wiretrace")
        iam.put_user_policy(UserName="wiretrace", PolicyName="all", PolicyDocument=_json.dumps(
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
        key = iam.create_access_key(UserName="wiretrace")["AccessKey"]
        self.key_id, self.secret = key["AccessKeyId"], key["SecretAccessKey"]
        urllib.request.urlopen(urllib.request.Request(f"{self.endpoint}/moto-api/reset-auth", data=b"0", method="POST",
                                                      headers={"Content-Type": "text/plain"}), timeout=10).read()

    def env(self, tmp_path: Path) -> dict[str, str]:
        """Environment for a subprocess (or monkeypatch) using this server through boto3's standard chain."""
        return {"AWS_ENDPOINT_URL": self.endpoint, "AWS_ACCESS_KEY_ID": self.key_id,
                "AWS_SECRET_ACCESS_KEY": self.secret, "AWS_DEFAULT_REGION": "us-east-1",
                "AWS_MAX_ATTEMPTS": "2", "AWS_CONFIG_FILE": str(tmp_path / "no-aws-config"),
                "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "no-aws-credentials")}

    def new_bucket(self) -> str:
        import secrets

        name = f"wt-{secrets.token_hex(4)}"
        self.client().create_bucket(Bucket=name)
        return name


@pytest.fixture(scope="session")
def s3_server():
    """One moto S3 server for the session, with authentication on (see :class:`S3Server`)."""
    import logging

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request otherwise
    server = S3Server()
    server.start()
    server.enable_auth()
    yield server
    server.stop()


@pytest.fixture
def s3(s3_server):
    """The session's S3 server, running (restarted if a test stopped it and failed before restarting)."""
    if s3_server._server is None:
        s3_server.start()
    yield s3_server
    if s3_server._server is None:
        s3_server.start()
