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
        // One buffer for all paragraphs.
        let mut chars: Vec<(usize, char)> = Vec::new();
        for b in doc.prose_blocks() {
            let text = doc.shadow_slice(b.span);
            chars.clear();
            chars.extend(text.char_indices());
            let mut reported_until = 0;
            // Words: a run of Han characters immediately repeated.
            let mut i = 0;
            while i < chars.len() {
                if !is_han(chars[i].1) {
                    i += 1;
                    continue;
                }
                let mut found = None;
                for n in (self.word_chars[0]..=self.word_chars[1]).rev() {
                    // Cheap test first: a repeat needs its first character n places on.
                    if i + 2 * n > chars.len() || chars[i].1 != chars[i + n].1 {
                        continue;
                    }
                    let a = &chars[i..i + n];
                    let b2 = &chars[i + n..i + 2 * n];
                    if a.iter().all(|(_, c)| is_han(*c))
                        && a.iter().map(|x| x.1).eq(b2.iter().map(|x| x.1))
                    {
                        let word: String = a.iter().map(|x| x.1).collect();
                        // Reduplicated single characters (天天, 常常) are not this.
                        let uniform = a.iter().all(|x| x.1 == a[0].1);
                        if !uniform && !self.allowed.contains(&word) {
                            found = Some(n);
                            break;
                        }
                    }
                }
                if let Some(n) = found {
                    let start = chars[i].0;
                    let end = chars.get(i + 2 * n).map(|x| x.0).unwrap_or(text.len());
                    let span = Span::new(b.span.start + start, b.span.start + end);
                    let word: String = chars[i..i + n].iter().map(|x| x.1).collect();
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
            // Clauses: two consecutive clauses with the same text.
            let mut clauses: Vec<(usize, usize)> = Vec::new();
            let mut start = 0;
            for (i, c) in text.char_indices() {
                if is_clause_end(c) || c == '、' {
                    clauses.push((start, i));
                    start = i + c.len_utf8();
                }
            }
            clauses.push((start, text.len()));
            for w in clauses.windows(2) {
                let (a, b2) = (&text[w[0].0..w[0].1], &text[w[1].0..w[1].1]);
                // The second clause may repeat the whole first one or its tail
                // (建议提案结果公开246件，结果公开246件).
                let n = b2.chars().count();
                let repeats = (a == b2 && n >= self.clause_chars)
                    || (n >= self.clause_chars + 2 && a.ends_with(b2) && a != b2);
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
