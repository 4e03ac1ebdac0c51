//! Regular expressions from YAML files (rules and template data).
//!
//! Every pattern is compiled with `regex-lite` when its file is read: that takes microseconds,
//! so a one-file run (pre-commit) does not spend its time compiling, and a bad pattern is a
//! rule-file error at once. A pattern that keeps being used (a long text, or many short ones in
//! a batch) is compiled once more with the full `regex` engine, whose search is many times
//! faster, and searched with that from then on. Both engines read `\d`, `\s`, `\w` and `\b`
//! the `regex-lite` way (ASCII), so a rule matches the same whichever engine runs it.

use serde::Deserialize;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// A pattern from a rule file, compiled when the file is read so that a bad pattern is a
/// rule-file error (exit 2).
#[derive(Debug)]
pub struct Re {
    source: String,
    compiled: regex_lite::Regex,
    full: OnceLock<regex::Regex>,
    /// Bytes searched with `regex-lite` so far: past `LITE_BUDGET` the full engine pays off.
    lite_bytes: AtomicUsize,
    /// Set when the pattern is only literal alternatives (本年新收|上年结转, ^总计$): matched
    /// with plain string search.
    literals: Option<Vec<Literal>>,
}

#[derive(Debug, Clone)]
struct Literal {
    text: String,
    /// Searches for `text` anywhere, built once (a `str::contains` sets up a search each call).
    finder: memchr::memmem::Finder<'static>,
    at_start: bool,
    at_end: bool,
}

impl Literal {
    fn is_match(&self, s: &str) -> bool {
        match (self.at_start, self.at_end) {
            (true, true) => s == self.text,
            (true, false) => s.starts_with(&self.text),
            (false, true) => s.ends_with(&self.text),
            (false, false) => self.finder.find(s.as_bytes()).is_some(),
        }
    }
}

/// The alternatives of a pattern made only of literal text, `|` and `^`/`$` anchors; a
/// backslash before punctuation (第\(一\)项) is the punctuation itself.
fn literal_alternatives(pattern: &str) -> Option<Vec<Literal>> {
    pattern
        .split('|')
        .map(|alt| {
            let at_start = alt.starts_with('^');
            let at_end =
                alt.ends_with('$') && !alt.ends_with("\\$") && alt.len() > usize::from(at_start);
            let body = &alt[usize::from(at_start)..alt.len() - usize::from(at_end)];
            let text = unescape_literal(body)?;
            Some(Literal {
                finder: memchr::memmem::Finder::new(text.as_bytes()).into_owned(),
                text,
                at_start,
                at_end,
            })
        })
        .collect()
}

/// The text a regex body matches when it is plain text with escaped punctuation only.
fn unescape_literal(body: &str) -> Option<String> {
    let mut text = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                // \< and \> are word boundaries, not the characters.
                Some(e) if e.is_ascii_punctuation() && !matches!(e, '<' | '>') => text.push(e),
                _ => return None,
            },
            '.' | '+' | '*' | '?' | '(' | ')' | '[' | ']' | '{' | '}' | '^' | '$' | '|' => {
                return None
            }
            _ => text.push(c),
        }
    }
    (!text.is_empty()).then_some(text)
}

/// Up to this many literal alternatives are matched as plain strings.
const FEW_LITERALS: usize = 4;

/// Texts longer than this are searched with the full engine.
const SHORT_TEXT: usize = 256;

/// Bytes a pattern may search with `regex-lite` before it is compiled for the full engine.
/// A `regex-lite` search costs some hundred instructions a byte, so the compile pays for itself
/// after a few kilobytes; a one-report run still compiles hardly any pattern, since most of
/// them search single sentences and cells.
const LITE_BUDGET: usize = 8 * 1024;

/// What one `regex-lite` search costs beyond its bytes, counted as bytes: a label pattern
/// tried on hundreds of short cells is worth compiling as much as one searching long text.
const LITE_CALL_COST: usize = 96;

impl Clone for Re {
    fn clone(&self) -> Self {
        Re {
            source: self.source.clone(),
            compiled: self.compiled.clone(),
            full: self.full.clone(),
            lite_bytes: AtomicUsize::new(self.lite_bytes.load(Ordering::Relaxed)),
            literals: self.literals.clone(),
        }
    }
}

