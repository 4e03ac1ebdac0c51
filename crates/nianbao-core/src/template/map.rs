//! Maps the tables of a report onto the canonical cells of the template: which table is which,
//! which row and column each figure belongs to, and what did not fit (mistyped or unknown
//! labels, missing rows and columns, the layout of another era).

use super::{table_spec, RowSpec, TableSpec, DATA_ROW};
use crate::model::{CellValue, Document, Era, Table};
use crate::text::normalize::{fold_label, fold_label_into};
use crate::text::Span;

/// Similarity above which a label that matches no pattern is taken as a mistyped canonical one.
const TYPO_SIMILARITY: f64 = 0.6;

#[derive(Debug, Clone)]
pub struct MappedCell {
    pub value: CellValue,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum Issue {
    /// A label recognisably canonical but mistyped; the row was mapped.
    Typo {
        span: Span,
        found: String,
        canonical: String,
    },
    /// A row whose label matches nothing in the template.
    UnknownRow {
        span: Span,
        label: String,
    },
    MissingRow {
        label: String,
    },
    MissingColumn {
        label: String,
    },
    /// A data row with fewer figure cells than the table has columns.
    ShortRow {
        span: Span,
        expected: usize,
        found: usize,
    },
    /// A data row with more figure cells than the table has columns.
    LongRow {
        span: Span,
        expected: usize,
        found: usize,
    },
}

/// How well a table was read: what it was put together from and what had to be inferred.
#[derive(Debug, Clone, Default)]
pub struct TableReading {
    /// Runs of rows and lines it was put together from.
    pub pieces: usize,
    /// Rows whose figures stood apart from any label and were placed by their order.
    pub by_position: usize,
    /// Rows whose figures were run together and split by the row's own total.
    pub unglued: usize,
    /// Whether the column headers were read (else the columns are taken by position).
    pub header_read: bool,
    /// What could not be read, in words for the user; the table's checks are not sound.
    pub unread: Vec<(Span, String)>,
}

/// Mapped cells in a grid by the template's row and column positions: the table rules ask
/// for thousands of cells per report, by position once they have resolved their ids.
#[derive(Debug, Clone)]
pub struct CellMap {
    spec: &'static TableSpec,
    cells: Vec<Option<MappedCell>>,
}

impl CellMap {
    fn new(spec: &'static TableSpec) -> CellMap {
        CellMap {
            spec,
            cells: vec![None; spec.row_count() * spec.column_count()],
        }
    }

    pub fn get(&self, row: &str, col: &str) -> Option<&MappedCell> {
        self.at(self.spec.row_pos(row)?, self.spec.column_pos(col)?)
    }

    /// The cell at a row and column position of the spec.
    pub fn at(&self, row: usize, col: usize) -> Option<&MappedCell> {
        self.cells[row * self.spec.column_count() + col].as_ref()
    }

    fn insert(&mut self, row: &str, col: &str, cell: MappedCell) {
        if let (Some(r), Some(c)) = (self.spec.row_pos(row), self.spec.column_pos(col)) {
            self.cells[r * self.spec.column_count() + c] = Some(cell);
        }
    }

    pub fn len(&self) -> usize {
        self.cells.iter().filter(|c| c.is_some()).count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every cell with its row and column ids, row by row in the template's order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &'static str, &MappedCell)> {
        let spec = self.spec;
        let width = spec.column_count();
        self.cells.iter().enumerate().filter_map(move |(i, c)| {
            let c = c.as_ref()?;
            Some((
                spec.row_id_at(i / width),
                spec.column_at(i % width).id.as_str(),
                c,
            ))
        })
    }
}

/// The label span of each mapped row, by row position.
#[derive(Debug, Clone)]
pub struct RowMap {
    spec: &'static TableSpec,
    spans: Vec<Option<Span>>,
}

impl RowMap {
    fn new(spec: &'static TableSpec) -> RowMap {
        RowMap {
            spec,
            spans: vec![None; spec.row_count()],
        }
    }

    pub fn get(&self, id: &str) -> Option<&Span> {
        self.spans[self.spec.row_pos(id)?].as_ref()
    }

    pub fn contains_key(&self, id: &str) -> bool {
        self.get(id).is_some()
    }

    /// Whether the row at a position of the spec is in the table.
    pub fn has_at(&self, pos: usize) -> bool {
        self.spans[pos].is_some()
    }

