//! What a report brings to a comparison with other reports: who issued it for which year, its
//! table figures and its sentences, each with its place in the file. It is made while the
//! report is checked (the document is gone by the time reports are compared) and is small
//! enough to keep for every report of a province's batch.

use crate::model::{BlockKind, CellValue, Document, Era, Profile};
use crate::template::map::Tables;
use crate::text::{Span, TextView};
use serde::{Deserialize, Serialize};
use std::hash::{Hash, Hasher};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Digest {
    pub issuer: Option<String>,
    pub year: Option<i32>,
    pub era: Option<Era>,
    /// The figures of the statistical tables (numbers only).
    pub cells: Vec<Cell>,
    /// The top-level sections, in order.
    pub sections: Vec<Section>,
    /// The sentences of the prose (no table lines, chrome or headings).
    pub sentences: Vec<Sentence>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Cell {
    pub table: String,
    pub row: String,
    pub col: String,
    pub value: f64,
    pub place: Place,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Section {
    pub number: u32,
    pub title: String,
    pub place: Place,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Sentence {
    /// Index into `sections` of the section it stands in.
    pub section: Option<usize>,
    pub text: String,
    /// A hash of the sentence with figures, years and punctuation taken out: two sentences
    /// that differ only in their numbers have the same key.
    pub key: u64,
    /// Characters that count (the masked length): a short sentence weighs less.
    pub weight: usize,
    pub place: Place,
}

/// Where something is in the file: the span in the file's text, its line and column, and for
/// formats other than text where that is in the original (第3页).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Place {
    pub span: Span,
    pub line_col: (usize, usize),
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
}

/// Sentences shorter than this (masked) are headings, list stubs or formulae: not evidence
/// of copying.
const MIN_SENTENCE: usize = 8;

impl Digest {
    pub fn of(
        view: &TextView,
        doc: &Document,
        profile: &Profile,
        tables: Option<&Tables>,
    ) -> Digest {
        let mapped;
        let tables = match tables {
            Some(t) => t,
            None => {
                mapped = crate::template::map::map_tables(doc, profile.era);
                &mapped
            }
        };
        let mut spans: Vec<Span> = Vec::new();
        let mut cells = Vec::new();
        for m in [&tables.t2, &tables.t3, &tables.t4].into_iter().flatten() {
            for (row, col, cell) in m.cells.iter() {
                if let CellValue::Number(v) = cell.value {
                    cells.push((m.spec.id.clone(), row, col, v));
                    spans.push(cell.span);
                }
            }
        }
        let tops: Vec<_> = doc.top_level().collect();
        let section_ranges: Vec<(usize, usize)> = tops
            .iter()
            .map(|h| (doc.blocks[h.block].span.start, h.section_end))
            .collect();
        for h in &tops {
            spans.push(doc.blocks[h.block].span);
        }
        let place = profile
            .organ_name
            .as_deref()
            .and_then(super::issuer::own_place);
        let mut sentences = Vec::new();
        for b in doc.blocks.iter() {
            if !matches!(b.kind, BlockKind::Paragraph) || doc.in_chrome(b.span.start) {
                continue;
            }
            let section = section_ranges
                .iter()
                .rposition(|&(s, e)| s <= b.span.start && b.span.start < e);
            for s in split_sentences(doc.text(), b.span) {
                let (key, weight) =
                    masked_key(&without_place(doc.shadow_slice(s), place.as_deref()));
                if weight >= MIN_SENTENCE {
                    sentences.push((section, s, key, weight));
                    spans.push(s);
                }
            }
        }
        let places = places(view, &spans);
        let mut places = places.into_iter();
        let mut next = || places.next().expect("one place per span");
        let cells = cells
            .into_iter()
            .map(|(table, row, col, value)| Cell {
                table,
                row: row.to_string(),
                col: col.to_string(),
                value,
                place: next(),
            })
            .collect();
        let sections = tops
            .iter()
            .map(|h| Section {
                number: h.number,
                title: doc.slice(h.title).trim().to_string(),
                place: next(),
            })
            .collect();
        let sentences = sentences
            .into_iter()
            .map(|(section, s, key, weight)| Sentence {
                section,
                text: doc.slice(s).to_string(),
                key,
                weight,
                place: next(),
            })
            .collect();
        Digest {
            issuer: profile.organ_name.clone(),
            year: profile.year,
            era: Some(profile.era),
            cells,
            sections,
            sentences,
        }
    }

    pub fn cell(&self, table: &str, row: &str, col: &str) -> Option<&Cell> {
        self.cells
            .iter()
            .find(|c| c.table == table && c.row == row && c.col == col)
    }

    /// The masked length of all sentences: what a repeat rate is a share of.
    pub fn weight(&self) -> usize {
        self.sentences.iter().map(|s| s.weight).sum()
    }
}

/// The sentence with the issuer's own place name taken out: another unit's copy of it names
/// its own place there.
fn without_place<'s>(s: &'s str, place: Option<&str>) -> std::borrow::Cow<'s, str> {
    match place {
        Some(p) if s.contains(p) => s.replace(p, "").into(),
        _ => s.into(),
    }
}

