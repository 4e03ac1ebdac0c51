//! .html/.htm: the report body found inside the page (navigation, scripts, footers left out),
//! `<table>` with rowspan/colspan into the table model, charset from the BOM, the meta tag or
//! detection (GBK pages are common), entities decoded by the HTML parser.

use super::render::{Grid, TextBuilder};
use super::LoadError;
use crate::text::TextView;
use encoding_rs::Encoding;
use scraper::{ElementRef, Html, Node};

/// Elements whose text is never the report.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "head", "iframe", "form",
    "button", "select", "template", "svg",
];
/// id/class words of page furniture.
const FURNITURE: &[&str] = &[
    "nav",
    "menu",
    "footer",
    "header",
    "breadcrumb",
    "share",
    "sidebar",
    "toolbar",
    "copyright",
    "banner",
];
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "section",
    "article",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "center",
    "main",
];
/// Largest table grid rebuilt (rows × columns); spans beyond it are clamped.
const MAX_SPAN: usize = 200;
const MAX_DEPTH: usize = 512;

pub fn load(bytes: &[u8]) -> Result<TextView, LoadError> {
    let (text, encoding) = decode(bytes);
    let html = Html::parse_document(&text);
    let root = html.root_element();
    let body = root
        .children()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "body")
        .unwrap_or(root);
    let content = main_content(body);
    let mut out = TextBuilder::new();
    let mut w = Walker {
        line: String::new(),
        paragraphs: 0,
        tables: 0,
    };
    // The page title names the report when the content block does not carry it.
    if let Some(title) = page_title(&html) {
        let first = own_text(content);
        if !first.contains(title.trim()) {
            w.paragraphs += 1;
            out.paragraph(&title, "网页标题");
        }
    }
    w.walk(content, &mut out, 0)?;
    w.flush(&mut out);
    if out.is_empty() {
        return Err(LoadError("网页中没有正文文字".into()));
    }
    Ok(out.finish_reflowed(encoding))
}

/// The page's declared or detected encoding, and its text.
fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some((enc, len)) = Encoding::for_bom(bytes) {
        return (
            enc.decode_without_bom_handling(&bytes[len..])
                .0
                .into_owned(),
            enc.name(),
        );
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    if let Some(p) = head.find("charset=") {
        let label: String = head[p + 8..]
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        if let Some(enc) = Encoding::for_label(label.as_bytes()) {
            return (
                enc.decode_without_bom_handling(bytes).0.into_owned(),
                enc.name(),
            );
        }
    }
    let d = super::decode::decode(bytes);
    (d.text, d.encoding)
}

fn page_title(html: &Html) -> Option<String> {
    let sel = scraper::Selector::parse("title").ok()?;
    let t: String = html.select(&sel).next()?.text().collect();
    // "XX年度报告_XX政府网" / "XX年度报告-XX网站": the site name is not part of it.
    let t = t.split(['_', '|']).next()?.trim().to_string();
    (t.contains("报告")).then_some(t)
}

fn is_furniture(e: &ElementRef) -> bool {
    let v = e.value();
    if SKIPPED.contains(&v.name()) {
        return true;
    }
    let marks = v
        .id()
        .into_iter()
        .chain(v.classes())
        .map(|s| s.to_ascii_lowercase());
    marks
        .into_iter()
        .any(|m| FURNITURE.iter().any(|f| m.contains(f)))
}

/// Characters of text outside links and page furniture: the measure of report content.
fn content_chars(e: ElementRef) -> usize {
    let mut n = 0;
    for child in e.children() {
        match child.value() {
            Node::Text(t) => n += t.trim().chars().count(),
            Node::Element(_) => {
                if let Some(c) = ElementRef::wrap(child) {
                    if c.value().name() != "a" && !is_furniture(&c) {
                        n += content_chars(c);
                    }
                }
            }
            _ => {}
        }
    }
    n
}

/// The deepest element that still holds most of the page's content text.
fn main_content(body: ElementRef) -> ElementRef {
    let total = content_chars(body).max(1);
    let mut best = body;
    loop {
        let next = best
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|c| !is_furniture(c) && !is_data_table_part(c))
            .map(|c| (content_chars(c), c))
            .max_by_key(|(n, _)| *n);
        match next {
            Some((n, c)) if n * 10 >= total * 7 => best = c,
            _ => return best,
        }
    }
}

