#!/usr/bin/env python3
"""Loads pages in headless Chromium and reports whether anything ran or loaded that should not.

Python 3 standard library only: it talks the DevTools protocol over --remote-debugging-pipe
(fds 3 and 4, one JSON message per NUL byte), so no Node.js, npm or WebDriver is needed.

    cdp_check.py [options] TARGET...

TARGET is a URL to navigate to (http:, https:, file:, about:, data:) or the path of an HTML file
whose text becomes the document of about:blank ("fragment mode": how a feed reader shows an
entry's content, without CSP). `NAME=TARGET` names a target; with --screenshot-dir the page is
saved as DIR/NAME.png. --jobs FILE adds targets from a JSON list of objects
{"name": ..., "url": ...} or {"name": ..., "html": ...} (optionally "screenshot": PATH, "viewport": "390x844").

For every page it records canary calls (alert/confirm/prompt/print, replaced before any page
script), JavaScript dialogs, console errors (console.error, uncaught exceptions, Log entries
such as CSP violations), scripts the page compiled, and every request. It checks the DOM: no
script/iframe/object/embed/... elements (unless --allow-element), no attribute starting with
"on", no javascript:/vbscript:/data:text/html URL. Requests may go to the --allow-host hosts
(default 127.0.0.1) or be data: URLs; in fragment mode also images and media named by img/
picture/source/video/audio elements (http, https or raster data:), which are answered with a
stub here. Nothing reaches another host: requests elsewhere are failed before they leave, and
the browser's proxy is a closed loopback port, so even a preconnect goes nowhere.

Prints one JSON report on stdout. Exit 0 when every page passed, 1 when one failed, 2 when the
browser could not be driven (not started, protocol failure, overall deadline).
"""

import argparse
import base64
import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--mute-audio", "--hide-scrollbars",
    "--no-default-browser-check", "--disable-features=MediaRouter,OptimizationHints,Translate",
    # Anything not on loopback goes to a closed local port (loopback is bypassed implicitly).
    "--proxy-server=http://127.0.0.1:9",
    "--remote-debugging-pipe",
]

MARKER = "__cdp_check__"
BINDING = "__cdpCheckCanary"
CANARY = """(() => {
  const report = window.%(binding)s;
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    // A frame's first document keeps its window when it navigates same-origin: install once.
    const existing = Object.getOwnPropertyDescriptor(window, name);
    if (existing && !existing.configurable) continue;
    const canary = function (...args) {
      try { report(JSON.stringify({name, args: args.map(String).slice(0, 3)})); } catch (e) {}
      return name === 'confirm' ? false : (name === 'prompt' ? null : undefined);
    };
    Object.defineProperty(window, name, {value: canary, writable: false, configurable: false});
  }
})();
//# sourceURL=%(marker)s""" % {"binding": BINDING, "marker": MARKER}

# Waits for the load event (fragment mode), then two frames, so late image errors have fired.
SETTLE = """new Promise(resolve => {
  const done = () => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true)));
  if (document.readyState === 'complete') done(); else addEventListener('load', done);
  setTimeout(() => resolve(false), %d);
})
//# sourceURL=""" + MARKER