fn places(view: &TextView, spans: &[Span]) -> Vec<Place> {
    let starts: Vec<usize> = spans.iter().map(|s| s.start).collect();
    view.line_cols(&starts)
        .into_iter()
        .zip(spans)
        .map(|(line_col, &s)| Place {
            span: view.span_to_source(s),
            line_col,
            origin: view.origin(s.start).map(str::to_string),
        })
        .collect()
}

/// The sentences of a paragraph: up to and with each 。！？；, white space trimmed.
pub fn split_sentences(text: &str, within: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let para = &text[within.start..within.end];
    let mut start = 0;
    for (i, c) in para.char_indices() {
        if matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';') {
            push_trimmed(&mut out, para, start, i + c.len_utf8(), within.start);
            start = i + c.len_utf8();
        }
    }
    push_trimmed(&mut out, para, start, para.len(), within.start);
    out
}

fn push_trimmed(out: &mut Vec<Span>, para: &str, start: usize, end: usize, base: usize) {
    let piece = &para[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(Span::new(base + start + lead, base + end - trail));
    }
}

/// The sentence without what changes from year to year or between units' copies of one
/// text: figures (Arabic and Chinese), white space and punctuation. Returns its hash and
/// how many characters were kept.
pub fn masked_key(s: &str) -> (u64, usize) {
    let mut h = rustc_hash::FxHasher::default();
    let mut kept = 0;
    let mut in_number = false;
    for c in s.chars() {
        if is_figure(c) {
            if !in_number {
                '#'.hash(&mut h);
                in_number = true;
            }
            continue;
        }
        in_number = false;
        if c.is_alphanumeric() {
            c.hash(&mut h);
            kept += 1;
        }
    }
    (h.finish(), kept)
}

/// A character of a figure as the quantity grammar reads them (digits, Chinese numerals),
/// or of the units and separators written inside one (万, 亿, %, the decimal point).
fn is_figure(c: char) -> bool {
    crate::syntax::quantity::is_numeral(c) || matches!(c, '万' | '亿' | '%' | '％' | '.' | '．')
}

/// A digest of the given sentences, for the tests of what is built on digests.
#[cfg(test)]
pub(crate) fn of_sentences(issuer: Option<&str>, year: Option<i32>, sentences: &[&str]) -> Digest {
    Digest {
        issuer: issuer.map(str::to_string),
        year,
        sentences: sentences
            .iter()
            .map(|t| {
                let (key, weight) = masked_key(t);
                Sentence {
                    section: None,
                    text: t.to_string(),
                    key,
                    weight,
                    place: Place {
                        span: Span::new(0, 0),
                        line_col: (1, 1),
                        origin: None,
                    },
                }
            })
            .collect(),
        ..Digest::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_that_differ_only_in_figures_share_a_key() {
        let a = masked_key("2023年，全区共受理政府信息公开申请17件。");
        let b = masked_key("2024年，全区共受理政府信息公开申请 95 件。");
        let c = masked_key("2024年，全区共办结政府信息公开申请95件。");
        assert_eq!(a, b);
        assert_ne!(a.0, c.0);
        // Chinese numerals are figures too, and a run of them is one.
        assert_eq!(masked_key("二〇二三年受理17件"), masked_key("2024年受理5件"));
        assert_ne!(masked_key("二〇二三年受理17件").0, masked_key("2024年办结5件").0);
    }

    #[test]
    fn a_paragraph_is_cut_after_each_sentence_end() {
        let text = "  一是加强领导。二是完善制度；三是 ";
        let spans = split_sentences(text, Span::new(0, text.len()));
        let got: Vec<&str> = spans.iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(got, vec!["一是加强领导。", "二是完善制度；", "三是"]);
    }

    #[test]
    fn a_report_digest_holds_its_issuer_year_cells_and_sentences() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../examples/clean-2023.txt"
        ))
        .unwrap();
        let view = TextView::from_text(&text);
        let doc = crate::template::read_document(&view);
        let profile = crate::model::profile::detect(&doc, None);
        let d = Digest::of(&view, &doc, &profile, None);
        assert_eq!(d.year, Some(2023));
        assert!(d.issuer.is_some());
        assert!(d.cell("t3", "new", "T").is_some());
        assert!(d.sections.len() >= 6);
        assert!(d.sentences.iter().all(|s| s.weight >= MIN_SENTENCE));
        let s = &d.sentences[0];
        assert_eq!(&text[s.place.span.start..s.place.span.end], s.text);
    }
}
