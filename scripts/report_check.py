#!/usr/bin/env python3
"""Checks a `rolecall report` page in headless Chromium (python3 standard
library only; run by scripts/report-check.sh):

1. no request leaves the page: the page is opened through the DevTools
   protocol (--remote-debugging-pipe) and every request of the page is
   recorded (Network.requestWillBeSent); only the page's own file:// URL
   and data: URLs are allowed, and no console message may report a
   Content-Security-Policy refusal. The page is opened twice: as written,
   and with its CSP meta tag taken out (so that what the page itself asks
   for is seen, not only what the policy blocks). A canary page that loads
   an image from 127.0.0.1 must be caught first, or the check itself is
   broken. Chromium runs with a proxy on 127.0.0.1:9 (closed) and every
   host name unresolvable, so neither the page nor the browser's own
   background requests reach any other machine;
2. the screenshot is not blank: it has many colours, among them the
   palette's director and producer colours (the charts were drawn);
3. the figures in the rendered DOM (--dump-dom) equal those of summary.csv
   and groups.csv, as strings; the corpus intervals, which no CSV holds,
   equal a Wilson interval computed here;
4. the layout, in windows 1200, 420 and 360 px wide (a phone): nothing
   sticks out of the page's column (the page never scrolls sideways; a
   wide table scrolls in its own box, the navigation links wrap), and the
   first column of each group table (the values) is at least 100 px wide,
   so that its names can be read.

Usage: report_check.py CHROMIUM OUT_DIR REPORT_HTML SCREENSHOT_PNG
       report_check.py --self-test   (the verdicts on made-up layouts, no browser)
Exit 0 when every check passes; 1 with the failures on stderr.
"""

import csv
import html.parser
import json
import math
import os
import re
import select
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib

FLAGS = [
    "--headless",
    "--disable-gpu",
    "--no-sandbox",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--hide-scrollbars",
    # Nothing leaves this machine: every request goes to a closed local
    # port, and no host name resolves.
    "--proxy-server=http://127.0.0.1:9",
    "--host-resolver-rules=MAP * ~NOTFOUND",
]

failures = []


def fail(msg):
    failures.append(msg)
    print(f"report-check: FAIL: {msg}", file=sys.stderr)


# --- 1. requests, through the DevTools protocol over a pipe -------------


class Pipe:
    """Chromium's --remote-debugging-pipe: it reads commands on fd 3 and
    writes replies and events on fd 4, each a JSON text ending in NUL."""

    def __init__(self, chromium, profile):
        to_r, self.to_w = os.pipe()
        self.from_r, from_w = os.pipe()

        # fd 3 and 4 of chromium, set by a shell (to_r < from_w, both at
        # least 3, so the first redirection cannot close the second's fd).
        self.proc = subprocess.Popen(
            [
                "sh",
                "-c",
                f'exec "$@" 3<&{to_r} 4>&{from_w}',
                "sh",
                chromium,
                *FLAGS,
                f"--user-data-dir={profile}",
                "--remote-debugging-pipe",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(to_r, from_w),
        )
        os.close(to_r)
        os.close(from_w)
        self.buf = b""
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, session=None):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.to_w, json.dumps(msg).encode() + b"\0")
        return self.wait(lambda m: m.get("id") == self.next_id, 30, method)

    def read(self, timeout):
        """The next message, or None after `timeout` seconds."""
        while b"\0" not in self.buf:
            ready, _, _ = select.select([self.from_r], [], [], timeout)
            if not ready:
                return None
            chunk = os.read(self.from_r, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self.buf += chunk
        raw, self.buf = self.buf.split(b"\0", 1)
        return json.loads(raw)

    def wait(self, pred, timeout, what):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            m = self.read(max(0.0, end - time.monotonic()))
            if m is None:
                break
            if pred(m):
                if "error" in m:
                    raise RuntimeError(f"{what}: {m['error']}")
                return m
            self.events.append(m)
        raise RuntimeError(f"{what}: no answer from chromium in {timeout} s")

    def close(self):
        try:
            self.send("Browser.close")
        except Exception:
            pass
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.to_w)
        os.close(self.from_r)


