//! .html/.htm: the report body found inside the page (navigation, scripts, footers left out),
//! `<table>` with rowspan/colspan into the table model, charset from the BOM, the meta tag or
//! detection (GBK pages are common), entities decoded by the HTML parser.

use super::render::{MergedCell, TextBuilder};
use super::LoadError;
use encoding_rs::Encoding;
use nianbao_core::text::TextView;
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

/// Stack of the thread the page is parsed on: the HTML parser recurses on deep nesting, and
/// its depth is not ours to cap, so it gets room for the deepest page a file of the size limit
/// can hold. (Virtual memory: only what is used is taken.)
const PARSER_STACK: usize = 64 * 1024 * 1024;

pub fn load(bytes: &[u8]) -> Result<TextView, LoadError> {
    std::thread::scope(|s| {
        std::thread::Builder::new()
            .name("html".into())
            .stack_size(PARSER_STACK)
            .spawn_scoped(s, || load_on_this_thread(bytes))
            .map_err(|e| LoadError(format!("内存不足，无法启动网页解析线程（{e}）")))?
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p))
    })
}

/// Deepest nesting of elements handed to the HTML parser: it slows down with the depth of
/// the open elements (a page of a million nested `<span>` takes minutes) and recurses on it.
/// Real pages nest a few dozen levels.
pub const MAX_PARSE_DEPTH: usize = 10_000;

fn load_on_this_thread(bytes: &[u8]) -> Result<TextView, LoadError> {
    let (text, encoding) = decode(bytes);
    let depth = nesting_depth(text.as_bytes(), MAX_PARSE_DEPTH);
    if depth > MAX_PARSE_DEPTH {
        return Err(LoadError(format!(
            "网页元素嵌套超过 {MAX_PARSE_DEPTH} 层，疑似损坏或恶意的文件，未读取"
        )));
    }
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
            .filter(|c| !is_furniture(c) && !is_data_table_part(c) && is_container(c))
            .map(|c| (content_chars(c), c))
            .max_by_key(|(n, _)| *n);
        match next {
            Some((n, c)) if n * 10 >= total * 7 => best = c,
            _ => return best,
        }
    }
}

/// An element that holds the parts of a page rather than one paragraph of it: the search
/// for the content never goes into a paragraph (the title and a short heading are a page too).
fn is_container(e: &ElementRef) -> bool {
    !matches!(
        e.value().name(),
        "p" | "span" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "b" | "strong" | "em" | "i" | "a"
    )
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
                            let (grid, capped) = table_grid(c);
                            if capped {
                                out.notice(format!(
                                    "网页表格的合并单元格（rowspan/colspan）覆盖超过 {MAX_COVERED} 个单元格，超出部分按不合并读取"
                                ));
                            }
                            self.tables += 1;
                            out.merged_table(&grid, format!("表格{}", self.tables));
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
/// Cells a table's rowspans may cover in all: past it, spans are read as 1 (a table of
/// 40,000 cells each spanning 200 × 200 would otherwise cover 10^9).
const MAX_COVERED: usize = 100_000;

/// The grid of a table, and whether its spans were cut at `MAX_COVERED`.
fn table_grid(table: ElementRef) -> (Vec<Vec<MergedCell>>, bool) {
    let mut rows: Vec<ElementRef> = Vec::new();
    collect_rows(table, &mut rows);
    let mut grid: Vec<Vec<MergedCell>> = Vec::new();
    let mut capped = false;
    // Positions covered by a rowspan from above: (row, col) → (the covering cell, its width).
    let mut covered: std::collections::HashMap<(usize, usize), usize> =
        std::collections::HashMap::new();
    for (r, row) in rows.iter().enumerate() {
        let mut line: Vec<MergedCell> = Vec::new();
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
            let (mut rs, mut cs) = (span("rowspan"), span("colspan"));
            if covered.len() + rs > MAX_COVERED {
                (rs, cs) = (1, 1);
                capped = true;
            }
            let text: String = cell.text().collect::<Vec<_>>().join(" ");
            line.push(MergedCell {
                rowspan: rs,
                colspan: cs,
                ..MergedCell::plain(text.split_whitespace().collect::<Vec<_>>().join(" "))
            });
            for k in 1..rs {
                covered.insert((r + k, col), cs);
            }
            col += cs;
        }
        skip_covered(&covered, r, &mut line, &mut col);
        grid.push(line);
    }
    (grid, capped)
}

