"""The page of `nianbao serve` in a real headless Chromium: the example report and a real PDF
are chosen in the page's file picker, and every finding the JSON of `check --format json` has
for them is listed, and every one with a place is marked in the text; filters hide them; the
host guard refuses a request that names another host. Screenshots go to target/browser/, and
the first to docs/serve.png, the picture in the README.

Run by .ci/browser-serve-test after the build (chromium, chromium-driver, selenium)."""

import json
import pathlib
import shutil
import socket
import subprocess
import sys
import urllib.error
import urllib.request

from browser_common import chrome
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

ROOT = pathlib.Path(__file__).resolve().parent.parent
BIN = ROOT / "target" / "debug" / "nianbao"
OUT = ROOT / "target" / "browser"
FILES = [ROOT / "examples" / "sample-2023.txt", ROOT / ".." / "shared" / "corpus" / "real" / "hongze-district-2024.pdf"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    expected = json.loads(subprocess.run(
        [str(BIN), "check", "--exit-zero", "--format", "json", *map(str, FILES)],
        capture_output=True, check=True).stdout)["files"]
    port = free_port()
    server = subprocess.Popen([str(BIN), "serve", "--port", str(port)], stdout=subprocess.PIPE)
    try:
        line = server.stdout.readline().decode()
        assert f"http://127.0.0.1:{port}/" in line, line
        url = f"http://127.0.0.1:{port}/"

        # Another site's page, or a name that resolves here by DNS rebinding, is refused.
        bad = urllib.request.Request(url, headers={"Host": f"evil.example:{port}"})
        try:
            urllib.request.urlopen(bad)
            raise AssertionError("a foreign Host was served")
        except urllib.error.HTTPError as e:
            assert e.code == 403, e.code

        driver = chrome(1280, 1100)
        try:
            driver.get(url)
            driver.find_element(By.ID, "pick").send_keys("\n".join(str(f.resolve()) for f in FILES))
            WebDriverWait(driver, 60).until(
                lambda d: d.find_element(By.ID, "status").text.startswith("检查了"))
            cards = driver.find_elements(By.CSS_SELECTOR, "section.file")
            assert len(cards) == len(FILES), len(cards)
            for card, want in zip(cards, expected):
                items = card.find_elements(By.CSS_SELECTOR, "li.finding")
                assert len(items) == len(want["findings"]), (len(items), len(want["findings"]))
                listed = [i.find_element(By.CSS_SELECTOR, ".rule").text for i in items]
                assert listed == [f["rule"] for f in want["findings"]], (listed, want["findings"])
                marked = set()
                for m in card.find_elements(By.CSS_SELECTOR, "mark"):
                    marked.update(m.get_attribute("data-f").split())
                placed = sum(1 for f in want["findings"] if f["span"])
                assert len(marked) == placed, (marked, placed)
            driver.save_screenshot(str(OUT / "serve.png"))
            (ROOT / "docs").mkdir(exist_ok=True)
            shutil.copy(OUT / "serve.png", ROOT / "docs" / "serve.png")

            # Warnings and infos off: only errors stay listed.
            for box in driver.find_elements(By.CSS_SELECTOR, "input[name=sev]"):
                if box.get_attribute("value") != "error":
                    box.click()
            shown = [e for e in driver.find_elements(By.CSS_SELECTOR, "li.finding") if e.is_displayed()]
            errors = sum(1 for f in expected for x in f["findings"] if x["severity"] == "error")
            assert len(shown) == errors, (len(shown), errors)

            # A rule's explanation is the text of `nianbao rule ID`.
            rule = expected[0]["findings"][0]["rule"]
            driver.find_element(By.CSS_SELECTOR, "li.finding .rule").click()
            WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "explain-text").text)
            said = subprocess.run([str(BIN), "rule", rule], capture_output=True, check=True).stdout.decode()
            assert driver.find_element(By.ID, "explain-text").text.strip() == said.strip()
            driver.save_screenshot(str(OUT / "serve-rule.png"))
        finally:
            driver.quit()
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"serve page: {len(FILES)} files, findings listed and marked as the JSON has them; "
          f"screenshots in {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