    fn insert(&mut self, id: &str, span: Span) {
        if let Some(p) = self.spec.row_pos(id) {
            self.spans[p] = Some(span);
        }
    }
}

#[derive(Debug)]
pub struct Mapped {
    pub spec: &'static TableSpec,
    pub span: Span,
    pub cells: CellMap,
    /// Span of each mapped row's label.
    pub rows: RowMap,
    /// Rows in the order they appear.
    pub row_order: Vec<&'static str>,
    pub issues: Vec<Issue>,
    /// Which eras' layout the table shows (by columns or rows only one era has).
    pub layout: Vec<Era>,
    /// Span and text of blocks or rows that only another era has (for hybrid reports).
    pub era_marks: Vec<(Era, Span, String)>,
    pub reading: TableReading,
}

impl Mapped {
    pub fn cell(&self, row: &str, col: &str) -> Option<&MappedCell> {
        self.cells.get(row, col)
    }

    fn new(spec: &'static TableSpec, span: Span) -> Mapped {
        Mapped {
            spec,
            span,
            cells: CellMap::new(spec),
            rows: RowMap::new(spec),
            row_order: Vec::new(),
            issues: Vec::new(),
            layout: Vec::new(),
            era_marks: Vec::new(),
            reading: TableReading::default(),
        }
    }

    fn put_row(&mut self, row: &'static str, label: Span) {
        if !self.rows.contains_key(row) {
            self.row_order.push(row);
        }
        self.rows.insert(row, label);
    }

    /// Maps the cell at `span` of the text to (row, col) of the template.
    fn put_cell(&mut self, doc: &Document, row: &'static str, col: &'static str, span: Span) {
        self.cells.insert(
            row,
            col,
            MappedCell {
                value: CellValue::parse(cell_text(doc, span)),
                span,
            },
        );
    }
}

/// The statistical tables of a report, recognised by their labels.
#[derive(Debug, Default)]
pub struct Tables {
    pub t2: Option<Mapped>,
    pub t3: Option<Mapped>,
    pub t4: Option<Mapped>,
}

impl Tables {
    /// A table whose cells were read soundly: what the checks of the table's cells and of the
    /// text against them see. A table with parts that could not be read is not checked on a
    /// guess; `READ-TABLE` says so instead.
    pub fn get(&self, id: &str) -> Option<&Mapped> {
        self.get_any(id).filter(|m| m.reading.unread.is_empty())
    }

    /// A table as it was found, read soundly or not.
    pub fn get_any(&self, id: &str) -> Option<&Mapped> {
        match id {
            "t2" => self.t2.as_ref(),
            "t3" => self.t3.as_ref(),
            "t4" => self.t4.as_ref(),
            _ => None,
        }
    }
}

fn cell_text<'a>(doc: &'a Document, s: Span) -> &'a str {
    doc.shadow_slice(s)
}

/// Which template table a run of rows is, by the labels it carries (template-tables.yaml
/// `recognition.rows`).
pub(crate) fn classify(doc: &Document, t: &Table) -> Option<&'static str> {
    let mut text = String::with_capacity(t.span.len());
    for c in t.rows.iter().flat_map(|r| r.cells.iter()) {
        fold_label_into(cell_text(doc, c.span), &mut text);
    }
    super::template().recognition.rows(&text)
}

/// Maps the report's tables (assembled from their pieces, see `assemble`) onto the template;
/// `era` decides where figures that stand apart from their labels go.
pub fn map_tables(doc: &Document, era: Era) -> Tables {
    let mut out = Tables::default();
    for t in &doc.tables {
        let kind = t.kind.or_else(|| classify(doc, t));
        let mapped = match kind {
            Some("t2") if out.t2.is_none() => &mut out.t2,
            Some("t3") if out.t3.is_none() => &mut out.t3,
            Some("t4") if out.t4.is_none() => &mut out.t4,
            _ => continue,
        };
        let mut m = match kind {
            Some("t2") => map_t2(doc, t, era),
            Some("t3") => map_t3(doc, t, era),
            _ => map_t4(doc, t),
        };
        m.reading.pieces = t.pieces;
        if m.cells.is_empty() {
            m.reading
                .unread
                .push((t.span, "找到了表格的行名称，但没有读到任何数字".into()));
        }
        *mapped = Some(m);
    }
    out
}

/// How many cells of a row hold a number.
fn figure_count(doc: &Document, row: &crate::model::Row) -> usize {
    row.cells
        .iter()
        .filter(|c| {
            matches!(
                CellValue::parse(cell_text(doc, c.span)),
                CellValue::Number(_)
            )
        })
        .count()
}

