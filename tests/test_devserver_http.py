"""serve: files and MIME types, the 404 page, folder URLs, path traversal, live-reload injection and
the events endpoint, a taken port, and an edit seen over HTTP."""

from __future__ import annotations

import http.client
import json
import socket
import threading
from pathlib import Path

import pytest
from test_devserver import article_url, dev_server, write_article, write_site

from generator import cli
from generator.devserver.http import Refused, bind, local_path
from generator.devserver.livereload import EVENTS_PATH, BuildStatus, Status, inject

SECRET = "top-secret-outside-the-output-folder"


def get(server, path: str, method: str = "GET", headers: dict | None = None) -> tuple[int, dict, bytes]:
    """One request with the path sent exactly as given (no normalisation, no quoting)."""
    host, port = server.server_address[:2]
    connection = http.client.HTTPConnection(host, port, timeout=10)
    try:
        connection.putrequest(method, path, skip_accept_encoding=True)
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


@pytest.fixture
def output(tmp_path) -> Path:
    """An output folder with one file of each kind, next to a secret that must never be served."""
    (tmp_path / "secret.txt").write_text(SECRET)
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.txt").write_text(SECRET)
    root = tmp_path / "public"
    files = {
        "index.html": "<!doctype html><html><body><h1>Home</h1></body></html>",
        "404.html": "<!doctype html><html><body><h1>Page not found</h1></body></html>",
        "2014/03/index.html": "<html><body>March</body></html>",
        "static/style.css": "body{}",
        "static/app.js": "1",
        "feed.xml": "<feed/>",
        "robots.txt": "User-agent: *",
        "sitemap.xml": "<urlset/>",
        "data.json": "{}",
        "logo.svg": "<svg/>",
        "empty/keep.txt": "",
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    (root / "photo.png").write_bytes(b"\x89PNG\r\n")
    (root / "link-out.txt").symlink_to(tmp_path / "secret.txt")
    (root / "dir-out").symlink_to(tmp_path / "outside")
    (root / "link-in.txt").symlink_to(root / "robots.txt")
    return root


@pytest.fixture
def server(output):
    status = BuildStatus()
    server = bind("127.0.0.1", 0, lambda: output, status)
    server.start()
    yield server
    server.close()


# ---------------------------------------------------------------- files


@pytest.mark.parametrize(
    "path, kind",
    [
        ("/", "text/html; charset=utf-8"),
        ("/static/style.css", "text/css; charset=utf-8"),
        ("/static/app.js", "text/javascript; charset=utf-8"),
        ("/feed.xml", "application/xml; charset=utf-8"),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/data.json", "application/json"),
        ("/logo.svg", "image/svg+xml"),
        ("/photo.png", "image/png"),
    ],
)
def test_mime_types(server, path, kind):
    status, headers, body = get(server, path)
    assert (status, headers["content-type"]) == (200, kind)
    assert int(headers["content-length"]) == len(body)


def test_unknown_urls_get_the_site_404_page_with_status_404(server):
    status, headers, body = get(server, "/no/such/page/")
    assert status == 404 and headers["content-type"].startswith("text/html")
    assert b"Page not found" in body and b"broadsheet-livereload" in body


def test_a_plain_404_when_the_site_has_no_404_page(server, output):
    (output / "404.html").unlink()
    status, _, body = get(server, "/missing")
    assert (status, body) == (404, b"Not found\n")


def test_a_folder_url_serves_its_index_and_redirects_without_the_slash(server):
    status, _, body = get(server, "/2014/03/")
    assert status == 200 and b"March" in body
    status, headers, _ = get(server, "/2014/03?x=1")
    assert (status, headers["location"]) == (301, "/2014/03/?x=1")


def test_a_folder_without_an_index_is_not_listed(server):
    status, _, body = get(server, "/empty/")
    assert status == 404 and b"keep.txt" not in body


def test_head_sends_the_headers_only(server):
    status, headers, body = get(server, "/static/style.css", method="HEAD")
    assert (status, headers["content-length"], body) == (200, "6", b"")


def test_a_symlink_inside_the_output_folder_is_served(server):
    assert get(server, "/link-in.txt")[0] == 200


# ---------------------------------------------------------------- nothing outside the output folder


@pytest.mark.parametrize(
    "path",
    [
        "/../secret.txt",
        "/public/../../secret.txt",
        "/2014/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/.%2e/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/..%2fsecret.txt",
        "/..%2Fsecret.txt",
        "/2014%2f..%2f..%2fsecret.txt",
        "/..\\secret.txt",
        "/..%5csecret.txt",
        "/..%5Csecret.txt",
        "/%252e%252e/secret.txt",
        "/%c0%ae%c0%ae/secret.txt",
        "/link-out.txt",
        "/dir-out/secret.txt",
        "/dir-out/",
        "/%00/../secret.txt",
        "//secret.txt",
        "http://127.0.0.1/../secret.txt",
        "../secret.txt",
    ],
)
def test_no_request_reads_outside_the_output_folder(server, path):
    status, _, body = get(server, path)
    assert status in (403, 404)
    assert SECRET.encode() not in body


def test_local_path_refuses_each_way_out(output):
    for path in ("/../x", "/%2e%2e/x", "/a%2f..%2f..%2fx", "/a\\..\\x", "/link-out.txt", "/dir-out/secret.txt", "x"):
        with pytest.raises(Refused):
            local_path(output, path)
    assert local_path(output, "/2014/03/") == (output / "2014" / "03").resolve()
    assert local_path(output, "/") == output.resolve()


# ---------------------------------------------------------------- live reload


def test_served_html_carries_the_reload_script_but_the_file_on_disk_does_not(server, output):
    _, _, body = get(server, "/")
    assert body.count(b'<script id="broadsheet-livereload">') == 1
    assert body.index(b"broadsheet-livereload") < body.index(b"</body>")
    assert b"broadsheet" not in (output / "index.html").read_bytes()
    _, _, css = get(server, "/static/style.css")
    assert css == b"body{}"


def test_inject_goes_before_the_last_closing_body_tag_or_at_the_end():
    status = Status(3, ("a.md:1: error: </script> here",))
    page = inject(b"<p>x</p></BODY></html>", status)
    assert page.startswith(b"<p>x</p><script") and page.endswith(b"</script>\n</BODY></html>")
    assert b"\\u003c/script\\u003e here" in page and page.count(b"</script>") == 1 and page.count(b"<script") == 1
    assert inject(b"<p>no body</p>", status).startswith(b"<p>no body</p><script")


def test_the_events_endpoint_answers_at_once_for_an_old_epoch(server):
    status, headers, body = get(server, f"{EVENTS_PATH}?since=-1")
    assert status == 200 and headers["content-type"] == "application/json"
    assert json.loads(body) == {"epoch": 0, "errors": []}


def test_the_events_endpoint_waits_for_the_next_build(server):
    publish = threading.Timer(0.3, server.status.publish, args=(("a.md:2: error: bad",),))
    publish.start()
    _, _, body = get(server, f"{EVENTS_PATH}?since=0")
    publish.join()
    assert json.loads(body) == {"epoch": 1, "errors": ["a.md:2: error: bad"]}


def test_closing_the_status_releases_waiting_browsers():
    status = BuildStatus()
    threading.Timer(0.1, status.close).start()
    assert status.wait_beyond(0, timeout=30).epoch == 0


# ---------------------------------------------------------------- the port


def test_a_taken_port_is_named_with_a_hint(output):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(OSError, match=rf"port {port} on 127.0.0.1 is already in use.*--port"):
            bind("127.0.0.1", port, lambda: output, BuildStatus())


def test_serve_exits_2_when_the_port_is_taken(tmp_path, capsys):
    site = write_site(tmp_path / "site")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert cli.main(["--config", str(site), "serve", "--port", str(port)]) == 2
    assert f"error: port {port} on 127.0.0.1 is already in use" in capsys.readouterr().err
    assert not (site.parent / "public").exists()  # it failed before building anything


# ---------------------------------------------------------------- the whole loop over HTTP


def test_an_edit_is_served_and_announced_once_the_rebuild_is_complete(tmp_path):
    site = write_site(tmp_path / "site")
    dev = dev_server(site)
    url = dev.listen("127.0.0.1", 0)
    try:
        dev.start()
        assert url == f"http://127.0.0.1:{dev.server.server_address[1]}/"
        path = article_url("Markets Steady", 4)
        status, _, body = get(dev.server, path)
        assert status == 200 and f'href="{url}'.encode() in body  # links point at the preview, not base_url
        epoch = dev.status.current.epoch
        waiting = {}
        poll = threading.Thread(target=lambda: waiting.update(answer=get(dev.server, f"{EVENTS_PATH}?since={epoch}")))
        poll.start()
        write_article(site.parent, "Markets Steady", 4, "Served over HTTP.")
        poll.join(timeout=15)
        assert json.loads(waiting["answer"][2])["epoch"] == epoch + 1
        assert b"Served over HTTP." in get(dev.server, path)[2]  # complete by the time browsers hear of it
    finally:
        dev.stop()