DOM_CHECK = """(() => {
  // Read the DOM through the prototypes: a form's <input name=attributes> clobbers el.attributes.
  const getter = (type, name) => Object.getOwnPropertyDescriptor(type.prototype, name).get;
  const call = (fn, self, ...args) => Reflect.apply(fn, self, args);
  const getAttribute = Element.prototype.getAttribute;
  const attributesOf = getter(Element, 'attributes'), localNameOf = getter(Element, 'localName');
  const shadowOf = getter(Element, 'shadowRoot');
  const everything = (root) => call(root === document ? Document.prototype.querySelectorAll
                                                      : DocumentFragment.prototype.querySelectorAll, root, '*');
  const forbidden = new Set(%(forbidden)s);
  const urlPattern = /^(javascript|vbscript|livescript|data:text\\/html)/i;
  const urlAttributes = new Set(['href', 'src', 'xlink:href', 'action', 'formaction', 'data', 'poster', 'srcset',
    'background', 'cite', 'longdesc', 'lowsrc', 'dynsrc', 'codebase', 'classid', 'archive', 'usemap', 'ping',
    'to', 'from', 'values', 'by', 'content', 'xml:base', 'manifest', 'icon']);
  const iframeHosts = new Set(%(iframe_hosts)s);
  const allowedIframe = (attr) => {
    try {
      const url = new URL(attr('src'), document.baseURI);
      return attr('sandbox') !== null && /^https?:$/.test(url.protocol) && iframeHosts.has(url.hostname);
    } catch (e) { return false; }
  };
  const problems = [];
  const loads = new Set();
  const add = (value) => {
    if (!value) return;
    try { loads.add(new URL(value, document.baseURI).href); } catch (e) {}
  };
  const addSrcset = (value) => {
    for (const candidate of (value || '').split(/,(?=\\s|$)|,(?=[^\\s])/))
      add(candidate.trim().split(/\\s+/)[0]);
  };
  const walk = (root) => {
    for (const el of everything(root)) {
      const name = call(localNameOf, el);
      const tag = '<' + name + '>';
      const attr = (n) => call(getAttribute, el, n);
      if (forbidden.has(name) && !(name === 'iframe' && allowedIframe(attr)))
        problems.push('element ' + tag);
      for (const attribute of call(attributesOf, el)) {
        const key = attribute.name.toLowerCase();
        const value = attribute.value.replace(/[\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200f\\u2028\\u2029\\ufeff]/g, '');
        if (key.startsWith('on')) problems.push('attribute ' + key + ' on ' + tag);
        else if (key === 'srcdoc' || key === 'formaction' || key === 'action' || key === 'ping')
          problems.push('attribute ' + key + ' on ' + tag);
        else if ((key === 'src' || key === 'poster' || key === 'srcset') && /^data:/i.test(value) &&
                 !/^data:image\\/(png|jpeg|jpg|gif|webp|avif|apng)[;,]/i.test(value))
          problems.push('non-raster data: ' + key + ' on ' + tag);
        else if (urlAttributes.has(key) && urlPattern.test(value))
          problems.push('URL ' + key + '=' + attribute.value.slice(0, 80) + ' on ' + tag);
      }
      if (name === 'meta' && /refresh/i.test(attr('http-equiv') || '') &&
          urlPattern.test((attr('content') || '').replace(/^[^;]*;\\s*url=/i, '').replace(/\\s/g, '')))
        problems.push('meta refresh to a script URL');
      if (name === 'img' || name === 'source') { add(attr('src')); addSrcset(attr('srcset')); }
      if (name === 'img') add(el.currentSrc);
      if (name === 'video' || name === 'audio') { add(attr('src')); add(el.currentSrc); }
      if (name === 'video') add(attr('poster'));
      const shadow = call(shadowOf, el);
      if (shadow) walk(shadow);
    }
  };
  walk(document);
  return {problems: problems.slice(0, 50), loads: [...loads]};
})()
//# sourceURL=""" + MARKER

