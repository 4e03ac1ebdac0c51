"""The HTML audit report in a real headless Chromium: the page of a folder holding the seeds,
the real reports and examples/ renders, shows the counts of the JSON, sorts and filters, and
leaves a screenshot (target/browser/report.png, kept as a CI artifact path).

Run by .ci/browser-report-test after the build; needs Debian's chromium and chromium-driver and
selenium from PyPI, driven with the machine's chromedriver (nothing downloaded)."""

import json
import pathlib
import subprocess
import sys

from browser_common import chrome
from selenium.webdriver.common.by import By

ROOT = pathlib.Path(__file__).resolve().parent.parent
BIN = ROOT / "target" / "debug" / "nianbao"
OUT = ROOT / "target" / "browser"
INPUTS = ["../shared/corpus/seeds", "../shared/corpus/real", "examples"]


def run(*args):
    return subprocess.run([str(BIN), *args], cwd=ROOT, capture_output=True, check=False)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    page = OUT / "report.html"
    data = json.loads(run("check", "--exit-zero", "--format", "json", *INPUTS).stdout)
    made = run("check", "--exit-zero", "--output", str(page), *INPUTS)
    assert made.returncode == 0, made.stderr.decode()
    files = data["files"]
    every = [f for r in files for f in r["findings"] + [g for a in r["annexes"] for g in a["findings"]]]
    counts = {s: sum(1 for f in every if f["severity"] == s) for s in ("error", "warning", "info")}

    driver = chrome(1280, 1600)
    try:
        driver.get(page.as_uri())
        shown = lambda css: [e for e in driver.find_elements(By.CSS_SELECTOR, css) if e.is_displayed()]
        assert driver.find_element(By.ID, "count-files").text == str(len(files))
        for sev, n in counts.items():
            assert driver.find_element(By.ID, f"count-{sev}").text == str(n), (sev, n)
        assert len(shown(".finding")) == len(every), (len(shown(".finding")), len(every))
        rows = shown("#files tbody tr")
        assert len(rows) == len(files)
        driver.save_screenshot(str(OUT / "report.png"))

        # Sorting: twice on 错误 puts the file with the most errors first.
        header = driver.find_elements(By.CSS_SELECTOR, "#files th")[4]
        header.click()
        header.click()
        most = max(sum(1 for f in r["findings"] if f["severity"] == "error") for r in files)
        first = shown("#files tbody tr")[0].find_elements(By.TAG_NAME, "td")[4].text
        assert first == str(most), (first, most)

        # Only errors: the findings shown are the errors.
        for box in driver.find_elements(By.CSS_SELECTOR, "input[name=severity]"):
            if box.get_attribute("value") != "error":
                box.click()
        assert len(shown(".finding")) == counts["error"], (len(shown(".finding")), counts)

        # A file name typed in the filter leaves its row and its section.
        box = driver.find_element(By.ID, "filter-text")
        box.send_keys("hongze-district-2024")
        assert len(shown("#files tbody tr")) == 1
        assert len(shown("section.file")) == 1
        driver.save_screenshot(str(OUT / "report-filtered.png"))
    finally:
        driver.quit()
    print(f"browser: {len(files)} files, {len(every)} findings shown and filtered; "
          f"screenshots in {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
