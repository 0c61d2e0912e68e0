"""`newsdesk fetch` of a feed at an https address whose certificate is not trusted (self-signed, expired,
for another name): said as the site's broken https, not as a server that speaks no https."""

from __future__ import annotations

import shutil
import ssl
import subprocess

import pytest

from conftest import make_site
from feed_server import FeedServer, Route
from generator.cli import main

RSS = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://t.example/</link>'
       b'<item><title>Never read</title><link>https://t.example/1</link></item></channel></rss>')


def test_a_self_signed_certificate_is_said_with_what_to_do(tmp_path, capsys):
    openssl = shutil.which("openssl")
    if not openssl:
        pytest.skip("needs the openssl command, to make a certificate")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "2", "-subj", "/CN=127.0.0.1"], check=True, capture_output=True)
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(cert, key)
    server = FeedServer()
    server.httpd.socket = tls.wrap_socket(server.httpd.socket, server_side=True)
    server.routes["/feed.rss"] = Route(RSS)
    url = server.url("/feed.rss").replace("http://", "https://")
    site = make_site(tmp_path / "site", {}, f"title: T\nfetch:\n  retries: 0\n  timeout: 5\nsources:\n  - {url}\n")
    with server:
        code = main(["fetch", "--config", str(site / "config.yaml")])
    err = capsys.readouterr().err
    assert code == 1
    assert f"config.yaml:6: {url}: the site's certificate is not trusted: self-signed certificate;" in err
    assert "tell the site, or give its http:// address if it serves one" in err
    assert "serves https at that address" not in err and "_ssl.c" not in err
    assert not list((site / "content").rglob("*.md"))
