//! What the national format expects of the statistical tables, as data loaded from
//! rules/template-tables.yaml, and the mapping of a report's tables onto it.

/// The document model of a text view: its lines parsed, then its statistical tables put
/// together from their pieces.
pub fn read_document(view: &crate::text::TextView) -> crate::model::Document<'_> {
    let mut doc = crate::model::parse_document(view);
    assemble::assemble(&mut doc);
    doc
}

pub mod assemble;
pub mod map;

use crate::model::Era;
use crate::text::re::Re;
use serde::Deserialize;
use std::sync::OnceLock;

pub const TEMPLATE_YAML: &str = include_str!("../../../../rules/template-tables.yaml");

/// `TEMPLATE_YAML` as build.rs converted it to JSON: what the binary loads.
pub(crate) const TEMPLATE_JSON: &str =
    include_str!(concat!(env!("OUT_DIR"), "/template-tables.json"));

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub recognition: Recognition,
    pub tables: Vec<TableSpec>,
}

/// How a table is recognised (template-tables.yaml `recognition`).
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recognition {
    /// How a caption line starts; any other line names a table only when it is short.
    pub caption_starts: Vec<String>,
    /// Headings and captions: the first entry all of whose words a line has names its table.
    pub headings: Vec<Cue>,
    /// Runs of rows: the first entry all of whose words their labels have names the table.
    pub rows: Vec<Cue>,
    /// A table's header and labels run into a paragraph (a page crawled into one line): a
    /// paragraph with all of an entry's words holds that table, unread.
    #[serde(default)]
    pub flattened: Vec<Cue>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cue {
    pub table: String,
    pub words: Vec<String>,
}

impl Recognition {
    /// The table a heading or caption names.
    pub fn heading(&self, text: &str) -> Option<&str> {
        first_cue(&self.headings, text)
    }

    /// The table whose labels these are (the labels of a run of rows, run together).
    pub fn rows(&self, labels: &str) -> Option<&str> {
        first_cue(&self.rows, labels)
    }

    /// The words by which a paragraph holds the header and labels of `table`, run into its
    /// text.
    pub fn flattened(&self, table: &str, text: &str) -> Option<&[String]> {
        self.flattened
            .iter()
            .find(|c| c.table == table && c.words.iter().all(|w| text.contains(w.as_str())))
            .map(|c| c.words.as_slice())
    }

    pub fn is_caption_start(&self, text: &str) -> bool {
        self.caption_starts.iter().any(|s| text.starts_with(s.as_str()))
    }
}

fn first_cue<'c>(cues: &'c [Cue], text: &str) -> Option<&'c str> {
    cues.iter()
        .find(|c| c.words.iter().all(|w| text.contains(w.as_str())))
        .map(|c| c.table.as_str())
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableSpec {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub columns: Vec<ColumnSpec>,
    #[serde(default)]
    pub rows: Vec<RowSpec>,
    #[serde(default)]
    pub blocks: Vec<BlockSpec>,
    /// Its row labels are numbered like the report's headings: a short numbered line in its
    /// section is one of its labels, not the next heading.
    #[serde(default)]
    pub numbered_labels: bool,
    /// Header words of the table that may stand on a numbered line of their own.
    #[serde(default)]
    pub header_words: Vec<String>,
    /// Rows, columns and sub-rows by id, built on first use: the table rules look cells up
    /// by id many times per report.
    #[serde(skip)]
    index: OnceLock<SpecIndex>,
}

/// The id of the one row of a table whose template lists no rows (四: fifteen numbers).
pub const DATA_ROW: &str = "data";

/// Where a row or column of a table spec is: in the table's own list, or in a block's.
#[derive(Debug, Clone, Copy)]
enum At {
    Table(usize),
    Block(usize, usize),
}

