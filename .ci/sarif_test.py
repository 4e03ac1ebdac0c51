"""The SARIF output against a model of SARIF 2.1.0: sarif-pydantic (PyPI) parses the log of the
defective example, a real PDF and a comparison (a finding with a related location in last
year's report); a log broken on purpose must be refused, so the check can fail."""

import copy
import json
import pathlib
import subprocess
import sys
import tempfile

from sarif_pydantic import Sarif

ROOT = pathlib.Path(__file__).resolve().parent.parent
BIN = ROOT / "target" / "debug" / "nianbao"


def sarif(*args):
    out = subprocess.run([str(BIN), "check", "--exit-zero", "--format", "sarif", *args],
                         cwd=ROOT, capture_output=True, check=True).stdout
    return json.loads(out)


def main():
    logs = [sarif("examples/sample-2023.txt", "../shared/corpus/real/hongze-district-2024.pdf")]
    with tempfile.TemporaryDirectory() as d:
        clean = (ROOT / "examples" / "clean-2023.txt").read_text(encoding="utf-8")
        last = pathlib.Path(d) / "2022.txt"
        last.write_text(clean.replace("2023年", "2022年").replace("2024", "2023"), encoding="utf-8")
        logs.append(sarif("--previous", str(last), "examples/clean-2023.txt"))
    related = 0
    for log in logs:
        parsed = Sarif.model_validate(log)
        assert parsed.version == "2.1.0"
        related += sum(1 for r in log["runs"][0]["results"] if r.get("relatedLocations"))
    assert related > 0, "the comparison gave a result with a related location"
    broken = copy.deepcopy(logs[0])
    broken["runs"][0]["results"][0]["level"] = "fatal"
    try:
        Sarif.model_validate(broken)
    except Exception:
        pass
    else:
        raise AssertionError("a log with level 'fatal' was accepted: the check cannot fail")
    print(f"sarif: {len(logs)} logs valid SARIF 2.1.0 ({related} results with related locations)")


if __name__ == "__main__":
    sys.exit(main())
