use crate::syntax::Token;
use crate::text::{Span, TextView};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MarkerStyle {
    /// 一、
    CnDun,
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
            MarkerStyle::CnDun => 0,
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
            MarkerStyle::ParenCn => vec![format!("（{cn}）"), format!("({cn})")],
            MarkerStyle::ArabicDot => vec![format!("{n}."), format!("{n}、"), format!("{n}．")],
            MarkerStyle::ParenArabic => vec![format!("（{n}）"), format!("({n})")],
            MarkerStyle::HalfParen => vec![format!("{n})"), format!("{n}）")],
            MarkerStyle::Circled => vec![self.render(n)],
        }
    }
}

pub fn cn_number(n: u32) -> String {
    const D: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_string(),
        10 => "十".into(),
        11..=19 => format!("十{}", D[(n % 10) as usize]),
        20..=99 if n.is_multiple_of(10) => format!("{}十", D[(n / 10) as usize]),
        20..=99 => format!("{}十{}", D[(n / 10) as usize], D[(n % 10) as usize]),
        _ => n.to_string(),
    }
}

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
    Metadata { key: String, value: Span },
    Chrome,
    Heading(usize),
    Paragraph,
    TableRow { cells: Vec<Span> },
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
    /// Runs of consecutive table rows.
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
        self.blocks.iter().any(|b| {
            matches!(b.kind, BlockKind::Chrome)
                && b.span.start <= offset
                && offset < b.span.end.max(b.span.start + 1)
        })
    }

    /// The content blocks of the report (no chrome, metadata or table rows).
    pub fn prose_blocks(&self) -> impl Iterator<Item = &Block> {
        self.blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::Heading(_)))
    }

    pub fn tokens_in(&self, span: Span) -> impl Iterator<Item = &Token> {
        let start = self.tokens.partition_point(|t| t.span().start < span.start);
        self.tokens[start..]
            .iter()
            .take_while(move |t| t.span().end <= span.end)
    }
}