def page_requests(chromium, url, profile):
    """The URLs the page at `url` requested, and its console messages."""
    p = Pipe(chromium, profile)
    try:
        targets = p.send("Target.getTargets")["result"]["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        session = p.send("Target.attachToTarget", {"targetId": page["targetId"], "flatten": True})["result"]["sessionId"]
        for domain in ("Network", "Page", "Log", "Runtime"):
            p.send(f"{domain}.enable", session=session)
        p.send("Page.navigate", {"url": url}, session=session)
        p.wait(lambda m: m.get("method") == "Page.loadEventFired" and m.get("sessionId") == session, 30, "page load")
        # Late requests (none expected) get a moment to show.
        end = time.monotonic() + 1.0
        while (m := p.read(max(0.0, end - time.monotonic()))) is not None:
            p.events.append(m)
    finally:
        p.close()
    mine = [e for e in p.events if e.get("sessionId") == session]
    urls = [e["params"]["request"]["url"] for e in mine if e.get("method") == "Network.requestWillBeSent"]
    console = [e["params"]["entry"]["text"] for e in mine if e.get("method") == "Log.entryAdded"]
    console += [
        " ".join(str(a.get("value", "")) for a in e["params"].get("args", []))
        for e in mine
        if e.get("method") == "Runtime.consoleAPICalled"
    ]
    return urls, console


def foreign(urls, own):
    return [u for u in urls if u != own and not u.startswith("data:")]


def check_requests(chromium, report, work):
    canary = os.path.join(work, "canary.html")
    with open(canary, "w") as f:
        f.write('<!DOCTYPE html><p>canary</p><img src="http://127.0.0.1:9/canary.png">\n')
    url = "file://" + canary
    urls, _ = page_requests(chromium, url, os.path.join(work, "profile-canary"))
    if not any("127.0.0.1:9/canary.png" in u for u in urls):
        fail(f"the request check is broken: the canary page's image request was not seen (saw {urls})")

    no_csp = os.path.join(work, "report-without-csp.html")
    with open(report, encoding="utf-8") as f:
        page = f.read()
    stripped, n = re.subn(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
    if n != 1:
        fail("the report has no Content-Security-Policy meta tag")
    with open(no_csp, "w", encoding="utf-8") as f:
        f.write(stripped)
    for path, name in ((report, "the report"), (no_csp, "the report without its CSP")):
        own = "file://" + os.path.abspath(path)
        urls, console = page_requests(chromium, own, os.path.join(work, "profile-" + str(len(name))))
        if own not in urls:
            fail(f"{name}: the page's own load was not seen ({urls}): the check saw nothing")
        for u in foreign(urls, own):
            fail(f"{name}: a request left the page: {u}")
        for text in console:
            if "Content Security Policy" in text or "Refused to" in text:
                fail(f"{name}: the browser refused a load: {text}")


# --- 2. the screenshot ----------------------------------------------------


def png_pixels(path):
    """Width, height, channels and rows of an 8-bit RGB or RGBA PNG."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path}: not a PNG file")
    pos, idat, ihdr = 8, b"", None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, ctype, _, _, interlace = ihdr
    if depth != 8 or ctype not in (2, 6) or interlace:
        raise ValueError(f"{path}: PNG of depth {depth}, colour type {ctype}, interlace {interlace}: not read here")
    ch = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * ch
    rows, prev = [], bytearray(stride)
    for y in range(height):
        ftype = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        if ftype == 1:
            for i in range(ch, stride):
                line[i] = (line[i] + line[i - ch]) & 255
        elif ftype == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif ftype == 3:
            for i in range(stride):
                left = line[i - ch] if i >= ch else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
        elif ftype == 4:
            for i in range(stride):
                a = line[i - ch] if i >= ch else 0
                b, c = prev[i], (prev[i - ch] if i >= ch else 0)
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return width, height, ch, rows


def check_screenshot(png):
    width, height, ch, rows = png_pixels(png)
    colours = {}
    for line in rows:
        for x in range(0, len(line), ch):
            c = bytes(line[x : x + 3])
            colours[c] = colours.get(c, 0) + 1
    total = width * height
    top = max(colours.values())
    print(f"report-check: screenshot {width}x{height}, {len(colours)} colours, the commonest covers {100 * top / total:.0f}%")
    if len(colours) < 16 or top > 0.97 * total:
        fail(f"{png}: the page looks blank ({len(colours)} colours)")
    for name, rgb in (("director (vermillion)", (213, 94, 0)), ("producer (blue)", (0, 114, 178))):
        if colours.get(bytes(rgb), 0) < 200:
            fail(f"{png}: hardly any {name} pixels: the charts were not drawn")


# --- 3. the figures of the DOM ---------------------------------------------


class Tags(html.parser.HTMLParser):
    """The start tags of a page with their attributes, and the count of svg elements."""

    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def wilson(k, n, z=1.959963984540054):
    if n == 0:
        return 0.0, 0.0
    p = k / n
    c = (p + z * z / (2 * n)) / (1 + z * z / n)
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(c - h, 0.0), min(c + h, 1.0)


def check_dom(dom, out):
    parser = Tags()
    parser.feed(dom)
    tags = parser.tags
    svgs = sum(1 for t, _ in tags if t == "svg")
    if svgs < 3:
        fail(f"the rendered page has {svgs} charts (svg), expected at least 3")
    with open(os.path.join(out, "summary.csv"), newline="", encoding="utf-8") as f:
        summary = next(csv.DictReader(f))
    labels = [c[: -len("_share")] for c in summary if c.endswith("_share")]
    table = next((a for t, a in tags if t == "table" and a.get("data-table") == "summary"), None)
    if table is None:
        fail("the rendered page has no corpus table (data-table=summary)")
        return
    for key in ("documents", "sentences"):
        if table.get(f"data-{key}") != summary[key]:
            fail(f"corpus {key}: page {table.get(f'data-{key}')!r}, summary.csv {summary[key]!r}")
    n = int(summary["sentences"])
    checked = 0
    for label in labels:
        row = next((a for t, a in tags if t == "tr" and a.get("data-label") == label), None)
        if row is None:
            fail(f"corpus: no row for label {label}")
            continue
        for attr, want in (("data-count", summary[label]), ("data-share", summary[label + "_share"])):
            if row.get(attr) != want:
                fail(f"corpus {label} {attr}: page {row.get(attr)!r}, summary.csv {want!r}")
        low, high = wilson(int(summary[label]), n)
        for attr, want in (("data-low", low), ("data-high", high)):
            if abs(float(row.get(attr, "nan")) - want) > 1.5e-6:
                fail(f"corpus {label} {attr}: page {row.get(attr)!r}, Wilson interval {want:.6f}")
        checked += 1

    with open(os.path.join(out, "groups.csv"), newline="", encoding="utf-8") as f:
        groups = list(csv.DictReader(f))
    page_rows, current = [], None
    for t, a in tags:
        if t == "tr":
            current = None
            if "data-field" in a and "data-value" in a:
                current = (a, {})
                page_rows.append(current)
        elif t == "td" and current is not None and "data-label" in a:
            current[1][a["data-label"]] = a
    if len(page_rows) != len(groups):
        fail(f"the page has {len(page_rows)} group rows, groups.csv {len(groups)}")
    for want, (row, cells) in zip(groups, page_rows):
        key = f"{want['field']}={want['value']}"
        for attr, col in (("data-field", "field"), ("data-value", "value"), ("data-documents", "documents"), ("data-sentences", "sentences")):
            if row.get(attr) != want[col]:
                fail(f"group {key} {col}: page {row.get(attr)!r}, groups.csv {want[col]!r}")
        for label in labels:
            cell = cells.get(label, {})
            for attr, col in (("data-count", label), ("data-share", label + "_share"), ("data-low", label + "_low"), ("data-high", label + "_high")):
                if cell.get(attr) != want[col]:
                    fail(f"group {key} {col}: page {cell.get(attr)!r}, groups.csv {want[col]!r}")
        checked += 1
    print(f"report-check: {checked} rows of figures in the DOM compared with summary.csv and groups.csv")


# --- 4. the layout, through the DevTools protocol ---------------------------

# What sticks out of the body's content box, leaving out what lies inside a
# box that scrolls (or clips) sideways; and the width of the first cell of
# each row of the group tables.
LAYOUT_JS = r"""
(() => {
  const body = document.body, cs = getComputedStyle(body);
  const right = body.getBoundingClientRect().right - parseFloat(cs.paddingRight);
  const boxed = e => {
    for (let p = e.parentElement; p && p !== body; p = p.parentElement) {
      if (["auto", "scroll", "hidden"].includes(getComputedStyle(p).overflowX)) return true;
    }
    return false;
  };
  const name = e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "")
    + (e.getAttribute("data-table") ? "[data-table=" + e.getAttribute("data-table") + "]" : "")
    + (e.className && typeof e.className === "string" ? "." + e.className.split(" ").join(".") : "");
  const out = [];
  for (const e of body.querySelectorAll("*")) {
    const r = e.getBoundingClientRect();
    if (r.width > 0 && r.right > right + 1 && !boxed(e)) out.push(name(e) + " reaches " + Math.round(r.right) + " px");
  }
  const first = [...document.querySelectorAll("table[data-table=groups] tr > :first-child")]
    .map(c => Math.round(c.getBoundingClientRect().width));
  return JSON.stringify({
    width: document.documentElement.clientWidth,
    scroll_width: document.documentElement.scrollWidth,
    column_right: Math.round(right),
    out: out,
    first: first,
  });
})()
"""


WIDTHS = (1200, 420, 360)


def check_layout(chromium, report, work):
    url = "file://" + report
    for width in WIDTHS:
        p = Pipe(chromium, os.path.join(work, f"profile-layout-{width}"))
        try:
            targets = p.send("Target.getTargets")["result"]["targetInfos"]
            page = next(t for t in targets if t["type"] == "page")
            session = p.send("Target.attachToTarget", {"targetId": page["targetId"], "flatten": True})["result"]["sessionId"]
            p.send("Page.enable", session=session)
            metrics = {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False}
            p.send("Emulation.setDeviceMetricsOverride", metrics, session=session)
            p.send("Page.navigate", {"url": url}, session=session)
            p.wait(lambda m: m.get("method") == "Page.loadEventFired" and m.get("sessionId") == session, 30, "page load")
            got = p.send("Runtime.evaluate", {"expression": LAYOUT_JS, "returnByValue": True}, session=session)
        finally:
            p.close()
        problems, passed = layout_verdict(width, json.loads(got["result"]["result"]["value"]))
        for msg in problems:
            fail(msg)
        if passed:
            print(f"report-check: {passed}")


def layout_verdict(width, layout):
    """The failures of a layout measured by LAYOUT_JS in a window `width`
    px wide, and the line that says it passed: None when anything failed
    (it was printed after a failed width check too)."""
    problems = []
    if layout["scroll_width"] > layout["width"]:
        problems.append(f"{width} px: the page scrolls sideways ({layout['scroll_width']} px wide)")
    for what in layout["out"][:10]:
        problems.append(f"{width} px: {what}, past the page's column (to {layout['column_right']} px)")
    if len(layout["out"]) > 10:
        problems.append(f"{width} px: and {len(layout['out']) - 10} more elements past the page's column")
    if not layout["first"]:
        problems.append(f"{width} px: no group table found")
    elif min(layout["first"]) < 100:
        problems.append(f"{width} px: a group table's first column is {min(layout['first'])} px wide (at least 100 px to read its values)")
    if problems:
        return problems, None
    return [], f"{width} px: nothing past the page's column; group tables' first column {min(layout['first'])} px or more"


def self_test():
    """The verdicts on layouts made up here, without a browser (run by
    scripts/report-check.sh first): the check of the check."""
    fits = {"width": 420, "scroll_width": 420, "column_right": 410, "out": [], "first": [126, 130]}
    wide = {**fits, "scroll_width": 461, "out": ["a reaches 447 px"]}
    scrolls = {**fits, "scroll_width": 461}
    narrow = {**fits, "first": [90]}
    problems, passed = layout_verdict(420, fits)
    assert not problems and passed == "420 px: nothing past the page's column; group tables' first column 126 px or more", (problems, passed)
    for name, layout, count in (("wide", wide, 2), ("scrolls", scrolls, 1), ("narrow", narrow, 1)):
        problems, passed = layout_verdict(420, layout)
        assert len(problems) == count and passed is None, (name, problems, passed)
    many = {**fits, "out": [f"td reaches {500 + i} px" for i in range(12)]}
    problems, _ = layout_verdict(420, many)
    assert problems[-1] == "420 px: and 2 more elements past the page's column", problems
    print("report-check: self-test passed")

def main():
    if sys.argv[1:] == ["--self-test"]:
        self_test()
        return 0
    if len(sys.argv) != 5:
        print(__doc__, file=sys.stderr)
        return 2
    chromium, out, report, png = sys.argv[1:]
    work = tempfile.mkdtemp(prefix="report-check.")
    try:
        check_requests(chromium, os.path.abspath(report), work)
        check_layout(chromium, os.path.abspath(report), work)
        url = "file://" + os.path.abspath(report)
        base = [chromium, *FLAGS, f"--user-data-dir={os.path.join(work, 'profile-cli')}"]
        shot = subprocess.run(
            [*base, f"--screenshot={os.path.abspath(png)}", "--window-size=1280,2400", url],
            capture_output=True,
            timeout=120,
        )
        if shot.returncode != 0 or not os.path.isfile(png):
            fail(f"chromium made no screenshot (exit {shot.returncode}): {shot.stderr.decode(errors='replace')[-500:]}")
        else:
            check_screenshot(png)
        dom = subprocess.run([*base, "--dump-dom", url], capture_output=True, timeout=120)
        if dom.returncode != 0 or b"<html" not in dom.stdout:
            fail(f"chromium gave no DOM (exit {dom.returncode})")
        else:
            check_dom(dom.stdout.decode("utf-8"), out)
    except Exception as e:  # a check that cannot run has failed
        fail(f"{type(e).__name__}: {e}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        print(f"report-check: {len(failures)} failure(s)", file=sys.stderr)
        return 1
    widths = ", ".join(str(w) for w in WIDTHS[:-1]) + f" and {WIDTHS[-1]}"
    print(f"report-check: the page loads nothing, is not blank, fits windows {widths} px wide, and its figures equal the CSV files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
