use crate::syntax::Token;
use crate::text::{Span, TextView};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MarkerStyle {
    /// 一、
    CnDun,
    /// 第一部分
    CnPart,
    /// （一）
    ParenCn,
    /// 1. 1、 1．
    ArabicDot,
    /// （1）
    ParenArabic,
    /// 1)
    HalfParen,
    /// ①
    Circled,
}

impl MarkerStyle {
    /// Position in the conventional hierarchy of Chinese official documents.
    pub fn rank(self) -> usize {
        match self {
            MarkerStyle::CnDun | MarkerStyle::CnPart => 0,
            MarkerStyle::ParenCn => 1,
            MarkerStyle::ArabicDot => 2,
            MarkerStyle::ParenArabic => 3,
            MarkerStyle::HalfParen => 4,
            MarkerStyle::Circled => 5,
        }
    }

    /// How a number is written in this style, for messages.
    pub fn render(self, n: u32) -> String {
        let cn = cn_number(n);
        match self {
            MarkerStyle::CnDun => format!("{cn}、"),
            MarkerStyle::CnPart => format!("第{cn}部分"),
            MarkerStyle::ParenCn => format!("（{cn}）"),
            MarkerStyle::ArabicDot => format!("{n}."),
            MarkerStyle::ParenArabic => format!("（{n}）"),
            MarkerStyle::HalfParen => format!("{n})"),
            MarkerStyle::Circled => char::from_u32(0x2460 + n.saturating_sub(1))
                .map(String::from)
                .unwrap_or_else(|| n.to_string()),
        }
    }

    /// The written forms of number `n` in this style, for finding a marker in running text.
    pub fn forms(self, n: u32) -> Vec<String> {
        let cn = cn_number(n);
        match self {
            MarkerStyle::CnDun => vec![format!("{cn}、")],
            MarkerStyle::CnPart => vec![format!("第{cn}部分")],
            MarkerStyle::ParenCn => vec![format!("（{cn}）"), format!("({cn})")],
            MarkerStyle::ArabicDot => vec![format!("{n}."), format!("{n}、"), format!("{n}．")],
            MarkerStyle::ParenArabic => vec![format!("（{n}）"), format!("({n})")],
            MarkerStyle::HalfParen => vec![format!("{n})"), format!("{n}）")],
            MarkerStyle::Circled => vec![self.render(n)],
        }
    }
}

pub use crate::text::numerals::cn_number;

#[derive(Debug, Clone)]
pub struct Heading {
    pub style: MarkerStyle,
    pub number: u32,
    pub marker: Span,
    /// The heading text: after the marker, up to the first 。 or the end of the line.
    pub title: Span,
    /// Text that runs on after the heading on the same line (（三）开展……。正文).
    pub run_in: Option<Span>,
    /// Depth in the heading tree, 0 for the top level.
    pub level: usize,
    /// Index of the enclosing heading in `Document::headings`, if any.
    pub parent: Option<usize>,
    /// End of the section this heading opens.
    pub section_end: usize,
    pub block: usize,
}

#[derive(Debug, Clone)]
pub enum BlockKind {
    Title,
    Metadata {
        key: String,
        value: Span,
    },
    Chrome,
    Heading(usize),
    Paragraph,
    TableRow {
        cells: Vec<Span>,
    },
    /// A line outside any table row that was read as part of a statistical table: a caption
    /// (第二十条第（一）项), a header fragment, a row label apart from its values, or a label
    /// with its values (行政许可 97). Neither a heading nor prose.
    TableLabel,
}

#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    /// The line without its indentation and trailing white space.
    pub span: Span,
    /// 0-based line number in the text view.
    pub line: usize,
}

pub struct Document<'t> {
    pub view: &'t TextView,
    pub blocks: Vec<Block>,
    pub headings: Vec<Heading>,
    pub title: Option<usize>,
    /// From the end of the title and metadata to the start of trailing page chrome.
    pub body: Span,
    /// Paragraphs between the title and the first top-level heading.
    pub preface: Option<Span>,
    /// Figures and dates in prose (paragraphs and heading lines, not table rows or chrome).
    pub tokens: Vec<Token>,
    /// Runs of consecutive table rows, or (once assembled) the statistical tables put
    /// together from their fragments.
    pub tables: Vec<super::Table>,
}

