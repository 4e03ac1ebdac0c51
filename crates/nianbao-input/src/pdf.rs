//! .pdf with a text layer: reading order and tables from unpdf's page model, repaired for what
//! PDF extraction gets wrong in these reports: page numbers (- 3 -), prose mistaken for a table,
//! headings glued to the paragraph before or after them, paragraphs broken at line ends.
//! A PDF without a text layer (a scan) is refused with that cause, never read as empty.

use super::render::{Grid, TextBuilder};
use super::{pdf_scan, LoadError};
use nianbao_core::text::cell::CellValue;
use nianbao_core::text::TextView;
use unpdf::model::Block;
use unpdf::render::PageSelection;

/// Below this many characters per page the PDF has no usable text layer.
const MIN_CHARS_PER_PAGE: usize = 20;

/// How far from the end a PDF's end-of-file marker is looked for (writers may add a little
/// after it).
const EOF_WINDOW: usize = 2048;

/// Pages read from one PDF. A report runs to some tens of pages; past this the file is not a
/// report as published, and its first pages are what can be checked.
pub const MAX_PAGES: u32 = 300;

/// Page objects past which a PDF is not parsed at all: even reading its first pages costs
/// the parser a walk of every page per page read (see `pdf_scan::page_objects`).
pub const MAX_PAGE_OBJECTS: usize = 5000;

pub fn load(bytes: &[u8]) -> Result<TextView, LoadError> {
    // A PDF cut short (a download or a copy broken off) still parses as far as it goes, and
    // what is lost would be reported as missing from the report: it is refused, saying why.
    let tail = &bytes[bytes.len().saturating_sub(EOF_WINDOW)..];
    if memchr::memmem::find(tail, b"%%EOF").is_none() {
        return Err(LoadError(
            "PDF 文件不完整（结尾缺少 %%EOF 标记，可能下载或复制时中断），未检查；请重新获取完整文件"
                .into(),
        ));
    }
    if pdf_scan::nests_deeper_than(bytes, pdf_scan::MAX_NESTING) {
        return Err(LoadError(format!(
            "PDF 文件结构嵌套超过 {} 层（文件已损坏或被特意构造），未检查",
            pdf_scan::MAX_NESTING
        )));
    }
    let pages = pdf_scan::page_objects(bytes, MAX_PAGE_OBJECTS);
    if pages > MAX_PAGE_OBJECTS {
        return Err(LoadError(format!(
            "PDF 超过 {MAX_PAGE_OBJECTS} 页（年度报告通常只有几十页），未检查；请提供报告本身"
        )));
    }
    let options = unpdf::ParseOptions::new().with_pages(PageSelection::Range(1..=MAX_PAGES));
    let doc = match unpdf::parse_bytes_with_options(bytes, options) {
        Err(unpdf::Error::PageOutOfRange(..)) => {
            return Err(LoadError("PDF 文件中没有页面，未检查".into()))
        }
        other => other.map_err(|e| LoadError(format!("PDF 文件已损坏或无法解析（{e}）")))?,
    };
    if doc.metadata.encrypted && doc.extraction_quality.char_count == 0 {
        return Err(LoadError("PDF 已加密，无法读取文字".into()));
    }
    let pages = doc.pages.len().max(1);
    if doc.extraction_quality.char_count < MIN_CHARS_PER_PAGE * pages.min(3) {
        return Err(LoadError(format!(
            "PDF 没有文字层（共{pages}页，几乎读不到文字），可能是扫描件；请提供带文字层的 PDF 或 Word 文档"
        )));
    }
    let mut out = TextBuilder::new();
    if doc.metadata.page_count > MAX_PAGES {
        out.notice(format!(
            "PDF 共 {} 页，超过 {MAX_PAGES} 页的上限，只检查了前 {MAX_PAGES} 页",
            doc.metadata.page_count
        ));
    }
    let mut prose = Prose::default();
    let mut tables = 0;
    for page in &doc.pages {
        let origin = format!("第{}页", page.number);
        for block in &page.elements {
            match block {
                // A paragraph of the page model is a paragraph; only fragments join up.
                Block::Paragraph(p) => {
                    prose.flush(&mut out);
                    prose.push(&p.plain_text(), &origin, &mut out);
                    prose.flush(&mut out);
                }
                Block::Table(t) => {
                    let mut grid: Grid = Vec::new();
                    for row in &t.rows {
                        let cells: Vec<String> = row
                            .cells
                            .iter()
                            .map(|c| drop_cjk_spaces(&c.plain_text().replace('\n', "")))
                            .collect();
                        if is_prose_row(&cells) {
                            flush_grid(&mut grid, &mut tables, &origin, &mut out);
                            let text: Vec<&str> = cells
                                .iter()
                                .map(|c| c.trim())
                                .filter(|c| !c.is_empty())
                                .collect();
                            prose.push(&text.join(""), &origin, &mut out);
                        } else {
                            prose.flush(&mut out);
                            grid.push(cells);
                        }
                    }
                    flush_grid(&mut grid, &mut tables, &origin, &mut out);
                }
                _ => {}
            }
        }
    }
    prose.flush(&mut out);
    Ok(out.finish("UTF-8"))
}

