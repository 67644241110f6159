"""The listening socket, opened before the server starts, so that a busy port
or an address that is not this machine's is a clean error at once; and the
addresses to give the participants."""

from __future__ import annotations

import errno
import ipaddress
import socket

from gvc_advisor.engine.errors import Problem, UserError
from gvc_advisor.engine.i18n import _

WHERE = "<command line>"


def _resolve(host: str, port: int) -> list[tuple]:
    try:
        return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError) as exc:
        reason = exc.strerror if isinstance(exc, socket.gaierror) else str(exc)
        raise UserError(Problem(WHERE, message=_(
            "--host {host}: not an address of this machine ({reason}); give one of its IP addresses "
            "(e.g. 192.168.1.20), 0.0.0.0 for all of them, or 127.0.0.1 for this computer only",
            host=host, reason=reason))) from None


def is_loopback(host: str, port: int = 0) -> bool:
    """True when every address ``host`` stands for is this computer only."""
    return all(ipaddress.ip_address(info[4][0].split("%")[0]).is_loopback for info in _resolve(host, port))


def open_listening_socket(host: str, port: int) -> socket.socket:
    """A bound, listening socket; a ``UserError`` that says what to do otherwise."""
    family, _type, _proto, _name, address = _resolve(host, port)[0]
    try:
        if family == socket.AF_INET6 and address[0] == "::":
            return socket.create_server(address[:2], family=family, dualstack_ipv6=socket.has_dualstack_ipv6())
        return socket.create_server(address[:2], family=family)
    except OSError as exc:
        raise UserError(Problem(WHERE, message=_bind_message(host, port, exc))) from None


def _bind_message(host: str, port: int, exc: OSError) -> str:
    if exc.errno == errno.EADDRINUSE:
        return _("--port {port}: already in use on {host} (another server is running there?); "
                 "choose another port, or --port 0 for any free one", port=port, host=host)
    if exc.errno in (errno.EACCES, errno.EPERM):
        return _("--port {port}: permission denied on {host}; ports below 1024 need administrator "
                 "rights, use a port such as 8000", port=port, host=host)
    if exc.errno == errno.EADDRNOTAVAIL:
        return _("--host {host}: not an address of this machine; give one of its IP addresses, "
                 "0.0.0.0 for all of them, or 127.0.0.1 for this computer only", host=host)
    return _("--host {host} --port {port}: cannot listen there ({reason})", host=host, port=port,
             reason=exc.strerror or exc)


def _lan_address() -> str | None:
    """The address other machines most likely reach this one at (no packet is sent)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))
        address = probe.getsockname()[0]
    except OSError:
        return None
    finally:
        probe.close()
    return None if ipaddress.ip_address(address).is_loopback else address


def urls(host: str, sock: socket.socket) -> list[str]:
    """The URLs to open in a browser for a server listening on ``sock``."""
    port = sock.getsockname()[1]
    if host in ("0.0.0.0", "::", ""):
        hosts = [a for a in (_lan_address(), socket.gethostname()) if a] or ["127.0.0.1"]
    else:
        hosts = [host]
    return [f"http://[{h}]:{port}/" if ":" in h else f"http://{h}:{port}/" for h in hosts]
