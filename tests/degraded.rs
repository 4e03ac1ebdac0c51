//! Shapes, not files: every clean report we have is turned into each shape real published
//! texts come in (markdown from converters, a body crawled into one line, PDF lines wrapped at
//! a fixed width with page footers, tables cut into fragments, labels apart from their
//! figures, figures glued together, a blank trailing column, ragged rows, one cell per line, tables as HTML, cells apart by single spaces), and each degraded
//! copy must get the findings of its original: the same rules with the same messages, at most
//! one reading notice per structure, and never an error the original did not have.
mod common;

use nianbao::check::check_view;
use nianbao::rules::RuleSet;
use nianbao::text::TextView;
use std::collections::BTreeMap;
use std::path::Path;

/// The clean reports: ours, and the real ones whose text is clean.
const ORIGINALS: &[&str] = &[
    "examples/clean-2023.txt",
    "examples/sample-2023.txt",
    "../shared/corpus/real/shanghai-office-2019.txt",
    "../shared/corpus/seeds/000_5df7620ebf30b927.txt",
    "../shared/corpus/seeds/002_d52c3c5ef9b48e12.txt",
    "../shared/corpus/seeds/003_860089b39a16652d.txt",
    "../shared/corpus/seeds/004_03d8b3d49866cbbf.txt",
];

type Degrader = fn(&str) -> String;

const SHAPES: &[(&str, Degrader)] = &[
    ("markdown headings", markdown_headings),
    ("bold headings", bold_headings),
    ("one-line body", one_line_body),
    ("wrapped lines with page footers", wrapped_with_footers),
    ("tables in fragments", tables_in_fragments),
    ("labels apart from figures", labels_apart),
    ("one-digit cells glued", glued_cells),
    ("blank trailing column", blank_trailing_column),
    ("ragged rows", ragged_rows),
    ("one cell per line", one_cell_per_line),
    (
        "one cell per line, each with a pipe after it",
        cells_with_pipes_after,
    ),
    ("tables as HTML on one line", html_tables),
    ("cells apart by single spaces", space_separated),
    ("parts numbered 一.", |t| {
        top_markers(t, |n| format!("{n}."))
    }),
    ("parts numbered 第一部分", |t| {
        top_markers(t, |n| format!("第{n}部分　"))
    }),
    (
        "labels apart, cells by single spaces",
        space_separated_labels_apart,
    ),
];

fn is_row(line: &str) -> bool {
    line.trim_start().starts_with('|')
}

/// A numbered heading line: 一、 （一） 1.
fn heading_level(line: &str) -> Option<usize> {
    let t = line.trim_start_matches([' ', '\u{3000}']);
    let cn = |c: char| "一二三四五六七八九十".contains(c);
    let mut chars = t.chars();
    let first = chars.next()?;
    if cn(first) {
        let rest: String = t.chars().skip_while(|c| cn(*c)).take(1).collect();
        return (rest == "、").then_some(0);
    }
    if first == '（' || first == '(' {
        let inner: String = chars.take_while(|c| cn(*c)).collect();
        let close = t.chars().nth(1 + inner.chars().count());
        return (!inner.is_empty() && matches!(close, Some('）') | Some(')'))).then_some(1);
    }
    None
}

/// The title: the first non-empty line, when it names the report.
fn is_title(lines: &[&str], i: usize) -> bool {
    lines.iter().position(|l| !l.trim().is_empty()) == Some(i) && lines[i].contains("报告")
}

fn markdown_headings(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::new();
    for (i, l) in lines.iter().enumerate() {
        let prefix = if is_title(&lines, i) {
            "# "
        } else {
            match heading_level(l) {
                Some(0) => "## ",
                Some(_) => "### ",
                None => "",
            }
        };
        out.push_str(prefix);
        out.push_str(l.trim_start());
        out.push_str("\n\n");
    }
    out
}

fn bold_headings(text: &str) -> String {
    let mut out = String::new();
    for l in text.lines() {
        // Only a heading that is a line of its own is written in bold.
        match heading_level(l) {
            Some(_) if !l.contains('。') => {
                out.push_str(&format!("**{}**\n\n", l.trim()));
            }
            _ => {
                out.push_str(l);
                out.push_str("\n\n");
            }
        }
    }
    out
}

/// The body as a crawler leaves it: everything after the title and its metadata on one line,
/// paragraph after paragraph; table rows stay rows.
fn one_line_body(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| heading_level(l) == Some(0))
        .unwrap_or(lines.len());
    let mut out: String = lines[..start].iter().map(|l| format!("{l}\n")).collect();
    let mut run = String::new();
    for l in &lines[start..] {
        if is_row(l) {
            if !run.is_empty() {
                out.push_str(&run);
                out.push('\n');
                run.clear();
            }
            out.push_str(l);
            out.push('\n');
        } else if !l.trim().is_empty() {
            if !run.is_empty() {
                run.push(' ');
            }
            run.push_str(l.trim());
        }
    }
    out.push_str(&run);
    out.push('\n');
    out
}

