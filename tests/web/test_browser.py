"""The UI in a real browser: Debian's chromium driven by Selenium against `communique serve`
over a store of the hand-built sample records. Search, open a document and see its
highlights, curate a fact, open an entity, the network graph and the money chart; the
scripts must run under the Content-Security-Policy without a single violation.
Screenshots go to tests/artifacts/ (ignored by git).

Skipped, loudly, only when chromium or chromedriver is missing (``make test`` installs
them with apt-get when it can)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from communique.store import Store

from tests.store.samples import all_records
from tests.web.conftest import TOKEN

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SKIPPED = "BROWSER TEST SKIPPED"
WAIT = 20.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_up(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            errors = server.stderr.read().decode() if server.stderr else ""
            raise RuntimeError(f"communique serve exited with {server.returncode}: {errors}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"communique serve did not answer at {url} within 60 s")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`communique serve` on a free port over a store of the sample records, with a token."""
    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'kb.db'}"
    store = Store(url)
    for record in all_records():
        store.save(record)
    store.close()
    port = _free_port()
    command = [str(Path(sys.executable).parent / "communique"), "serve", "--db", url, "--port", str(port)]
    env = {"PATH": "/usr/bin:/bin", "COMMUNIQUE_TOKEN": TOKEN}
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base + "/", process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stderr:
            process.stderr.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.exists()]
    if missing:
        pytest.skip(f"{SKIPPED}: {', '.join(missing)} missing; install Debian's chromium and chromium-driver (make browser-deps)")
    webdriver = pytest.importorskip(
        "selenium.webdriver", reason=f"{SKIPPED}: selenium is not installed (pip install -e '.[dev]')"
    )
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1366,900",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    from selenium.webdriver.chrome.service import Service

    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(WAIT * 3)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()


def _wait(driver: Any, condition: Any) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, WAIT).until(condition)


def _all(driver: Any, selector: str) -> list[Any]:
    from selenium.webdriver.common.by import By

    return list(driver.find_elements(By.CSS_SELECTOR, selector))


def _console_problems(driver: Any) -> list[str]:
    """Errors the page logged: CSP violations, failed loads, script errors."""
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] in ("SEVERE", "ERROR")]


def _shot(driver: Any, name: str) -> None:
    driver.save_screenshot(str(ARTIFACTS / f"{name}.png"))


def test_search_read_curate_and_explore(server: str, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    driver = browser
    driver.get(server + "/")
    assert "communique" in driver.title
    box = driver.find_element(By.ID, "site-q")
    box.send_keys("Bettel")
    box.submit()
    _wait(driver, lambda d: "/search" in d.current_url)
    hits = _all(driver, "ol.hits a")
    assert len(hits) == 2
    assert _all(driver, "mark.hit")
    _shot(driver, "01-search")

    hits[0].click()
    _wait(driver, lambda d: "/documents/" in d.current_url)
    assert _all(driver, "#document-text mark.f-event")
    assert _all(driver, "#document-text mark.m-person")
    assert _all(driver, "#document-text mark.f-agreement")
    assert len(_all(driver, "#document-text mark.hl")) >= 8
    _shot(driver, "02-document")

    # curation.js reveals the controls; confirming a fact goes through the API with the token
    auth = driver.find_element(By.ID, "curation-auth")
    _wait(driver, lambda _d: auth.is_displayed())
    auth.find_element(By.ID, "curation-token").send_keys(TOKEN)
    auth.find_element(By.ID, "curation-curator").send_keys("browser test")
    button = _all(driver, 'button[data-action="confirm"]')[0]
    fact = button.get_attribute("data-fact")
    button.click()
    badge = f'[data-status-for="{fact}"]'
    _wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, badge).text == "confirmed")
    assert "confirmed" in driver.find_element(By.ID, "curation-status").text
    _shot(driver, "03-curated")
    driver.refresh()
    _wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, badge).text == "confirmed")

    driver.find_element(By.CSS_SELECTOR, ".facts-panel a.entity.k-person").click()
    _wait(driver, lambda d: "/entities/" in d.current_url)
    assert driver.find_element(By.ID, "offices").is_displayed()
    assert _all(driver, "#co-actors ~ table a.entity")
    _shot(driver, "04-entity")
    assert _console_problems(driver) == []


def test_the_network_graph_draws_with_cytoscape(server: str, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    browser.get(server + "/network")
    _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#network-graph canvas"))
    assert browser.find_element(By.ID, "network-graph").is_displayed()
    assert "entities" in _wait(browser, lambda d: d.find_element(By.ID, "network-status").text)
    assert len(_all(browser, "#network-table tbody tr")) == 3
    time.sleep(0.5)  # let the layout settle for the picture
    _shot(browser, "05-network")
    assert _console_problems(browser) == []


def test_the_money_and_timeline_charts(server: str, browser: Any) -> None:
    browser.get(server + "/money")
    bars = _all(browser, "svg.chart-svg rect.bar")
    assert len(bars) == 4  # 2024 to 2027
    assert all(bar.size["height"] > 0 for bar in bars)
    _shot(browser, "06-money")
    browser.get(server + "/timeline")
    assert _all(browser, "svg.chart-svg rect.bar")
    _shot(browser, "07-timeline")
    assert _console_problems(browser) == []
