"""Logs as one JSON line each, tagged with the request's id; and the line for each request.

Nothing personal is written: the request line names the method, the path (without its
query string), the status and the time taken; Django's `request` attribute (headers,
cookies, the client's address) is left out, and any email or IP address that slips into a
message or a traceback is masked."""

import contextvars
import logging
import re
import time
import uuid

from django.core.signals import request_finished
from django.views.debug import SafeExceptionReporterFilter
from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter as BaseJsonFormatter

request_id_var = contextvars.ContextVar("request_id", default="")
logger = logging.getLogger("newsroom.requests")

# nginx's $request_id is 32 hex digits; accept any short token of safe characters.
WELL_FORMED_ID = re.compile(r"[A-Za-z0-9._-]{8,128}")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
IPV4 = re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b")
# Eight groups, or fewer around a "::" (so a time of day like 17:44:20 is left alone).
IPV6 = re.compile(r"(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|[0-9a-fA-F:]*::[0-9a-fA-F:.]*[0-9a-fA-F]")
# A load balancer probes these every few seconds: logged only when they fail.
QUIET_PATHS = {"/healthz", "/readyz"}
# Attributes Django adds that may carry headers, cookies or the client's address.
PRIVATE_ATTRS = ("request", "server_time", "args")


def mask(text):
    return IPV6.sub("[address]", IPV4.sub("[address]", EMAIL.sub("[email]", text)))


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = request_id_var.get()
        return True


class JsonFormatter(BaseJsonFormatter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("reserved_attrs", [*RESERVED_ATTRS, *PRIVATE_ATTRS])
        kwargs.setdefault("timestamp", "time")
        kwargs.setdefault("fmt", "{levelname}{name}{message}")
        kwargs.setdefault("style", "{")
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger"})
        super().__init__(*args, **kwargs)

    def process_log_record(self, log_record):
        for key, value in log_record.items():
            if isinstance(value, str) and key != "time":
                log_record[key] = mask(value)
        return super().process_log_record(log_record)


def request_id_from(request):
    """nginx's X-Request-ID when it is well formed, so both logs share the id; else a new one."""
    given = request.headers.get("X-Request-ID", "")
    return given if WELL_FORMED_ID.fullmatch(given) else uuid.uuid4().hex


def _forget_request_id(**kwargs):
    request_id_var.set("")


class RequestLogMiddleware:
    """First in MIDDLEWARE: times the whole response and tags every line logged meanwhile,
    up to Django's own "Not Found" lines written after the middleware returns."""

    def __init__(self, get_response):
        self.get_response = get_response
        request_finished.connect(_forget_request_id, dispatch_uid="newsroom.logs.forget_request_id")

    def __call__(self, request):
        request.id = request_id_from(request)
        request_id_var.set(request.id)
        started = time.perf_counter()
        response = self.get_response(request)
        response["X-Request-ID"] = request.id
        if request.path in QUIET_PATHS and response.status_code == 200:
            return response
        logger.info(
            "request",
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            },
        )
        return response


class PrivateExceptionReporterFilter(SafeExceptionReporterFilter):
    """What the error emails to ADMINS show of a request: no reader's address, cookie, email
    or text. Posted fields and the traceback's variables keep their names, not their values."""

    hidden_settings = re.compile(
        r"API|AUTH|TOKEN|KEY|SECRET|PASS|SIGNATURE|COOKIE|EMAIL|REMOTE_ADDR|FORWARDED|REAL_IP|CLIENT_IP",
        flags=re.I,
    )

    def get_safe_cookies(self, request):
        return {name: self.cleansed_substitute for name in getattr(request, "COOKIES", {})}

    def get_post_parameters(self, request):
        if request is None or not self.is_active(request):
            return super().get_post_parameters(request)
        return {name: self.cleansed_substitute for name in request.POST}

    def get_traceback_frame_variables(self, request, tb_frame):
        if not self.is_active(request):
            return super().get_traceback_frame_variables(request, tb_frame)
        return [(name, self.cleansed_substitute) for name in tb_frame.f_locals]
