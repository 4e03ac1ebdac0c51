//! Maps the tables of a report onto the canonical cells of the template: which table is which,
//! which row and column each figure belongs to, and what did not fit (mistyped or unknown
//! labels, missing rows and columns, the layout of another era).

use super::{table_spec, RowSpec, TableSpec, DATA_ROW};
use crate::model::{CellValue, Document, Era, Table};
use crate::rules::kinds::declared_parts::similarity;
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

    fn extend(&mut self, other: CellMap) {
        for (mine, theirs) in self.cells.iter_mut().zip(other.cells) {
            if theirs.is_some() {
                *mine = theirs;
            }
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
    pub fn get(&self, id: &str) -> Option<&Mapped> {
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

/// Which template table a run of rows is, by the labels it carries.
fn classify(doc: &Document, t: &Table) -> Option<&'static str> {
    let mut text = String::with_capacity(t.span.len());
    for c in t.rows.iter().flat_map(|r| r.cells.iter()) {
        fold_label_into(cell_text(doc, c.span), &mut text);
    }
    if text.contains("本年新收") || text.contains("本年度办理结果") || text.contains("上年结转")
    {
        Some("t3")
    } else if text.contains("第二十条")
        || (text.contains("规章") && (text.contains("制发") || text.contains("新制作")))
    {
        Some("t2")
    } else if (text.contains("行政复议") && text.contains("行政诉讼"))
        || (text.contains("结果维持") && text.contains("尚未审结"))
    {
        Some("t4")
    } else {
        None
    }
}

pub fn map_tables(doc: &Document) -> Tables {
    let mut out = Tables::default();
    for t in &doc.tables {
        match classify(doc, t) {
            Some("t2") if out.t2.is_none() => out.t2 = Some(map_t2(doc, t)),
            Some("t3") if out.t3.is_none() => out.t3 = Some(map_t3(doc, t)),
            Some("t4") if out.t4.is_none() => out.t4 = Some(map_t4(doc, t)),
            // A table split by a page break or an intervening line continues the same table.
            Some("t2") => extend(&mut out.t2, map_t2(doc, t)),
            _ => {}
        }
    }
    out
}

fn extend(into: &mut Option<Mapped>, more: Mapped) {
    if let Some(m) = into {
        m.cells.extend(more.cells);
        for r in more.row_order {
            if let Some(s) = more.rows.get(r) {
                m.put_row(r, *s);
            }
        }
        m.issues.extend(more.issues);
        m.layout.extend(more.layout);
        m.era_marks.extend(more.era_marks);
        m.span.end = more.span.end;
    }
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
        .take_while(|c| CellValue::parse(cell_text(doc, c.span)).is_figure())
        .count();
    if trailing < n || n == 0 {
        return None;
    }
    let at = cells.len() - n;
    Some((&cells[..at], &cells[at..]))
}

fn map_t3(doc: &Document, t: &Table) -> Mapped {
    let spec = table_spec("t3").expect("template has t3");
    let mut m = Mapped::new(spec, t.span);
    let ncols = spec.columns.len();
    let mut context: Option<&'static RowSpec> = None;
    let mut header_rows: Vec<Vec<String>> = Vec::new();
    for row in &t.rows {
        let Some((labels, values)) = split_row(doc, &row.cells, ncols) else {
            // A header row, or a category heading without figures (2021 （六）其他处理).
            let folded: Vec<String> = row
                .cells
                .iter()
                .map(|c| fold_label(cell_text(doc, c.span)))
                .collect();
            for f in &folded {
                context = category(spec, f).or(context);
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
        let labels: Vec<&crate::model::Cell> = labels
            .iter()
            .filter(|c| !cell_text(doc, c.span).trim().is_empty())
            .collect();
        let Some(last) = labels.last() else { continue };
        for c in &labels[..labels.len() - 1] {
            context = category(spec, &fold_label(cell_text(doc, c.span))).or(context);
        }
        let label = sub_number_dot(&fold_label(cell_text(doc, last.span)));
        let all_blank = values
            .iter()
            .all(|c| CellValue::parse(cell_text(doc, c.span)) == CellValue::Blank);
        let Some(row_spec) = identify_t3_row(spec, &label, context, last.span, &mut m) else {
            // A header padded with empty cells (spreadsheets, Word), not an unknown data row.
            if all_blank {
                header_rows.push(
                    labels
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
        m.put_row(&row_spec.id, last.span);
        for (col, cell) in spec.columns.iter().zip(values) {
            m.put_cell(doc, row_spec.id.as_str(), col.id.as_str(), cell.span);
        }
    }
    // Layout: （六）其他处理 with sub-rows is 2021; with its own figures and none, 2019.
    let r6_children = spec
        .children("r6")
        .any(|c| m.rows.contains_key(c.id.as_str()));
    if r6_children {
        m.layout.push(Era::E2021);
        let span = spec
            .children("r6")
            .find_map(|c| m.rows.get(c.id.as_str()))
            .copied()
            .unwrap_or(m.span);
        m.era_marks
            .push((Era::E2021, span, "（六）其他处理分为3个子项".into()));
    } else if let Some(span) = m.rows.get("r6").copied() {
        m.layout.push(Era::E2019);
        m.era_marks
            .push((Era::E2019, span, "（六）其他处理只有一行".into()));
    }
    let era = m.layout.first().copied();
    for r in &spec.rows {
        let wanted = match (&r.eras, era) {
            (Some(e), Some(layout)) => e.contains(&layout),
            (Some(_), None) => false,
            (None, _) => !r.category || (r.id == "r6" && era == Some(Era::E2019)),
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
    let headers: Vec<&String> = header_rows.iter().flatten().collect();
    if !headers.is_empty() {
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
        for c in &spec.columns {
            if let Some(p) = &c.pattern {
                let unanchored = p.source().trim_start_matches('^').trim_end_matches('$');
                if !headers.iter().any(|h| p.is_match(h)) && !joined.contains(unanchored) {
                    m.issues.push(Issue::MissingColumn {
                        label: c.label.clone(),
                    });
                }
            }
        }
    }
    m
}

/// The category row (（三）不予公开 …) a label opens, if it is one.
fn category(spec: &'static TableSpec, label: &str) -> Option<&'static RowSpec> {
    spec.rows
        .iter()
        .find(|r| r.category && r.pattern.is_match(label))
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
            if !child.pattern.is_match(label) {
                if similarity(label, &fold_label(&child.label)) >= TYPO_SIMILARITY {
                    m.issues.push(Issue::Typo {
                        span,
                        found: label.to_string(),
                        canonical: child.label.clone(),
                    });
                } else {
                    return None;
                }
            }
            return Some(child);
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
    let best = spec
        .rows
        .iter()
        .map(|r| (r, similarity(label, &fold_label(&r.label))))
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
    let mut found = false;
    for row in &t.rows {
        let numbers = figure_count(doc, row);
        match split_row(doc, &row.cells, n) {
            Some((_, values)) if numbers > 0 || row.cells.len() >= n => {
                m.put_row(DATA_ROW, row.span);
                for (col, cell) in spec.columns.iter().zip(values) {
                    m.put_cell(doc, DATA_ROW, col.id.as_str(), cell.span);
                }
                found = true;
                break;
            }
            _ if numbers >= 2 => m.issues.push(Issue::ShortRow {
                span: row.span,
                expected: n,
                found: row.cells.len(),
            }),
            _ => {}
        }
    }
    if !found && !m.issues.iter().any(|i| matches!(i, Issue::ShortRow { .. })) {
        m.issues.push(Issue::MissingRow {
            label: "数据行（15个数字）".into(),
        });
    }
    m
}

fn map_t2(doc: &Document, t: &Table) -> Mapped {
    let spec = table_spec("t2").expect("template has t2");
    let mut m = Mapped::new(spec, t.span);
    let mut block: Option<&'static super::BlockSpec> = None;
    let mut columns: Vec<&'static super::ColumnSpec> = Vec::new();
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
        let Some(b) = block else { continue };
        let header: Vec<&'static super::ColumnSpec> = texts
            .iter()
            .skip(1)
            .filter_map(|x| {
                b.columns
                    .iter()
                    .find(|c| c.pattern.as_ref().is_some_and(|p| p.is_match(x)))
            })
            .collect();
        if !header.is_empty()
            && header.len() + 1 >= texts.len().saturating_sub(0).min(texts.len())
            && texts.len() > 1
        {
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
        let Some(label) = texts.first() else { continue };
        let Some(r) = b.rows.iter().find(|r| r.pattern.is_match(label)) else {
            continue;
        };
        m.put_row(&r.id, row.cells[0].span);
        for (col, cell) in columns.iter().zip(row.cells.iter().skip(1)) {
            m.put_cell(doc, r.id.as_str(), col.id.as_str(), cell.span);
        }
    }
    m.layout.sort();
    m.layout.dedup();
    m
}
