#!/usr/bin/env python3
"""Writes examples/clean-2023.html (a GBK web page with page chrome) and
examples/annex-2023.xlsx (table 三 as a workbook) from examples/clean-2023.txt.
Run from the repository root; standard library only."""
import html, re, zipfile

text = open("examples/clean-2023.txt", encoding="utf-8").read()

# --- web page --------------------------------------------------------------------------------
body, in_table = [], False
for line in text.splitlines():
    if line.startswith("|"):
        if not in_table:
            body.append('<table border="1">')
            in_table = True
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        body.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>")
        continue
    if in_table:
        body.append("</table>")
        in_table = False
    if line.strip():
        body.append(f"<p>{html.escape(line)}</p>")
page = f"""<html><head><meta charset="gbk"><title>示例县人民政府2023年政府信息公开工作年度报告_示例县人民政府网</title>
<script>var x = 1;</script></head><body>
<div class="nav"><a href="/">首页</a><a href="/xxgk">信息公开</a></div>
<div class="breadcrumb">当前位置：首页 &gt; 信息公开 &gt; 年度报告</div>
<div id="content">{''.join(body)}</div>
<div class="footer">主办单位：示例县人民政府办公室 网站标识码：0000000000</div></body></html>"""
open("examples/clean-2023.html", "wb").write(page.encode("gbk"))

# --- workbook: table 三 ------------------------------------------------------------------------
start, end = text.index("| （本列数据"), text.index("四、政府信息公开行政复议")
rows = []
for line in text[start:end].splitlines():
    if not line.startswith("|"):
        continue
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    rows.append(([""] + cells) if len(cells) == 8 else cells)

def col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s

sheet = []
for r, row in enumerate(rows, 1):
    cells = []
    for c, v in enumerate(row):
        if not v:
            continue
        ref = f"{col(c)}{r}"
        if re.fullmatch(r"-?\d+(\.\d+)?", v):
            cells.append(f'<c r="{ref}"><v>{v}</v></c>')
        else:
            cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{html.escape(v)}</t></is></c>')
    sheet.append(f'<row r="{r}">{"".join(cells)}</row>')
parts = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="表三" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    "xl/worksheets/sheet1.xml": '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' + "".join(sheet) + "</sheetData></worksheet>",
}
with zipfile.ZipFile("examples/annex-2023.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    for name, data in parts.items():
        z.writestr(zipfile.ZipInfo(name, (2024, 3, 20, 0, 0, 0)), data)