/// Display columns of a character: Han characters and full-width forms take two.
fn columns(c: char) -> usize {
    if c.is_ascii() {
        1
    } else {
        2
    }
}

/// Prose cut at 52 columns (26 Han characters), as a PDF page lays it out, with a page number
/// every 40 lines.
fn wrapped_with_footers(text: &str) -> String {
    const WIDTH: usize = 52;
    let mut out = String::new();
    let mut n = 0;
    let mut page = 1;
    let mut emit = |line: &str, out: &mut String| {
        out.push_str(line);
        out.push('\n');
        n += 1;
        if n % 40 == 0 {
            out.push_str(&format!("— {page} —\n"));
            page += 1;
        }
    };
    let lines: Vec<&str> = text.lines().collect();
    for (i, l) in lines.iter().enumerate() {
        let t = l.trim();
        if is_row(l) || is_title(&lines, i) || t.chars().map(columns).sum::<usize>() <= WIDTH {
            emit(l, &mut out);
            continue;
        }
        let mut piece = String::new();
        let mut used = 0;
        for c in t.chars() {
            if used + columns(c) > WIDTH {
                emit(&piece, &mut out);
                piece.clear();
                used = 0;
            }
            piece.push(c);
            used += columns(c);
        }
        if !piece.is_empty() {
            emit(&piece, &mut out);
        }
    }
    out
}

/// Pipe tables cut every five rows: a caption, a page number and the header again between.
fn tables_in_fragments(text: &str) -> String {
    let mut out = String::new();
    let mut header: Option<String> = None;
    let mut rows = 0;
    for l in text.lines() {
        if !is_row(l) {
            header = None;
            rows = 0;
            out.push_str(l);
            out.push('\n');
            continue;
        }
        if header.is_none() {
            header = Some(l.to_string());
        } else if rows % 5 == 0 {
            let h = header.clone().unwrap_or_default();
            let cols = h.matches('|').count().saturating_sub(1).max(1);
            out.push_str("— 3 —\n\n续表\n");
            out.push_str(&h);
            out.push('\n');
            out.push_str(&"|---".repeat(cols));
            out.push_str("|\n");
        }
        rows += 1;
        out.push_str(l);
        out.push('\n');
    }
    out
}

/// The cells of a pipe row, trimmed.
fn cells(line: &str) -> Vec<String> {
    let t = line.trim();
    let inner = t.strip_prefix('|').unwrap_or(t);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    inner.split('|').map(|c| c.trim().to_string()).collect()
}

fn is_figure(c: &str) -> bool {
    !c.is_empty() && c.chars().all(|ch| ch.is_ascii_digit())
}

/// A row of table 三: a label then seven figures.
fn t3_row(line: &str) -> Option<(Vec<String>, Vec<String>)> {
    let c = cells(line);
    if c.len() < 8 {
        return None;
    }
    let (labels, figures) = c.split_at(c.len() - 7);
    let labelled = labels.iter().any(|l| !l.is_empty() && !is_figure(l));
    (labelled && figures.iter().all(|f| is_figure(f))).then(|| (labels.to_vec(), figures.to_vec()))
}

/// The text with each row of table 三 that `f` rewrites (given the row's last written label
/// and its seven figures) replaced by what it returns; other lines as they are.
fn rewrite_t3_rows(text: &str, f: impl Fn(&[String], &str, &[String]) -> Option<String>) -> String {
    let mut out = String::new();
    for l in text.lines() {
        let rewritten = t3_row(l).and_then(|(labels, figures)| {
            let label = labels
                .iter()
                .rev()
                .find(|l| !l.is_empty())
                .cloned()
                .unwrap_or_default();
            f(&labels, &label, &figures)
        });
        match rewritten {
            Some(r) => out.push_str(&r),
            None => {
                out.push_str(l);
                out.push('\n');
            }
        }
    }
    out
}

/// "| 一、本年新收… | 5 | 0 |…" becomes the label on a line of its own and the figures in a
/// row of their own after it.
fn labels_apart(text: &str) -> String {
    rewrite_t3_rows(text, |_, label, figures| {
        Some(format!("{label}\n| {} |\n", figures.join(" | ")))
    })
}

