#!/usr/bin/env python3
"""How long `nianbao serve` takes to check a 5 MB .docx and a 50-page PDF posted to
POST /api/check, as the page posts them (target: under 2 s each). Run from the repository
root after `cargo build --release`; needs pypdf from PyPI to put the PDF together:

    python3 -m pip install pypdf && python3 bench/serve.py

The .docx is the clean example with a 5 MB picture in it (reports carry seals and scans);
the PDF is the real 6-page Huai'an report's pages repeated to 54."""

import io
import os
import random
import statistics
import subprocess
import sys
import time
import urllib.request
import uuid
import zipfile
from xml.sax.saxutils import escape

from pypdf import PdfReader, PdfWriter

BIN = "target/release/nianbao"


def docx(text: str) -> bytes:
    paras = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{escape(l)}</w:t></w:r></w:p>" for l in text.splitlines())
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           f"<w:body>{paras}</w:body></w:document>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("word/document.xml", doc)
        random.seed(1)
        z.writestr("word/media/image1.png", bytes(random.getrandbits(8) for _ in range(5_000_000)), zipfile.ZIP_STORED)
    return out.getvalue()


def pdf() -> bytes:
    src = PdfReader("../shared/corpus/real/huaian-city-2024.pdf")
    w = PdfWriter()
    while len(w.pages) < 50:
        for p in src.pages:
            w.add_page(p)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def post(url: str, name: str, data: bytes) -> float:
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    req = urllib.request.Request(url + "api/check?text=1", data=body, method="POST",
                                 headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    start = time.perf_counter()
    with urllib.request.urlopen(req) as r:
        r.read()
    return time.perf_counter() - start


def main():
    text = open("examples/clean-2023.txt", encoding="utf-8").read()
    files = [("report.docx", docx(text)), ("report-54-pages.pdf", pdf())]
    server = subprocess.Popen([BIN, "serve", "--port", "18777"], stdout=subprocess.PIPE)
    try:
        line = server.stdout.readline().decode()
        url = line[line.index("http://"):].split("，")[0].split()[0]
        for name, data in files:
            post(url, name, data)  # the workers start
            runs = [post(url, name, data) for _ in range(5)]
            print(f"{name}: {len(data) / 1e6:.1f} MB, median {statistics.median(runs):.3f} s "
                  f"(fastest {min(runs):.3f} s, 5 runs; target < 2 s)")
    finally:
        server.terminate()


if __name__ == "__main__":
    sys.exit(main())
