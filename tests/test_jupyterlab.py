"""The notebooks as a user runs them: in JupyterLab, on a local server.

Two checks share one server (started with ``--no-browser`` on a free localhost
port, with a token, in a temporary root holding copies of the notebooks and the
sample, and always shut down):

- the server-side check, in CI: each notebook is run cell by cell through the
  server's REST API and kernel websocket (what JupyterLab itself does), and its
  charts must come back as ``image/png`` outputs;
- the end-to-end check, on demand (marker ``e2e``): headless Chromium, driven by
  Playwright, opens each notebook in JupyterLab, runs all cells from the Run menu,
  and the charts must appear in the page; a screenshot of each is saved. Install and
  run it with ``bash tools/install_e2e.sh && KIT_E2E=1 .venv/bin/python -m pytest -m e2e``.
"""
from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from kit.config import PROJECT_ROOT
from kit.run import find_notebooks

NOTEBOOKS = find_notebooks()  # the numbered notebooks, as `python -m kit run` finds them
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# JupyterLab settings for the test server: every cell stays in the page (no windowing,
# so every chart can be found), and no news or update checks.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                       "checkForUpdates": False},
}


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    """A JupyterLab server for the tests, on 127.0.0.1 with a token."""

    def __init__(self, root: Path, state: Path) -> None:
        self.root, self.state = root, state
        self.port = _free_port()
        self.token = uuid.uuid4().hex
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = state / "server.log"
        self.proc: subprocess.Popen | None = None

    def api(self, method: str, path: str, body: dict | None = None, timeout: float = 30) -> dict | list | None:
        request = urllib.request.Request(
            f"{self.url}{path}", method=method,
            data=json.dumps(body).encode() if body is not None else None,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            text = response.read()
        return json.loads(text) if text else None

    def start(self, timeout: float = 60) -> None:
        settings = self.state / "settings"
        for name, value in LAB_SETTINGS.items():
            (settings / name).parent.mkdir(parents=True, exist_ok=True)
            (settings / name).write_text(json.dumps(value), encoding="utf-8")
        env = {**os.environ,
               "JUPYTER_CONFIG_DIR": str(self.state / "config"),   # ignore the user's own config
               "JUPYTER_RUNTIME_DIR": str(self.state / "runtime"),
               "JUPYTER_PLATFORM_DIRS": "1",
               # the notebooks' defaults (DATA = None, EXPORTS = None) follow these, as for a user
               "KIT_DATA": str(self.root / "data" / "articles"), "KIT_EXPORTS": str(self.root / "exports"),
               "MPLBACKEND": "module://matplotlib_inline.backend_inline"}
        cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={self.port}",
               "--ServerApp.port_retries=0", f"--IdentityProvider.token={self.token}",
               f"--ServerApp.root_dir={self.root}", f"--LabApp.user_settings_dir={settings}",
               f"--LabApp.workspaces_dir={self.state / 'workspaces'}", "--LabApp.news_url=",
               "--ServerApp.shutdown_no_activity_timeout=600", "--MappingKernelManager.cull_idle_timeout=0"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers and CI often run as root
            cmd.append("--allow-root")
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen(cmd, cwd=self.root, env=env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with {self.proc.returncode}:\n{self.log.read_text()[-3000:]}")
            try:
                self.api("GET", "/api/status", timeout=2)
                return
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.3)
        raise RuntimeError(f"JupyterLab did not answer within {timeout} s:\n{self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            self.api("POST", "/api/shutdown", timeout=5)  # also shuts down every kernel
            self.proc.wait(timeout=20)
        except Exception:  # noqa: BLE001 - fall back to signals
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


@pytest.fixture(scope="module")
def lab():
    """A running JupyterLab whose root holds ``notebooks/`` (copies) and ``data/articles``."""
    with tempfile.TemporaryDirectory(prefix="kit-lab-") as tmp:
        root, state = Path(tmp) / "root", Path(tmp) / "state"
        (root / "notebooks").mkdir(parents=True)
        state.mkdir()
        for nb in NOTEBOOKS:
            shutil.copy(nb, root / "notebooks" / nb.name)
        shutil.copytree(PROJECT_ROOT / "data" / "articles", root / "data" / "articles")
        server = Lab(root, state)
        try:
            server.start()
            yield server
        finally:
            server.stop()
    assert server.proc is None or server.proc.poll() is not None, "the JupyterLab server is still running"


# --- server-side: run each notebook through the server's kernel websocket --------------

async def _execute(lab: Lab, kernel_id: str, code: str, timeout: float = 120) -> list[dict]:
    """Run ``code`` in a kernel through the server's websocket; return its iopub outputs."""
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    session = uuid.uuid4().hex
    request = HTTPRequest(f"ws://127.0.0.1:{lab.port}/api/kernels/{kernel_id}/channels?session_id={session}",
                          headers={"Authorization": f"token {lab.token}"})
    ws = await websocket_connect(request)
    try:
        msg_id = uuid.uuid4().hex
        await ws.write_message(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "test",
                       "session": session, "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True},
        }))
        outputs, idle, replied = [], False, False
        deadline = time.monotonic() + timeout
        while not (idle and replied):
            raw = await asyncio.wait_for(ws.read_message(), timeout=max(deadline - time.monotonic(), 0.1))
            if raw is None:
                raise RuntimeError("the kernel websocket closed")
            msg = json.loads(raw)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = msg["header"]["msg_type"]
            if msg["channel"] == "shell" and kind == "execute_reply":
                replied = True
            elif kind == "status" and msg["content"]["execution_state"] == "idle":
                idle = True
            elif kind in ("display_data", "execute_result", "error", "stream"):
                outputs.append({"type": kind, **msg["content"]})
        return outputs
    finally:
        ws.close()


