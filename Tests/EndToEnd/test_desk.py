"""The review desk in a real browser: headless Chromium driven by Selenium,
with axe-core checking every page against WCAG 2 A and AA.

Run with `make e2e` (which builds rj and installs what is missing). Screenshots
go to out/e2e/.
"""
import json
import os
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest
from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
RJ = Path(os.environ.get("RJ_BINARY", ROOT / ".build" / "debug" / "rj"))
SHOTS = ROOT / "out" / "e2e"
PASSWORD = "a long enough password"
LETTER = """Dear Chris,

I am sorry for what I did to you outside the club. It was my fault and nobody else's.
I have a new job now and my phone is 07700 900 456.

Ryan
"""


def rj(store, *arguments, stdin=None, actor=None):
    environment = dict(os.environ, RJ_STORE=str(store), RJ_KEY_FILE="", RJ_AS=actor or "", RJ_TODAY="2026-03-21")
    result = subprocess.run([str(RJ), *arguments], input=stdin, capture_output=True, text=True, env=environment, cwd=ROOT)
    assert result.returncode == 0, f"rj {' '.join(arguments)}: {result.stderr}"
    return result.stdout


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def desk():
    folder = Path(tempfile.mkdtemp(prefix="rj-e2e-"))
    store = folder / "desk.sqlite"
    rj(store, "staff", "add", "ahussain", "--name", "Amira Hussain", "--role", "admin", "--role", "manager",
       "--password-stdin", stdin=PASSWORD + "\n")
    for staff, name, role in [("kturner", "Karen Turner", "facilitator"), ("nokafor", "Nadia Okafor", "supervisor"),
                              ("jcarter", "Joe Carter", "facilitator")]:
        rj(store, "staff", "add", staff, "--name", name, "--role", role, "--sensitive-complex", "--password-stdin",
           stdin=PASSWORD + "\n", actor="ahussain")
    letter = folder / "letter.txt"
    letter.write_text(LETTER)
    rj(store, "letters", "submit", str(letter), "--case", "Examples/cases/assault-letters-sensitive.yml",
       "--from", "ryan", "--to", "chris", "--response-wish", "to know it was read", actor="kturner")
    rj(store, "letters", "submit", "Examples/letters/apology-burglary.txt", "--case", "Examples/cases/burglary-adult.yml",
       "--from", "daniel", "--to", "margaret", actor="kturner")
    port = free_port()
    environment = dict(os.environ, RJ_KEY_FILE="", RJ_TODAY="2026-03-21")
    server = subprocess.Popen([str(RJ), "serve", "--store", str(store), "--cases", "Examples/cases", "--port", str(port)],
                              cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.2)
    else:
        server.kill()
        raise RuntimeError("the desk did not start: " + (server.stdout.read() if server.stdout else ""))
    yield {"url": f"http://127.0.0.1:{port}", "store": store}
    server.terminate()
    server.wait(timeout=10)


def browser():
    options = webdriver.ChromeOptions()
    options.add_argument("--headless=new")
    options.add_argument("--no-sandbox")
    options.add_argument("--disable-dev-shm-usage")
    options.add_argument("--window-size=1280,1600")
    binary = os.environ.get("CHROMIUM_BINARY", "/usr/bin/chromium")
    if os.path.exists(binary):
        options.binary_location = binary
    service = webdriver.ChromeService(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    return webdriver.Chrome(options=options, service=service)


CHECKED = []


def accessible(driver, name):
    """axe-core on the page as it stands: no WCAG 2 A or AA violation."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SHOTS / f"{name}.png"))
    Axe(driver).inject()
    # The axe-core this package carries (3.1) knows the WCAG 2.0 A and AA tags.
    results = driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        axe.run({runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}})
           .then(results => done(results), error => done({error: String(error)}));
    """)
    assert "error" not in results, results.get("error")
    CHECKED.append(name)
    problems = [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)" for v in results["violations"]]
    assert not problems, f"{name}: " + "; ".join(problems)


def press(driver, element):
    """Clicks a button or link and waits for the next page to load."""
    driver.execute_script("window.rjOldPage = true")
    element.click()
    WebDriverWait(driver, 20).until(
        lambda d: d.execute_script("return window.rjOldPage === undefined && document.readyState === 'complete'"))


def sign_in(driver, url, staff):
    driver.get(url + "/login")
    driver.find_element(By.ID, "username").send_keys(staff)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    press(driver, driver.find_element(By.CSS_SELECTOR, "form.login button"))


def sign_out(driver):
    press(driver, driver.find_element(By.CSS_SELECTOR, "form.signout button"))


def notice(driver):
    found = driver.find_elements(By.CSS_SELECTOR, ".notice")
    assert found, driver.find_element(By.TAG_NAME, "main").text[:400]
    return found[0].text