/// Rows and columns by id, and a position for each: the table's own rows (or columns) first,
/// in order, then each block's. Mapped tables keep their cells in a grid by these positions,
/// and the table rules resolve ids to positions once rather than at every cell.
#[derive(Debug, Default)]
struct SpecIndex {
    rows: rustc_hash::FxHashMap<String, usize>,
    columns: rustc_hash::FxHashMap<String, usize>,
    /// None for the one row of a table whose template lists no rows (四): `DATA_ROW`.
    row_at: Vec<Option<At>>,
    row_ids: Vec<String>,
    column_at: Vec<At>,
    /// Sub-rows of each row position, in table order (positions, which for the table's own
    /// rows are their indices in `rows`).
    children: Vec<Vec<usize>>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ColumnSpec {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub short: Option<String>,
    #[serde(default, rename = "match")]
    pub pattern: Option<Re>,
    #[serde(default)]
    pub eras: Option<Vec<Era>>,
    /// A total column: the sum of these columns of the same row.
    #[serde(default)]
    pub total_of: Vec<String>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RowSpec {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub short: Option<String>,
    #[serde(rename = "match")]
    pub pattern: Re,
    #[serde(default)]
    pub parent: Option<String>,
    /// A heading row whose numbers are carried by its numbered sub-rows.
    #[serde(default)]
    pub category: bool,
    #[serde(default)]
    pub eras: Option<Vec<Era>>,
    /// The row's wording in an earlier format (规范性文件 before 2021's 行政规范性文件): still
    /// read as this row, and reported when the table is of a later format.
    #[serde(default)]
    pub older: Option<Older>,
}

/// A row's wording in the formats before this one.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Older {
    pub label: String,
    /// The formats that wrote it so.
    pub eras: Vec<Era>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BlockSpec {
    pub caption: Re,
    #[serde(default)]
    pub eras: Option<Vec<Era>>,
    pub rows: Vec<RowSpec>,
    pub columns: Vec<ColumnSpec>,
}

impl TableSpec {
    fn index(&self) -> &SpecIndex {
        self.index.get_or_init(|| {
            let mut ix = SpecIndex::default();
            ix.row_at
                .extend((0..self.rows.len()).map(|i| Some(At::Table(i))));
            ix.column_at.extend((0..self.columns.len()).map(At::Table));
            for (b, block) in self.blocks.iter().enumerate() {
                ix.row_at
                    .extend((0..block.rows.len()).map(|i| Some(At::Block(b, i))));
                ix.column_at
                    .extend((0..block.columns.len()).map(|i| At::Block(b, i)));
            }
            ix.row_ids = ix
                .row_at
                .iter()
                .map(|at| {
                    at.map(|at| self.row_spec(at).id.clone())
                        .unwrap_or_default()
                })
                .collect();
            if ix.row_at.is_empty() {
                ix.row_at.push(None);
                ix.row_ids.push(DATA_ROW.to_string());
            }
            // The first of equal ids wins, as a search in table order would find it.
            for (pos, id) in ix.row_ids.iter().enumerate() {
                ix.rows.entry(id.clone()).or_insert(pos);
            }
            for pos in 0..ix.column_at.len() {
                let id = &self.column_spec(ix.column_at[pos]).id;
                ix.columns.entry(id.clone()).or_insert(pos);
            }
            ix.children = vec![Vec::new(); ix.row_at.len()];
            for (i, r) in self.rows.iter().enumerate() {
                if let Some(parent) = r.parent.as_ref().and_then(|p| ix.rows.get(p)) {
                    ix.children[*parent].push(i);
                }
            }
            ix
        })
    }

    fn row_spec(&self, at: At) -> &RowSpec {
        match at {
            At::Table(i) => &self.rows[i],
            At::Block(b, i) => &self.blocks[b].rows[i],
        }
    }

    fn column_spec(&self, at: At) -> &ColumnSpec {
        match at {
            At::Table(i) => &self.columns[i],
            At::Block(b, i) => &self.blocks[b].columns[i],
        }
    }

    /// A row by id, in the table or in one of its blocks (table 二).
    pub fn row(&self, id: &str) -> Option<&RowSpec> {
        self.row_at(self.row_pos(id)?)
    }

    pub fn column(&self, id: &str) -> Option<&ColumnSpec> {
        self.column_pos(id).map(|p| self.column_at(p))
    }

    /// The sub-rows of a category row, in table order.
    pub fn children<'a>(&'a self, parent: &str) -> impl Iterator<Item = &'a RowSpec> + 'a {
        self.row_pos(parent)
            .map(|p| self.children_at(p))
            .unwrap_or_default()
            .iter()
            .map(|&i| &self.rows[i])
    }

    /// Whether the row holds figures of its own in this era: a data row, or a category row
    /// none of whose sub-rows the era has (（六）其他处理 in 2019, split in three since 2021).
    pub fn is_data_row(&self, r: &RowSpec, era: Era) -> bool {
        r.applies_to(era) && (!r.category || !self.children(&r.id).any(|c| c.applies_to(era)))
    }

    /// Category rows whose sub-rows only some eras have: their layout tells the era.
    pub fn split_rows(&self) -> impl Iterator<Item = &RowSpec> + '_ {
        self.rows
            .iter()
            .filter(|r| r.category && self.children(&r.id).any(|c| c.eras.is_some()))
    }

    /// Every row id of the table, its blocks' included.
    pub fn row_ids(&self) -> impl Iterator<Item = &str> {
        self.index().row_ids.iter().map(String::as_str)
    }

