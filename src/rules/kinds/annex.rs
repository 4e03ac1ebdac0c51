//! `annex`: the report attaches or names its statistical table, or contains the tables; when
//! it names the annex file and was read from disk, the file is looked for beside it.

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
            if !dir.join(&name).exists() {
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
            .map(|(_, name)| dir.join(name))
            .filter(|p| p.is_file())
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
