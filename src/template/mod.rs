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
    /// A row by id, in the table or in one of its blocks (table 二).
    pub fn row(&self, id: &str) -> Option<&RowSpec> {
        self.rows
            .iter()
            .chain(self.blocks.iter().flat_map(|b| &b.rows))
            .find(|r| r.id == id)
    }

    pub fn column(&self, id: &str) -> Option<&ColumnSpec> {
        self.columns
            .iter()
            .chain(self.blocks.iter().flat_map(|b| &b.columns))
            .find(|c| c.id == id)
    }

    pub fn children<'a>(&'a self, parent: &'a str) -> impl Iterator<Item = &'a RowSpec> + 'a {
        self.rows
            .iter()
            .filter(move |r| r.parent.as_deref() == Some(parent))
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
