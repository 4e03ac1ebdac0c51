// The page of `nianbao serve`: files go to POST /api/check on this machine; the answer is the
// JSON of `check --format json` with each file's text, and each finding is marked in the text.
(function () {
  "use strict";
  var enc = new TextEncoder(), dec = new TextDecoder();
  var results = document.getElementById("results");
  var status = document.getElementById("status");
  var toolbar = document.getElementById("toolbar");
  var ruleFilter = document.getElementById("rule-filter");
  var SEV = { error: "错误", warning: "警告", info: "提示" };
  var RANK = { info: 0, warning: 1, error: 2 };

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function send(files) {
    if (!files.length) { return; }
    var form = new FormData();
    Array.prototype.forEach.call(files, function (f) { form.append("file", f, f.name); });
    status.textContent = "正在检查 " + files.length + " 个文件……";
    fetch("/api/check?text=1", { method: "POST", body: form })
      .then(function (r) { return r.ok ? r.json() : r.text().then(function (t) { throw new Error(t); }); })
      .then(show)
      .catch(function (e) { status.textContent = "检查失败：" + e.message; });
  }

  function show(data) {
    results.innerHTML = "";
    var rules = {};
    data.files.forEach(function (f, i) {
      results.appendChild(fileCard(f, i));
      f.findings.concat.apply(f.findings, f.annexes.map(function (a) { return a.findings; }))
        .forEach(function (x) { rules[x.rule] = true; });
    });
    ruleFilter.innerHTML = '<option value="">全部</option>' + Object.keys(rules).sort().map(function (r) {
      return "<option>" + esc(r) + "</option>";
    }).join("");
    document.getElementById("export-xlsx").href = "/api/export/" + data.id + "/report.xlsx";
    document.getElementById("export-html").href = "/api/export/" + data.id + "/report.html";
    toolbar.classList.remove("hidden");
    var n = data.files.reduce(function (s, f) { return s + f.findings.length; }, 0);
    status.textContent = "检查了 " + data.files.length + " 个文件，共 " + n + " 个问题。";
    applyFilters();
  }

  function fileCard(f, i) {
    var card = document.createElement("section");
    card.className = "file";
    card.id = "file-" + i;
    var count = { error: 0, warning: 0, info: 0 };
    f.findings.forEach(function (x) { count[x.severity]++; });
    var fail = /不通过|无法读取|检查中止/.test(f.verdict);
    card.innerHTML = "<h2>" + esc(f.path) + '<span class="verdict ' + (fail ? "fail" : "pass") + '">' +
      esc(f.verdict) + '</span><span class="counts">错误 ' + count.error + "，警告 " + count.warning +
      "，提示 " + count.info + '</span></h2><div class="body"><div class="text"></div><ol class="findings"></ol></div>';
    var text = card.querySelector(".text");
    var list = card.querySelector(".findings");
    text.innerHTML = marked(f.text || "", f.findings, i);
    f.findings.forEach(function (x, k) { list.appendChild(item(x, k, i)); });
    f.annexes.forEach(function (a) {
      a.findings.forEach(function (x, k) { list.appendChild(item(x, "a" + k, i, a.path)); });
    });
    return card;
  }

  function item(x, k, file, annex) {
    var li = document.createElement("li");
    li.className = "finding " + x.severity;
    li.setAttribute("data-severity", x.severity);
    li.setAttribute("data-rule", x.rule);
    li.setAttribute("data-f", file + "-" + k);
    var where = x.line ? "第" + x.line + "行第" + x.column + "列" : "全文";
    if (x.origin) { where += "（原文" + x.origin + "）"; }
    if (annex) { where += "（附件 " + annex + "）"; }
    if (x.related) { where += "；对照 " + x.related.path + (x.related.line ? " 第" + x.related.line + "行" : ""); }
    li.innerHTML = '<span class="sev">' + SEV[x.severity] + '</span><span class="rule" title="这条规则查什么">' +
      esc(x.rule) + "</span>" + esc(x.message) + ' <span class="where">' + esc(where) + "</span>" +
      (x.help ? '<div class="hint">' + esc(x.help) + "</div>" : "");
    li.querySelector(".rule").addEventListener("click", function (e) { e.stopPropagation(); explain(x.rule); });
    li.addEventListener("click", function () {
      var m = document.querySelector('mark[data-f~="' + file + "-" + k + '"]');
      document.querySelectorAll("mark.current").forEach(function (c) { c.classList.remove("current"); });
      if (m) { m.classList.add("current"); m.scrollIntoView({ block: "center" }); }
    });
    return li;
  }

  // The text with each finding's span marked. Spans are byte offsets into the UTF-8 text; the
  // text is cut at every span edge, line end and table bar, and rows of a pipe table are drawn
  // as a table.
  function marked(text, findings, file) {
    var b = enc.encode(text);
    var cuts = {};
    cuts[0] = true; cuts[b.length] = true;
    for (var i = 0; i < b.length; i++) {
      if (b[i] === 10 || b[i] === 124) { cuts[i] = true; cuts[i + 1] = true; }
    }
    var spans = [];
    findings.forEach(function (x, k) {
      if (!x.span) { return; }
      var s = Math.min(x.span.start, b.length), e = Math.min(Math.max(x.span.end, x.span.start), b.length);
      cuts[s] = true; cuts[e] = true;
      spans.push({ s: s, e: e, id: file + "-" + k, sev: x.severity, msg: x.message });
    });
    var points = Object.keys(cuts).map(Number).sort(function (x, y) { return x - y; });
    var lines = [], cells = null, html = "", lineStart = true;
    function endLine() {
      if (cells) { cells.push(html); lines.push({ row: cells }); } else { lines.push({ html: html }); }
      cells = null; html = ""; lineStart = true;
    }
    for (var p = 0; p < points.length; p++) {
      var a = points[p], z = points[p + 1];
      spans.forEach(function (sp) {
        if (sp.s === sp.e && sp.s === a) {
          html += '<mark class="' + sp.sev + ' point" data-f="' + sp.id + '" title="' + esc(sp.msg) + '">▲</mark>';
        }
      });
      if (z === undefined) { break; }
      var piece = dec.decode(b.subarray(a, z));
      if (piece === "\n") { endLine(); continue; }
      if (piece === "|") {
        if (lineStart) { cells = []; lineStart = false; continue; }
        if (cells) { cells.push(html); html = ""; continue; }
      }
      lineStart = false;
      var on = spans.filter(function (sp) { return sp.s <= a && z <= sp.e && sp.s < sp.e; });
      if (on.length) {
        var worst = on.reduce(function (w, sp) { return RANK[sp.sev] > RANK[w] ? sp.sev : w; }, "info");
        html += '<mark class="' + worst + '" data-f="' + on.map(function (sp) { return sp.id; }).join(" ") +
          '" title="' + esc(on.map(function (sp) { return sp.msg; }).join("\n")) + '">' + esc(piece) + "</mark>";
      } else {
        html += esc(piece);
      }
    }
    endLine();
    var out = "", inTable = false;
    lines.forEach(function (l) {
      if (l.row) {
        if (!inTable) { out += "<table>"; inTable = true; }
        var row = l.row;
        if (row.length && row[row.length - 1].trim() === "") { row = row.slice(0, -1); }
        out += "<tr>" + row.map(function (c) { return "<td>" + c + "</td>"; }).join("") + "</tr>";
      } else {
        if (inTable) { out += "</table>"; inTable = false; }
        out += '<div class="line">' + l.html + "</div>";
      }
    });
    if (inTable) { out += "</table>"; }
    return out;
  }

  function explain(id) {
    fetch("/api/rule/" + encodeURIComponent(id)).then(function (r) { return r.text(); }).then(function (t) {
      document.getElementById("explain-text").textContent = t;
      document.getElementById("explain").showModal();
    });
  }

  function applyFilters() {
    var shown = {};
    document.querySelectorAll("input[name=sev]").forEach(function (c) { shown[c.value] = c.checked; });
    var rule = ruleFilter.value;
    document.querySelectorAll(".finding").forEach(function (li) {
      var ok = shown[li.getAttribute("data-severity")] && (!rule || li.getAttribute("data-rule") === rule);
      li.classList.toggle("hidden", !ok);
    });
    ["error", "warning", "info"].forEach(function (s) { results.classList.toggle("hide-" + s, !shown[s]); });
  }

  document.querySelectorAll("input[name=sev]").forEach(function (c) { c.addEventListener("change", applyFilters); });
  ruleFilter.addEventListener("change", applyFilters);
  document.getElementById("pick").addEventListener("change", function (e) { send(e.target.files); });
  document.getElementById("pick-folder").addEventListener("change", function (e) { send(e.target.files); });
  var drop = document.getElementById("drop");
  drop.addEventListener("dragover", function (e) { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", function () { drop.classList.remove("over"); });
  drop.addEventListener("drop", function (e) {
    e.preventDefault();
    drop.classList.remove("over");
    send(e.dataTransfer.files);
  });
})();
