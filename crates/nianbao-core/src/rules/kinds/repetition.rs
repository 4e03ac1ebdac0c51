//! `repetition`: a word or a clause written twice back to back (积极积极; 结果公开246件，结果公开246件).

use super::{is_clause_end, Check, Ctx};
use crate::rules::finding::Hit;
use crate::text::Span;
use serde::Deserialize;

/// The `{names}` its findings fill in, and the variants they report (`messages:` keys).
pub const VARS: &[&str] = &["match", "word"];
pub const VARIANTS: &[&str] = &["clause", "word", "phrase"];

#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Repetition {
    /// Shortest and longest repeated word, in Chinese characters.
    pub word_chars: [usize; 2],
    /// Shortest clause (in characters) whose repetition is reported.
    pub clause_chars: usize,
    /// Reduplications that are normal Chinese, written whole (研究研究) or as the word repeated.
    #[serde(default)]
    pub allowed: Vec<String>,
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

impl Check for Repetition {
    fn run(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let doc = ctx.doc;
        // Buffers shared by all paragraphs.
        let mut clauses: Vec<(usize, usize)> = Vec::new();
        let mut may_repeat: Vec<u8> = Vec::new();
        let mut ends: Vec<usize> = Vec::new();
        for b in doc.prose_blocks() {
            let text = doc.shadow_slice(b.span);
            clauses.clear();
            let mut clause_start = 0;
            // Clause ends start with 0xE3 or 0xEF (，。、；：！？) or are ASCII (, ; : ! ?);
            // each of these bytes starts a character.
            let bytes = text.as_bytes();
            ends.clear();
            ends.extend(memchr::memchr3_iter(0xE3, 0xEF, b',', bytes));
            ends.extend(memchr::memchr3_iter(b';', b':', b'!', bytes));
            ends.extend(memchr::memchr_iter(b'?', bytes));
            ends.sort_unstable();
            for &i in &ends {
                let c = text[i..].chars().next().unwrap_or_default();
                if is_clause_end(c) || c == '、' {
                    clauses.push((clause_start, i));
                    clause_start = i + c.len_utf8();
                }
            }
            clauses.push((clause_start, text.len()));
            let reported_until = self.repeated_words(doc, b.span, text, &mut may_repeat, out);
            // Clauses: two consecutive clauses with the same text.
            for w in clauses.windows(2) {
                let (a, b2) = (&text[w[0].0..w[0].1], &text[w[1].0..w[1].1]);
                // The second clause may repeat the whole first one or its tail
                // (建议提案结果公开246件，结果公开246件).
                if b2.len() < self.clause_chars || !a.ends_with(b2) {
                    continue;
                }
                let n = b2.chars().count();
                let repeats =
                    (a == b2 && n >= self.clause_chars) || (n >= self.clause_chars + 2 && a != b2);
                if repeats && w[0].0 >= reported_until {
                    let span = Span::new(b.span.start + w[0].0, b.span.start + w[1].1);
                    out.push(Hit::at(span).variant("clause").var(
                        "match",
                        doc.slice(Span::new(b.span.start + w[1].0, b.span.start + w[1].1)),
                    ));
                }
            }
        }
    }
}

/// Repeated runs this long and longer are phrases, not words.
const PHRASE_CHARS: usize = 5;

/// UTF-8 length of every character `is_han` accepts.
const HAN_BYTES: usize = 3;

impl Repetition {
    /// Words: a run of Han characters immediately repeated (积极积极). Returns the byte offset
    /// in the block up to which repeats were reported.
    fn repeated_words(
        &self,
        doc: &crate::model::Document,
        block: Span,
        text: &str,
        may_repeat: &mut Vec<u8>,
        out: &mut Vec<Hit>,
    ) -> usize {
        let b = text.as_bytes();
        let [shortest, longest] = self.word_chars;
        // Han characters are three bytes each, so a word of n repeated is 3n bytes repeated,
        // and its first character recurs 3n bytes on. Those places are marked in one tight
        // pass per length; the full test runs only there (rarely).
        may_repeat.clear();
        may_repeat.resize(b.len(), 0);
        for n in shortest.max(1)..=longest {
            let d = HAN_BYTES * n;
            let Some(m) = b.len().checked_sub(d + 2) else {
                continue;
            };
            let (x0, x1, x2) = (&b[..m], &b[1..m + 1], &b[2..m + 2]);
            let (y0, y1, y2) = (&b[d..d + m], &b[d + 1..d + 1 + m], &b[d + 2..d + 2 + m]);
            for (k, mark) in may_repeat[..m].iter_mut().enumerate() {
                *mark |= u8::from((x0[k] == y0[k]) & (x1[k] == y1[k]) & (x2[k] == y2[k]));
            }
        }
        let mut reported_until = 0;
        let mut from = 0;
        while let Some(k) = memchr::memchr(1, &may_repeat[from..]) {
            let at = from + k;
            from = at + 1;
            if at < reported_until || !text.is_char_boundary(at) {
                continue;
            }
            let Some(n) = self.repeated_word_at(text, at) else {
                continue;
            };
            let span = Span::new(block.start + at, block.start + at + 2 * HAN_BYTES * n);
            // Five characters and more make a phrase (召开专题新闻发布会召开专题新闻发布会).
            out.push(
                Hit::at(span)
                    .variant(if n >= PHRASE_CHARS { "phrase" } else { "word" })
                    .var("match", doc.slice(span))
                    .var("word", &text[at..at + HAN_BYTES * n]),
            );
            reported_until = span.end - block.start;
        }
        reported_until
    }

    /// The longest word of Han characters at `at` that is immediately repeated, in characters.
    fn repeated_word_at(&self, text: &str, at: usize) -> Option<usize> {
        let b = text.as_bytes();
        let first = text[at..].chars().next().filter(|c| is_han(*c))?;
        let [shortest, longest] = self.word_chars;
        (shortest.max(1)..=longest).rev().find(|&n| {
            let len = HAN_BYTES * n;
            if at + 2 * len > b.len() || b[at..at + len] != b[at + len..at + 2 * len] {
                return false;
            }
            // Equal bytes after a character boundary are whole characters only if the run ends
            // on one (a two- or four-byte character may sit in between).
            let Some(word) = text.get(at..at + len) else {
                return false;
            };
            // Reduplicated single characters (天天, 常常) are not this.
            word.chars().all(is_han)
                && word.chars().any(|x| x != first)
                && !self
                    .allowed
                    .iter()
                    .any(|w| w == word || *w == text[at..at + 2 * len])
        })
    }
}
