//! .docx: paragraphs and tables in document order, Word's automatic list numbers written out
//! (一、 is often generated, not typed), merged cells (gridSpan, vMerge), text boxes and
//! footnotes.

use super::archive::Archive;
use super::render::{MergedCell, TextBuilder};
use super::LoadError;
use nianbao_core::text::TextView;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;

/// Deepest element nesting accepted; real documents stay far below.
const MAX_DEPTH: usize = 256;

pub fn load(bytes: Vec<u8>) -> Result<TextView, LoadError> {
    let mut zip = Archive::open(bytes, ".docx ")?;
    let document = zip
        .part("word/document.xml")?
        .ok_or_else(|| LoadError(".docx 中没有 word/document.xml，不是有效的 Word 文档".into()))?;
    let numbering = match zip.part("word/numbering.xml")? {
        Some(x) => Numbering::parse(&x)?,
        None => Numbering::default(),
    };
    let style_numbering = match zip.part("word/styles.xml")? {
        Some(x) => style_num(&x)?,
        None => HashMap::new(),
    };
    let comments = match zip.part("word/comments.xml")? {
        Some(x) => comment_texts(&x)?,
        None => HashMap::new(),
    };
    let mut out = TextBuilder::new();
    let mut walker = Walker {
        comments,
        numbering,
        style_numbering,
        counters: HashMap::new(),
        paragraphs: 0,
        tables: 0,
    };
    walker.body(&document, &mut out)?;
    if let Some(notes) = zip.part("word/footnotes.xml")? {
        walker.footnotes(&notes, &mut out)?;
    }
    if out.is_empty() {
        return Err(LoadError(".docx 中没有文字内容".into()));
    }
    Ok(out.finish("UTF-8"))
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .map(|a| a.value.into_owned())
}

fn xml_error(e: impl std::fmt::Display) -> LoadError {
    LoadError(format!(".docx 中的 XML 已损坏（{e}）"))
}

/// Text of a general reference (&amp; &#x4E00; …).
fn reference(e: &quick_xml::events::BytesRef) -> String {
    if let Ok(Some(c)) = e.resolve_char_ref() {
        return c.to_string();
    }
    match &**e {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => "",
    }
    .to_string()
}

#[derive(Default)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

/// numbering.xml: for each numId, the levels of its abstract numbering.
#[derive(Default)]
struct Numbering {
    levels: HashMap<String, HashMap<u32, Level>>,
}

impl Numbering {
    fn parse(xml: &str) -> Result<Numbering, LoadError> {
        let mut r = Reader::from_str(xml);
        let mut abstracts: HashMap<String, HashMap<u32, Level>> = HashMap::new();
        let mut nums: HashMap<String, String> = HashMap::new();
        let (mut cur_abs, mut cur_lvl, mut cur_num): (Option<String>, Option<u32>, Option<String>) =
            (None, None, None);
        loop {
            match r.read_event().map_err(xml_error)? {
                Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                    "w:abstractNum" => cur_abs = attr(&e, "w:abstractNumId"),
                    "w:lvl" => cur_lvl = attr(&e, "w:ilvl").and_then(|v| list_level(&v)),
                    "w:num" => cur_num = attr(&e, "w:numId"),
                    "w:abstractNumId" => {
                        if let (Some(n), Some(v)) = (&cur_num, attr(&e, "w:val")) {
                            nums.insert(n.clone(), v);
                        }
                    }
                    name @ ("w:numFmt" | "w:lvlText" | "w:start") => {
                        if let (Some(a), Some(l), Some(v)) = (&cur_abs, cur_lvl, attr(&e, "w:val"))
                        {
                            let level = abstracts
                                .entry(a.clone())
                                .or_default()
                                .entry(l)
                                .or_insert_with(|| Level {
                                    start: 1,
                                    ..Level::default()
                                });
                            match name {
                                "w:numFmt" => level.format = v,
                                "w:lvlText" => level.text = v,
                                _ => level.start = v.parse().unwrap_or(1),
                            }
                        }
                    }
                    _ => {}
                },
                Event::End(e) if e.name().as_ref() == "w:abstractNum" => cur_abs = None,
                Event::Eof => break,
                _ => {}
            }
        }
        let levels = nums
            .into_iter()
            .filter_map(|(n, a)| abstracts.remove(&a).map(|l| (n, l)))
            .collect();
        Ok(Numbering { levels })
    }
}