/// Rows of one-digit figures run together after their label, as a crawler copies a table.
fn glued_cells(text: &str) -> String {
    rewrite_t3_rows(text, |_, label, figures| {
        figures
            .iter()
            .all(|f| f.len() == 1)
            .then(|| format!("{label} {}\n", figures.concat()))
    })
}

fn blank_trailing_column(text: &str) -> String {
    let mut out = String::new();
    for l in text.lines() {
        out.push_str(l.trim_end());
        if is_row(l) {
            out.push_str("  |");
        }
        out.push('\n');
    }
    out
}

/// Sub-rows of table 三 with an empty first cell where their category's merged cell was, so
/// rows have more cells than their neighbours.
fn ragged_rows(text: &str) -> String {
    rewrite_t3_rows(text, |labels, _, figures| {
        (labels.len() == 1 && labels[0].starts_with(|c: char| c.is_ascii_digit()))
            .then(|| format!("|  | {} | {} |\n", labels[0], figures.join(" | ")))
    })
}

/// Every table row as its cells, one per line, as a web page's table is copied into a text
/// file. A blank cell would be an empty line, which no reader can tell from a paragraph
/// break: a text with blank cells keeps its rows.
fn one_cell_per_line(text: &str) -> String {
    cell_lines(text, "")
}

/// One cell per line, each ending in " |", as a crawler writes a table it cannot lay out.
fn cells_with_pipes_after(text: &str) -> String {
    cell_lines(text, " |")
}

/// The report's parts (一、总体情况) numbered another way.
fn top_markers(text: &str, marker: fn(&str) -> String) -> String {
    const CN: &[&str] = &["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    let mut out = String::new();
    for l in text.lines() {
        let numbered = CN.iter().find(|n| {
            l.strip_prefix(**n)
                .and_then(|r| r.strip_prefix('、'))
                .is_some_and(|r| !r.is_empty())
        });
        match numbered {
            Some(n) => {
                out.push_str(&marker(n));
                out.push_str(&l[n.len() + '、'.len_utf8()..]);
            }
            None => out.push_str(l),
        }
        out.push('\n');
    }
    out
}

/// Every table row with its cells apart by one space, as a PDF's text layer copies a table
/// (a category's cell and its first numbered row run into one label). Blank cells would
/// vanish: a text with blank cells keeps its rows.
fn space_separated(text: &str) -> String {
    if text
        .lines()
        .filter(|l| is_row(l))
        .any(|l| cells(l).iter().any(String::is_empty))
    {
        return text.to_string();
    }
    let mut out = String::new();
    for l in text.lines() {
        if is_row(l) {
            out.push_str(&cells(l).join(" "));
        } else {
            out.push_str(l);
        }
        out.push('\n');
    }
    out
}

/// Table 三's labels on one line (apart by spaces), its figures on the next.
fn space_separated_labels_apart(text: &str) -> String {
    rewrite_t3_rows(text, |labels, _, figures| {
        let labels: Vec<&str> = labels
            .iter()
            .map(String::as_str)
            .filter(|l| !l.is_empty())
            .collect();
        Some(format!("{}\n{}\n", labels.join(" "), figures.join(" ")))
    })
}

/// Each run of table rows as one line of HTML, as PDF-to-markdown converters write tables.
fn html_tables(text: &str) -> String {
    let mut out = String::new();
    let mut table = String::new();
    for l in text.lines() {
        if is_row(l) {
            table.push_str("<tr>");
            for c in cells(l) {
                table.push_str(&format!("<td>{}</td>", c.replace('&', "&amp;")));
            }
            table.push_str("</tr>");
            continue;
        }
        if !table.is_empty() {
            out.push_str(&format!("<table>{table}</table>\n"));
            table.clear();
        }
        out.push_str(l);
        out.push('\n');
    }
    if !table.is_empty() {
        out.push_str(&format!("<table>{table}</table>\n"));
    }
    out
}

fn cell_lines(text: &str, after: &str) -> String {
    let rows: Vec<&str> = text.lines().filter(|l| is_row(l)).collect();
    if rows.iter().any(|l| cells(l).iter().any(String::is_empty)) {
        return text.to_string();
    }
    let mut out = String::new();
    for l in text.lines() {
        if is_row(l) {
            for c in cells(l) {
                out.push_str(&c);
                out.push_str(after);
                out.push('\n');
            }
        } else {
            out.push_str(l);
            out.push('\n');
        }
    }
    out
}

/// Findings as (rule, message) with their count; reading notices apart.
/// A finding as compared across shapes: its rule, its message, and the words at its place.
type Key = (String, String, String);

/// The words a finding points at, as the file has them, without what the shapes add or take
/// away (white space, line breaks, markdown marks, pipes); empty for findings about a whole
/// document or a whole table, whose extent changes with the shape.
fn place(view: &TextView, span: Option<nianbao::text::Span>) -> String {
    const MAX_PLACE_CHARS: usize = 60;
    let Some(s) = span else { return String::new() };
    let words: String = view.source_text()[s.start..s.end]
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '|' | '#' | '*' | '-'))
        .collect();
    if words.chars().count() > MAX_PLACE_CHARS {
        String::new()
    } else {
        words
    }
}

