"""A real S3 API on 127.0.0.1 for the suite: moto's standalone server, started once.

`use_s3_media(settings)` points the media storage at a fresh bucket on it, configured the
way production is (README "Media on object storage"): no ACLs, plain URLs on a public domain.
With MEDIA_TEST_STORAGE=s3 in the environment every test stores its media there."""

import itertools
import logging
import os

import boto3

ACCESS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing", "region_name": "us-east-1"}
CUSTOM_DOMAIN = "media.news.example.org"
_buckets = itertools.count(1)
_server = None


def endpoint():
    global _server
    if _server is None:
        from moto.server import ThreadedMotoServer

        logging.getLogger("werkzeug").setLevel(logging.WARNING)  # a line per S3 call otherwise
        _server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        _server.start()
    host, port = _server.get_host_and_port()
    return f"http://{host}:{port}"


def bucket_client():
    return boto3.client("s3", endpoint_url=endpoint(), **ACCESS)


def use_s3_media(settings):
    """A new, empty bucket as the default storage; returns its name."""
    bucket = f"media-{os.getpid()}-{next(_buckets)}"
    bucket_client().create_bucket(Bucket=bucket)
    settings.MEDIA_STORAGE = "s3"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": endpoint(),
                "region_name": ACCESS["region_name"],
                "access_key": ACCESS["aws_access_key_id"],
                "secret_key": ACCESS["aws_secret_access_key"],
                "custom_domain": CUSTOM_DOMAIN,
                "default_acl": None,
                "querystring_auth": False,
                "file_overwrite": False,
            },
        },
    }
    return bucket


def stored_keys(bucket):
    listing = bucket_client().list_objects_v2(Bucket=bucket)
    return sorted(item["Key"] for item in listing.get("Contents", []))


def media_on_s3():
    return os.environ.get("MEDIA_TEST_STORAGE", "filesystem") == "s3"