/// Paragraph styles that carry a numbering (heading styles often do).
fn style_num(xml: &str) -> Result<HashMap<String, (String, u32)>, LoadError> {
    let mut r = Reader::from_str(xml);
    let mut out = HashMap::new();
    let mut style: Option<String> = None;
    let mut num: Option<String> = None;
    let mut lvl = 0;
    loop {
        match r.read_event().map_err(xml_error)? {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "w:style" => {
                    style = attr(&e, "w:styleId");
                    num = None;
                    lvl = 0;
                }
                "w:numId" => num = attr(&e, "w:val"),
                "w:ilvl" => lvl = attr(&e, "w:val").and_then(|v| list_level(&v)).unwrap_or(0),
                _ => {}
            },
            Event::End(e) if e.name().as_ref() == "w:style" => {
                if let (Some(s), Some(n)) = (style.take(), num.take()) {
                    out.insert(s, (n, lvl));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

fn format_number(n: u32, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "chineseLegalSimplified"
        | "ideographTraditional"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand" => nianbao_core::text::numerals::cn_number(n),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => {
            char::from_u32(0x2460 + n.saturating_sub(1))
                .map(String::from)
                .unwrap_or_else(|| n.to_string())
        }
        "lowerLetter" => char::from_u32('a' as u32 + (n.saturating_sub(1) % 26))
            .map(String::from)
            .unwrap_or_default(),
        "upperLetter" => char::from_u32('A' as u32 + (n.saturating_sub(1) % 26))
            .map(String::from)
            .unwrap_or_default(),
        "none" | "bullet" => String::new(),
        _ => n.to_string(),
    }
}

/// A table being read: rows of cells, with the merges still to resolve.
#[derive(Default)]
struct TableState {
    rows: Vec<Vec<CellState>>,
}

#[derive(Default, Clone)]
struct CellState {
    text: String,
    span: usize,
    /// vMerge continue: this cell belongs to the one above.
    continued: bool,
}

struct Walker {
    /// Comment texts by id (word/comments.xml).
    comments: HashMap<String, String>,
    numbering: Numbering,
    style_numbering: HashMap<String, (String, u32)>,
    counters: HashMap<(String, u32), u32>,
    paragraphs: usize,
    tables: usize,
}

impl Walker {
    /// The generated list marker of a paragraph, advancing the counters.
    fn marker(&mut self, num: &str, lvl: u32) -> String {
        let Some(levels) = self.numbering.levels.get(num) else {
            return String::new();
        };
        let start = levels.get(&lvl).map(|l| l.start).unwrap_or(1);
        let c = self
            .counters
            .entry((num.to_string(), lvl))
            .or_insert(start - 1);
        *c += 1;
        // A higher level restarts the levels below it.
        self.counters.retain(|(n, l), _| n != num || *l <= lvl);
        let Some(level) = levels.get(&lvl) else {
            return String::new();
        };
        let mut text = level.text.clone();
        for k in 0..=lvl {
            let value = self
                .counters
                .get(&(num.to_string(), k))
                .copied()
                .unwrap_or(levels.get(&k).map(|l| l.start).unwrap_or(1));
            let fmt = levels
                .get(&k)
                .map(|l| l.format.as_str())
                .unwrap_or("decimal");
            text = text.replace(&format!("%{}", k + 1), &format_number(value, fmt));
        }
        if level.format == "bullet" {
            String::new()
        } else {
            text
        }
    }

    fn body(&mut self, xml: &str, out: &mut TextBuilder) -> Result<(), LoadError> {
        let mut r = Reader::from_str(xml);
        // Paragraphs can nest (a text box inside a run): one buffer per open paragraph.
        let mut paras: Vec<OpenPara> = Vec::new();
        let mut tables: Vec<TableState> = Vec::new();
        let mut in_text = false;
        // Inside a tracked deletion or the source of a tracked move: text the draft no longer
        // has there (a move's text is read where it went).
        let mut removed = 0usize;
        let mut depth = 0usize;
        loop {
            let ev = r.read_event().map_err(xml_error)?;
            match &ev {
                Event::Start(_) => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Err(LoadError(format!(
                            ".docx 的 XML 嵌套超过 {MAX_DEPTH} 层，疑似恶意文件"
                        )));
                    }
                }
                Event::End(_) => depth = depth.saturating_sub(1),
                _ => {}
            }
            match ev {
                Event::Start(e) => match e.name().as_ref() {
                    "w:p" => paras.push(OpenPara::default()),
                    "w:t" => in_text = removed == 0,
                    "w:del" | "w:moveFrom" => removed += 1,
                    "w:tbl" => tables.push(TableState::default()),
                    "w:tr" => {
                        if let Some(t) = tables.last_mut() {
                            t.rows.push(Vec::new());
                        }
                    }
                    "w:tc" => {
                        if let Some(row) = tables.last_mut().and_then(|t| t.rows.last_mut()) {
                            row.push(CellState {
                                span: 1,
                                ..CellState::default()
                            });
                        }
                    }
                    "w:vMerge" => set_vmerge(&mut tables, &e),
                    _ => {}
                },
                Event::Empty(e) => match e.name().as_ref() {
                    "w:tab" => push_text(&mut paras, "\t"),
                    "w:br" | "w:cr" => push_text(&mut paras, "\n"),
                    "w:pStyle" => {
                        if let Some(p) = paras.last_mut() {
                            p.style = attr(&e, "w:val");
                        }
                    }
                    "w:numId" => {
                        if let Some(p) = paras.last_mut() {
                            p.num = attr(&e, "w:val");
                        }
                    }
                    "w:ilvl" => {
                        if let Some(p) = paras.last_mut() {
                            p.level = attr(&e, "w:val").and_then(|v| list_level(&v));
                        }
                    }
                    "w:gridSpan" => {
                        if let Some(c) = tables
                            .last_mut()
                            .and_then(|t| t.rows.last_mut())
                            .and_then(|r| r.last_mut())
                        {
                            c.span = attr(&e, "w:val")
                                .and_then(|v| v.parse().ok())
                                .unwrap_or(1)
                                .clamp(1, 64);
                        }
                    }
                    "w:vMerge" => set_vmerge(&mut tables, &e),
                    "w:commentRangeStart" | "w:commentReference" => {
                        if let (Some(p), Some(id)) = (paras.last_mut(), attr(&e, "w:id")) {
                            if !p.comments.contains(&id) {
                                p.comments.push(id);
                            }
                        }
                    }
                    _ => {}
                },
                Event::Text(t) if in_text => push_text(&mut paras, &t),
                Event::GeneralRef(g) if in_text => push_text(&mut paras, &reference(&g)),
                Event::End(e) => match e.name().as_ref() {
                    "w:t" => in_text = false,
                    "w:del" | "w:moveFrom" => removed = removed.saturating_sub(1),
                    "w:p" => {
                        let Some(OpenPara {
                            comments,
                            text,
                            num,
                            level: lvl,
                            style,
                        }) = paras.pop()
                        else {
                            continue;
                        };
                        let numbered = num
                            .map(|n| (n, lvl.unwrap_or(0)))
                            .or_else(|| style.and_then(|s| self.style_numbering.get(&s).cloned()));
                        let marker = match numbered {
                            Some((n, l)) if n != "0" && !text.trim().is_empty() => {
                                self.marker(&n, l)
                            }
                            _ => String::new(),
                        };
                        let full = format!("{marker}{text}");
                        match tables
                            .last_mut()
                            .and_then(|t| t.rows.last_mut())
                            .and_then(|r| r.last_mut())
                        {
                            // A paragraph inside a table cell belongs to the cell.
                            Some(cell) if paras.is_empty() => {
                                if !cell.text.is_empty() {
                                    cell.text.push(' ');
                                }
                                cell.text.push_str(full.trim());
                            }
                            _ => {
                                self.paragraphs += 1;
                                let said: Vec<String> = comments
                                    .iter()
                                    .filter_map(|id| self.comments.get(id).cloned())
                                    .collect();
                                out.commented_paragraph(
                                    &full,
                                    format!("第{}段", self.paragraphs),
                                    &said,
                                );
                            }
                        }
                    }
                    "w:tbl" => {
                        if let Some(t) = tables.pop() {
                            let grid = resolve(t);
                            match tables
                                .last_mut()
                                .and_then(|t| t.rows.last_mut())
                                .and_then(|r| r.last_mut())
                            {
                                // A nested table is flattened into its cell.
                                Some(cell) => {
                                    let flat: Vec<String> = grid
                                        .iter()
                                        .map(|r| {
                                            let texts: Vec<&str> =
                                                r.iter().map(|c| c.text.as_str()).collect();
                                            texts.join(" ")
                                        })
                                        .collect();
                                    cell.text.push_str(&flat.join(" "));
                                }
                                None => {
                                    self.tables += 1;
                                    out.merged_table(&grid, format!("表格{}", self.tables));
                                }
                            }
                        }
                    }
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(())
    }

    fn footnotes(&mut self, xml: &str, out: &mut TextBuilder) -> Result<(), LoadError> {
        let mut r = Reader::from_str(xml);
        let mut in_text = false;
        let mut note = String::new();
        let mut id: Option<String> = None;
        loop {
            match r.read_event().map_err(xml_error)? {
                Event::Start(e) if e.name().as_ref() == "w:footnote" => {
                    id = attr(&e, "w:id");
                    note.clear();
                }
                Event::Start(e) if e.name().as_ref() == "w:t" => in_text = true,
                Event::End(e) if e.name().as_ref() == "w:t" => in_text = false,
                Event::Text(t) if in_text => note.push_str(&t),
                Event::GeneralRef(g) if in_text => note.push_str(&reference(&g)),
                // Ids -1 and 0 are Word's separator notes.
                Event::End(e)
                    if e.name().as_ref() == "w:footnote"
                        && id
                            .as_deref()
                            .is_some_and(|i| i.parse::<i32>().unwrap_or(0) > 0)
                        && !note.trim().is_empty() =>
                {
                    out.paragraph(
                        &format!("注：{}", note.trim()),
                        format!("脚注{}", id.as_deref().unwrap_or("")),
                    );
                }
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(())
    }
}

/// The text of each comment (word/comments.xml), by id.
fn comment_texts(xml: &str) -> Result<HashMap<String, String>, LoadError> {
    let mut r = Reader::from_str(xml);
    let mut out = HashMap::new();
    let mut id: Option<String> = None;
    let mut text = String::new();
    let mut in_text = false;
    loop {
        match r.read_event().map_err(xml_error)? {
            Event::Start(e) if e.name().as_ref() == "w:comment" => {
                id = attr(&e, "w:id");
                text.clear();
            }
            Event::Start(e) if e.name().as_ref() == "w:t" => in_text = true,
            Event::End(e) if e.name().as_ref() == "w:t" => in_text = false,
            Event::End(e) if e.name().as_ref() == "w:p" => text.push(' '),
            Event::Text(t) if in_text => text.push_str(&t),
            Event::End(e) if e.name().as_ref() == "w:comment" => {
                if let Some(i) = id.take() {
                    out.insert(i, text.trim().to_string());
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// A paragraph being read: its text so far and its numbering and style.
#[derive(Default)]
struct OpenPara {
    /// Ids of the comments anchored in it.
    comments: Vec<String>,
    text: String,
    num: Option<String>,
    level: Option<u32>,
    style: Option<String>,
}

fn push_text(paras: &mut [OpenPara], s: &str) {
    if let Some(p) = paras.last_mut() {
        p.text.push_str(s);
    }
}

fn set_vmerge(tables: &mut [TableState], e: &BytesStart) {
    if let Some(c) = tables
        .last_mut()
        .and_then(|t| t.rows.last_mut())
        .and_then(|r| r.last_mut())
    {
        // <w:vMerge/> without a value continues the cell above; "restart" begins a merge.
        c.continued = attr(e, "w:val").is_none_or(|v| v == "continue");
    }
}

/// Merged cells to a grid: a horizontal merge is one cell as wide as it spans; a vertically
/// continued cell is an empty covered cell (its text stands in the first row of the merge, as
/// in flattened text), and the first row's cell spans the rows it continues into.
fn resolve(t: TableState) -> Vec<Vec<MergedCell>> {
    // Grid column where each cell starts, to find the cell a continued one belongs to.
    let starts: Vec<Vec<usize>> = t
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .scan(0, |col, c| {
                    let at = *col;
                    *col += c.span;
                    Some(at)
                })
                .collect()
        })
        .collect();
    let mut grid: Vec<Vec<MergedCell>> = t
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|c| {
                    if c.continued {
                        MergedCell::covered(c.span)
                    } else {
                        MergedCell {
                            colspan: c.span,
                            ..MergedCell::plain(c.text.clone())
                        }
                    }
                })
                .collect()
        })
        .collect();
    for (r, row) in t.rows.iter().enumerate() {
        for (i, _) in row.iter().enumerate().filter(|(_, c)| c.continued) {
            let col = starts[r][i];
            // The merge's first cell: the nearest row above with a cell starting there that
            // is not itself continued.
            let origin = (0..r).rev().find_map(|above| {
                let j = starts[above].iter().position(|&s| s == col)?;
                (!t.rows[above][j].continued).then_some((above, j))
            });
            if let Some((above, j)) = origin {
                grid[above][j].rowspan += 1;
            }
        }
    }
    grid
}

/// A list level as Word has them, 0 to 8; any other value (w:ilvl="4000000000") is ignored,
/// as Word ignores it.
fn list_level(v: &str) -> Option<u32> {
    v.trim().parse().ok().filter(|l| *l <= 8)
}