def _run_through_server(lab: Lab, name: str) -> list[list[dict]]:
    nb = json.loads((lab.root / "notebooks" / name).read_text(encoding="utf-8"))
    session = lab.api("POST", "/api/sessions", {"path": f"notebooks/{name}", "name": name, "type": "notebook",
                                                "kernel": {"name": "python3"}})
    try:
        async def run_all():
            results = []
            for cell in nb["cells"]:
                if cell["cell_type"] == "code":
                    results.append(await _execute(lab, session["kernel"]["id"], "".join(cell["source"])))
                    if any(o["type"] == "error" for o in results[-1]):
                        break
            return results
        return asyncio.run(run_all())
    finally:
        lab.api("DELETE", f"/api/sessions/{session['id']}")


@pytest.mark.notebook
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_in_the_jupyterlab_kernel_and_shows_charts(lab, path):
    cells = _run_through_server(lab, path.name)
    errors = [f"{o['ename']}: {o['evalue']}" for outputs in cells for o in outputs if o["type"] == "error"]
    assert not errors, f"{path.name} failed in the JupyterLab kernel: {errors}"
    images = [o for outputs in cells for o in outputs
              if o["type"] in ("display_data", "execute_result") and "image/png" in o.get("data", {})]
    assert images, f"{path.name} showed no chart in JupyterLab"
    assert all(len(o["data"]["image/png"]) > 1000 for o in images)
    # the notebook's defaults follow KIT_DATA and KIT_EXPORTS (set for the server to its root)
    exported = sorted((lab.root / "exports" / path.stem).glob("*.png"))
    assert exported, f"{path.name} exported no chart into exports/{path.stem}/"


# --- end to end: a real browser drives JupyterLab ----------------------------------------

def _e2e_skip_reason() -> str | None:
    if os.environ.get("KIT_E2E") != "1":
        return "set KIT_E2E=1 to drive JupyterLab in headless Chromium (see README)"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing: run bash tools/install_e2e.sh"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "playwright is missing: run bash tools/install_e2e.sh"
    return None


@pytest.fixture(scope="module")
def browser():
    reason = _e2e_skip_reason()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="kit-chromium-") as profile, sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 1000})
        try:
            yield context
        finally:
            context.close()


def _screenshot_dir(tmp_path_factory) -> Path:
    folder = os.environ.get("KIT_E2E_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


def _accept_kernel_dialog(page, wait: float = 8) -> None:
    """Click "Select" when JupyterLab asks which kernel to start (the default is Python 3)."""
    button = page.locator(".jp-Dialog .jp-Dialog-button.jp-mod-accept")
    deadline = time.monotonic() + wait
    while True:
        if button.count() and button.first.is_visible():
            button.first.click()
            return
        if time.monotonic() >= deadline:
            return
        page.wait_for_timeout(250)


@pytest.mark.e2e
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_in_jupyterlab_in_a_browser(browser, lab, path, tmp_path_factory):
    page = browser.new_page()
    page.set_default_timeout(60_000)
    try:
        # ?reset: a fresh workspace, so the notebooks of earlier tests are not reopened
        page.goto(f"{lab.url}/lab/tree/notebooks/{path.name}?reset&token={lab.token}")
        notebook = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook")
        notebook.wait_for(state="visible")
        _accept_kernel_dialog(page)
        page.locator(".jp-StatusBar-TextItem", has_text="| Idle").first.wait_for(state="visible")
        n_code = json.loads(path.read_text(encoding="utf-8"))["cells"]
        n_code = sum(1 for c in n_code if c["cell_type"] == "code")
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
        prompts = notebook.locator(".jp-CodeCell .jp-InputArea-prompt")
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            texts = prompts.all_inner_texts()
            done = [t for t in texts if re.fullmatch(r"\[\d+\]:?", t.strip())]  # "[*]:" while running
            if len(done) == n_code or notebook.locator("[data-mime-type='application/vnd.jupyter.error']").count():
                break
            _accept_kernel_dialog(page, wait=0)
            page.wait_for_timeout(500)
        images = notebook.locator(".jp-OutputArea-output img[src^='data:image/png']")
        if images.count():
            images.first.scroll_into_view_if_needed()
        shot = _screenshot_dir(tmp_path_factory) / f"{path.stem}.png"
        page.screenshot(path=str(shot))
        errors = notebook.locator("[data-mime-type='application/vnd.jupyter.error']").all_inner_texts()
        assert not errors, f"{path.name} failed in JupyterLab: {errors[0][:500]}"
        assert len(done) == n_code, f"{path.name}: {len(done)} of {n_code} code cells ran ({texts})"
        assert images.count() >= 1, f"{path.name}: no chart in the page (screenshot {shot})"
        sizes = images.evaluate_all("imgs => imgs.map(i => [i.naturalWidth, i.naturalHeight])")
        assert all(w > 100 and h > 50 for w, h in sizes), sizes
        print(f"{path.name}: {len(sizes)} charts shown; screenshot {shot}")
    finally:
        page.close()
        for session in lab.api("GET", "/api/sessions") or []:  # stop this notebook's kernel
            lab.api("DELETE", f"/api/sessions/{session['id']}")