RASTER_DATA = re.compile(r"^data:image/(png|jpeg|jpg|gif|webp|avif|apng)[;,]", re.I)
MEDIA_TYPES = {"Image", "Media"}
# A 1x1 transparent PNG: the stub answer for allowed images in fragment mode.
STUB_PNG = base64.b64encode(bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")).decode()
ALWAYS_FORBIDDEN = ["script", "object", "embed", "applet", "frame", "frameset", "base"]
FRAGMENT_FORBIDDEN = ["iframe", "link", "meta", "form", "style", "template", "svg", "math",
                      "input", "button", "textarea", "select", "portal", "noscript"]


class DriverError(Exception):
    """The browser could not be driven: not a verdict on the page."""


class Pipe:
    """NUL-delimited JSON messages over two pipe file descriptors, every wait bounded."""

    def __init__(self, write_fd, read_fd):
        self.write_fd, self.read_fd = write_fd, read_fd
        self.buffer = b""
        os.set_blocking(write_fd, False)

    def send(self, message, deadline):
        data = json.dumps(message).encode() + b"\0"
        while data:
            if not select.select([], [self.write_fd], [], max(0.0, deadline - time.monotonic()))[1]:
                raise DriverError("timed out writing to the browser")
            try:
                data = data[os.write(self.write_fd, data):]
            except BlockingIOError:
                continue

    def receive(self, deadline):
        """The next message, or None when the deadline passed first."""
        while b"\0" not in self.buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([self.read_fd], [], [], remaining)[0]:
                return None
            chunk = os.read(self.read_fd, 1 << 20)
            if not chunk:
                raise DriverError("the browser closed the DevTools pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)


class Browser:
    """One Chromium process in its own process group and profile folder."""

    def __init__(self, executable, extra_flags):
        self.profile = tempfile.mkdtemp(prefix="cdp-check-")
        command_read, command_write = os.pipe()
        reply_read, reply_write = os.pipe()
        # High numbers first, so moving them onto 3 and 4 in the child cannot clobber either.
        child_in = _duplicate_high(command_read)
        child_out = _duplicate_high(reply_write)
        for fd in (command_read, reply_write):
            os.close(fd)
        argv = [executable] + CHROMIUM_FLAGS + extra_flags + ["--user-data-dir=" + self.profile, "about:blank"]

        def onto_fds_3_and_4():
            os.dup2(child_in, 3)
            os.dup2(child_out, 4)

        try:
            # close_fds=False: Python's own descriptors are close-on-exec anyway; 3 and 4 must stay.
            self.process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                            stderr=_stderr_target(), start_new_session=True,
                                            close_fds=False, preexec_fn=onto_fds_3_and_4)
        finally:
            os.close(child_in)
            os.close(child_out)
        self.pipe = Pipe(command_write, reply_read)
        self.fds = (command_write, reply_read)

    def close(self):
        try:
            self.process.wait(timeout=0)
        except subprocess.TimeoutExpired:
            try:
                self.pipe.send({"id": 0, "method": "Browser.close"}, time.monotonic() + 1)
                self.process.wait(timeout=3)
            except (DriverError, OSError, subprocess.TimeoutExpired):
                pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)  # renderers and zygotes of this browser only
        except ProcessLookupError:
            pass
        self.process.wait()
        for fd in self.fds:
            os.close(fd)
        shutil.rmtree(self.profile, ignore_errors=True)


def _stderr_target():
    """The browser's own log: hidden unless CDP_CHECK_BROWSER_LOG names a file for it."""
    path = os.environ.get("CDP_CHECK_BROWSER_LOG")
    return open(path, "ab") if path else subprocess.DEVNULL


def _duplicate_high(fd):
    import fcntl
    return fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)


