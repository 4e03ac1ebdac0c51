//! `annex`: the report attaches or names its statistical table, or contains the tables; when
//! it names the annex file and was read from a folder, the file is looked for among the files
//! the loader found there.

use super::{any_match, Check, Ctx, Re};
use crate::model::BlockKind;
use crate::rules::finding::{Hit, Severity};
use crate::text::Span;
use serde::Deserialize;

/// The `{names}` its findings fill in, and the variants they report (`messages:` keys).
pub const VARS: &[&str] = &["dir", "file"];
pub const VARIANTS: &[&str] = &["file_missing"];

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Annex {
    /// Text that names or attaches the annex.
    pub present: Vec<Re>,
    /// A named annex file; group `name` is its file name.
    #[serde(default)]
    pub file: Option<Re>,
    /// Severity when the named file is not beside the report (it may be published elsewhere).
    pub file_missing_severity: Severity,
}

impl Check for Annex {
    fn run(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let doc = ctx.doc;
        let has_rows = doc
            .blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::TableRow { .. }))
            .count()
            >= 3;
        let content = || {
            doc.blocks
                .iter()
                .filter(|b| !matches!(b.kind, BlockKind::Chrome))
        };
        let named = content().any(|b| any_match(&self.present, doc.shadow_slice(b.span)));
        if !has_rows && !named {
            out.push(Hit::document());
            return;
        }
        let (Some(file_re), Some(dir)) = (
            &self.file,
            doc.view.source.as_ref().and_then(|p| p.parent()),
        ) else {
            return;
        };
        for (span, name) in named_files(doc, file_re) {
            if doc.view.file_beside(&name) == Some(None) {
                out.push(
                    Hit::at(span)
                        .variant("file_missing")
                        .var("file", &name)
                        .var("dir", dir.display())
                        .severity(self.file_missing_severity),
                );
            }
        }
    }
}

impl Annex {
    /// The annex files the report names that are there beside it.
    pub fn files_beside(&self, doc: &crate::model::Document) -> Vec<std::path::PathBuf> {
        let (Some(file_re), Some(dir)) = (
            &self.file,
            doc.view.source.as_ref().and_then(|p| p.parent()),
        ) else {
            return Vec::new();
        };
        named_files(doc, file_re)
            .into_iter()
            .filter_map(|(_, name)| doc.view.file_beside(&name).flatten().map(|n| dir.join(n)))
            .collect()
    }
}

/// File names the text gives for its annex, where each stands.
fn named_files(doc: &crate::model::Document, file_re: &Re) -> Vec<(Span, String)> {
    let mut found = Vec::new();
    for b in doc
        .blocks
        .iter()
        .filter(|b| !matches!(b.kind, BlockKind::Chrome))
    {
        // Names are matched on the original text: they are file names, not words.
        let text = doc.slice(b.span);
        for caps in file_re.captures_iter(text) {
            if let Some(name) = caps.name("name") {
                let span = Span::new(b.span.start + name.start, b.span.start + name.end);
                found.push((span, name.text.to_string()));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use crate::rules::{check_document, RuleSet};
    use crate::text::TextView;

    /// The findings about a named annex file, for a report read from `report/` whose folder
    /// holds `beside` (None: the folder is not known).
    fn missing(text: &str, beside: Option<&[&str]>) -> Vec<String> {
        let mut view = TextView::new(text, "utf-8");
        view.source = Some("report/r.txt".into());
        view.beside = beside.map(|b| b.iter().map(|s| s.to_string()).collect());
        let doc = crate::template::read_document(&view);
        let rules = RuleSet::builtin().unwrap();
        check_document(&doc, &rules, None)
            .findings
            .into_iter()
            .filter(|f| f.rule == "E08-APPENDIX" && f.span.is_some())
            .map(|f| f.message)
            .collect()
    }

    const REPORT: &str = "某区2016年政府信息公开工作年度报告\n一、主动公开情况\n全年主动公开信息100条。\n附：2016年政府信息公开情况统计表.xlsx\n";

    #[test]
    fn the_named_annex_is_looked_for_among_the_files_the_loader_listed() {
        let named = "2016年政府信息公开情况统计表.xlsx";
        assert_eq!(missing(REPORT, Some(&["r.txt"])).len(), 1);
        assert!(missing(REPORT, Some(&["r.txt"]))[0].contains(named));
        assert!(missing(REPORT, Some(&["r.txt", named])).is_empty());
        // Nothing known of the folder: nothing said.
        assert!(missing(REPORT, None).is_empty());
        let in_subfolder = REPORT.replace("附：", "附：附件/");
        assert!(missing(&in_subfolder, Some(&["r.txt"])).is_empty());
    }
}