fn flush_grid(grid: &mut Grid, tables: &mut usize, origin: &str, out: &mut TextBuilder) {
    if !grid.is_empty() {
        *tables += 1;
        out.table(grid, format!("{origin}表格{tables}"));
        grid.clear();
    }
}

/// A row of running text that extraction took for a table row: no figures, at most three
/// cells, and written like a sentence (with its punctuation, or a heading marker), unlike the
/// labels of a table header.
fn is_prose_row(cells: &[String]) -> bool {
    let filled: Vec<&str> = cells
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    let figures = filled
        .iter()
        .any(|c| matches!(CellValue::parse(c), CellValue::Number(_)));
    if figures || filled.is_empty() || filled.len() > 3 {
        return false;
    }
    let text: String = filled.concat();
    starts_with_marker(filled[0]) || text.contains(['，', '。', '；', '、', '“', '”'])
}

/// 一、 or （一） at the start: a heading.
fn starts_with_marker(s: &str) -> bool {
    marker_len(s).is_some()
}

fn marker_len(s: &str) -> Option<usize> {
    let is_num = |c: char| "一二三四五六七八九十".contains(c);
    let mut it = s.char_indices();
    match it.next()? {
        (_, '（') | (_, '(') => {
            let digits = s[s.chars().next()?.len_utf8()..]
                .chars()
                .take_while(|c| is_num(*c))
                .count();
            let rest = &s[s.chars().next()?.len_utf8() + digits * 3..];
            (digits > 0 && (rest.starts_with('）') || rest.starts_with(')'))).then(|| {
                s.len() - rest.len() + rest.chars().next().map(char::len_utf8).unwrap_or(1)
            })
        }
        (_, c) if is_num(c) => {
            let digits = s.chars().take_while(|c| is_num(*c)).count();
            let rest = &s[digits * 3..];
            (digits <= 2 && rest.starts_with('、')).then_some(digits * 3 + '、'.len_utf8())
        }
        _ => None,
    }
}

/// Running text: PDF lines joined back into paragraphs, with headings on lines of their own.
#[derive(Default)]
struct Prose {
    buf: String,
    origin: String,
}

/// Chinese text has no spaces; PDF extraction inserts them where a line was set in runs
/// ("2023 年", "申请 21件"). A space next to a Chinese character or punctuation is dropped;
/// spaces between Latin words stay.
pub fn drop_cjk_spaces(s: &str) -> String {
    let is_cjk = |c: char| {
        ('\u{2E80}'..='\u{9FFF}').contains(&c)
            || ('\u{3000}'..='\u{303F}').contains(&c)
            || ('\u{FF00}'..='\u{FFEF}').contains(&c)
            || "“”‘’《》".contains(c)
    };
    let chars: Vec<char> = s.chars().collect();
    // The next character that is not a space, for each position: found once from the end, so
    // a long run of spaces costs its length, not its square.
    let mut next_solid = vec![None; chars.len() + 1];
    for i in (0..chars.len()).rev() {
        next_solid[i] = if chars[i] == ' ' {
            next_solid[i + 1]
        } else {
            Some(chars[i])
        };
    }
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let prev = out.chars().next_back();
            let next = next_solid[i + 1];
            if prev.is_some_and(is_cjk) || next.is_some_and(is_cjk) || prev.is_none() {
                continue;
            }
            if prev == Some(' ') {
                continue;
            }
        }
        out.push(c);
    }
    out
}