thread_local! {
    /// Set while a user's rule file is read: its patterns are compiled for the full engine too,
    /// so that one over that engine's size limit is a rule-file error, not a failure while a
    /// report is checked. (The built-in patterns are held to it by a test, and are not
    /// compiled twice at start-up.)
    static VALIDATE_FULL: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` with every pattern it reads compiled for the full engine as well.
pub fn validating_full<T>(f: impl FnOnce() -> T) -> T {
    VALIDATE_FULL.with(|v| v.set(true));
    let out = f();
    VALIDATE_FULL.with(|v| v.set(false));
    out
}

impl schemars::JsonSchema for Re {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Regex".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "正则表达式（regex 语法；\\d \\s \\w \\b 只匹配 ASCII）"
        })
    }
}

impl<'de> Deserialize<'de> for Re {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let compiled = regex_lite::Regex::new(&s)
            .map_err(|e| serde::de::Error::custom(format!("正则表达式无效：{e}")))?;
        if VALIDATE_FULL.with(|v| v.get()) {
            regex::Regex::new(&ascii_perl_classes(&s))
                .map_err(|e| serde::de::Error::custom(format!("正则表达式过大或无效：{e}")))?;
        }
        Ok(Re {
            literals: literal_alternatives(&s),
            source: s,
            compiled,
            full: OnceLock::new(),
            lite_bytes: AtomicUsize::new(0),
        })
    }
}

impl Re {
    /// For long texts (a report body, a section).
    pub fn scanner(&self) -> &regex::Regex {
        self.full.get_or_init(|| {
            regex::Regex::new(&self.full_source()).expect("compiled when the rule file was read")
        })
    }

    /// The pattern for the full engine.
    fn full_source(&self) -> String {
        ascii_perl_classes(&self.source)
    }

    /// The full engine when it is compiled or worth compiling for a search of `len` bytes.
    fn full_for(&self, len: usize) -> Option<&regex::Regex> {
        if let Some(full) = self.full.get() {
            return Some(full);
        }
        let cost = len + LITE_CALL_COST;
        let used = self.lite_bytes.fetch_add(cost, Ordering::Relaxed) + cost;
        (len > SHORT_TEXT || used > LITE_BUDGET).then(|| self.scanner())
    }

    pub fn is_match(&self, s: &str) -> bool {
        // A few literals are quickest compared one by one; many (同比|同期|去年|…) are one
        // multi-literal search for the full engine once it is worth compiling.
        match &self.literals {
            Some(lits) if lits.len() <= FEW_LITERALS => {
                return lits.iter().any(|l| l.is_match(s));
            }
            _ => {}
        }
        match (self.full_for(s.len()), &self.literals) {
            (Some(full), _) => full.is_match(s),
            (None, Some(lits)) => lits.iter().any(|l| l.is_match(s)),
            (None, None) => self.compiled.is_match(s),
        }
    }

    /// Every non-overlapping match with its capture groups.
    pub fn captures_iter<'r, 'h>(&'r self, s: &'h str) -> CapturesIter<'r, 'h> {
        match self.full_for(s.len()) {
            Some(full) => CapturesIter::Full(full.captures_iter(s)),
            None => CapturesIter::Lite(self.compiled.captures_iter(s)),
        }
    }

    pub fn source(&self) -> &str {
        &self.source
    }
}

/// Matches of [`Re::captures_iter`], from whichever engine searched.
pub enum CapturesIter<'r, 'h> {
    Lite(regex_lite::CaptureMatches<'r, 'h>),
    Full(regex::CaptureMatches<'r, 'h>),
}

impl<'h> Iterator for CapturesIter<'_, 'h> {
    type Item = Captures<'h>;
    fn next(&mut self) -> Option<Captures<'h>> {
        match self {
            CapturesIter::Lite(it) => it.next().map(Captures::Lite),
            CapturesIter::Full(it) => it.next().map(Captures::Full),
        }
    }
}

pub enum Captures<'h> {
    Lite(regex_lite::Captures<'h>),
    Full(regex::Captures<'h>),
}

/// One matched group: where it is in the searched text and what it says.
#[derive(Debug, Clone, Copy)]
pub struct Group<'h> {
    pub start: usize,
    pub end: usize,
    pub text: &'h str,
}

impl<'h> From<regex_lite::Match<'h>> for Group<'h> {
    fn from(m: regex_lite::Match<'h>) -> Self {
        Group {
            start: m.start(),
            end: m.end(),
            text: m.as_str(),
        }
    }
}

impl<'h> From<regex::Match<'h>> for Group<'h> {
    fn from(m: regex::Match<'h>) -> Self {
        Group {
            start: m.start(),
            end: m.end(),
            text: m.as_str(),
        }
    }
}

impl<'h> Captures<'h> {
    /// The whole match.
    pub fn whole(&self) -> Group<'h> {
        self.get(0).expect("group 0 always matches")
    }

    pub fn get(&self, i: usize) -> Option<Group<'h>> {
        match self {
            Captures::Lite(c) => c.get(i).map(Group::from),
            Captures::Full(c) => c.get(i).map(Group::from),
        }
    }

    pub fn name(&self, name: &str) -> Option<Group<'h>> {
        match self {
            Captures::Lite(c) => c.name(name).map(Group::from),
            Captures::Full(c) => c.name(name).map(Group::from),
        }
    }
}

/// Several alternatives scanned over a whole text. At first they are joined into one regex,
/// so the text is walked once and only one regex is compiled (a one-file run spends more on
/// compiling than on scanning). Once a batch has scanned enough text, the scanners are chosen
/// with more care: the joined regex is kept when the engine has a fast prefilter for it;
/// otherwise an alternative that starts with a literal found by a SIMD search (`<`, `&`,
/// `[email`) is scanned on its own, which costs next to nothing where it does not occur, and
/// only the others are joined.
#[derive(Debug, Default)]
pub struct Alternatives {
    joined: OnceLock<Vec<regex_automata::meta::Regex>>,
    tuned: OnceLock<Vec<regex_automata::meta::Regex>>,
    scanned: AtomicUsize,
}

impl Clone for Alternatives {
    fn clone(&self) -> Self {
        Alternatives::default()
    }
}

/// Bytes scanned before the scanners are tuned.
const TUNE_AFTER: usize = 256 * 1024;

impl Alternatives {
    /// The regexes to scan `len` bytes with; their matches together are the alternatives'.
    pub fn get(&self, parts: &[Re], len: usize) -> &[regex_automata::meta::Regex] {
        if let Some(tuned) = self.tuned.get() {
            return tuned;
        }
        if self.scanned.fetch_add(len, Ordering::Relaxed) + len > TUNE_AFTER {
            return self.tuned.get_or_init(|| tune(parts));
        }
        self.joined
            .get_or_init(|| vec![joined(&sources(parts)).build(None)])
    }
}

fn sources(parts: &[Re]) -> Vec<String> {
    parts.iter().map(Re::full_source).collect()
}

fn joined(sources: &[String]) -> ScanHir {
    let all: Vec<String> = sources.iter().map(|s| format!("(?:{s})")).collect();
    ScanHir::parse(&all.join("|"))
}

fn tune(parts: &[Re]) -> Vec<regex_automata::meta::Regex> {
    let sources = sources(parts);
    let whole = joined(&sources);
    if let Some(pre) = whole.fast_prefilter() {
        return vec![whole.build(Some(pre))];
    }
    // Alternatives with a fast prefilter are scanned alone with it. The others are scanned
    // together when each has literal prefixes (0XX-…); when some have none, a joined scan
    // would take a DFA step at every byte, so those with prefixes go alone and only those
    // without share a scan (mojibake: 0.92 M instructions per 96 KB of reports joined,
    // 0.56 M so).
    let mut scanners = Vec::new();
    let mut slow: Vec<(String, ScanHir, bool)> = Vec::new();
    for source in sources {
        let one = ScanHir::parse(&source);
        match one.prefilter() {
            Some(pre) if pre.is_fast() => scanners.push(one.build(Some(pre))),
            pre => slow.push((source, one, pre.is_some())),
        }
    }
    let mut rest: Vec<String> = Vec::new();
    if slow.iter().all(|(_, _, prefixed)| *prefixed) {
        rest.extend(slow.into_iter().map(|(source, _, _)| source));
    } else {
        for (source, one, prefixed) in slow {
            if prefixed {
                scanners.push(one.build(None));
            } else {
                rest.push(source);
            }
        }
    }
    if !rest.is_empty() {
        scanners.push(joined(&rest).build(None));
    }
    scanners
}

/// A pattern parsed for the full engine, before it is compiled.
struct ScanHir(regex_syntax::hir::Hir);

impl ScanHir {
    fn parse(pattern: &str) -> ScanHir {
        ScanHir(
            regex_syntax::ParserBuilder::new()
                .build()
                .parse(pattern)
                .expect("each alternative compiled when the rule file was read"),
        )
    }

    /// The prefilter its literal prefixes give, if it has any.
    fn prefilter(&self) -> Option<regex_automata::util::prefilter::Prefilter> {
        use regex_automata::util::prefilter::Prefilter;
        Prefilter::from_hir_prefix(regex_automata::MatchKind::LeftmostFirst, &self.0)
    }

    /// The prefilter its literal prefixes give, if it is a fast one (a SIMD search).
    fn fast_prefilter(&self) -> Option<regex_automata::util::prefilter::Prefilter> {
        self.prefilter().filter(|p| p.is_fast())
    }

    /// Compiled with the given prefilter, or the engine's own choice.
    fn build(
        &self,
        pre: Option<regex_automata::util::prefilter::Prefilter>,
    ) -> regex_automata::meta::Regex {
        use regex_automata::meta;
        let config = match pre {
            Some(pre) => meta::Config::new().prefilter(Some(pre)),
            None => meta::Config::new(),
        };
        meta::Builder::new()
            .configure(config)
            .build_from_hir(&self.0)
            .expect("each alternative compiled when the rule file was read")
    }
}

/// Rewrites the Perl classes and word boundaries of a pattern to their ASCII meaning, which
/// is what `regex-lite` gives them; the full engine would read them as Unicode classes.
fn ascii_perl_classes(pattern: &str) -> String {
    const SPACE: &str = r"\t\n\x0B\x0C\r ";
    const WORD: &str = "0-9A-Za-z_";
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut class_depth = 0usize;
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(e) = chars.next() else {
                    out.push(c);
                    break;
                };
                let inside = class_depth > 0;
                match (e, inside) {
                    ('d', false) => out.push_str("[0-9]"),
                    ('D', false) => out.push_str("[^0-9]"),
                    ('s', false) => out.push_str(&format!("[{SPACE}]")),
                    ('S', false) => out.push_str(&format!("[^{SPACE}]")),
                    ('w', false) => out.push_str(&format!("[{WORD}]")),
                    ('W', false) => out.push_str(&format!("[^{WORD}]")),
                    ('b', false) => out.push_str(r"(?-u:\b)"),
                    ('B', false) => out.push_str(r"(?-u:\B)"),
                    ('d', true) => out.push_str("0-9"),
                    ('s', true) => out.push_str(SPACE),
                    ('w', true) => out.push_str(WORD),
                    ('D', true) => out.push_str("[^0-9]"),
                    ('S', true) => out.push_str(&format!("[^{SPACE}]")),
                    ('W', true) => out.push_str(&format!("[^{WORD}]")),
                    _ => {
                        out.push(c);
                        out.push(e);
                    }
                }
            }
            '[' => {
                out.push(c);
                class_depth += 1;
                // A `]` first in a class (after an optional `^`) is a literal.
                if chars.peek() == Some(&'^') {
                    out.push(chars.next().expect("peeked"));
                }
                if chars.peek() == Some(&']') {
                    out.push(chars.next().expect("peeked"));
                }
            }
            ']' if class_depth > 0 => {
                out.push(c);
                class_depth -= 1;
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn re(s: &str) -> Re {
        serde_saphyr::from_str(&format!("'{s}'")).unwrap()
    }

    #[test]
    fn literal_patterns_match_like_regexes() {
        for (p, yes, no) in [
            (
                "本年新收|上年结转",
                "一、本年新收政府信息公开申请数量",
                "二、结转下年度",
            ),
            ("^总计$", "总计", "（七）总计"),
            ("不予公开$", "（三）不予公开", "不予公开情况"),
            ("^规章$", "规章", "规章制度"),
        ] {
            let r = re(p);
            assert!(r.literals.is_some(), "{p}");
            assert!(r.is_match(yes) && r.compiled.is_match(yes), "{p} {yes}");
            assert!(!r.is_match(no) && !r.compiled.is_match(no), "{p} {no}");
        }
        let caption = re("第二十条第\\(一\\)项");
        assert!(caption.literals.is_some());
        assert!(caption.is_match("第二十条第(一)项") && !caption.is_match("第二十条第一项"));
        assert!(re("(三)不予公开").literals.is_none());
        assert!(re("增/?减").literals.is_none());
        assert!(re("\\d+").literals.is_none());
        assert!(re("行政复议|\\d+件").literals.is_none());
    }

    #[test]
    fn both_engines_read_perl_classes_as_ascii() {
        // Full-width digits, an ideographic space, a Greek letter: not \d, \s, \w for lite.
        for (p, hay) in [
            (r"\d+件", "１２件"),
            (r"\s", "\u{3000}"),
            (r"[\s，]", "\u{3000}"),
            (r"\w", "δ"),
        ] {
            let r = re(p);
            assert!(!r.compiled.is_match(hay), "lite {p}");
            assert!(!r.scanner().is_match(hay), "full {p}");
        }
        for (p, hay) in [
            (r"\d+件", "12件"),
            (r"[^/\s]x", "ax"),
            (r"\D", "件"),
            (r"[\D]", "件"),
            (r"[]a]", "]"),
            (r"\bab", "δab"),
            (r"\[email\]", "[email]"),
        ] {
            let r = re(p);
            assert!(r.compiled.is_match(hay), "lite {p}");
            assert!(r.scanner().is_match(hay), "full {p}");
        }
    }

    #[test]
    fn a_pattern_used_often_moves_to_the_full_engine_with_the_same_matches() {
        let r = re(r"(?:受理|收到)申请(?P<n>[0-9]+)件");
        let hay = "全年受理申请12件，收到申请3件。";
        let lite: Vec<_> = r
            .captures_iter(hay)
            .map(|c| c.name("n").unwrap().text)
            .collect();
        while r.full.get().is_none() {
            assert!(r.is_match(hay));
        }
        let full: Vec<_> = r
            .captures_iter(hay)
            .map(|c| c.name("n").unwrap().text)
            .collect();
        assert!(matches!(r.captures_iter(hay), CapturesIter::Full(_)));
        assert_eq!(lite, ["12", "3"]);
        assert_eq!(full, lite);
    }

    #[test]
    fn alternatives_find_every_alternative_however_they_are_scanned() {
        let parts = [
            re("</?[a-zA-Z][a-zA-Z0-9]*>"),
            re("&(?:nbsp|amp);"),
            re("[\\x{3040}-\\x{30FF}]+"),
        ];
        let text = "全年<span>公开</span>信息&nbsp;100条，さ?乱码。";
        fn find<'t>(scanners: &[regex_automata::meta::Regex], text: &'t str) -> Vec<&'t str> {
            let mut found: Vec<&str> = scanners
                .iter()
                .flat_map(|r| r.find_iter(text).map(|m| &text[m.start()..m.end()]))
                .collect();
            found.sort();
            found
        }
        let alts = Alternatives::default();
        let first = alts.get(&parts, text.len());
        assert_eq!(first.len(), 1, "one joined regex at first");
        assert_eq!(find(first, text), ["&nbsp;", "</span>", "<span>", "さ"]);
        let tuned = alts.get(&parts, TUNE_AFTER);
        assert!(
            tuned.len() > 1,
            "literal-led alternatives scanned alone once tuned"
        );
        assert_eq!(find(tuned, text), find(first, text));

        // Alternatives with slow prefixes (several 0X- starts) scanned together, and alone
        // beside one with no prefix at all.
        let text = "电话021-1234，0755-88。锟斤拷ÃÂ？？カナ";
        for parts in [
            vec![re("0[0-9]{2}-[0-9]+"), re("0[0-9]{3}-[0-9]+")],
            vec![
                re("锟斤拷"),
                re("[ÃÂ][\\x{80}-\\x{FF}]+"),
                re("[?？]{2,}"),
                re("[\\x{3040}-\\x{30FF}]+"),
            ],
        ] {
            let alts = Alternatives::default();
            let first = find(alts.get(&parts, text.len()), text).join(" ");
            let tuned = find(alts.get(&parts, TUNE_AFTER), text).join(" ");
            assert!(!first.is_empty());
            assert_eq!(tuned, first);
        }
    }
}