def test_a_sensitive_letter_from_screening_to_handover(desk):
    url = desk["url"]
    driver = browser()
    try:
        driver.get(url + "/login")
        accessible(driver, "01-sign-in")
        sign_in(driver, url, "kturner")
        assert "Signed in as Karen Turner" in driver.page_source, driver.find_element(By.TAG_NAME, "main").text
        accessible(driver, "02-queue")
        press(driver, driver.find_element(By.LINK_TEXT, "Letter 1"))
        assert "■ Block" in driver.page_source
        accessible(driver, "03-letter-with-a-block-finding")

        # Redact by selecting the words in the letter, as a facilitator would.
        driver.execute_script("""
            const mark = [...document.querySelectorAll('#letter-text mark.block')]
                .find(m => m.textContent.includes('07700 900 456'));
            const node = [...mark.childNodes].find(n => n.nodeType === 3 && n.textContent.includes('07700'));
            const range = document.createRange();
            range.setStart(node, node.textContent.indexOf('07700'));
            range.setEnd(node, node.textContent.indexOf('07700') + '07700 900 456'.length);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
            document.getElementById('letter-text').dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
        """)
        assert driver.find_element(By.ID, "redact-text").get_attribute("value") == "07700 900 456"
        driver.find_element(By.ID, "redact-reason").send_keys("a phone number: contact goes through the service")
        press(driver, driver.find_element(By.CSS_SELECTOR, "#redact-form button"))
        assert "Redacted" in notice(driver)
        assert "[redacted]" in driver.find_element(By.CSS_SELECTOR, "pre.handover").text

        press(driver, driver.find_element(By.XPATH, "//button[text()='Approve as facilitator']"))
        assert "Approval recorded" in notice(driver)
        assert "Case supervisor: still needed" in driver.page_source
        accessible(driver, "04-approved-by-the-facilitator")
        sign_out(driver)

        sign_in(driver, url, "nokafor")
        driver.get(url + "/letters/1")
        press(driver, driver.find_element(By.XPATH, "//button[text()='Approve as case supervisor']"))
        assert "Case supervisor: given by Nadia Okafor" in driver.page_source
        driver.find_element(By.CSS_SELECTOR, "input[name=answer][value=agreed]").click()
        press(driver, driver.find_element(By.XPATH, "//button[text()='Record the answer']"))
        assert "The recipient's answer is recorded" in notice(driver)
        assert "Ready to release." in driver.page_source
        accessible(driver, "05-ready-to-release")
        Select(driver.find_element(By.ID, "method")).select_by_value("in-person")
        press(driver, driver.find_element(By.XPATH, "//button[text()='Release']"))
        assert "Released" in notice(driver)
        press(driver, driver.find_element(By.LINK_TEXT, "Open the handover copy to print it"))
        text = driver.find_element(By.TAG_NAME, "main").text
        assert "07700" not in text and "[redacted]" in text
        footer = driver.find_element(By.TAG_NAME, "footer").text
        assert "Karen Turner (facilitator) and Nadia Okafor (case supervisor)" in footer
        accessible(driver, "06-handover-copy")
    finally:
        driver.quit()


def test_every_other_page_is_accessible(desk):
    url = desk["url"]
    driver = browser()
    try:
        sign_in(driver, url, "kturner")
        driver.get(url + "/?show=mine")
        accessible(driver, "07-queue-waiting-for-me")
        driver.get(url + "/letters/2")
        accessible(driver, "08-clean-letter")
        driver.get(url + "/cases")
        accessible(driver, "09-cases")
        sign_out(driver)
        sign_in(driver, url, "ahussain")
        driver.get(url + "/staff")
        accessible(driver, "10-staff")
    finally:
        driver.quit()


def test_two_browsers_releasing_at_once_release_once(desk):
    url = desk["url"]
    rj(desk["store"], "letters", "approve", "2", actor="jcarter")
    rj(desk["store"], "letters", "consent", "2", "--recipient-agreed", "--date", "2026-03-20", actor="jcarter")
    drivers = [browser(), browser()]
    try:
        for driver, staff in zip(drivers, ["kturner", "jcarter"]):
            sign_in(driver, url, staff)
            driver.get(url + "/letters/2")
        buttons = [driver.find_element(By.XPATH, "//button[text()='Release']") for driver in drivers]
        start = threading.Barrier(2)

        def click(button):
            start.wait()
            press(button.parent, button)

        threads = [threading.Thread(target=click, args=(button,)) for button in buttons]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        outcomes = sorted("Released" in driver.page_source and "Not done" not in driver.page_source for driver in drivers)
        assert outcomes == [False, True]
    finally:
        for driver in drivers:
            driver.quit()
    log = json.loads(rj(desk["store"], "letters", "log", "2", "--format", "json", actor="ahussain"))
    assert [entry["action"] for entry in log].count("release") == 1
    assert "audit trail intact" in rj(desk["store"], "letters", "verify-log", actor="ahussain")


def test_every_pack_page_is_accessible(desk):
    """Each example participant's pack as the desk shows it, easy read and large print among them."""
    url = desk["url"]
    driver = browser()
    try:
        sign_in(driver, url, "kturner")
        cases = {"NRJ-2026-0142": 3, "NRJ-2026-0177": 3, "NRJ-2026-0203": 3, "NRJ-2026-0231": 3}
        for reference, participants in cases.items():
            for number in range(1, participants + 1):
                driver.get(f"{url}/cases/{reference}/pack/{number}")
                assert "Page not found" not in driver.title
                assert driver.find_elements(By.CSS_SELECTOR, "article.document"), f"{reference} pack {number}"
                accessible(driver, f"11-pack-{reference}-{number}")
        # Kai's pack is in easy read.
        driver.get(f"{url}/cases/NRJ-2026-0177/pack/1")
        assert "easy-read" in driver.find_element(By.TAG_NAME, "body").get_attribute("class")
    finally:
        driver.quit()
