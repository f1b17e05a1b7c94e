"""STORE: the ``s3://bucket/prefix`` backend on boto3 (AWS S3 or any S3-compatible store).

Credentials come from boto3's standard chain (environment, shared config/profile, instance or
container role) and the endpoint of an S3-compatible store (MinIO, Cloudflare R2, Ceph) from
boto3's own ``AWS_ENDPOINT_URL`` / ``AWS_ENDPOINT_URL_S3``; nothing here reads them by hand.
Throttling and 5xx answers are retried by botocore (``standard`` retry mode; ``AWS_MAX_ATTEMPTS``
or ``max_attempts`` in the profile override the default of :data:`MAX_ATTEMPTS`).

Every object is written in one request (``PutObject``) or, from :data:`MULTIPART_THRESHOLD` up,
as a multipart upload, which S3 makes visible only when complete: a reader never sees half an
object. Each object carries its sha256 as user metadata, so a re-upload of the same file can be
skipped (:meth:`S3Store.digest`).

No credential appears in a message raised from here: error texts are built from error codes, and
any access key, secret or signature left in a botocore string is masked. botocore's own DEBUG log
(which prints request headers, including the access key id) is raised to WARNING unless a level
was set for it explicitly.

boto3 is an optional dependency (``pip install 'wiretrace[s3]'``) and is imported only here.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from crawler.exceptions import ConfigError, StoreError
from crawler.storage.base import check_key, file_sha256

__all__ = ["MAX_ATTEMPTS", "MULTIPART_THRESHOLD", "S3Store"]

#: Attempts per request (first try included) when neither AWS_MAX_ATTEMPTS nor a profile sets it.
MAX_ATTEMPTS = 5
#: Objects from this size up are sent as multipart uploads, in parts of this size.
MULTIPART_THRESHOLD = 16 * 1024 * 1024
CONNECT_TIMEOUT = 5
READ_TIMEOUT = 60

# https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
_BUCKET = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
_KEY_ID = re.compile(r"\b(?:AKIA|ASIA|AIDA|AROA)[A-Z0-9]{12,}\b")
_SIGNED = re.compile(r"(Credential=|Signature=|X-Amz-Credential=|X-Amz-Signature=|X-Amz-Security-Token=)[^\s,&\"']+")
_DENIED = {"403", "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken",
           "InvalidClientTokenId", "AuthorizationHeaderMalformed", "AllAccessDisabled"}
_NO_BUCKET = {"404", "NoSuchBucket"}
_QUIET_LOGGERS = ("botocore", "boto3", "s3transfer", "urllib3")


def _boto3() -> Any:
    try:
        import boto3
    except ImportError:
        raise ConfigError("an s3:// store needs boto3: pip install 'wiretrace[s3]'") from None
    return boto3


def _quiet_boto_logs() -> None:
    for name in _QUIET_LOGGERS:
        log = logging.getLogger(name)
        if log.level == logging.NOTSET:
            log.setLevel(logging.WARNING)


class S3Store:
    """A store in an S3 bucket, under an optional key prefix.

    Args:
        bucket: the bucket name (must exist).
        prefix: key prefix inside the bucket, without leading or trailing ``/`` ("" for none).
        multipart_threshold: size from which objects go as multipart uploads (at least 5 MiB, S3's
            smallest part).
    """

    def __init__(self, bucket: str, prefix: str = "", multipart_threshold: int = MULTIPART_THRESHOLD) -> None:
        boto3 = _boto3()
        import botocore.session
        from boto3.s3.transfer import TransferConfig
        from botocore.config import Config

        _quiet_boto_logs()
        self.bucket = bucket
        self.prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""
        self.uri = f"s3://{bucket}/{self.prefix}"
        core = botocore.session.get_session()
        attempts = core.get_config_variable("max_attempts") or MAX_ATTEMPTS
        session = boto3.session.Session(botocore_session=core)
        config = Config(retries={"mode": "standard", "total_max_attempts": int(attempts)},
                        connect_timeout=CONNECT_TIMEOUT, read_timeout=READ_TIMEOUT, user_agent_extra="wiretrace")
        try:
            self._client = session.client("s3", config=config)
        except ValueError as exc:  # a malformed AWS_ENDPOINT_URL
            raise ConfigError(f"cannot use the S3 endpoint: {self._scrub(str(exc))}; "
                              "check AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_S3") from None
        except Exception as exc:  # botocore: unknown region, bad profile…
            raise ConfigError(f"cannot set up the S3 client: {self._scrub(str(exc))}") from None
        self._transfer = TransferConfig(multipart_threshold=multipart_threshold,
                                        multipart_chunksize=multipart_threshold, max_concurrency=4)
        self._secrets: tuple[str, ...] = ()
        creds = session.get_credentials()
        if creds is not None:
            frozen = creds.get_frozen_credentials()
            self._secrets = tuple(s for s in (frozen.access_key, frozen.secret_key, frozen.token) if s)

    @classmethod
    def from_uri(cls, uri: str) -> "S3Store":
        """``s3://bucket`` or ``s3://bucket/prefix/inside``.

        Raises:
            ConfigError: no bucket, an invalid bucket name, credentials in the URI, an unsafe prefix,
                or boto3 not installed.
        """
        parsed = urlparse(uri)
        if "@" in parsed.netloc:
            # never echo this URI: it carries a secret
            raise ConfigError("the s3:// store URI must not carry credentials; use the environment "
                              "(AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY), AWS_PROFILE or an instance role")
        if parsed.query or parsed.fragment or parsed.params:
            raise ConfigError(f"store URI {uri!r} has a query or fragment; use s3://bucket/prefix")
        bucket, prefix = parsed.netloc, parsed.path.strip("/")
        if not bucket:
            raise ConfigError(f"store URI {uri!r} names no bucket; use s3://bucket/prefix")
        if not _BUCKET.fullmatch(bucket) or ".." in bucket:
            raise ConfigError(f"{bucket!r} in {uri!r} is not a valid S3 bucket name "
                              "(3-63 characters: lowercase letters, digits, dots, hyphens)")
        if prefix:
            try:
                check_key(prefix)
            except ValueError:
                raise ConfigError(f"prefix {prefix!r} in {uri!r} is not a safe key prefix "
                                  "(letters, digits, '_', '.', '-', '/' only; no '..')") from None
        return cls(bucket, prefix)

    # -- errors ------------------------------------------------------------------------------

    @property
    def endpoint(self) -> str:
        """The endpoint in use (without any user info), for messages."""
        url = urlparse(self._client.meta.endpoint_url)
        return f"{url.scheme}://{url.hostname}{f':{url.port}' if url.port else ''}"

    def _scrub(self, text: str) -> str:
        for secret in getattr(self, "_secrets", ()):
            text = text.replace(secret, "***")
        return _SIGNED.sub(r"\1***", _KEY_ID.sub("***", text))

    def _error(self, action: str, key: str, exc: Exception) -> StoreError:
        from botocore.exceptions import ClientError

        if isinstance(exc, ClientError):
            err = exc.response.get("Error", {})
            status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
            why = f"{err.get('Code', status)} (HTTP {status})"
        else:
            why = f"{type(exc).__name__}: {exc}"
        return StoreError(self._scrub(f"cannot {action} s3://{self.bucket}/{self._key(key, check=False)} "
                                      f"at {self.endpoint}: {why}"))

    def _key(self, key: str, check: bool = True) -> str:
        if check:
            try:
                check_key(key)
            except ValueError as exc:
                raise StoreError(str(exc)) from None
        return self.prefix + key

    @staticmethod
    def _code(exc: Exception) -> str:
        from botocore.exceptions import ClientError

        if isinstance(exc, ClientError):
            return str(exc.response.get("Error", {}).get("Code")
                       or exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode"))
        return ""

    # -- the Store protocol -------------------------------------------------------------------

    def put(self, key: str, data: bytes) -> None:
        full = self._key(key)
        meta = {"sha256": hashlib.sha256(data).hexdigest()}
        try:
            if len(data) < self._transfer.multipart_threshold:
                self._client.put_object(Bucket=self.bucket, Key=full, Body=data, Metadata=meta)
            else:
                self._client.upload_fileobj(io.BytesIO(data), self.bucket, full, ExtraArgs={"Metadata": meta},
                                            Config=self._transfer)
        except Exception as exc:  # botocore, s3transfer and boto3 errors alike
            raise self._error("write", key, exc) from None

    def put_file(self, key: str, path: Path) -> None:
        full = self._key(key)
        try:
            meta = {"sha256": file_sha256(path)}
        except OSError as exc:
            raise StoreError(f"cannot read {path}: {exc.strerror or exc}") from exc
        try:
            self._client.upload_file(str(path), self.bucket, full, ExtraArgs={"Metadata": meta},
                                     Config=self._transfer)
        except Exception as exc:
            raise self._error("write", key, exc) from None

    def get(self, key: str) -> bytes:
        full = self._key(key)
        try:
            return self._client.get_object(Bucket=self.bucket, Key=full)["Body"].read()  # type: ignore[no-any-return]
        except Exception as exc:
            if self._code(exc) in ("NoSuchKey", "404"):
                raise StoreError(f"cannot read s3://{self.bucket}/{full}: no such object") from None
            raise self._error("read", key, exc) from None

    def _head(self, key: str) -> dict[str, Any] | None:
        full = self._key(key)
        try:
            return self._client.head_object(Bucket=self.bucket, Key=full)  # type: ignore[no-any-return]
        except Exception as exc:
            if self._code(exc) in ("NoSuchKey", "404", "NotFound"):
                return None
            raise self._error("stat", key, exc) from None

    def exists(self, key: str) -> bool:
        return self._head(key) is not None

    def digest(self, key: str) -> str | None:
        head = self._head(key)
        return None if head is None else head.get("Metadata", {}).get("sha256")

    def list(self, prefix: str = "") -> list[str]:
        keys: list[str] = []
        try:
            for page in self._client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket,
                                                                               Prefix=self.prefix + prefix):
                keys.extend(o["Key"][len(self.prefix):] for o in page.get("Contents", []))
        except Exception as exc:
            raise self._error("list", prefix, exc) from None
        return sorted(keys)

    def check(self) -> None:
        """List one key of the bucket: fatal misconfiguration vs. a store that is down now.

        Raises:
            ConfigError: no such bucket, credentials missing or refused, wrong region.
            StoreError: the endpoint is unreachable or keeps failing (5xx, throttling).
        """
        from botocore.exceptions import ClientError, NoCredentialsError, PartialCredentialsError

        where = f"bucket {self.bucket!r} at {self.endpoint}"
        try:
            self._client.list_objects_v2(Bucket=self.bucket, Prefix=self.prefix, MaxKeys=1)
        except (NoCredentialsError, PartialCredentialsError):
            raise ConfigError(f"no usable AWS credentials for {where}: set AWS_ACCESS_KEY_ID and "
                              "AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or run with an instance role") from None
        except ClientError as exc:
            code = self._code(exc)
            status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 0
            if code in _NO_BUCKET:
                raise ConfigError(f"{where} does not exist; create it or fix WIRETRACE_STORE_URI") from None
            if code in _DENIED:
                raise ConfigError(f"{where} refused the credentials ({code}): check AWS_ACCESS_KEY_ID / "
                                  "AWS_SECRET_ACCESS_KEY, AWS_PROFILE or the instance role (wiretrace needs "
                                  "s3:ListBucket, s3:GetObject and s3:PutObject)") from None
            if code in ("PermanentRedirect", "301", "IllegalLocationConstraintException"):
                raise ConfigError(f"{where} is in another region ({code}): set AWS_REGION "
                                  "(or AWS_DEFAULT_REGION) to the bucket's region") from None
            if status >= 500 or code in ("SlowDown", "Throttling", "ServiceUnavailable", "RequestTimeout"):
                raise self._error("reach", "", exc) from None
            raise ConfigError(self._scrub(f"{where} cannot be used ({code}, HTTP {status})")) from None
        except Exception as exc:  # connection refused, DNS, timeouts: the store is down, not misconfigured
            raise self._error("reach", "", exc) from None
