#!/usr/bin/env python3
"""`kapstok serve` end to end.

Copies tests/fixtures/valid-basic with the repository's templates/ and themes/
to a temporary folder, starts `kapstok serve --port <free port>` on it, and
checks: a page is served (with the live-reload script), a content edit is
served after the rebuild, a broken file shows the error (overlay and
/_kapstok/errors) while the last good page stays served, and a fix clears it.
Also: traversal attempts get 400, unknown paths the site's 404 page, HEAD has
no body, and an open /_kapstok/events stream receives a reload event.
Usage: serve_integration.py KAPSTOK SOURCE_DIR
"""
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

TIMEOUT = 20  # seconds to wait for a rebuild to show


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port, path, method="GET"):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method)
    try:
        with urllib.request.urlopen(req, timeout=5) as r:
            return r.status, r.headers, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode("utf-8", "replace")


def raw(port, request):
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(request)
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                return data.decode("utf-8", "replace")
            data += chunk


def wait_for(what, check):
    deadline = time.time() + TIMEOUT
    while time.time() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for: {what}")


def expect(cond, what):
    if not cond:
        raise AssertionError(what)
    print("ok -", what)


def main():
    kapstok, source = sys.argv[1], sys.argv[2]
    tmp = tempfile.mkdtemp(prefix="kapstok-serve-")
    proc = None
    try:
        shutil.copytree(os.path.join(source, "tests/fixtures/valid-basic"), tmp, dirs_exist_ok=True)
        shutil.copytree(os.path.join(source, "templates"), os.path.join(tmp, "templates"))
        shutil.copytree(os.path.join(source, "themes"), os.path.join(tmp, "themes"))
        port = free_port()
        proc = subprocess.Popen([kapstok, "serve", "--port", str(port), "--project", tmp],
                                stderr=subprocess.PIPE, text=True)
        line = proc.stderr.readline()
        expect(f"serving http://127.0.0.1:{port}/" in line, f"serve announces the port: {line.strip()}")
        # Keep reading its output so the pipe never fills up.
        threading.Thread(target=lambda: [sys.stdout.write("  serve: " + l) for l in proc.stderr],
                         daemon=True).start()

        page = "/voorbeelden/buurtkamer/"
        status, headers, body = get(port, page)
        expect(status == 200 and "vrijwilligers" in body, "the page is served")
        expect(headers["Content-Type"] == "text/html; charset=utf-8", "HTML content type")
        expect("/_kapstok/events" in body, "the live-reload script is injected")
        status, _, body = get(port, "/voorbeelden/buurtkamer")
        expect(status in (200, 301), "a folder without slash redirects")
        status, _, body = get(port, page, "HEAD")
        expect(status == 200 and body == "", "HEAD has no body")
        status, _, body = get(port, "/bestaat-niet/")
        expect(status == 404 and "<html" in body, "unknown paths get the 404 page")
        for attack in (b"/../kapstok.yaml", b"/%2e%2e/kapstok.yaml", b"/..%2fkapstok.yaml",
                       b"/assets/..%5c..%5ckapstok.yaml"):
            reply = raw(port, b"GET " + attack + b" HTTP/1.1\r\nHost: x\r\n\r\n")
            expect(reply.startswith("HTTP/1.1 400") and "types:" not in reply,
                   f"traversal {attack.decode()} is refused")
        reply = raw(port, b"POST / HTTP/1.1\r\nHost: x\r\n\r\n")
        expect(reply.startswith("HTTP/1.1 405"), "POST is refused")
        status, headers, css = get(port, "/assets/style.css")
        expect(status != 200 or headers["Content-Type"].startswith("text/css"), "CSS content type")

        # An open page's event stream receives a reload after an edit.
        events = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
        events.sendall(b"GET /_kapstok/events HTTP/1.1\r\nHost: x\r\n\r\n")
        first = events.recv(4096).decode()
        expect("text/event-stream" in first and "data: " in first, "the event stream opens")

        path = os.path.join(tmp, "content/voorbeelden/buurtkamer.md")
        with open(path, encoding="utf-8") as f:
            original = f.read()
        with open(path, "w", encoding="utf-8") as f:
            f.write(original.replace("werken vrijwilligers samen", "koken buren samen soep"))
        wait_for("the edited text is served", lambda: "koken buren samen soep" in get(port, page)[2])
        expect(True, "the edited text is served")
        reload_event = events.recv(4096).decode()
        expect("data: " in reload_event, "the event stream announced a reload")
        events.close()

        # A broken file: the error shows, the last good page stays.
        with open(path, "w", encoding="utf-8") as f:
            f.write("---\ntitle: [kapot\nkenmerken: [eigen-kracht]\n---\n<b>kapot</b>\n")
        wait_for("the error is reported", lambda: "buurtkamer.md" in get(port, "/_kapstok/errors")[2])
        errors = get(port, "/_kapstok/errors")[2]
        expect(re.search(r"content/voorbeelden/buurtkamer\.md:\d+:\d+: error: ", errors),
               f"the error names file, line and column: {errors.splitlines()[0]}")
        status, _, body = get(port, page)
        expect(status == 200 and "koken buren samen soep" in body, "the last good page is still served")
        expect('id="kapstok-errors"' in body and "buurtkamer.md:3:" in body, "the page shows the error overlay")
        expect("title: [kapot" not in body or "title: [kapot" in body.split('id="kapstok-errors"')[1],
               "the broken text appears only inside the overlay")

        # Fixed: the overlay goes, the new text is served.
        with open(path, "w", encoding="utf-8") as f:
            f.write(original.replace("werken vrijwilligers samen", "zingen buren samen"))
        wait_for("the fix is served", lambda: "zingen buren samen" in get(port, page)[2])
        status, _, body = get(port, page)
        expect("kapstok-errors" not in body, "the overlay is gone after the fix")
        expect(get(port, "/_kapstok/errors")[2] == "", "no errors after the fix")
        print("all serve checks passed")
        return 0
    finally:
        if proc:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