class Page:
    """What one page did; `problems()` is the verdict."""

    def __init__(self, job, fragment):
        self.name, self.job, self.fragment = job["name"], job, fragment
        self.requests, self.canary_calls, self.dialogs = [], [], []
        self.console_errors, self.scripts, self.dom_problems, self.errors = [], [], [], []
        self.children, self.navigations, self.loads, self.stubbed = [], [], set(), set()
        self.loaded = False
        self.screenshot = None

    def request_problems(self, allowed_hosts, iframe_hosts):
        bad = []
        for request in self.requests:
            if not self.request_allowed(request, allowed_hosts, iframe_hosts):
                bad.append("request %s %s" % (request["type"], request["url"][:200]))
        return bad

    def request_allowed(self, request, allowed_hosts, iframe_hosts):
        url, kind = request["url"], request["type"]
        parsed = urllib.parse.urlsplit(url)
        if not self.fragment:
            return parsed.scheme == "data" or (parsed.scheme in ("http", "https") and _host_allowed(parsed, allowed_hosts))
        if parsed.scheme == "data":
            # Loads nothing; the browser's own media controls use data: icons. The DOM check
            # refuses non-raster data: sources in the entry itself.
            return True
        if kind in MEDIA_TYPES and url in self.loads:
            return parsed.scheme in ("http", "https") or bool(RASTER_DATA.match(url))
        if kind == "Document" and request.get("frame") == "child":
            return parsed.scheme in ("http", "https") and parsed.hostname in iframe_hosts
        return False

    def problems(self, allowed_hosts, iframe_hosts):
        found = list(self.errors)
        if not self.loaded:
            found.append("page did not finish loading in time")
        found += ["canary %s(%s)" % (c.get("name"), ", ".join(c.get("args", []))) for c in self.canary_calls]
        found += ["dialog %s: %s" % (d["type"], d["message"][:100]) for d in self.dialogs]
        found += ["console error: " + e[:300] for e in self.console_errors]
        found += ["script ran: " + s for s in self.scripts]
        found += self.dom_problems + self.request_problems(allowed_hosts, iframe_hosts)
        found += ["navigated to " + n[:200] for n in self.navigations]
        return found

    def report(self, allowed_hosts, iframe_hosts, verbose):
        problems = self.problems(allowed_hosts, iframe_hosts)
        entry = {"name": self.name, "ok": not problems, "requests": len(self.requests)}
        if problems or verbose:
            entry.update({"target": self.job.get("url") or "(html %d bytes)" % len(self.job.get("html", "")),
                          "problems": problems[:40], "request_urls": [r["url"][:200] for r in self.requests][:40],
                          "children": self.children[:10]})
        if self.screenshot:
            entry["screenshot"] = self.screenshot
        return entry