/// Part of a table of figures, not of a layout table (whose cells hold paragraphs): the
/// content search stops there, so the table is read as a table.
fn is_data_table_part(e: &ElementRef) -> bool {
    matches!(
        e.value().name(),
        "table" | "tbody" | "thead" | "tr" | "td" | "th"
    ) && !e
        .descendants()
        .filter_map(ElementRef::wrap)
        .any(|d| matches!(d.value().name(), "p" | "div" | "br"))
}

fn own_text(e: ElementRef) -> String {
    e.text().take(20).collect()
}

struct Walker {
    line: String,
    paragraphs: usize,
    tables: usize,
}

impl Walker {
    fn flush(&mut self, out: &mut TextBuilder) {
        if !self.line.trim().is_empty() {
            self.paragraphs += 1;
            out.paragraph(self.line.trim(), format!("第{}段", self.paragraphs));
        }
        self.line.clear();
    }

    fn walk(
        &mut self,
        e: ElementRef,
        out: &mut TextBuilder,
        depth: usize,
    ) -> Result<(), LoadError> {
        if depth > MAX_DEPTH {
            return Err(LoadError(format!(
                "网页元素嵌套超过 {MAX_DEPTH} 层，疑似恶意文件"
            )));
        }
        for child in e.children() {
            match child.value() {
                Node::Text(t) => {
                    // Runs of white space (NBSP indentation included) read as one space.
                    let collapsed: String = t
                        .split(|c: char| c.is_whitespace())
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join(" ");
                    if !collapsed.is_empty() {
                        if t.starts_with(char::is_whitespace) && !self.line.is_empty() {
                            self.line.push(' ');
                        }
                        self.line.push_str(&collapsed);
                    }
                }
                Node::Element(_) => {
                    let Some(c) = ElementRef::wrap(child) else {
                        continue;
                    };
                    let name = c.value().name();
                    if is_furniture(&c) {
                        continue;
                    }
                    match name {
                        "br" => self.flush(out),
                        "table" => {
                            self.flush(out);
                            let grid = table_grid(c);
                            self.tables += 1;
                            out.table(&grid, format!("表格{}", self.tables));
                        }
                        _ if BLOCKS.contains(&name) => {
                            self.flush(out);
                            self.walk(c, out, depth + 1)?;
                            self.flush(out);
                        }
                        _ => self.walk(c, out, depth + 1)?,
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// A `<table>` as a grid: a cell spanning rows puts its text in its first row and one empty
/// cell in each row below (as Word's merged cells and flattened text do); a cell spanning
/// columns is one cell.
fn table_grid(table: ElementRef) -> Grid {
    let mut rows: Vec<ElementRef> = Vec::new();
    collect_rows(table, &mut rows);
    let mut grid: Grid = Vec::new();
    // Positions covered by a rowspan from above: (row, col) → (the covering cell, its width).
    let mut covered: std::collections::HashMap<(usize, usize), usize> =
        std::collections::HashMap::new();
    for (r, row) in rows.iter().enumerate() {
        let mut line: Vec<String> = Vec::new();
        let mut col = 0;
        for cell in row
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|c| matches!(c.value().name(), "td" | "th"))
        {
            skip_covered(&covered, r, &mut line, &mut col);
            let span = |a: &str| {
                cell.value()
                    .attr(a)
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, MAX_SPAN)
            };
            let (rs, cs) = (span("rowspan"), span("colspan"));
            let text: String = cell.text().collect::<Vec<_>>().join(" ");
            line.push(text.split_whitespace().collect::<Vec<_>>().join(" "));
            for k in 1..rs {
                covered.insert((r + k, col), cs);
            }
            col += cs;
        }
        skip_covered(&covered, r, &mut line, &mut col);
        grid.push(line);
    }
    grid
}

/// One empty cell for each cell from a row above that covers this position.
fn skip_covered(
    covered: &std::collections::HashMap<(usize, usize), usize>,
    r: usize,
    line: &mut Vec<String>,
    col: &mut usize,
) {
    while let Some(width) = covered.get(&(r, *col)).copied() {
        line.push(String::new());
        *col += width;
    }
}

fn collect_rows<'a>(e: ElementRef<'a>, rows: &mut Vec<ElementRef<'a>>) {
    for c in e.children().filter_map(ElementRef::wrap) {
        match c.value().name() {
            "tr" => rows.push(c),
            "table" => {}
            _ => collect_rows(c, rows),
        }
    }
}
