#!/usr/bin/env python3
"""PDF checks of issue 6 on the real handbook (python3 stdlib only).

Builds the handbook with `kapstok build --pdf` into a temporary folder and
checks, for every kenmerk read from content/kenmerken/*.md:
  1. handouts/<slug>.pdf is A4 on every page and at most 3 pages (pdfinfo);
     its text (pdftotext) holds every competentie title of the kenmerk (read
     from content/competenties/*.md), every item of every list in the
     kenmerk's front matter, and every practice example and intervention
     title; its QR code (pdftoppm + zbarimg) decodes to base_url + page url.
  2. the handout HTML printed straight by headless Chromium (--print-to-pdf,
     as a browser user would) is also A4 and at most 3 pages;
  3. handboek.pdf has one outline entry per kenmerk, all on one level, and
     its contents give the page where each kenmerk starts;
  4. the kenmerk page links to its handout and PDF;
  5. a second build gives byte-identical PDFs.
Exit status 0 when everything holds; every failure is printed.
"""

import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zlib

MAX_PAGES = 3
A4 = (595.28, 841.89)
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg, flush=True)


def run(args, **kw):
    return subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


# --- content front matter (the subset of YAML the handbook uses) ------------

def unquote(s):
    s = s.strip()
    if len(s) >= 2 and s[0] == s[-1] and s[0] in "\"'":
        inner = s[1:-1]
        return inner.replace('\\"', '"').replace("\\\\", "\\") if s[0] == '"' else inner.replace("''", "'")
    return s


def front_matter(path):
    """Top-level keys of a content file: str, list of str, or None (a map)."""
    text = open(path, encoding="utf-8").read()
    m = re.match(r"---\n(.*?)\n---\n", text, re.S)
    if not m:
        return {}
    lines = m.group(1).split("\n")
    out, i = {}, 0
    while i < len(lines):
        km = re.match(r"^([A-Za-z_][\w-]*):\s*(.*)$", lines[i])
        i += 1
        if not km:
            continue
        key, value = km.group(1), km.group(2).strip()
        block = []
        while i < len(lines) and (lines[i].startswith(" ") or lines[i] == ""):
            block.append(lines[i])
            i += 1
        if value in (">-", ">", "|", "|-"):
            out[key] = " ".join(b.strip() for b in block if b.strip())
        elif value.startswith("["):
            out[key] = [unquote(x) for x in value.strip("[]").split(",") if x.strip()]
        elif value == "":
            items = [b.strip()[2:] for b in block if b.strip().startswith("- ")]
            out[key] = [unquote(x) for x in items] if items and all(
                b.strip().startswith("- ") for b in block if b.strip()) else None
        else:
            out[key] = unquote(value)
    return out


def pages_of(source, folder):
    pages = {}
    for path in sorted(glob.glob(os.path.join(source, "content", folder, "*.md"))):
        slug = os.path.basename(path)[:-3]
        if not slug.startswith("_"):
            pages[slug] = front_matter(path)
    return pages


def names(value):
    if isinstance(value, list):
        return value
    return [value] if isinstance(value, str) else []


def plain(markdown):
    """Markdown inline text as it prints: links to their text, no emphasis."""
    s = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    s = re.sub(r"\[@[^\]]*\]", "", s)
    return re.sub(r"[*_`]", "", s)


