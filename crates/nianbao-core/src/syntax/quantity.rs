//! Figures and dates in prose, read with `grammar/quantity.pest`.

use crate::text::normalize::{cn_digits_value, cn_numeral_value};
use crate::text::Span;
use pest::Parser;
use pest_derive::Parser;

#[derive(Parser)]
#[grammar = "../../../grammar/quantity.pest"]
struct QuantityParser;

#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    pub value: f64,
    /// The measure word (条, 件, 项, 万元 is 元 with value scaled) or "%".
    pub unit: String,
    pub approximate: bool,
    pub span: Span,
    /// Span of the number alone, without prefix, magnitude or unit.
    pub number_span: Span,
    pub decimals: usize,
}

impl Quantity {
    pub fn is_percent(&self) -> bool {
        self.unit == "%"
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Date {
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
    pub span: Span,
    /// The year was written with fewer than four digits (一七年).
    pub short_year: bool,
}

impl Date {
    /// Whether the parts that are present form a real calendar date.
    pub fn is_valid(&self) -> bool {
        if let Some(m) = self.month {
            if !(1..=12).contains(&m) {
                return false;
            }
        }
        if let Some(d) = self.day {
            let max = match (self.year, self.month) {
                (y, Some(m)) => days_in_month(y.unwrap_or(2000), m),
                _ => 31,
            };
            if d == 0 || d > max {
                return false;
            }
        }
        true
    }

    /// Comparable key (year, month, day) when the date is complete and valid.
    pub fn ymd(&self) -> Option<(i32, u32, u32)> {
        match (self.year, self.month, self.day) {
            (Some(y), Some(m), Some(d)) if self.is_valid() && !self.short_year => Some((y, m, d)),
            _ => None,
        }
    }
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Token {
    Quantity(Quantity),
    Date(Date),
}

impl Token {
    fn shifted(mut self, by: usize) -> Token {
        let shift = |s: Span| Span::new(s.start + by, s.end + by);
        match &mut self {
            Token::Quantity(q) => {
                q.span = shift(q.span);
                q.number_span = shift(q.number_span);
            }
            Token::Date(d) => d.span = shift(d.span),
        }
        self
    }

    pub fn span(&self) -> Span {
        match self {
            Token::Quantity(q) => q.span,
            Token::Date(d) => d.span,
        }
    }
}

/// Whether a figure or a date can start with this character.
fn can_start(c: char) -> bool {
    c.is_ascii_digit()
        || ('０'..='９').contains(&c)
        || is_cn_number_char(c)
        || matches!(c, '近' | '约' | '逾' | '超' | '大' | '将' | '于' | '在')
}

/// The length of the character at `i` of a string's bytes and whether a figure or a date can
/// start with it: `can_start`, with most of the text (Han characters) judged from a bitmap
/// without decoding.
fn start_at(b: &[u8], i: usize) -> (usize, bool) {
    match b[i] {
        x @ 0..=0x7F => (1, x.is_ascii_digit()),
        x @ 0xE3..=0xE9 => {
            let cp = (u32::from(x & 0x0F) << 12)
                | (u32::from(b[i + 1] & 0x3F) << 6)
                | u32::from(b[i + 2] & 0x3F);
            let k = (cp - CJK_BASE) as usize;
            (3, CJK_STARTS[k / 64] >> (k % 64) & 1 == 1)
        }
        x => {
            let len = match x {
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
            let c = std::str::from_utf8(&b[i..i + len])
                .ok()
                .and_then(|s| s.chars().next());
            (len, c.is_some_and(can_start))
        }
    }
}

/// Offset of the first character at or after `i` (a character boundary) with which a figure
/// or a date may start, or the end of the text: the scan's inner loop, kept tight because it
/// runs over every character of the report.
fn next_start(b: &[u8], mut i: usize) -> usize {
    // While three bytes are left, a Han character is judged from them without bounds checks.
    while let Some(&[x, b1, b2]) = b.get(i..i + 3) {
        if x < 0x80 {
            if x.is_ascii_digit() {
                return i;
            }
            i += 1;
        } else if x.wrapping_sub(0xE3) < 7 {
            // (x - 0xE3) < 7, so k < 0x7000 and k / 64 indexes the bitmap.
            let k = (usize::from(x - 0xE3) << 12)
                | (usize::from(b1 & 0x3F) << 6)
                | usize::from(b2 & 0x3F);
            if CJK_STARTS[k >> 6] >> (k & 63) & 1 == 1 {
                return i;
            }
            i += 3;
        } else {
            let (len, may_start) = start_at(b, i);
            if may_start {
                return i;
            }
            i += len;
        }
    }
    while i < b.len() {
        let (len, may_start) = start_at(b, i);
        if may_start {
            return i;
        }
        i += len;
    }
    b.len()
}

/// First code point of the three-byte characters led by 0xE3..=0xE9.
const CJK_BASE: u32 = 0x3000;

/// `can_start` over U+3000..U+9FFF as a bitmap.
static CJK_STARTS: [u64; 0x7000 / 64] = {
    let starts = [
        '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '两', '〇', '零',
        '近', '约', '逾', '超', '大', '将', '于', '在',
    ];
    let mut t = [0u64; 0x7000 / 64];
    let mut i = 0;
    while i < starts.len() {
        let k = starts[i] as u32 - CJK_BASE;
        t[(k / 64) as usize] |= 1 << (k % 64);
        i += 1;
    }
    t
};

/// Whether a character may follow the number of a figure or a date: units, date words,
/// magnitudes, approximations, percent signs and date separators. A rough superset of the
/// grammar's; it only decides whether the parser is worth calling.
fn may_follow_number(c: char) -> bool {
    matches!(
        c,
        '人' | '件'
            | '户'
            | '台'
            | '场'
            | '元'
            | '条'
            | '项'
            | '个'
            | '篇'
            | '次'
            | '份'
            | '册'
            | '家'
            | '名'
            | '套'
            | '期'
            | '块'
            | '幅'
            | '批'
            | '类'
            | '部'
            | '所'
            | '处'
            | '起'
            | '宗'
            | '张'
            | '本'
            | '座'
            | '栋'
            | '间'
            | '位'
            | '字'
            | '卷'
            | '余'
            | '多'
            | '左'
            | '万'
            | '亿'
            | '年'
            | '月'
            | '日'
            | '号'
            | '%'
            | '％'
            | '-'
            | '/'
            | '.'
            | '．'
    )
}

fn is_number_char(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c) || matches!(c, ',' | '.' | '．')
}

/// A digit (ASCII or full-width) or a Chinese numeral.
pub fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c) || is_cn_number_char(c)
}

fn is_cn_number_char(c: char) -> bool {
    matches!(
        c,
        '一' | '二'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '千'
            | '两'
            | '〇'
            | '○'
            | '零'
            | 'О'
    )
}

/// Which entry of the grammar is worth calling at a position, judged by a cheap look-ahead
/// past the number: most 一 and 于 in prose start nothing, and most figures are not dates.
fn probe_for(text: &str) -> Option<Rule> {
    let mut chars = text.chars();
    let c = chars.next()?;
    let rest = chars.as_str();
    fn after_number(s: &str, cn: bool) -> &str {
        s.trim_start_matches(|c: char| {
            if cn {
                is_cn_number_char(c)
            } else {
                is_number_char(c)
            }
        })
    }
    // A date needs more after 年 or 月 (2018年3月, 二〇一七年一月), and no date is a number
    // followed directly by 日 or 号 (于55日 is read from 于).
    let classify = |after: &str| {
        let mut cs = after.chars();
        let n = cs.next();
        let then = cs.next();
        match n {
            Some('年' | '月') => then
                .filter(|t| t.is_ascii_digit() || is_cn_number_char(*t))
                .map(|_| Rule::date_at),
            Some('-' | '/') => Some(Rule::date_at),
            Some('日' | '号') => None,
            Some(n) if may_follow_number(n) => Some(Rule::quantity_at),
            _ => None,
        }
    };
    if is_number_char(c) {
        classify(after_number(rest, false))
    } else if is_cn_number_char(c) {
        classify(after_number(rest, true))
    } else if matches!(c, '于' | '在') {
        rest.chars()
            .next()
            .filter(|n| n.is_ascii_digit())
            .map(|_| Rule::date_at)
    } else {
        // An approximation before a number (近百条, 约20件, 超过3万).
        let r = rest.trim_start_matches(['过', '约', '近']);
        r.chars()
            .next()
            .filter(|n| is_number_char(*n) || is_cn_number_char(*n))
            .map(|_| Rule::quantity_at)
    }
}

/// Longest item the grammar can match, in bytes; a try never needs to look further.
const MAX_ITEM_BYTES: usize = 96;

/// The text from `start` as far as an item can reach.
fn window_at(text: &str, start: usize) -> &str {
    let mut end = (start + MAX_ITEM_BYTES).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[start..end]
}

/// Every figure and date in `text`, with spans shifted by `base` into the text view.
pub fn scan_quantities(text: &str, base: usize) -> Vec<Token> {
    let mut out = Vec::new();
    let mut next_free = 0;
    let bytes = text.as_bytes();
    let mut next = 0;
    loop {
        let start = next_start(bytes, next);
        if start >= bytes.len() {
            break;
        }
        next = start + start_at(bytes, start).0;
        if start < next_free {
            continue;
        }
        // A figure that starts inside a longer number or after 第 is not a quantity (第12条).
        let before = text[..start].chars().next_back();
        if before.is_some_and(|p| p.is_ascii_digit() || p == '.' || p == '第' || p == ',') {
            continue;
        }
        let Some(entry) = probe_for(&text[start..]) else {
            continue;
        };
        let window = window_at(text, start);
        let plain = match entry {
            Rule::quantity_at => plain_figure(window).map(|(t, len)| (Some(t), len)),
            _ => None,
        };
        let Some((token, len)) = plain.or_else(|| read(entry, window)) else {
            continue;
        };
        // An item the grammar reads but that is no figure (an unknown numeral) is still skipped.
        next_free = start + len;
        out.extend(token.map(|t| t.shifted(base + start)));
    }
    out
}

/// The item the grammar reads at the start of `window` with `entry` (none if it is no figure
/// or date after all), and its length.
fn read(entry: Rule, window: &str) -> Option<(Option<Token>, usize)> {
    let pair = QuantityParser::parse(entry, window)
        .ok()?
        .next()?
        .into_inner()
        .next()?;
    let len = pair.as_span().end();
    let token = match pair.as_rule() {
        Rule::quantity => lower_quantity(pair, 0).map(Token::Quantity),
        Rule::date => lower_date(pair, 0).map(Token::Date),
        _ => None,
    };
    Some((token, len))
}

/// Units the grammar reads as one character, and whether 次 may follow (人次, 件次).
fn plain_unit(c: char) -> Option<bool> {
    match c {
        '件' | '人' | '场' | '户' | '台' => Some(true),
        '条' | '个' | '项' | '次' | '家' | '篇' | '份' | '期' | '元' | '名' | '套' | '册'
        | '块' | '幅' | '批' | '类' | '部' | '所' | '处' | '起' | '宗' | '张' | '本' | '座'
        | '栋' | '间' | '位' | '字' | '卷' => Some(false),
        _ => None,
    }
}

/// Most figures are ASCII digits and a unit (12件, 154条, 96.5%): read here without a parser
/// call, which costs more than the figure. Anything else (separators, decimals, approximations,
/// magnitudes, full-width digits) is left to the grammar; a test holds the two to the same
/// reading wherever this one answers.
fn plain_figure(window: &str) -> Option<(Token, usize)> {
    let b = window.as_bytes();
    let whole = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let decimals = match b.get(whole) {
        Some(b'.') => b[whole + 1..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count(),
        _ => 0,
    };
    let digits = if decimals > 0 {
        whole + 1 + decimals
    } else {
        whole
    };
    if whole == 0 || digits > 15 {
        return None;
    }
    let rest = &window[digits..];
    let c = rest.chars().next()?;
    let (unit, len) = match c {
        '%' | '％' => ("%", c.len_utf8()),
        _ => {
            let may_take_ci = plain_unit(c)?;
            let mut l = c.len_utf8();
            if may_take_ci && rest[l..].starts_with('次') {
                l += '次'.len_utf8();
            }
            (&rest[..l], l)
        }
    };
    let end = digits + len;
    let q = Quantity {
        value: window[..digits].parse().ok()?,
        unit: unit.to_string(),
        approximate: false,
        span: Span::new(0, end),
        number_span: Span::new(0, digits),
        decimals,
    };
    Some((Token::Quantity(q), end))
}

fn span_of(p: &pest::iterators::Pair<Rule>, base: usize) -> Span {
    Span::new(p.as_span().start() + base, p.as_span().end() + base)
}

fn lower_quantity(pair: pest::iterators::Pair<Rule>, base: usize) -> Option<Quantity> {
    let span = span_of(&pair, base);
    let mut value = 0.0;
    let mut number_span = span;
    let mut decimals = 0;
    let mut approximate = false;
    let mut scale = 1.0;
    let mut unit = String::new();
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::number => {
                number_span = span_of(&p, base);
                let inner = p.into_inner().next()?;
                match inner.as_rule() {
                    Rule::arabic => {
                        let s: String = inner
                            .as_str()
                            .chars()
                            .filter(|c| *c != ',')
                            .map(crate::text::normalize::fold_char)
                            .collect();
                        decimals = s.split_once('.').map(|(_, d)| d.len()).unwrap_or(0);
                        value = s.parse().ok()?;
                    }
                    _ => value = cn_numeral_value(inner.as_str())? as f64,
                }
            }
            Rule::approx_pre | Rule::approx_post => approximate = true,
            Rule::magnitude => scale = if p.as_str() == "万" { 1e4 } else { 1e8 },
            Rule::percent => unit = "%".into(),
            Rule::unit => unit = p.as_str().trim_start_matches('余').to_string(),
            _ => {}
        }
    }
    if unit.starts_with('余') || unit.is_empty() {
        return None;
    }
    Some(Quantity {
        value: value * scale,
        unit,
        approximate,
        span,
        number_span,
        decimals,
    })
}

