"""Web pages: download them safely, name them, and tell their outlet from their address.

- :func:`fetch_page` follows redirects only to ``http``/``https`` addresses, never from
  a public address to a private or loopback one, nor to another port of a local
  host; and it gives each download a total deadline, so a server that drips one byte
  at a time is cut off.
- :func:`download_pages` saves pages under names of their own and never overwrites
  a file it did not write.
- :func:`registered_domain` gives the outlet of an address ("en.wikinews.org" ->
  "wikinews.org") from the public-suffix list bundled with ``tldextract``, offline.
"""
from __future__ import annotations

import hashlib
import ipaddress
import os
import re
import socket
import tempfile
import threading
import time
import warnings
from functools import lru_cache
from pathlib import Path
from typing import Iterable
from urllib.parse import urlsplit

import pandas as pd

from kit.readers import MAX_ARTICLE_BYTES, decode

__all__ = ["download_pages", "fetch_page", "registered_domain", "url_slug"]

#: Seconds a whole download may take (connecting, headers and body).
DEFAULT_DEADLINE = 60.0


@lru_cache(maxsize=1)
def _extractor():
    import tldextract

    # No suffix list URLs and no cache folder: the snapshot bundled with the package,
    # never a download at run time.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


@lru_cache(maxsize=65536)
def registered_domain(url: str) -> str | None:
    """The registered domain of an address (``https://en.wikinews.org/wiki/x`` ->
    ``wikinews.org``, ``news.bbc.co.uk`` -> ``bbc.co.uk``), or None for an address
    without one (an IP address, ``localhost``)."""
    if not isinstance(url, str) or not url.strip():
        return None
    try:
        parts = _extractor()(url.strip())
    except Exception:  # an address tldextract cannot split
        return None
    if not parts.domain or not parts.suffix:
        return None
    return f"{parts.domain}.{parts.suffix}".lower()


def _is_local(host: str | None) -> bool:
    """Whether ``host`` is a loopback, private or link-local address (or names one)."""
    if not host:
        return False
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (OSError, UnicodeError):
        return False
    for a in addresses:
        try:
            ip = ipaddress.ip_address(a.split("%")[0])
        except ValueError:
            continue
        if ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_reserved or ip.is_unspecified:
            return True
    return False


def _redirect_refusal(start: str, target: str) -> str | None:
    """Why a redirect from ``start`` to ``target`` is refused, or None to follow it."""
    to = urlsplit(target)
    if to.scheme.lower() not in ("http", "https"):
        return f"redirect to a {to.scheme or 'relative'} address refused (only http and https are followed)"
    origin = urlsplit(start)
    if _is_local(to.hostname):
        same = (to.hostname or "").lower() == (origin.hostname or "").lower() and \
            (to.port or _default_port(to.scheme)) == (origin.port or _default_port(origin.scheme))
        if not same:
            return f"redirect to a local or private address ({to.netloc}) refused"
    return None


def _default_port(scheme: str) -> int:
    return 443 if scheme.lower() == "https" else 80


def _opener(start: str, deadline: float, sockets: list):
    import http.client
    import urllib.request

    class Redirects(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, req, fp, code, msg, headers, newurl):
            why = _redirect_refusal(start, newurl)
            if why:
                raise ValueError(why)
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    def remember(conn_class):
        class Remembering(conn_class):
            def connect(self):
                self.timeout = max(0.1, min(self.timeout or deadline, deadline - time.monotonic()))
                super().connect()
                sockets.append(self.sock)
        return Remembering

    class HTTP(urllib.request.HTTPHandler):
        def http_open(self, req):
            return self.do_open(remember(http.client.HTTPConnection), req)

    class HTTPS(urllib.request.HTTPSHandler):
        def https_open(self, req):
            return self.do_open(remember(http.client.HTTPSConnection), req, context=self._context)

    return urllib.request.build_opener(Redirects, HTTP, HTTPS)


