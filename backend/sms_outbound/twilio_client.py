"""Build the `twilio.rest.Client` the SMS worker uses: real Twilio, or the local stand-in.

The stand-in (`ops/twilio_standin/`) speaks Twilio's Messages API on a loopback port. Rather
than faking the library, we give the real client an HTTP client that rewrites every
`https://*.twilio.com` URL (including the `next_page_uri` links of paged lists) to
`settings.twilio_api_base`, so exactly the same library code runs offline and in production.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit, urlunsplit

from twilio.http.http_client import TwilioHttpClient
from twilio.http.response import Response
from twilio.rest import Client

from core.settings import Settings

log = logging.getLogger(__name__)

# Seconds before a Twilio API call gives up (connect and read); the worker retries later.
TWILIO_HTTP_TIMEOUT = 30.0


def _is_twilio_host(host: str) -> bool:
    host = host.lower()
    return host == "twilio.com" or host.endswith(".twilio.com")


class AsbTwilioHttpClient(TwilioHttpClient):
    """`TwilioHttpClient` that never logs phone numbers and can redirect to a stand-in.

    The stock client logs query strings at INFO level (a message list filtered by `To` would
    put a resident's phone number in the log), so request logging here names only the method
    and path. When `api_base` is set, requests for any `*.twilio.com` host go there instead,
    keeping the path and query.
    """

    def __init__(self, api_base: str = "", timeout: float | None = TWILIO_HTTP_TIMEOUT) -> None:
        super().__init__(timeout=timeout)
        self.api_base = api_base.rstrip("/")
        # Seconds from the last 429 response's Retry-After header (None when absent).
        self.last_retry_after: float | None = None

    def rewrite_url(self, url: str) -> str:
        """Point a Twilio API URL at `api_base` (unchanged when there is no stand-in)."""
        if not self.api_base:
            return url
        parts = urlsplit(url)
        if not _is_twilio_host(parts.hostname or ""):
            return url
        base = urlsplit(self.api_base)
        path = base.path.rstrip("/") + parts.path
        return urlunsplit((base.scheme, base.netloc, path, parts.query, parts.fragment))

    def request(
        self,
        method: str,
        url: str,
        params: dict[str, object] | None = None,
        data: dict[str, object] | None = None,
        headers: dict[str, str] | None = None,
        auth: tuple[str, str] | None = None,
        timeout: float | None = None,
        allow_redirects: bool = False,
    ) -> Response:
        response = super().request(
            method,
            self.rewrite_url(url),
            params=params,
            data=data,
            headers=headers,
            auth=auth,
            timeout=timeout,
            allow_redirects=allow_redirects,
        )
        self.last_retry_after = None
        if response.status_code == 429:
            self.last_retry_after = _parse_retry_after(response.headers)
        return response

    def log_request(self, kwargs: dict) -> None:
        log.debug("Twilio API %s %s", kwargs["method"], urlsplit(kwargs["url"]).path)

    def log_response(self, status_code: int, response) -> None:
        log.debug("Twilio API response %s", status_code)


def _parse_retry_after(headers) -> float | None:
    raw = (headers or {}).get("Retry-After")
    if raw is None:
        return None
    try:
        return max(0.0, float(raw))
    except (TypeError, ValueError):
        return None


def make_twilio_client(settings: Settings) -> Client:
    """A Twilio client for `settings`: real when `twilio_api_base` is empty, else the stand-in."""
    if not settings.twilio_account_sid or not settings.twilio_auth_token:
        raise ValueError("TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN must be set to send texts")
    http_client = AsbTwilioHttpClient(api_base=settings.twilio_api_base)
    return Client(
        settings.twilio_account_sid,
        settings.twilio_auth_token,
        http_client=http_client,
    )