    pub fn column_ids(&self) -> impl Iterator<Item = &str> {
        self.index().columns.keys().map(String::as_str)
    }

    /// Position of a row id (see `SpecIndex`).
    pub fn row_pos(&self, id: &str) -> Option<usize> {
        self.index().rows.get(id).copied()
    }

    pub fn column_pos(&self, id: &str) -> Option<usize> {
        self.index().columns.get(id).copied()
    }

    pub fn row_count(&self) -> usize {
        self.index().row_at.len()
    }

    pub fn column_count(&self) -> usize {
        self.index().column_at.len()
    }

    /// The template's row at a position (none for `DATA_ROW`).
    pub fn row_at(&self, pos: usize) -> Option<&RowSpec> {
        self.index().row_at[pos].map(|at| self.row_spec(at))
    }

    pub fn row_id_at(&self, pos: usize) -> &str {
        &self.index().row_ids[pos]
    }

    pub fn column_at(&self, pos: usize) -> &ColumnSpec {
        self.column_spec(self.index().column_at[pos])
    }

    /// Positions of the sub-rows of the row at `pos`.
    pub fn children_at(&self, pos: usize) -> &[usize] {
        &self.index().children[pos]
    }
}

impl RowSpec {
    pub fn short(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.label)
    }

    pub fn applies_to(&self, era: Era) -> bool {
        self.eras.as_ref().is_none_or(|e| e.contains(&era))
    }
}

impl ColumnSpec {
    pub fn short(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.label)
    }
}

/// The embedded template, parsed on first use.
pub fn template() -> &'static Template {
    static T: OnceLock<Template> = OnceLock::new();
    T.get_or_init(|| {
        serde_json::from_str(TEMPLATE_JSON).expect("rules/template-tables.yaml is valid (tested)")
    })
}

pub fn table_spec(id: &str) -> Option<&'static TableSpec> {
    template().tables.iter().find(|t| t.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_and_column_has_a_position_that_leads_back_to_it() {
        for t in &template().tables {
            let mut rows: Vec<&RowSpec> = t.rows.iter().collect();
            rows.extend(t.blocks.iter().flat_map(|b| &b.rows));
            for r in rows {
                let p = t.row_pos(&r.id).expect("row has a position");
                assert_eq!(t.row_at(p).map(|x| x.id.as_str()), Some(r.id.as_str()));
                assert_eq!(t.row_id_at(p), r.id);
                for &c in t.children_at(p) {
                    assert_eq!(t.rows[c].parent.as_deref(), Some(r.id.as_str()));
                }
            }
            let mut columns: Vec<&ColumnSpec> = t.columns.iter().collect();
            columns.extend(t.blocks.iter().flat_map(|b| &b.columns));
            for c in columns {
                let p = t.column_pos(&c.id).expect("column has a position");
                assert_eq!(t.column_at(p).id, c.id);
            }
        }
        // Table 四 lists no rows: its one row of figures has a position but no template row.
        let t4 = table_spec("t4").unwrap();
        let p = t4.row_pos(DATA_ROW).unwrap();
        assert!(t4.row_at(p).is_none());
        assert_eq!(t4.row_count(), 1);
    }
    #[test]
    fn template_loads_with_all_three_tables() {
        let t = super::template();
        let ids: Vec<&str> = t.tables.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["t2", "t3", "t4"]);
        assert_eq!(super::table_spec("t3").unwrap().columns.len(), 7);
        assert_eq!(super::table_spec("t4").unwrap().columns.len(), 15);
    }

    #[test]
    fn recognition_cues_name_tables_of_the_template_and_decide_in_order() {
        let r = &template().recognition;
        for c in r.headings.iter().chain(&r.rows) {
            assert!(table_spec(&c.table).is_some(), "cue for {}: no such table", c.table);
            assert!(!c.words.is_empty(), "cue for {} has no words", c.table);
        }
        assert_eq!(r.heading("四、政府信息公开行政复议、行政诉讼情况"), Some("t4"));
        assert_eq!(r.heading("第二十条第（一）项"), Some("t2"));
        assert_eq!(r.heading("四、政府信息公开申请情况"), None);
        // Labels of table 三 with table 四's run on: table 三 comes first in the list.
        assert_eq!(r.rows("本年新收上年结转行政复议行政诉讼"), Some("t3"));
        assert_eq!(r.rows("规章制发废止"), Some("t2"));
        assert_eq!(r.rows("规章"), None);
        assert!(r.is_caption_start("附表1") && !r.is_caption_start("全年"));
    }
}