class Driver:
    """One browser, one tab reused for every page; events are attributed to the current page."""

    def __init__(self, browser, options):
        self.browser, self.options = browser, options
        self.next_id = 1
        self.replies = {}
        self.page = None
        self.session = None
        self.target_id = None
        self.frame_id = None
        self.child_sessions = set()
        self.load_fired = False

    # --- protocol ---------------------------------------------------------------------------
    def post(self, method, params=None, session=None):
        message_id = self.next_id
        self.next_id += 1
        message = {"id": message_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self.browser.pipe.send(message, time.monotonic() + 5)
        return message_id

    def command(self, method, params=None, session=None, timeout=5.0):
        message_id = self.post(method, params, session)
        deadline = time.monotonic() + timeout
        if not self.pump_until(lambda: message_id in self.replies, deadline):
            raise DriverError("%s: no answer in %.1f s" % (method, timeout))
        reply = self.replies.pop(message_id)
        if "error" in reply:
            raise DriverError("%s: %s" % (method, reply["error"].get("message")))
        return reply.get("result", {})

    def pump_until(self, condition, deadline):
        while not condition():
            message = self.browser.pipe.receive(deadline)
            if message is None:
                return False
            if "id" in message:
                self.replies[message["id"]] = message
            else:
                self.on_event(message)
        return True

    # --- events -----------------------------------------------------------------------------
    def on_event(self, message):
        method, params, session = message["method"], message.get("params", {}), message.get("sessionId")
        if method == "Target.attachedToTarget":
            self.on_child_attached(params)
        elif method == "Fetch.requestPaused":
            self.on_request_paused(params, session)
        elif method == "Page.javascriptDialogOpening":
            self.post("Page.handleJavaScriptDialog", {"accept": False}, session)
            self.record("dialogs", {"type": params.get("type"), "message": params.get("message", "")})
        elif method == "Page.loadEventFired" and session == self.session:
            self.load_fired = True
        elif self.page is not None:
            self.on_page_event(method, params, session)

    def on_page_event(self, method, params, session):
        page = self.page
        if method == "Network.requestWillBeSent":
            frame = "main" if session == self.session and params.get("frameId") == self.frame_id else "child"
            page.requests.append({"url": params["request"]["url"], "type": params.get("type", "Other"), "frame": frame})
        elif method == "Runtime.bindingCalled" and params.get("name") == BINDING:
            try:
                page.canary_calls.append(json.loads(params.get("payload", "{}")))
            except ValueError:
                page.canary_calls.append({"name": "?", "args": [params.get("payload", "")]})
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            page.console_errors.append(" ".join(_remote_text(a) for a in params.get("args", [])))
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            page.console_errors.append(_remote_text(details.get("exception", {})) or details.get("text", ""))
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            self.on_log_error(params["entry"])
        elif method == "Debugger.scriptParsed":
            aux = params.get("executionContextAuxData") or {}
            if params.get("url") != MARKER and aux.get("isDefault", True) and \
                    not params.get("url", "").startswith("chrome-error:"):
                page.scripts.append(params.get("url") or "(inline, %d chars)" % params.get("length", 0))
        elif method == "Page.frameNavigated" and page.fragment and params["frame"].get("parentId") is None:
            page.navigations.append(params["frame"].get("url", ""))

    def on_log_error(self, entry):
        url = entry.get("url", "")
        stubbed = url in self.page.stubbed
        # An image we stubbed, or a request we blocked, is judged by the request rules instead.
        if entry.get("source") == "network" and (stubbed or "ERR_BLOCKED_BY_CLIENT" in entry.get("text", "")):
            return
        # The browser asks for /favicon.ico on its own; a page that names no icon is not at fault.
        if entry.get("source") == "network" and urllib.parse.urlsplit(url).path == "/favicon.ico":
            return
        self.page.console_errors.append("%s: %s %s" % (entry.get("source"), entry.get("text", ""), url))

    def record(self, field, value):
        if self.page is not None:
            getattr(self.page, field).append(value)

    def on_request_paused(self, params, session):
        request, kind = params["request"], params.get("resourceType", "Other")
        url = request["url"]
        parsed = urllib.parse.urlsplit(url)
        page = self.page
        if page is not None and not page.fragment and _host_allowed(parsed, self.options.allow_host):
            self.post("Fetch.continueRequest", {"requestId": params["requestId"]}, session)
            return
        if page is not None and page.fragment and kind in MEDIA_TYPES:
            page.stubbed.add(url)
            self.post("Fetch.fulfillRequest", {
                "requestId": params["requestId"], "responseCode": 200, "body": STUB_PNG,
                "responseHeaders": [{"name": "Content-Type", "value": "image/png"}]}, session)
            return
        # Never let it leave this machine: the verdict on it comes from the recorded request.
        if kind == "Document":
            # 204 leaves the frame as it was, with no browser error page (scripts, images) in it.
            self.post("Fetch.fulfillRequest", {"requestId": params["requestId"], "responseCode": 204}, session)
            return
        self.post("Fetch.failRequest", {"requestId": params["requestId"], "errorReason": "BlockedByClient"}, session)

    def on_child_attached(self, params):
        child = params["sessionId"]
        info = params.get("targetInfo", {})
        self.child_sessions.add(child)
        self.record("children", "%s %s" % (info.get("type"), info.get("url", "")[:100]))
        self.enable_domains(child, info.get("type") in ("iframe", "page"))
        self.post("Runtime.runIfWaitingForDebugger", {}, child)

    # --- setup ------------------------------------------------------------------------------
    def enable_domains(self, session, is_frame=True):
        """Posted in order: the browser applies them before the target runs anything."""
        self.post("Fetch.enable", {"patterns": [{"urlPattern": "*"}]}, session)
        self.post("Network.enable", {}, session)
        self.post("Runtime.addBinding", {"name": BINDING}, session)
        self.post("Runtime.enable", {}, session)
        self.post("Log.enable", {}, session)
        self.post("Debugger.enable", {}, session)
        if is_frame:
            self.post("Page.enable", {}, session)
            self.post("Page.addScriptToEvaluateOnNewDocument", {"source": CANARY}, session)
        self.post("Target.setAutoAttach", {"autoAttach": True, "waitForDebuggerOnStart": True, "flatten": True}, session)

    def open_tab(self):
        self.target_id = self.command("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.command("Target.attachToTarget", {"targetId": self.target_id, "flatten": True})["sessionId"]
        self.enable_domains(self.session)
        self.viewport = None
        self.frame_id = self.command("Page.getFrameTree", {}, self.session)["frameTree"]["frame"]["id"]

    def replace_tab(self):
        """After a hung page: a fresh tab (the old renderer is closed with its target)."""
        try:
            self.command("Target.closeTarget", {"targetId": self.target_id}, timeout=3)
        except DriverError:
            pass
        self.open_tab()


def _host_allowed(parsed, allowed):
    """`allowed` holds hosts ("127.0.0.1", any port) and origins' host:port ("127.0.0.1:8080")."""
    return parsed.hostname in allowed or parsed.netloc in allowed


def _remote_text(remote):
    if "value" in remote:
        return str(remote["value"])
    return remote.get("description") or remote.get("unserializableValue") or remote.get("type", "")


def check_page(driver, job):
    """Loads one job in the shared tab and fills its Page record; never raises for page trouble."""
    page = Page(job, fragment="html" in job)
    options = driver.options
    try:
        set_viewport(driver, job.get("viewport"))
        blank(driver)
        driver.page = page
        if page.fragment:
            driver.command("Page.setDocumentContent", {"frameId": driver.frame_id, "html": job["html"]},
                           driver.session, timeout=options.timeout)
        else:
            navigate(driver, page, job["url"])
        settle(driver, page)
        inspect_dom(driver, page)
        if job.get("screenshot"):
            page.screenshot = save_screenshot(driver, job["screenshot"])
    except DriverError as error:
        page.errors.append(str(error))
        driver.page = None
        driver.replace_tab()
    driver.page = None
    return page


def set_viewport(driver, viewport):
    """The job's "WIDTHxHEIGHT" (a width under 600 emulates a phone), else --viewport."""
    width, height = _size(viewport) if viewport else driver.options.viewport
    if driver.viewport != (width, height):
        driver.command("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600}, driver.session)
        driver.viewport = (width, height)


def _size(text):
    width, height = (int(n) for n in text.lower().split("x"))
    return width, height


def blank(driver):
    """A fresh about:blank document (new window object, canary installed) between pages."""
    driver.load_fired = False
    result = driver.command("Page.navigate", {"url": "about:blank"}, driver.session)
    driver.frame_id = result.get("frameId", driver.frame_id)
    driver.pump_until(lambda: driver.load_fired, time.monotonic() + 2)


def navigate(driver, page, url):
    driver.load_fired = False
    result = driver.command("Page.navigate", {"url": url}, driver.session, timeout=driver.options.timeout)
    if result.get("errorText"):
        page.errors.append("navigation failed: " + result["errorText"])
        page.loaded = True
        return
    if not driver.pump_until(lambda: driver.load_fired, time.monotonic() + driver.options.timeout):
        page.errors.append("no load event in %.0f s" % driver.options.timeout)


def evaluate(driver, expression, timeout):
    result = driver.command("Runtime.evaluate", {
        "expression": expression, "returnByValue": True, "awaitPromise": True}, driver.session, timeout=timeout)
    if "exceptionDetails" in result:
        raise DriverError("check script failed: " + json.dumps(result["exceptionDetails"])[:300])
    return result.get("result", {}).get("value")


def settle(driver, page):
    wait_ms = int(driver.options.timeout * 1000)
    page.loaded = bool(evaluate(driver, SETTLE % wait_ms, driver.options.timeout + 2))


def inspect_dom(driver, page):
    forbidden = set(ALWAYS_FORBIDDEN) | (set(FRAGMENT_FORBIDDEN) if page.fragment else set())
    forbidden -= set(driver.options.allow_element)
    found = evaluate(driver, DOM_CHECK % {"forbidden": json.dumps(sorted(forbidden)),
                                          "iframe_hosts": json.dumps(driver.options.allow_iframe_host)},
                     driver.options.timeout)
    page.dom_problems += found["problems"]
    page.loads = set(found["loads"])


def save_screenshot(driver, path):
    metrics = driver.command("Page.getLayoutMetrics", {}, driver.session)
    size = metrics.get("cssContentSize") or metrics.get("contentSize")
    width, height = driver.viewport
    clip = {"x": 0, "y": 0, "width": max(width, size["width"]), "height": min(max(height, size["height"]), 6000),
            "scale": 1}
    shot = driver.command("Page.captureScreenshot", {"format": "png", "clip": clip, "captureBeyondViewport": True},
                          driver.session, timeout=driver.options.timeout)
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "wb") as out:
        out.write(base64.b64decode(shot["data"]))
    return path


def read_jobs(options):
    jobs = []
    for target in options.targets:
        name, _, rest = target.partition("=")
        if not re.fullmatch(r"[\w.-]+", name) or not rest or "://" in name:
            name, rest = "page%d" % len(jobs), target
        jobs.append(job_for(name, rest))
    if options.jobs:
        with (sys.stdin if options.jobs == "-" else open(options.jobs, encoding="utf-8")) as source:
            jobs += json.load(source)
    for job in jobs:
        if options.screenshot_dir and "screenshot" not in job:
            job["screenshot"] = os.path.join(options.screenshot_dir, job["name"] + ".png")
    return jobs


def job_for(name, target):
    if re.match(r"^(https?|file|about|data):", target):
        return {"name": name, "url": target}
    with open(target, encoding="utf-8", errors="replace") as source:
        return {"name": name, "html": source.read()}


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("targets", nargs="*", metavar="TARGET", help="URL, HTML file, or NAME=URL / NAME=FILE")
    parser.add_argument("--jobs", help="JSON list of {name, url|html[, screenshot]} ('-': stdin)")
    parser.add_argument("--allow-host", action="append", default=[],
                        help="HOST or HOST:PORT pages may load from (default 127.0.0.1)")
    parser.add_argument("--allow-iframe-host", action="append", default=[], help="iframe host allowed in fragments")
    parser.add_argument("--allow-element", action="append", default=[], help="element the DOM may contain")
    parser.add_argument("--screenshot-dir", help="save every page as DIR/NAME.png")
    parser.add_argument("--viewport", default="1280x900", help="WIDTHxHEIGHT (1280x900)")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per page step (10)")
    parser.add_argument("--deadline", type=float, default=120.0, help="seconds for the whole run (120)")
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    parser.add_argument("--verbose", action="store_true", help="details for passing pages too")
    parser.add_argument("--progress", action="store_true", help="name each page on stderr as it starts")
    options = parser.parse_args(argv)
    options.allow_host = options.allow_host or ["127.0.0.1"]
    options.viewport = _size(options.viewport)
    return options


def run(options, jobs):
    started = time.monotonic()
    browser = Browser(options.chromium, [])
    try:
        driver = Driver(browser, options)
        version = driver.command("Browser.getVersion", timeout=20).get("product", "")
        driver.command("Target.setDiscoverTargets", {"discover": False})
        driver.open_tab()
        pages = []
        for job in jobs:
            if time.monotonic() - started > options.deadline:
                raise DriverError("overall deadline of %.0f s passed after %d of %d pages"
                                  % (options.deadline, len(pages), len(jobs)))
            if options.progress:
                print("cdp_check: %s" % job["name"], file=sys.stderr, flush=True)
            pages.append(check_page(driver, job))
    finally:
        browser.close()
    reports = [p.report(options.allow_host, options.allow_iframe_host, options.verbose) for p in pages]
    return {"ok": all(r["ok"] for r in reports), "browser": version, "pages": reports,
            "failed": sum(not r["ok"] for r in reports), "seconds": round(time.monotonic() - started, 2)}


def main(argv):
    options = parse_arguments(argv)
    try:
        jobs = read_jobs(options)
    except (OSError, ValueError) as error:
        print(json.dumps({"ok": False, "error": "cannot read targets: %s" % error}))
        return 2
    if not jobs:
        print(json.dumps({"ok": False, "error": "no targets"}))
        return 2
    # SIGTERM from a test's timeout still closes the browser (finally blocks run).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(2))
    try:
        report = run(options, jobs)
    except (DriverError, OSError) as error:
        print(json.dumps({"ok": False, "error": str(error)}))
        return 2
    print(json.dumps(report, indent=1))
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