def squash(text):
    """Compare text without whitespace, so line breaks in the PDF do not matter."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


# --- PDFs --------------------------------------------------------------------

def pdf_pages(pdf):
    r = run(["pdfinfo", "-f", "1", "-l", "999", pdf])
    if r.returncode != 0:
        fail(f"{pdf}: pdfinfo failed: {r.stderr.strip()}")
        return []
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", r.stdout)]


def check_a4_pages(pdf, what):
    sizes = pdf_pages(pdf)
    if not sizes:
        fail(f"{what}: no pages")
    if len(sizes) > MAX_PAGES:
        fail(f"{what}: {len(sizes)} pages, at most {MAX_PAGES} allowed")
    for n, (w, h) in enumerate(sizes, 1):
        if abs(w - A4[0]) > 1 or abs(h - A4[1]) > 1:
            fail(f"{what}: page {n} is {w} x {h} pt, not A4 (595 x 842)")
    return len(sizes)


def pdf_objects(data):
    """Object number -> dictionary text, including objects in object streams."""
    objs = {}
    for m in re.finditer(rb"(\d+) 0 obj\s*(<<.*?>>)\s*(stream\r?\n)?", data, re.S):
        objs[int(m.group(1))] = m.group(2)
        if m.group(3) and b"/ObjStm" in m.group(2):
            start = m.end()
            end = data.find(b"endstream", start)
            try:
                body = zlib.decompress(data[start:end].rstrip(b"\r\n"))
            except zlib.error:
                continue
            first = int(re.search(rb"/First (\d+)", m.group(2)).group(1))
            nums = list(map(int, body[:first].split()))
            for k in range(0, len(nums), 2):
                a = first + nums[k + 1]
                b = first + nums[k + 3] if k + 3 < len(nums) else len(body)
                objs[nums[k]] = body[a:b]
    return objs


def pdf_string(raw):
    raw = raw.strip()
    if raw.startswith(b"<"):
        b = bytes.fromhex(raw[1:-1].decode())
        return b[2:].decode("utf-16-be") if b.startswith(b"\xfe\xff") else b.decode("latin-1")
    s = raw[1:-1]
    s = re.sub(rb"\\([nrtbf()\\])", lambda m: {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b",
                                                 b"f": b"\f"}.get(m.group(1), m.group(1)), s)
    s = re.sub(rb"\\([0-7]{1,3})", lambda m: bytes([int(m.group(1), 8)]), s)
    return s.decode("utf-16-be")[1:] if s.startswith(b"\xfe\xff") else s.decode("latin-1")


def outline_entries(pdf):
    """[(title, parent object number)] of every outline item."""
    data = open(pdf, "rb").read()
    out = []
    for num, d in pdf_objects(data).items():
        t = re.search(rb"/Title\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f]*>)", d)
        p = re.search(rb"/Parent (\d+) 0 R", d)
        if t and p:
            out.append((pdf_string(t.group(1)), int(p.group(1))))
    return out


def print_with_chromium(html, pdf, profile):
    r = run(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-background-networking", "--no-first-run", f"--user-data-dir={profile}",
             f"--print-to-pdf={pdf}", "file://" + html], timeout=180,
            env=dict(os.environ, HOME=profile))
    if r.returncode != 0 or not os.path.exists(pdf):
        fail(f"chromium --print-to-pdf {html} failed: {r.stderr.strip()[-500:]}")
        return False
    return True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kapstok", required=True)
    ap.add_argument("--source", required=True)
    args = ap.parse_args()
    for tool in ("chromium", "pdfinfo", "pdftotext", "pdftoppm", "zbarimg"):
        if not shutil.which(tool):
            print(f"missing {tool}: run scripts/install-deps.sh test", file=sys.stderr)
            return 1
    source = os.path.abspath(args.source)
    config = open(os.path.join(source, "kapstok.yaml"), encoding="utf-8").read()
    base_url = re.search(r"^\s+base_url:\s*(\S+)", config, re.M).group(1)
    if not base_url.endswith("/"):
        base_url += "/"

    kenmerken = pages_of(source, "kenmerken")
    competenties = pages_of(source, "competenties")
    voorbeelden = pages_of(source, "praktijkvoorbeelden")
    interventies = pages_of(source, "interventies")
    if len(kenmerken) < 1:
        fail("no kenmerken in content/kenmerken")

    tmp = tempfile.mkdtemp(prefix="kapstok-pdf-test-")
    try:
        site = os.path.join(tmp, "site")
        r = run([args.kapstok, "build", "--quiet", "--pdf", "--out", site], cwd=source)
        if r.returncode != 0:
            fail(f"kapstok build --pdf failed ({r.returncode}): {r.stdout}{r.stderr}")
            return 1

        for slug, fm in kenmerken.items():
            title = fm.get("title", slug)
            pdf = os.path.join(site, "handouts", slug + ".pdf")
            what = f"handouts/{slug}.pdf"
            if not os.path.exists(pdf):
                fail(f"{what} was not written")
                continue
            n = check_a4_pages(pdf, what)
            text = squash(run(["pdftotext", "-enc", "UTF-8", pdf, "-"]).stdout)
            expected = [("title", title)]
            expected += [("competentie", c["title"]) for c in competenties.values()
                         if slug in names(c.get("kenmerk"))]
            if not any(k == "competentie" for k, _ in expected):
                fail(f"{slug}: no competenties found in content/ (the check would be empty)")
            lists = {k: v for k, v in fm.items() if isinstance(v, list)}
            if not lists:
                fail(f"{slug}: no lists in its front matter (the check would be empty)")
            for key, items in lists.items():
                expected += [(key, plain(item)) for item in items]
            for kind, pages in (("praktijkvoorbeeld", voorbeelden), ("interventie", interventies)):
                expected += [(kind, p["title"]) for p in pages.values()
                             if slug in names(p.get("kenmerken"))]
            for kind, s in expected:
                if squash(s) not in text:
                    fail(f"{what}: the text lacks {kind} '{s}'")
            png = os.path.join(tmp, slug)
            run(["pdftoppm", "-r", "200", "-f", "1", "-l", "1", "-png", "-singlefile", pdf, png])
            qr = run(["zbarimg", "-q", "--raw", png + ".png"]).stdout.strip()
            want = base_url + "kenmerken/" + slug + "/"
            if qr != want:
                fail(f"{what}: QR code decodes to '{qr}', expected '{want}'")
            page_html = open(os.path.join(site, "kenmerken", slug, "index.html"), encoding="utf-8").read()
            for link in (f"kenmerken/{slug}/handout/", f"handouts/{slug}.pdf"):
                if f'{link}"' not in page_html:
                    fail(f"kenmerken/{slug}/index.html does not link to {link}")
            print(f"ok {what}: {n} pages, {len(expected)} texts, QR {qr}", flush=True)

            # The browser path: the handout HTML printed by Chromium itself.
            html = os.path.join(site, "kenmerken", slug, "handout", "index.html")
            browser_pdf = os.path.join(tmp, slug + "-browser.pdf")
            if print_with_chromium(html, browser_pdf, os.path.join(tmp, "profile-" + slug)):
                n = check_a4_pages(browser_pdf, f"kenmerken/{slug}/handout/ printed by Chromium")
                print(f"ok kenmerken/{slug}/handout/ printed by Chromium: {n} pages", flush=True)

        book = os.path.join(site, "handboek.pdf")
        if not os.path.exists(book):
            fail("handboek.pdf was not written")
        else:
            entries = outline_entries(book)
            titles = [fm.get("title", s) for s, fm in kenmerken.items()]
            found = [(t, p) for t, p in entries if t in titles]
            for t in titles:
                count = sum(1 for ft, _ in found if ft == t)
                if count != 1:
                    fail(f"handboek.pdf: {count} outline entries for kenmerk '{t}', expected 1")
            if len({p for _, p in found}) > 1:
                fail("handboek.pdf: the kenmerken are not on one outline level")
            print(f"ok handboek.pdf: {len(entries)} outline entries, {len(found)} kenmerken", flush=True)
            # The contents give the page where each kenmerk starts: that page
            # carries its title and its QR caption ("Online:"), which only a
            # section's first page has.
            toc = run(["pdftotext", "-layout", "-f", "1", "-l", "1", book, "-"]).stdout
            for t in titles:
                m = re.search(re.escape(t) + r"\s+(\d+)\s*$", toc, re.M)
                if not m:
                    fail(f"handboek.pdf: no page number for '{t}' in the contents")
                    continue
                n = int(m.group(1))
                page = run(["pdftotext", "-f", str(n), "-l", str(n), book, "-"]).stdout
                if t not in page or "Online:" not in page:
                    fail(f"handboek.pdf: the contents say '{t}' starts on page {n}, but it does not")
            print("ok handboek.pdf: contents page numbers", flush=True)

        # Determinism: a second build writes the same PDF bytes.
        site2 = os.path.join(tmp, "site2")
        r = run([args.kapstok, "build", "--quiet", "--pdf", "--out", site2], cwd=source)
        if r.returncode != 0:
            fail(f"second kapstok build --pdf failed: {r.stderr}")
        else:
            for path in sorted(glob.glob(os.path.join(site, "**", "*.pdf"), recursive=True)):
                rel = os.path.relpath(path, site)
                other = os.path.join(site2, rel)
                if not os.path.exists(other) or open(path, "rb").read() != open(other, "rb").read():
                    fail(f"{rel} differs between two builds")
            print("ok two builds give the same PDFs", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print("all PDF checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
