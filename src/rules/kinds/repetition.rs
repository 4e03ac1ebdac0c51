//! `repetition`: a word or a clause written twice back to back (积极积极; 结果公开246件，结果公开246件).

use super::{is_clause_end, Check, Ctx};
use crate::rules::finding::Hit;
use crate::text::Span;
use serde::Deserialize;

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Params {
    /// Shortest and longest repeated word, in Chinese characters.
    pub word_chars: [usize; 2],
    /// Shortest clause (in characters) whose repetition is reported.
    pub clause_chars: usize,
    /// Reduplications that are normal Chinese (研究研究 is rare in reports, 天天 is a word).
    #[serde(default)]
    pub allowed: Vec<String>,
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

impl Check for Params {
    fn run(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let doc = ctx.doc;
        // Buffers shared by all paragraphs.
        let mut chars: Vec<char> = Vec::new();
        let mut may_repeat: Vec<bool> = Vec::new();
        let mut clauses: Vec<(usize, usize)> = Vec::new();
        for b in doc.prose_blocks() {
            let text = doc.shadow_slice(b.span);
            chars.clear();
            clauses.clear();
            let mut clause_start = 0;
            for (i, c) in text.char_indices() {
                chars.push(c);
                if is_clause_end(c) || c == '、' {
                    clauses.push((clause_start, i));
                    clause_start = i + c.len_utf8();
                }
            }
            clauses.push((clause_start, text.len()));
            let reported_until = self.repeated_words(doc, b.span, &chars, &mut may_repeat, out);
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

impl Params {
    /// Words: a run of Han characters immediately repeated (积极积极). Returns the byte offset
    /// in the block up to which repeats were reported.
    fn repeated_words(
        &self,
        doc: &crate::model::Document,
        block: Span,
        chars: &[char],
        may_repeat: &mut Vec<bool>,
        out: &mut Vec<Hit>,
    ) -> usize {
        let [shortest, longest] = self.word_chars;
        // A repeat of n characters at i needs chars[i] == chars[i + n]: marked in one tight
        // pass per length, so the full test runs only where that holds (rarely).
        may_repeat.clear();
        may_repeat.resize(chars.len(), false);
        for n in shortest.max(1)..=longest {
            for (i, pair) in chars.iter().zip(chars.iter().skip(n)).enumerate() {
                may_repeat[i] |= pair.0 == pair.1;
            }
        }
        // Byte offset of character `i`; only needed where a repeat is found.
        let offset = |i: usize| -> usize { chars[..i].iter().map(|c| c.len_utf8()).sum() };
        let mut reported_until = 0;
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if !may_repeat[i] || !is_han(c) {
                i += 1;
                continue;
            }
            let mut found = None;
            for n in (shortest..=longest).rev() {
                if i + 2 * n > chars.len() || chars[i + n] != c {
                    continue;
                }
                let (a, b2) = (&chars[i..i + n], &chars[i + n..i + 2 * n]);
                // Reduplicated single characters (天天, 常常) are not this.
                if a == b2 && a.iter().all(|c| is_han(*c)) && a.iter().any(|x| *x != c) {
                    let word: String = a.iter().collect();
                    if !self.allowed.contains(&word) {
                        found = Some(n);
                        break;
                    }
                }
            }
            if let Some(n) = found {
                let start = offset(i);
                let end = offset(i + 2 * n);
                let span = Span::new(block.start + start, block.start + end);
                let word: String = chars[i..i + n].iter().collect();
                out.push(
                    Hit::at(span)
                        .variant("word")
                        .var("match", doc.slice(span))
                        .var("word", word),
                );
                reported_until = end;
                i += 2 * n;
            } else {
                i += 1;
            }
        }
        reported_until
    }
}