impl<'t> Document<'t> {
    pub fn text(&self) -> &'t str {
        self.view.text()
    }

    /// Simplified text; matching happens here, spans point into both.
    pub fn shadow(&self) -> &'t str {
        self.view.shadow()
    }

    pub fn shadow_slice(&self, span: Span) -> &'t str {
        &self.view.shadow()[span.start..span.end]
    }

    pub fn slice(&self, span: Span) -> &'t str {
        &self.view.text()[span.start..span.end]
    }

    pub fn title_span(&self) -> Option<Span> {
        self.title.map(|b| self.blocks[b].span)
    }

    pub fn top_level(&self) -> impl Iterator<Item = &Heading> {
        self.headings.iter().filter(|h| h.level == 0)
    }

    pub fn metadata(&self, keys: &[&str]) -> Option<Span> {
        self.blocks.iter().find_map(|b| match &b.kind {
            BlockKind::Metadata { key, value } if keys.contains(&key.as_str()) => Some(*value),
            _ => None,
        })
    }

    /// Whether a byte offset lies in page chrome rather than in the report.
    pub fn in_chrome(&self, offset: usize) -> bool {
        // Blocks are in text order: the one that can hold the offset is found by halving
        // (a scan per call made a report with many dates quadratic).
        let i = self.blocks.partition_point(|b| b.span.start <= offset);
        i.checked_sub(1).is_some_and(|i| {
            let b = &self.blocks[i];
            matches!(b.kind, BlockKind::Chrome) && offset < b.span.end.max(b.span.start + 1)
        })
    }

    /// The content blocks of the report (no chrome, metadata or table rows).
    pub fn prose_blocks(&self) -> impl Iterator<Item = &Block> {
        self.blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::Heading(_)))
    }

    /// Turns the given blocks into table labels: a heading among them is a heading no more,
    /// and the outline is nested again without it; figures in them are no longer prose.
    pub fn absorb_into_tables(&mut self, blocks: &[usize]) {
        if blocks.is_empty() {
            return;
        }
        let mut dropped = vec![false; self.headings.len()];
        for &b in blocks {
            if let BlockKind::Heading(h) = self.blocks[b].kind {
                dropped[h] = true;
            }
            self.blocks[b].kind = BlockKind::TableLabel;
        }
        let mut new_index = Vec::with_capacity(self.headings.len());
        let mut kept = 0;
        for d in &dropped {
            new_index.push(kept);
            kept += usize::from(!d);
        }
        let mut i = 0;
        self.headings.retain(|_| {
            i += 1;
            !dropped[i - 1]
        });
        for b in &mut self.blocks {
            if let BlockKind::Heading(h) = &mut b.kind {
                *h = new_index[*h];
            }
        }
        // Blocks and tokens are both in text order: each token is looked up by halving.
        let mut spans: Vec<Span> = blocks.iter().map(|&b| self.blocks[b].span).collect();
        spans.sort();
        self.tokens.retain(|t| {
            let (start, end) = (t.span().start, t.span().end);
            let i = spans.partition_point(|s| s.start <= start);
            i.checked_sub(1).is_none_or(|i| end > spans[i].end)
        });
        nest_headings(&mut self.headings, &self.blocks, self.body.end);
        self.preface = preface_span(&self.blocks, &self.headings, self.body);
    }

    pub fn tokens_in(&self, span: Span) -> impl Iterator<Item = &Token> {
        let start = self.tokens.partition_point(|t| t.span().start < span.start);
        self.tokens[start..]
            .iter()
            .take_while(move |t| t.span().end <= span.end)
    }
}

/// Nests headings by the conventional rank of their marker style: a style ranked below the
/// one open above it opens a deeper level; the same or a higher rank closes levels.
pub fn nest_headings(headings: &mut [Heading], blocks: &[Block], body_end: usize) {
    let mut stack: Vec<usize> = Vec::new();
    for i in 0..headings.len() {
        let rank = headings[i].style.rank();
        while let Some(&top) = stack.last() {
            if headings[top].style.rank() >= rank {
                stack.pop();
            } else {
                break;
            }
        }
        headings[i].level = stack.len();
        headings[i].parent = stack.last().copied();
        stack.push(i);
    }
    for i in 0..headings.len() {
        let level = headings[i].level;
        let end = headings[i + 1..]
            .iter()
            .find(|h| h.level <= level)
            .map(|h| blocks[h.block].span.start)
            .unwrap_or(body_end);
        headings[i].section_end = end.max(blocks[headings[i].block].span.end);
    }
}

/// Paragraphs between the title and the first top-level heading.
pub fn preface_span(blocks: &[Block], headings: &[Heading], body: Span) -> Option<Span> {
    let first = headings
        .iter()
        .find(|h| h.level == 0)
        .map(|h| blocks[h.block].span.start)
        .unwrap_or(body.end);
    (first > body.start).then(|| Span::new(body.start, first))
}