fn lower_date(pair: pest::iterators::Pair<Rule>, base: usize) -> Option<Date> {
    let span = span_of(&pair, base);
    let inner = pair.into_inner().next()?;
    let kind = inner.as_rule();
    let mut d = Date {
        year: None,
        month: None,
        day: None,
        span,
        short_year: false,
    };
    let mut small = Vec::new();
    for p in inner.into_inner() {
        match p.as_rule() {
            Rule::year4 => d.year = p.as_str().parse().ok(),
            Rule::month => d.month = p.as_str().parse().ok(),
            Rule::day => d.day = p.as_str().parse().ok(),
            Rule::cn_year => {
                let digits = p.as_str().chars().count();
                d.short_year = digits < 4;
                d.year = cn_digits_value(p.as_str()).map(|y| y as i32);
            }
            Rule::cn_small => small.push(cn_numeral_value(p.as_str())?),
            _ => {}
        }
    }
    if kind == Rule::cn_date {
        d.month = small.first().copied();
        d.day = small.get(1).copied();
    }
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quantities(s: &str) -> Vec<(f64, String, bool)> {
        scan_quantities(s, 0)
            .into_iter()
            .filter_map(|t| match t {
                Token::Quantity(q) => Some((q.value, q.unit, q.approximate)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn figures_with_units() {
        assert_eq!(
            quantities("发布1,523条"),
            vec![(1523.0, "条".into(), false)]
        );
        assert_eq!(
            quantities("发放1.5万份"),
            vec![(15000.0, "份".into(), false)]
        );
        assert_eq!(quantities("20余项内容"), vec![(20.0, "项".into(), true)]);
        assert_eq!(quantities("近百条"), vec![(100.0, "条".into(), true)]);
        assert_eq!(quantities("办结率96%"), vec![(96.0, "%".into(), false)]);
        assert_eq!(quantities("增长156.56%"), vec![(156.56, "%".into(), false)]);
        assert_eq!(quantities("全文一千字"), vec![(1000.0, "字".into(), false)]);
        assert_eq!(
            quantities("减免467.2万元"),
            vec![(4672000.0, "元".into(), false)]
        );
    }

    /// The window of every position of `text`.
    fn windows(text: &str) -> impl Iterator<Item = &str> {
        text.char_indices().map(|(i, _)| window_at(text, i))
    }

    /// Every window where `plain_figure` answers, the grammar must read the same figure.
    fn assert_plain_agrees(window: &str) -> bool {
        let Some((token, len)) = plain_figure(window) else {
            return false;
        };
        assert_eq!(
            Some((Some(token), len)),
            read(Rule::quantity_at, window),
            "{window}"
        );
        true
    }

    #[test]
    fn plain_figures_read_as_the_grammar_reads_them() {
        let mut answered = 0;
        let next = "件人场户台条个项次家篇份期元名套册块幅批类部所处起宗张本座栋间位字卷\
                    %％余多左万亿年月日号,.．０5x 的，、";
        for number in [
            "0",
            "7",
            "12",
            "154",
            "1523",
            "2023",
            "000123456789012",
            "96.5",
            "0.25",
            "3.",
        ] {
            for c in next.chars() {
                for after in ["", "次", "余", "多", "万", "1", "。"] {
                    answered += usize::from(assert_plain_agrees(&format!("{number}{c}{after}")));
                }
            }
        }
        assert!(
            answered > crate::corpus_texts::at_least(300, 60),
            "{answered}"
        );
        let mut in_corpus = 0;
        for text in crate::corpus_texts::corpus_texts() {
            for window in windows(&text) {
                in_corpus += usize::from(assert_plain_agrees(window));
            }
        }
        assert!(
            in_corpus > crate::corpus_texts::at_least(500, 60),
            "{in_corpus}"
        );
    }

    /// The probe may skip a position only where the grammar reads nothing.
    #[test]
    fn probe_skips_no_figure_or_date() {
        let mut texts = crate::corpus_texts::corpus_texts();
        texts.push(
            "2018年3月26日、2018-03-28、二〇一七年一月八日、3月17日、于55日、2023年度、12号文"
                .to_string(),
        );
        let mut read_somewhere = 0;
        for text in &texts {
            for window in windows(text) {
                for entry in [Rule::date_at, Rule::quantity_at] {
                    if let Some((Some(_), _)) = read(entry, window) {
                        read_somewhere += 1;
                        if probe_for(window) != Some(entry) {
                            // Only a date that is also read as a figure, or the reverse, may
                            // be probed the other way.
                            let other = if entry == Rule::date_at {
                                Rule::quantity_at
                            } else {
                                Rule::date_at
                            };
                            assert!(
                                probe_for(window) == Some(other)
                                    && matches!(read(other, window), Some((Some(_), _))),
                                "{window}"
                            );
                        }
                    }
                }
            }
        }
        assert!(
            read_somewhere > crate::corpus_texts::at_least(800, 100),
            "{read_somewhere}"
        );
    }

    #[test]
    fn start_bitmap_agrees_with_can_start() {
        for c in (0..0x11_0000).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let s = c.encode_utf8(&mut buf);
            assert_eq!(start_at(s.as_bytes(), 0), (s.len(), can_start(c)), "{c:?}");
        }
    }

    #[test]
    fn next_start_stops_exactly_where_a_figure_can_start() {
        let every_char: String = (0..0x11_0000).filter_map(char::from_u32).collect();
        let mut texts = crate::corpus_texts::corpus_texts();
        texts.push(every_char);
        texts.push("末尾一".to_string());
        for text in &texts {
            let expected: Vec<usize> = text
                .char_indices()
                .filter(|(_, c)| can_start(*c))
                .map(|(i, _)| i)
                .collect();
            let mut found = Vec::new();
            let mut at = next_start(text.as_bytes(), 0);
            while at < text.len() {
                found.push(at);
                at = next_start(text.as_bytes(), at + start_at(text.as_bytes(), at).0);
            }
            assert_eq!(found, expected);
        }
    }

    #[test]
    fn not_quantities() {
        assert!(quantities("第12条规定").is_empty());
        assert!(quantities("一是加强").is_empty());
        assert!(quantities("2017年").is_empty());
        assert!(quantities("12345热线").is_empty());
    }

    #[test]
    fn dates() {
        let t = scan_quantities(
            "2018年3月26日、2018-03-28、二〇一七年一月八日、一七年一月八日、于55日",
            0,
        );
        let ds: Vec<Date> = t
            .into_iter()
            .filter_map(|t| match t {
                Token::Date(d) => Some(d),
                _ => None,
            })
            .collect();
        assert_eq!(ds.len(), 5);
        assert_eq!(ds[0].ymd(), Some((2018, 3, 26)));
        assert_eq!(ds[1].ymd(), Some((2018, 3, 28)));
        assert_eq!(ds[2].ymd(), Some((2017, 1, 8)));
        assert!(ds[3].short_year && ds[3].ymd().is_none());
        assert!(!ds[4].is_valid());
    }
}