def fetch_page(url: str, *, timeout: float = 20.0, max_bytes: int = MAX_ARTICLE_BYTES,
               deadline: float = DEFAULT_DEADLINE) -> str:
    """Download one web page and return its HTML as text.

    Parameters
    ----------
    url : str
        An ``http://`` or ``https://`` address.
    timeout : float, default 20
        Seconds to wait for any one step (connecting, a piece of the page).
    max_bytes : int
        A larger page is refused.
    deadline : float, default 60
        Seconds the whole download may take; a slower one is cut off.

    Raises
    ------
    ValueError
        With a readable reason (HTTP status, timeout, deadline, refused redirect,
        not HTML, too large) when the page cannot be had.
    """
    import urllib.error
    import urllib.request

    if urlsplit(url).scheme.lower() not in ("http", "https"):
        raise ValueError("only http and https addresses are fetched")
    end = time.monotonic() + deadline
    sockets: list[socket.socket] = []
    expired = threading.Event()

    def cut_off() -> None:  # unblocks a read that waits on a slow server
        expired.set()
        for s in sockets:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    watchdog = threading.Timer(deadline, cut_off)
    watchdog.daemon = True
    watchdog.start()
    request = urllib.request.Request(url, headers={"User-Agent": "newsroom-kit/0.1 (research)"})
    try:
        with _opener(url, end, sockets).open(request, timeout=timeout) as response:
            kind = response.headers.get_content_type()
            if kind not in ("text/html", "application/xhtml+xml", "text/plain"):
                raise ValueError(f"not a web page (content type {kind})")
            charset = response.headers.get_content_charset()
            chunks, size = [], 0
            while True:
                if expired.is_set() or time.monotonic() > end:
                    raise TimeoutError
                chunk = response.read1(65536)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
                if size > max_bytes:
                    raise ValueError(f"page larger than {max_bytes / 2**20:.0f} MiB")
            if expired.is_set():
                raise TimeoutError
            raw = b"".join(chunks)
    except urllib.error.HTTPError as e:
        raise ValueError(f"HTTP {e.code} {e.reason}") from None
    except ValueError:
        raise
    except (urllib.error.URLError, TimeoutError, OSError, Exception) as e:
        if expired.is_set() or time.monotonic() > end:
            raise ValueError(f"download cut off after the {deadline:g} s deadline") from None
        reason = getattr(e, "reason", e)
        if isinstance(reason, ValueError):  # a refused redirect, wrapped by urllib
            raise ValueError(str(reason)) from None
        raise ValueError(f"could not fetch the page: {reason}") from None
    finally:
        watchdog.cancel()
    if not raw.strip():
        raise ValueError("the page is empty")
    if charset:
        try:
            return raw.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(raw)[0]


def url_slug(url: str) -> str:
    """A file-name-safe id for a page: its last path segment, else host and path."""
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    base = re.sub(r"\.(s?html?|php|aspx?)$", "", segments[-1]) if segments else parts.netloc
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", base).strip("-").lower()[:80]
    return slug or hashlib.sha1(url.encode()).hexdigest()[:12]


_SAVED_FROM = re.compile(r"<!-- saved from (\S+) -->")


def _saved_from(path: Path) -> str | None:
    """The address a file saved by :func:`download_pages` came from (None otherwise)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            m = _SAVED_FROM.match(f.read(4096))
    except OSError:
        return None
    return m.group(1) if m else None


def _page_path(folder: Path, url: str, taken: set[Path]) -> Path:
    """A file for ``url`` in ``folder``: its slug, else the slug and a hash of the
    address; a file that exists is reused only when it holds the same address."""
    slug = url_slug(url)
    digest = hashlib.sha1(url.encode()).hexdigest()
    for k, name in enumerate([slug, f"{slug}-{digest[:8]}", f"{slug}-{digest[:16]}"] +
                             [f"{slug}-{digest[:8]}-{i}" for i in range(2, 100)]):
        path = folder / f"{name}.html"
        if path in taken:
            continue
        if not path.exists() and not path.is_symlink():
            return path
        if path.is_file() and not path.is_symlink() and _saved_from(path) == url:
            return path  # the same page, saved by an earlier call: refresh it
    raise ValueError(f"no free file name for {url} in {folder}")


def download_pages(urls: Iterable[str], folder: str | Path, *, timeout: float = 20.0,
                   deadline: float = DEFAULT_DEADLINE) -> pd.DataFrame:
    """Save web pages as ``.html`` files in ``folder``, so a corpus can be reloaded
    (and cited) exactly as it was read, whatever the pages become later.

    Each page gets a file of its own (its slug; two addresses with one slug get the
    slug and a hash of the address), written atomically; a file already there is
    replaced only when an earlier call saved it from the same address.

    Returns
    -------
    DataFrame
        Columns ``url``, ``path`` (None when it failed), ``reason`` (why it failed).
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    taken: set[Path] = set()
    for url in urls:
        try:
            html = fetch_page(url, timeout=timeout, deadline=deadline)
            path = _page_path(folder, url, taken)
        except ValueError as e:
            warnings.warn(f"{url}: {e}", _load_warning(), stacklevel=2)
            rows.append({"url": url, "path": None, "reason": str(e)})
            continue
        taken.add(path)
        header = f"<!-- saved from {url} -->\n"
        if "<link rel=\"canonical\"" not in html and "rel='canonical'" not in html:
            header += f"<link rel=\"canonical\" href=\"{url}\">\n"
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".download-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(header + html)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        rows.append({"url": url, "path": str(path), "reason": None})
    return pd.DataFrame(rows, columns=["url", "path", "reason"])


def _load_warning() -> type[Warning]:
    from kit.load import LoadWarning

    return LoadWarning