/// Splits a row into its label cells and its last `n` figure cells, if it has that many.
fn split_row<'r>(
    doc: &Document,
    cells: &'r [crate::model::Cell],
    n: usize,
) -> Option<(&'r [crate::model::Cell], &'r [crate::model::Cell])> {
    let trailing = cells
        .iter()
        .rev()
        .take_while(|c| {
            let text = cell_text(doc, c.span);
            CellValue::parse(text).is_figure() || CellValue::is_misread_figure(text)
        })
        .count();
    if trailing < n || n == 0 {
        return None;
    }
    let at = cells.len() - n;
    Some((&cells[..at], &cells[at..]))
}

/// The row's cells without blank cells added after its last figure (a converter's empty
/// trailing column): dropped while the row still has `n` figure cells at its end.
fn without_trailing_blanks<'r>(
    doc: &Document,
    cells: &'r [crate::model::Cell],
    n: usize,
) -> &'r [crate::model::Cell] {
    let values: Vec<CellValue> = cells
        .iter()
        .map(|c| CellValue::parse(cell_text(doc, c.span)))
        .collect();
    let trailing = values.iter().rev().take_while(|v| v.is_figure()).count();
    let mut end = cells.len();
    while end > 0 && values[end - 1] == CellValue::Blank && trailing - (cells.len() - end) > n {
        end -= 1;
    }
    &cells[..end]
}

/// Figures run together in one cell ("450000045" for 45 0 0 0 0 0 45), split into `n` figures
/// where exactly one split has no leading zeros and makes the last figure the sum of the
/// others (the row's own total). Byte offsets into `digits`.
pub fn unglue(digits: &str, n: usize) -> Option<Vec<(usize, usize)>> {
    /// Splits tried at most: long runs have too many to try, and are left unread.
    const MAX_TRIES: usize = 200_000;
    let b = digits.as_bytes();
    if n < 2 || b.len() < n || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut found: Option<Vec<(usize, usize)>> = None;
    let mut tries = 0;
    let mut parts: Vec<(usize, usize)> = Vec::with_capacity(n);
    fn value(b: &[u8]) -> Option<u64> {
        if b.len() > 1 && b[0] == b'0' || b.len() > 15 {
            return None;
        }
        Some(b.iter().fold(0u64, |v, d| v * 10 + u64::from(d - b'0')))
    }
    #[allow(clippy::too_many_arguments)]
    fn walk(
        b: &[u8],
        at: usize,
        n: usize,
        sum: u64,
        parts: &mut Vec<(usize, usize)>,
        found: &mut Option<Vec<(usize, usize)>>,
        tries: &mut usize,
        ambiguous: &mut bool,
    ) {
        *tries += 1;
        if *ambiguous || *tries > MAX_TRIES {
            *ambiguous = true;
            return;
        }
        let left = n - parts.len();
        if left == 1 {
            if value(&b[at..]) == Some(sum) {
                if found.is_some() {
                    *ambiguous = true;
                } else {
                    let mut p = parts.clone();
                    p.push((at, b.len()));
                    *found = Some(p);
                }
            }
            return;
        }
        // Leave at least one digit for each part still to come.
        let most = b.len() - at - (left - 1);
        for len in 1..=most {
            let Some(v) = value(&b[at..at + len]) else {
                break;
            };
            parts.push((at, at + len));
            walk(b, at + len, n, sum + v, parts, found, tries, ambiguous);
            parts.pop();
            if *ambiguous {
                return;
            }
        }
    }
    let mut ambiguous = false;
    walk(
        b,
        0,
        n,
        0,
        &mut parts,
        &mut found,
        &mut tries,
        &mut ambiguous,
    );
    if ambiguous {
        return None;
    }
    found
}

/// A category row split into sub-rows in some eras only (（六）其他处理) tells the table's era
/// by which it shows: its sub-rows, or figures of its own. Evidence that fits more than one
/// era tells nothing.
fn era_of_split_rows(spec: &'static TableSpec, m: &mut Mapped) {
    for r in spec.split_rows() {
        let present: Vec<&RowSpec> = spec
            .children(&r.id)
            .filter(|c| m.rows.contains_key(c.id.as_str()))
            .collect();
        let (eras, span, what): (Vec<Era>, Span, String) = if let Some(first) = present.first() {
            let eras: Vec<Era> = Era::all()
                .filter(|e| present.iter().all(|c| c.applies_to(*e)))
                .collect();
            let n = |era: Era| spec.children(&r.id).filter(|c| c.applies_to(era)).count();
            let span = m.rows.get(first.id.as_str()).copied().unwrap_or(m.span);
            let what = match eras[..] {
                [era] => format!("{}分为{}个子项", r.label, n(era)),
                _ => String::new(),
            };
            (eras, span, what)
        } else if let Some(span) = m.rows.get(r.id.as_str()).copied() {
            let eras = Era::all()
                .filter(|e| e.spec().national_format() && spec.is_data_row(r, *e))
                .collect();
            (eras, span, format!("{}只有一行", r.label))
        } else {
            continue;
        };
        if let [era] = eras[..] {
            m.layout.push(era);
            m.era_marks.push((era, span, what));
        }
    }
}

