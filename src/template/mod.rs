//! What the national format expects of the statistical tables, as data loaded from
//! rules/template-tables.yaml, and the mapping of a report's tables onto it.

pub mod map;

use crate::model::Era;
use crate::text::re::Re;
use serde::Deserialize;
use std::sync::OnceLock;

pub const TEMPLATE_YAML: &str = include_str!("../../rules/template-tables.yaml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub tables: Vec<TableSpec>,
}

#[derive(Debug, Deserialize)]
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
    /// Rows, columns and sub-rows by id, built on first use: the table rules look cells up
    /// by id many times per report.
    #[serde(skip)]
    index: OnceLock<SpecIndex>,
}

/// Where a row or column of a table spec is: in the table's own list, or in a block's.
#[derive(Debug, Clone, Copy)]
enum At {
    Table(usize),
    Block(usize, usize),
}

#[derive(Debug, Default)]
struct SpecIndex {
    rows: rustc_hash::FxHashMap<String, At>,
    columns: rustc_hash::FxHashMap<String, At>,
    /// Sub-rows of each category, in table order (indices into `rows`).
    children: rustc_hash::FxHashMap<String, Vec<usize>>,
}

#[derive(Debug, Deserialize)]
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

#[derive(Debug, Deserialize)]
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
}

#[derive(Debug, Deserialize)]
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
            // The first of equal ids wins, as a search in table order would find it.
            for (i, r) in self.rows.iter().enumerate() {
                ix.rows.entry(r.id.clone()).or_insert(At::Table(i));
                if let Some(p) = &r.parent {
                    ix.children.entry(p.clone()).or_default().push(i);
                }
            }
            for (i, c) in self.columns.iter().enumerate() {
                ix.columns.entry(c.id.clone()).or_insert(At::Table(i));
            }
            for (b, block) in self.blocks.iter().enumerate() {
                for (i, r) in block.rows.iter().enumerate() {
                    ix.rows.entry(r.id.clone()).or_insert(At::Block(b, i));
                }
                for (i, c) in block.columns.iter().enumerate() {
                    ix.columns.entry(c.id.clone()).or_insert(At::Block(b, i));
                }
            }
            ix
        })
    }

    /// A row by id, in the table or in one of its blocks (table 二).
    pub fn row(&self, id: &str) -> Option<&RowSpec> {
        Some(match *self.index().rows.get(id)? {
            At::Table(i) => &self.rows[i],
            At::Block(b, i) => &self.blocks[b].rows[i],
        })
    }

    pub fn column(&self, id: &str) -> Option<&ColumnSpec> {
        Some(match *self.index().columns.get(id)? {
            At::Table(i) => &self.columns[i],
            At::Block(b, i) => &self.blocks[b].columns[i],
        })
    }

    pub fn children<'a>(&'a self, parent: &str) -> impl Iterator<Item = &'a RowSpec> + 'a {
        self.index()
            .children
            .get(parent)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .map(|&i| &self.rows[i])
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
        serde_saphyr::from_str(TEMPLATE_YAML).expect("rules/template-tables.yaml is valid (tested)")
    })
}

pub fn table_spec(id: &str) -> Option<&'static TableSpec> {
    template().tables.iter().find(|t| t.id == id)
}

#[cfg(test)]
mod tests {
    #[test]
    fn template_loads_with_all_three_tables() {
        let t = super::template();
        let ids: Vec<&str> = t.tables.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["t2", "t3", "t4"]);
        assert_eq!(super::table_spec("t3").unwrap().columns.len(), 7);
        assert_eq!(super::table_spec("t4").unwrap().columns.len(), 15);
    }
}
