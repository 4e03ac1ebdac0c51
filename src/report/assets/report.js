// Sorting the table of files by a column, and filtering files and findings; no network.
(function () {
  var table = document.getElementById("files");
  var headers = table.querySelectorAll("th");
  headers.forEach(function (th, col) {
    th.addEventListener("click", function () {
      var asc = !th.classList.contains("sorted-asc");
      headers.forEach(function (h) { h.classList.remove("sorted-asc", "sorted-desc"); });
      th.classList.add(asc ? "sorted-asc" : "sorted-desc");
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[col].getAttribute("data-v") || a.cells[col].textContent;
        var y = b.cells[col].getAttribute("data-v") || b.cells[col].textContent;
        var nx = parseFloat(x), ny = parseFloat(y);
        var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, "zh");
        return asc ? c : -c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
  var text = document.getElementById("filter-text");
  var verdict = document.getElementById("filter-verdict");
  var rule = document.getElementById("filter-rule");
  var sevs = document.querySelectorAll("input[name=severity]");
  function apply() {
    var q = text.value.trim();
    var v = verdict.value;
    var r = rule.value;
    var shown = {};
    sevs.forEach(function (s) { shown[s.value] = s.checked; });
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      var ok = (!q || row.textContent.indexOf(q) >= 0) && (!v || row.getAttribute("data-verdict") === v);
      row.classList.toggle("hidden", !ok);
      var section = document.getElementById(row.getAttribute("data-file"));
      if (section) { section.classList.toggle("hidden", !ok); }
    });
    document.querySelectorAll(".finding").forEach(function (f) {
      var ok = shown[f.getAttribute("data-severity")] && (!r || f.getAttribute("data-rule") === r);
      f.classList.toggle("hidden", !ok);
    });
  }
  [text, verdict, rule].forEach(function (e) { e.addEventListener("input", apply); e.addEventListener("change", apply); });
  sevs.forEach(function (s) { s.addEventListener("change", apply); });
})();