fn findings(text: &str, rules: &RuleSet) -> (BTreeMap<Key, usize>, Vec<String>) {
    let view = TextView::read_plain(
        text,
        "UTF-8",
        nianbao::text::markdown::looks_like_markdown(text),
    );
    let r = check_view(&view, "x", rules, None);
    let mut found = BTreeMap::new();
    let mut reading = Vec::new();
    let line_ref = regex::Regex::new("第[0-9]+行").unwrap();
    let part_markers = [
        regex::Regex::new(r"第(?P<n>[一二三四五六七八九十]+)部分\x{3000}?").unwrap(),
        regex::Regex::new(r"(?P<n>[一二三四五六七八九十]+)\.").unwrap(),
    ];
    let as_dun = |s: &str| {
        part_markers.iter().fold(s.to_string(), |s, re| {
            re.replace_all(&s, "$n、").into_owned()
        })
    };
    for f in &r.findings {
        if f.finding.rule.starts_with("READ-") {
            reading.push(f.finding.rule.clone());
        } else {
            // A message may name a line (前文第17行): lines move with the shape; and quote
            // a part's heading with its number as written (七、 第七部分 七.).
            let message = line_ref
                .replace_all(&f.finding.message, "第#行")
                .into_owned();
            let message = as_dun(&message);
            let at = place(&view, f.finding.span);
            let at = as_dun(&at);
            *found
                .entry((f.finding.rule.clone(), message, at))
                .or_insert(0) += 1;
        }
    }
    (found, reading)
}

/// Reports in other formats, whose text view (what `nianbao extract` prints) is degraded: the
/// web-page example, the blank national template and the published PDFs.
const EXTRACTED: &[&str] = &[
    "examples/clean-2023.html",
    "../shared/corpus/template/national-template-2021.docx",
    "../shared/corpus/real/huaian-city-2024.pdf",
    "../shared/corpus/real/hongze-district-2023.pdf",
    "../shared/corpus/real/hongze-district-2024.pdf",
];

fn originals() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = ORIGINALS
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(Path::new(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
            (p.to_string(), text)
        })
        .collect();
    for p in EXTRACTED {
        let view = nianbao::input::load(Path::new(p)).unwrap_or_else(|e| panic!("{p}: {e:?}"));
        out.push((p.to_string(), view.text().to_string()));
    }
    out
}

#[test]
fn every_shape_of_every_clean_report_gets_the_findings_of_the_original() {
    if !common::corpus_present() {
        return;
    }
    let rules = RuleSet::builtin().unwrap();
    let mut failures = Vec::new();
    let mut checked = 0;
    for (path, text) in originals() {
        let text = text.as_str();
        let (original, _) = findings(text, &rules);
        for (shape, degrade) in SHAPES {
            let degraded = degrade(text);
            if degraded == text {
                continue;
            }
            checked += 1;
            let (got, reading) = findings(&degraded, &rules);
            let mut notices: Vec<&String> = reading.iter().collect();
            notices.sort();
            let repeated = notices.windows(2).any(|w| w[0] == w[1]);
            if got != original || repeated {
                let missing: Vec<_> = original
                    .iter()
                    .filter(|(k, n)| got.get(*k) != Some(n))
                    .map(|(k, _)| k)
                    .collect();
                let extra: Vec<_> = got
                    .iter()
                    .filter(|(k, n)| original.get(*k) != Some(n))
                    .map(|(k, _)| k)
                    .collect();
                failures.push(format!(
                    "{path} as {shape}:\n  lost {missing:?}\n  gained {extra:?}\n  notices {reading:?}"
                ));
            }
        }
    }
    assert!(checked >= 40, "only {checked} degraded copies were checked");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn degraders_really_change_the_shape() {
    let text = std::fs::read_to_string("examples/clean-2023.txt").unwrap();
    for (shape, degrade) in SHAPES {
        assert_ne!(degrade(&text), text, "{shape} changed nothing");
    }
    assert!(glued_cells(&text)
        .lines()
        .any(|l| !is_row(l) && l.ends_with("0000000")));
    assert!(one_line_body(&text)
        .lines()
        .any(|l| l.chars().count() > 300));
}