/// One empty cell for each cell from a row above that covers this position.
fn skip_covered(
    covered: &std::collections::HashMap<(usize, usize), usize>,
    r: usize,
    line: &mut Vec<MergedCell>,
    col: &mut usize,
) {
    while let Some(width) = covered.get(&(r, *col)).copied() {
        line.push(MergedCell::covered(width));
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

/// Elements with no end tag, or whose end tag pages commonly leave out: they do not nest.
const NON_NESTING: &[&[u8]] = &[
    b"area",
    b"base",
    b"br",
    b"col",
    b"embed",
    b"hr",
    b"img",
    b"input",
    b"link",
    b"meta",
    b"param",
    b"source",
    b"track",
    b"wbr",
    b"p",
    b"li",
    b"td",
    b"th",
    b"tr",
    b"option",
    b"dt",
    b"dd",
    b"tbody",
    b"thead",
    b"tfoot",
    b"colgroup",
];

/// How deep the elements of a page nest, counted from its tags without parsing it (start tags
/// less end tags), stopping once past `cap`.
fn nesting_depth(b: &[u8], cap: usize) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut at = 0;
    while let Some(i) = memchr::memchr(b'<', &b[at..]).map(|i| at + i) {
        let rest = &b[i + 1..];
        at = i + 1;
        match rest.first() {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(b'!') | Some(b'?') => {
                // A comment or declaration: skip to its end.
                let end: &[u8] = if rest.starts_with(b"!--") {
                    b"-->"
                } else {
                    b">"
                };
                at = memchr::memmem::find(rest, end).map_or(b.len(), |e| i + 1 + e + end.len());
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let name_len = rest
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .count();
                let name = rest[..name_len].to_ascii_lowercase();
                if name == b"script" || name == b"style" {
                    // Their text is not markup: skip to their end tag.
                    let end = [b"</".as_slice(), &name].concat();
                    at = memchr::memmem::find_iter(rest, b"</")
                        .find(|&e| {
                            rest[e..].len() >= end.len()
                                && rest[e..e + end.len()].eq_ignore_ascii_case(&end)
                        })
                        .map_or(b.len(), |e| i + 1 + e);
                    continue;
                }
                let close = memchr::memchr(b'>', rest).unwrap_or(rest.len());
                let self_closing = close > 0 && rest[close - 1] == b'/';
                if !self_closing && !NON_NESTING.contains(&name.as_slice()) {
                    depth += 1;
                    deepest = deepest.max(depth);
                    if deepest > cap {
                        return deepest;
                    }
                }
            }
            _ => {}
        }
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_counted_from_the_tags() {
        assert_eq!(
            nesting_depth(b"<html><body><div><p>a<p>b<br>c</div></body></html>", 100),
            3
        );
        assert_eq!(
            nesting_depth(b"<div><script>if (a<b && c<d) {}</script></div>", 100),
            1
        );
        assert_eq!(
            nesting_depth(b"<div><!-- <span><span> --><img/></div>", 100),
            1
        );
        let deep = "<span>".repeat(20_000);
        assert!(nesting_depth(deep.as_bytes(), 10_000) > 10_000);
    }

    #[test]
    fn the_content_is_never_one_paragraph_of_it() {
        // The title holds most of the text of this short page; the heading after it stays.
        let page = "<html><body><p>示例县人民政府2023年政府信息公开工作年度报告</p><p>一、总体情况</p></body></html>";
        let view = load(page.as_bytes()).unwrap();
        assert!(view.text().contains("一、总体情况"), "{}", view.text());
        // A content block is still found inside the page's furniture.
        let framed = "<html><body><div class=nav>首页 | 信息公开</div><div id=content>\
                      <p>示例县人民政府2023年政府信息公开工作年度报告</p>\
                      <p>一、总体情况</p><p>本年度全县主动公开政府信息3280条，其中政策文件126条、政策解读98条。</p>\
                      </div></body></html>";
        let view = load(framed.as_bytes()).unwrap();
        assert!(!view.text().contains("首页"), "{}", view.text());
        assert!(view.text().contains("一、总体情况"));
    }
}