/// The data rows of table 三 in the template's order, for the era: where figures that stand
/// apart from their labels go, one row after another.
fn t3_data_rows(spec: &'static TableSpec, era: Era) -> Vec<&'static RowSpec> {
    spec.rows
        .iter()
        .filter(|r| spec.is_data_row(r, era))
        .collect()
}

/// The one data row a label names by its words alone (a label apart from its figures, or cut
/// by a page break: "5.属于三类内部事务信"): no near misses, no numbering.
fn named_row(spec: &'static TableSpec, label: &str) -> Option<&'static RowSpec> {
    let mut it = spec
        .rows
        .iter()
        .filter(|r| !r.category && r.pattern.is_match(label));
    let first = it.next()?;
    it.next().is_none().then_some(first)
}

fn map_t3(doc: &Document, t: &Table, era: Era) -> Mapped {
    let spec = table_spec("t3").expect("template has t3");
    let mut m = Mapped::new(spec, t.span);
    let ncols = spec.columns.len();
    let order = t3_data_rows(spec, era);
    let mut context: Option<&'static RowSpec> = None;
    // Position in `order` of the last row mapped, and labels waiting for their figures.
    let mut cursor: Option<usize> = None;
    // Each with the span of its label, where the row is then said to be.
    let mut waiting: std::collections::VecDeque<(&'static RowSpec, Span)> = Default::default();
    let mut header_rows: Vec<Vec<String>> = Vec::new();
    // A category label on the row just before.
    let mut opened: Option<(&'static RowSpec, Span)> = None;
    for row in &t.rows {
        let just_opened = opened.take();
        let cells = without_trailing_blanks(doc, &row.cells, ncols);
        let split = split_row(doc, cells, ncols)
            .map(|(l, v)| (l, v.to_vec()))
            .or_else(|| glued_row(doc, cells, ncols, &mut m));
        let Some((labels, values)) = split else {
            // A header row, a category heading without figures (2021 （六）其他处理), or a
            // label whose figures follow on a row of their own.
            let folded: Vec<String> = cells
                .iter()
                .map(|c| fold_label(cell_text(doc, c.span)))
                .collect();
            let mut written = folded.iter().filter(|f| !f.is_empty());
            let label_only = match (written.next(), written.next()) {
                (Some(label), None) => Some(label),
                _ => None,
            };
            if let Some(whole) = label_only {
                let label = match split_category(spec, whole) {
                    Some((c, at)) => {
                        context = Some(c);
                        &whole[at..]
                    }
                    None => whole.as_str(),
                };
                // A numbered label (2.其他法律行政止公开) is read as a row label is, typos and
                // all; other text only by its words.
                let numbered = starts_numbered(label);
                let named = match category(spec, label) {
                    Some(c) => {
                        context = Some(c);
                        opened = Some((c, label_span(doc, cells, row.span)));
                        None
                    }
                    None if numbered => {
                        let label = sub_number_dot(label);
                        let span = label_span(doc, cells, row.span);
                        let issues = m.issues.len();
                        let r = identify_t3_row(
                            spec,
                            &label,
                            context,
                            span,
                            &mut m,
                            NearMisses::OfTheNumberedRow,
                        );
                        // A label cut at a page break (2.其他法律行政法规禁 / 止公开) is the
                        // start of the right one, not a typo.
                        if let (Some(r), Some(Issue::Typo { found, .. })) = (r, m.issues.last()) {
                            if m.issues.len() > issues
                                && fold_label(&r.label).starts_with(found.as_str())
                            {
                                m.issues.pop();
                            }
                        }
                        r.filter(|r| !r.category)
                    }
                    None => named_row(spec, label),
                };
                if let Some(r) = named {
                    if !m.rows.contains_key(&r.id) && !waiting.iter().any(|w| w.0.id == r.id) {
                        waiting.push_back((r, label_span(doc, cells, row.span)));
                    }
                }
            }
            header_rows.push(folded);
            let figures = figure_count(doc, row);
            if figures >= 2 {
                m.issues.push(Issue::ShortRow {
                    span: row.span,
                    expected: ncols,
                    found: figures,
                });
            }
            continue;
        };
        let text_cells: Vec<&crate::model::Cell> = labels
            .iter()
            .filter(|c| CellValue::parse(cell_text(doc, c.span)) == CellValue::Text)
            .collect();
        let extra = labels
            .iter()
            .filter(|c| {
                matches!(
                    CellValue::parse(cell_text(doc, c.span)),
                    CellValue::Number(_)
                )
            })
            .count();
        if extra > 0 {
            m.issues.push(Issue::LongRow {
                span: row.span,
                expected: ncols,
                found: ncols + extra,
            });
            continue;
        }
        let Some(last) = text_cells.last() else {
            // Figures apart from their label: a category's own figures when they follow its
            // label (a subtotal, or 2019's single （六）其他处理 row), else the label that came
            // before them, else the next row of the template after the last one mapped.
            let target = loop {
                if let Some((c, at)) = just_opened {
                    if !m.rows.contains_key(&c.id) {
                        break Some((c, at));
                    }
                }
                match waiting.pop_front() {
                    Some((r, _)) if m.rows.contains_key(&r.id) => continue,
                    Some(w) => break Some(w),
                    None => {
                        let from = cursor.map_or(0, |c| c + 1);
                        break order[from.min(order.len())..]
                            .iter()
                            .find(|r| !m.rows.contains_key(&r.id))
                            .map(|r| (*r, row.span));
                    }
                }
            };
            let Some((r, at)) = target else {
                m.reading
                    .unread
                    .push((row.span, "这一行数字前后找不到对应的行名称".into()));
                continue;
            };
            m.reading.by_position += 1;
            cursor = order.iter().position(|o| o.id == r.id).or(cursor);
            context = r
                .parent
                .as_deref()
                .and_then(|p| spec.rows.iter().find(|c| c.id == p));
            m.put_row(&r.id, at);
            for (col, cell) in spec.columns.iter().zip(&values) {
                m.put_cell(doc, r.id.as_str(), col.id.as_str(), cell.span);
            }
            continue;
        };
        for c in &text_cells[..text_cells.len() - 1] {
            context = category(spec, &fold_label(cell_text(doc, c.span))).or(context);
        }
        let mut label = sub_number_dot(&fold_label(cell_text(doc, last.span)));
        if let Some((c, at)) = split_category(spec, &label) {
            context = Some(c);
            label = sub_number_dot(&label[at..]);
        }
        let all_blank = values
            .iter()
            .all(|c| CellValue::parse(cell_text(doc, c.span)) == CellValue::Blank);
        let Some(row_spec) = identify_t3_row(
            spec,
            &label,
            context,
            last.span,
            &mut m,
            NearMisses::OfAnyRow,
        ) else {
            // A header padded with empty cells (spreadsheets, Word), not an unknown data row.
            if all_blank {
                header_rows.push(
                    text_cells
                        .iter()
                        .map(|c| fold_label(cell_text(doc, c.span)))
                        .collect(),
                );
                continue;
            }
            m.issues.push(Issue::UnknownRow {
                span: last.span,
                label: cell_text(doc, last.span).to_string(),
            });
            continue;
        };
        if row_spec.category {
            context = Some(row_spec);
        } else if row_spec.parent.is_none() {
            context = None;
        }
        cursor = order.iter().position(|o| o.id == row_spec.id).or(cursor);
        waiting.retain(|w| w.0.id != row_spec.id);
        m.put_row(&row_spec.id, last.span);
        for (col, cell) in spec.columns.iter().zip(&values) {
            m.put_cell(doc, row_spec.id.as_str(), col.id.as_str(), cell.span);
        }
    }
    era_of_split_rows(spec, &mut m);
    let layout = m.layout.first().copied();
    for r in &spec.rows {
        let wanted = match (&r.eras, layout) {
            (Some(e), Some(layout)) => e.contains(&layout),
            (Some(_), None) => false,
            (None, _) => !r.category || layout.is_some_and(|l| spec.is_data_row(r, l)),
        };
        let present = m.rows.contains_key(r.id.as_str())
            || (r.category
                && spec
                    .children(&r.id)
                    .any(|c| m.rows.contains_key(c.id.as_str())));
        if wanted && !present {
            m.issues.push(Issue::MissingRow {
                label: r.label.clone(),
            });
        }
    }
    check_columns(spec, &header_rows, &mut m);
    m
}

/// The figures of a row whose figures were run together in its last cell.
fn glued_row<'r>(
    doc: &Document,
    cells: &'r [crate::model::Cell],
    n: usize,
    m: &mut Mapped,
) -> Option<(&'r [crate::model::Cell], Vec<crate::model::Cell>)> {
    let (last, labels) = cells.split_last()?;
    let digits = cell_text(doc, last.span).trim();
    if labels.is_empty() || digits.len() < n || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let lead = cell_text(doc, last.span).len() - cell_text(doc, last.span).trim_start().len();
    let base = last.span.start + lead;
    match unglue(digits, n) {
        Some(parts) => {
            m.reading.unglued += 1;
            Some((
                labels,
                parts
                    .into_iter()
                    .map(|(a, b)| crate::model::Cell::plain(Span::new(base + a, base + b)))
                    .collect(),
            ))
        }
        None => {
            m.reading.unread.push((
                last.span,
                format!("数字“{digits}”连在一起，无法确定如何拆分为{n}个格"),
            ));
            None
        }
    }
}

/// Columns whose header is missing, reported only where the header was read: a header cut
/// into syllables by a converter (商业企 / 业) names too few columns to tell a missing one.
fn check_columns(spec: &'static TableSpec, header_rows: &[Vec<String>], m: &mut Mapped) {
    let headers: Vec<&String> = header_rows.iter().flatten().collect();
    if headers.is_empty() {
        return;
    }
    // A label may wrap onto the next header row (社会公 / 益组织): join each column's
    // header cells top to bottom and look there too.
    let width = header_rows.iter().map(Vec::len).max().unwrap_or(0);
    let joined: String = (0..width)
        .map(|c| {
            header_rows
                .iter()
                .filter_map(|r| r.get(c))
                .map(String::as_str)
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("|");
    let missing: Vec<&super::ColumnSpec> = spec
        .columns
        .iter()
        .filter(|c| {
            c.pattern.as_ref().is_some_and(|p| {
                let unanchored = p.source().trim_start_matches('^').trim_end_matches('$');
                !headers.iter().any(|h| p.is_match(h)) && !joined.contains(unanchored)
            })
        })
        .collect();
    let named = spec.columns.iter().filter(|c| c.pattern.is_some()).count();
    m.reading.header_read = missing.len() * 2 < named;
    if m.reading.header_read {
        m.issues
            .extend(missing.into_iter().map(|c| Issue::MissingColumn {
                label: c.label.clone(),
            }));
    }
}

/// The span of a row's written label (its first cell with text), else of the row.
fn label_span(doc: &Document, cells: &[crate::model::Cell], row: Span) -> Span {
    cells
        .iter()
        .find(|c| !cell_text(doc, c.span).trim().is_empty())
        .map_or(row, |c| c.span)
}

/// Which near misses of a label are taken as typos of a row.
#[derive(Debug, Clone, Copy, PartialEq)]
enum NearMisses {
    /// Of any row of the template (a row label in a row with its figures).
    OfAnyRow,
    /// Only of the row its number names in the open category (a label on a line of its own,
    /// which may be a fragment cut by a page break).
    OfTheNumberedRow,
}

/// A folded label that starts with a row number: 2.其他… 3、… (六)其他处理.
fn starts_numbered(label: &str) -> bool {
    let digits = label.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        return label[digits..].starts_with(['.', '、']);
    }
    label.strip_prefix('(').is_some_and(|rest| {
        let n = rest
            .chars()
            .take_while(|c| "一二三四五六七八九十".contains(*c))
            .count();
        n > 0 && rest[n * 3..].starts_with(')')
    })
}

/// The category row (（三）不予公开 …) a label opens, if it is one.
fn category(spec: &'static TableSpec, label: &str) -> Option<&'static RowSpec> {
    spec.rows
        .iter()
        .find(|r| r.category && r.pattern.is_match(label))
}

/// A category and its first numbered row written as one label ("（三）不予公开 1.属于国家秘密",
/// a row whose cells were run together with spaces): the category, and where the row's own
/// label starts.
fn split_category(spec: &'static TableSpec, label: &str) -> Option<(&'static RowSpec, usize)> {
    label
        .char_indices()
        .filter(|&(i, c)| i > 0 && c.is_ascii_digit())
        .filter(|&(i, _)| !label[..i].ends_with(|p: char| p.is_ascii_digit()))
        .find_map(|(i, _)| {
            if !starts_numbered(&label[i..]) {
                return None;
            }
            category(spec, &label[..i]).map(|c| (c, i))
        })
}

/// "3、其他" and "3．其他" are the same numbering as "3.其他".
fn sub_number_dot(label: &str) -> String {
    let digits = label.chars().take_while(|c| c.is_ascii_digit()).count();
    match label[digits..].chars().next() {
        Some('、') if digits > 0 => format!(
            "{}.{}",
            &label[..digits],
            &label[digits + '、'.len_utf8()..]
        ),
        _ => label.to_string(),
    }
}

/// The canonical row a table-三 label stands for, within the open category if it is a
/// numbered sub-row. A near miss is mapped and recorded as a typo.
fn identify_t3_row(
    spec: &'static TableSpec,
    label: &str,
    context: Option<&'static RowSpec>,
    span: Span,
    m: &mut Mapped,
    near_misses: NearMisses,
) -> Option<&'static RowSpec> {
    let digits = &label[..label.bytes().take_while(u8::is_ascii_digit).count()];
    let number: Option<u32> = digits
        .parse()
        .ok()
        .filter(|_| label[digits.len()..].starts_with(['.', '、']));
    if let (Some(n), Some(cat)) = (number, context) {
        // The template numbers its sub-rows "1." "2." …, without leading zeros.
        let child = spec.children(&cat.id).find(|c| {
            let d = c.label.bytes().take_while(u8::is_ascii_digit).count();
            c.label[d..].starts_with('.') && c.label[..d].parse() == Ok(n)
        });
        if let Some(child) = child {
            if child.pattern.is_match(label) {
                return Some(child);
            }
            if strsim::normalized_levenshtein(label, &fold_label(&child.label)) >= TYPO_SIMILARITY {
                m.issues.push(Issue::Typo {
                    span,
                    found: label.to_string(),
                    canonical: child.label.clone(),
                });
                return Some(child);
            }
            // Not this category's row: the category was not read (a label apart from its
            // figures, a heading lost at a page break); the label's words decide below.
        }
    }
    let in_context =
        |r: &&RowSpec| context.is_some_and(|c| r.parent.as_deref() == Some(c.id.as_str()));
    let matching: Vec<&'static RowSpec> = spec
        .rows
        .iter()
        .filter(|r| r.pattern.is_match(label))
        .collect();
    if let Some(r) = matching.iter().find(|r| in_context(r)).or(matching.first()) {
        return Some(r);
    }
    if near_misses == NearMisses::OfTheNumberedRow {
        return None;
    }
    let best = spec
        .rows
        .iter()
        .map(|r| {
            (
                r,
                strsim::normalized_levenshtein(label, &fold_label(&r.label)),
            )
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))?;
    (best.1 >= TYPO_SIMILARITY).then(|| {
        m.issues.push(Issue::Typo {
            span,
            found: label.to_string(),
            canonical: best.0.label.clone(),
        });
        best.0
    })
}

fn map_t4(doc: &Document, t: &Table) -> Mapped {
    let spec = table_spec("t4").expect("template has t4");
    let mut m = Mapped::new(spec, t.span);
    let n = spec.columns.len();
    // The fifteen figures in one row, or in rows that follow one another (one per group of
    // five when a converter cut the table at its groups).
    let mut run: Vec<crate::model::Cell> = Vec::new();
    let mut run_span: Option<Span> = None;
    let mut found = false;
    for row in &t.rows {
        let cells = without_trailing_blanks(doc, &row.cells, n);
        let numbers = figure_count(doc, row);
        if let Some((_, values)) = split_row(doc, cells, n) {
            if numbers > 0 || cells.len() >= n {
                run = values.to_vec();
                run_span = Some(row.span);
                found = true;
                break;
            }
        }
        let trailing: Vec<&crate::model::Cell> = cells
            .iter()
            .rev()
            .take_while(|c| CellValue::parse(cell_text(doc, c.span)).is_figure())
            .collect();
        if numbers >= 2 && trailing.len() >= numbers {
            if run.is_empty() {
                run_span = Some(row.span);
            }
            run.extend(trailing.into_iter().rev().cloned());
            if run.len() >= n {
                found = run.len() == n;
                break;
            }
        }
    }
    let span = run_span.unwrap_or(m.span);
    if found {
        m.put_row(DATA_ROW, span);
        for (col, cell) in spec.columns.iter().zip(&run) {
            m.put_cell(doc, DATA_ROW, col.id.as_str(), cell.span);
        }
    } else if !run.is_empty() {
        m.issues.push(if run.len() > n {
            Issue::LongRow {
                span,
                expected: n,
                found: run.len(),
            }
        } else {
            Issue::ShortRow {
                span,
                expected: n,
                found: run.len(),
            }
        });
    } else {
        m.issues.push(Issue::MissingRow {
            label: "数据行（15个数字）".into(),
        });
    }
    m
}

/// The columns a header row of table 二 names, in the order it names them: a header may be
/// one cell per column or one line run together (信息内容本年处理决定数量).
fn t2_header(b: &'static super::BlockSpec, texts: &[String]) -> Vec<&'static super::ColumnSpec> {
    let line: String = texts.concat();
    let mut found: Vec<(usize, &'static super::ColumnSpec)> = b
        .columns
        .iter()
        .filter_map(|c| {
            let p = c.pattern.as_ref()?;
            p.captures_iter(&line).next().map(|m| (m.whole().start, c))
        })
        .collect();
    found.sort_by_key(|f| f.0);
    found.into_iter().map(|f| f.1).collect()
}

fn map_t2(doc: &Document, t: &Table, era: Era) -> Mapped {
    let spec = table_spec("t2").expect("template has t2");
    let mut m = Mapped::new(spec, t.span);
    let mut block: Option<&'static super::BlockSpec> = None;
    let mut columns: Vec<&'static super::ColumnSpec> = Vec::new();
    let mut older: Vec<(Span, &'static RowSpec, &'static super::Older)> = Vec::new();
    for row in &t.rows {
        let texts: Vec<String> = row
            .cells
            .iter()
            .map(|c| fold_label(cell_text(doc, c.span)))
            .collect();
        if let Some(b) = spec
            .blocks
            .iter()
            .find(|b| texts.iter().any(|x| b.caption.is_match(x)))
        {
            block = Some(b);
            columns.clear();
            if let Some(eras) = &b.eras {
                for e in eras {
                    m.layout.push(*e);
                    m.era_marks
                        .push((*e, row.span, cell_text(doc, row.cells[0].span).to_string()));
                }
            }
            continue;
        }
        if figure_count(doc, row) == 0 {
            // A header names the columns of its block; one that names another block's columns
            // moves to that block (a block whose caption stood elsewhere).
            let in_block = block.map(|b| (b, t2_header(b, &texts)));
            let header = match in_block {
                Some((b, h)) if !h.is_empty() => Some((b, h)),
                _ => spec
                    .blocks
                    .iter()
                    .map(|b| (b, t2_header(b, &texts)))
                    .filter(|(_, h)| !h.is_empty())
                    .max_by_key(|(_, h)| h.len()),
            };
            if let Some((b, header)) = header {
                block = Some(b);
                columns = header;
                for c in &columns {
                    if let Some(eras) = &c.eras {
                        if eras.len() == 1 {
                            m.layout.push(eras[0]);
                            m.era_marks.push((eras[0], row.span, c.label.clone()));
                        }
                    }
                }
                continue;
            }
        }
        let Some(label) = texts.first() else { continue };
        // A row names its block when no caption did (规章 is only in block （一）).
        let b = block.filter(|b| b.rows.iter().any(|r| r.pattern.is_match(label)));
        let Some(b) = b.or_else(|| {
            spec.blocks
                .iter()
                .find(|b| b.rows.iter().any(|r| r.pattern.is_match(label)))
        }) else {
            continue;
        };
        if block.is_none_or(|cur| !std::ptr::eq(cur, b)) {
            block = Some(b);
            columns.clear();
        }
        let Some(r) = b.rows.iter().find(|r| r.pattern.is_match(label)) else {
            continue;
        };
        if columns.is_empty() {
            // No header read: the block's columns of the era, in the template's order.
            columns = b
                .columns
                .iter()
                .filter(|c| c.eras.as_ref().is_none_or(|e| e.contains(&era)))
                .collect();
        }
        m.put_row(&r.id, row.cells[0].span);
        for (col, cell) in columns.iter().zip(row.cells.iter().skip(1)) {
            m.put_cell(doc, r.id.as_str(), col.id.as_str(), cell.span);
        }
        if let Some(o) = r.older.as_ref().filter(|o| label.as_str() == o.label) {
            older.push((row.cells[0].span, r, o));
        }
    }
    m.layout.sort();
    m.layout.dedup();
    // An earlier format's wording in a table of a later one (by its columns, else by the
    // report's year): 规范性文件 in a 2021 table 二.
    let later = match m.layout.as_slice() {
        [] => Some(era),
        [one] => Some(*one),
        _ => None,
    };
    for (span, r, o) in older {
        if later.is_some_and(|e| !o.eras.contains(&e)) {
            m.issues.push(Issue::Typo {
                span,
                found: o.label.clone(),
                canonical: r.label.clone(),
            });
        }
    }
    m
}