impl Prose {
    fn push(&mut self, text: &str, origin: &str, out: &mut TextBuilder) {
        let text = text.replace('\n', "");
        let text = text.trim();
        // Page numbers and running heads: - 3 -, • -, 3
        if text
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_whitespace() || "-—–•·".contains(c))
        {
            return;
        }
        if self.buf.is_empty() {
            self.origin = origin.to_string();
        }
        // Headings are found while the spaces that set them off are still there.
        for piece in split_headings(text) {
            if starts_with_marker(&piece) {
                self.flush(out);
                self.origin = origin.to_string();
                // "一、总体情况 2023年，……": a short heading, a space, then its text.
                let (head, rest) = split_heading_from_text(&piece);
                out.paragraph(&drop_cjk_spaces(head), self.origin.clone());
                if let Some(r) = rest {
                    self.buf.push_str(&drop_cjk_spaces(r));
                }
            } else {
                self.buf.push_str(&drop_cjk_spaces(&piece));
            }
            if self.buf.ends_with(['。', '！', '？', '：']) {
                self.flush(out);
            }
        }
    }

    fn flush(&mut self, out: &mut TextBuilder) {
        if !self.buf.trim().is_empty() {
            out.paragraph(self.buf.trim(), self.origin.clone());
        }
        self.buf.clear();
    }
}

/// Splits running text before a heading marker that follows the end of a sentence
/// ("……联系。一、总体情况 2023年……").
fn split_headings(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        if i > start
            && prev.is_some_and(|p| "。；！？".contains(p))
            && starts_with_marker(text[i..].trim_start())
        {
            out.push(text[start..i].trim().to_string());
            start = i;
        }
        if !c.is_whitespace() {
            prev = Some(c);
        }
    }
    out.push(text[start..].trim().to_string());
    out.retain(|s| !s.is_empty());
    out
}

/// Longest heading text kept on the heading line when a space separates it from its text.
const MAX_GLUED_HEADING_CHARS: usize = 30;

fn split_heading_from_text(s: &str) -> (&str, Option<&str>) {
    let m = marker_len(s).unwrap_or(0);
    let body = &s[m..];
    // The heading ends at 。 (（一）主动公开情况。2024年……) or at the space before its text.
    let stop = body.find('。').map(|i| i + '。'.len_utf8());
    let space = body
        .find(' ')
        .filter(|i| body[..*i].chars().count() <= MAX_GLUED_HEADING_CHARS);
    let end = match (stop, space) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    match end {
        Some(e) if e < body.len() => (s[..m + e].trim(), Some(body[e..].trim())),
        _ => (s, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_next_to_chinese_are_dropped() {
        assert_eq!(
            drop_cjk_spaces("洪泽区人民政府 2023 年政府信息公开"),
            "洪泽区人民政府2023年政府信息公开"
        );
        assert_eq!(
            drop_cjk_spaces("受理申请 21件， 均在法定期限"),
            "受理申请21件，均在法定期限"
        );
        assert_eq!(
            drop_cjk_spaces("电子邮箱 ： hzzwgk@126.com"),
            "电子邮箱：hzzwgk@126.com"
        );
        assert_eq!(drop_cjk_spaces("Open Data 平台"), "Open Data平台");
    }

    #[test]
    fn headings_are_split_from_running_text() {
        assert_eq!(
            split_headings("如有疑问请联系。一、总体情况 2023年，全区"),
            ["如有疑问请联系。", "一、总体情况 2023年，全区"]
        );
        assert_eq!(
            split_heading_from_text("一、总体情况 2023年，全区"),
            ("一、总体情况", Some("2023年，全区"))
        );
        assert_eq!(
            split_heading_from_text("（一）主动公开情况。2024年，市政府"),
            ("（一）主动公开情况。", Some("2024年，市政府"))
        );
        assert_eq!(
            split_heading_from_text(
                "六、其他需要报告的事项 2024 年，市政府收取信息处理费 3940 元。"
            ),
            (
                "六、其他需要报告的事项",
                Some("2024 年，市政府收取信息处理费 3940 元。")
            )
        );
        assert!(starts_with_marker("（三）不予公开"));
        assert!(!starts_with_marker("一是加强"));
        assert!(is_prose_row(&[
            "级审核、先审后发”程序，落实".into(),
            "".into(),
            "“三审三校”制度，从严从实把".into()
        ]));
        assert!(is_prose_row(&["一律不准发布。".into(), "".into()]));
        assert!(is_prose_row(&[
            "（五）".into(),
            "政府信息公开监督保障情况".into(),
            "。进一步细化分解政府门".into()
        ]));
        assert!(!is_prose_row(&["第二十条第（一）项".into(), "".into()]));
        assert!(!is_prose_row(&[
            "信息内容".into(),
            "本年收费金额（单位：万元）".into()
        ]));
        assert!(!is_prose_row(&[
            "一、本年新收政府信息公开申请数量".into(),
            "21".into()
        ]));
    }
}
