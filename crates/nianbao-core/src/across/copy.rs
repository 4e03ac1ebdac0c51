//! How much of a report is last year's text (or another unit's) again: the share of its
//! sentences, by length, whose masked form (figures and years out) the other report has too.
//! Sentences common to the whole batch or written in the template say nothing and are left
//! out of both sides of the share.

use super::digest::{Digest, Sentence};
use rustc_hash::{FxHashMap, FxHashSet};

#[derive(Debug, Clone, Default)]
pub struct Copied {
    /// Masked characters of the sentences looked at, and of those the other report has.
    pub total: usize,
    pub copied: usize,
    /// Runs of consecutive copied sentences: indexes into the current report's sentences,
    /// each with the other report's sentence it repeats.
    pub passages: Vec<Vec<(usize, usize)>>,
}

impl Copied {
    pub fn rate(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.copied as f64 / self.total as f64
        }
    }
}

/// The sentences of `current` that `other` has too, among those `take` accepts (a section,
/// or all) and `common` does not hold.
pub fn copied(
    other: &Digest,
    current: &Digest,
    common: &FxHashSet<u64>,
    take: impl Fn(&Sentence) -> bool,
) -> Copied {
    let mut theirs: FxHashMap<u64, usize> = FxHashMap::default();
    for (i, s) in other.sentences.iter().enumerate() {
        if !common.contains(&s.key) {
            theirs.entry(s.key).or_insert(i);
        }
    }
    let mut out = Copied::default();
    // A run goes on across the sentences it does not look at (common ones, other sections).
    let mut run: Vec<(usize, usize)> = Vec::new();
    for (i, s) in current.sentences.iter().enumerate() {
        if common.contains(&s.key) || !take(s) {
            continue;
        }
        out.total += s.weight;
        match theirs.get(&s.key) {
            Some(&j) => {
                out.copied += s.weight;
                run.push((i, j));
            }
            None if !run.is_empty() => out.passages.push(std::mem::take(&mut run)),
            None => {}
        }
    }
    if !run.is_empty() {
        out.passages.push(run);
    }
    out
}

/// The longest passages first, at most `shown` of them, each as two lines: this report's
/// text and the other's, line numbers given and the differing characters marked.
pub fn render_passages(
    found: &Copied,
    other: &Digest,
    current: &Digest,
    labels: (&str, &str),
    shown: usize,
) -> String {
    let mut passages: Vec<&Vec<(usize, usize)>> = found.passages.iter().collect();
    passages.sort_by_key(|p| {
        std::cmp::Reverse(
            p.iter()
                .map(|&(i, _)| current.sentences[i].weight)
                .sum::<usize>(),
        )
    });
    let mut out = String::new();
    for p in passages.into_iter().take(shown) {
        let mine: String = p
            .iter()
            .map(|&(i, _)| current.sentences[i].text.as_str())
            .collect();
        let theirs: String = p
            .iter()
            .map(|&(_, j)| other.sentences[j].text.as_str())
            .collect();
        let (theirs, mine) = super::diff::mark_changes(&theirs, &mine);
        let line = |d: &Digest, i: usize| d.sentences[i].place.line_col.0;
        out.push_str(&format!(
            "{}第{}行：{}\n{}第{}行：{}\n",
            labels.0,
            line(current, p[0].0),
            clip(&mine),
            labels.1,
            line(other, p[0].1),
            clip(&theirs)
        ));
    }
    let rest = found.passages.len().saturating_sub(shown);
    if rest > 0 {
        out.push_str(&format!("（另有 {rest} 段相同文字未列出）\n"));
    }
    out
}

/// A long passage cut to what a reader takes in at a glance.
fn clip(s: &str) -> String {
    const MAX: usize = 160;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(MAX).collect();
        out.push('…');
        out
    }
}

/// A share as people write it: 63%.
pub fn percent(rate: f64) -> String {
    format!("{:.0}%", rate * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digest(sentences: &[&str]) -> Digest {
        crate::across::digest::of_sentences(None, None, sentences)
    }

    #[test]
    fn the_share_is_by_length_and_passages_are_runs() {
        let last = digest(&[
            "2023年全区共公开政府信息1200条。",
            "全面推进基层政务公开标准化规范化。",
            "加强政策解读工作。",
        ]);
        let this = digest(&[
            "2024年全区共公开政府信息1500条。",
            "全面推进基层政务公开标准化规范化。",
            "新建政府信息公开专栏并完成迁移。",
            "加强政策解读工作。",
        ]);
        let c = copied(&last, &this, &FxHashSet::default(), |_| true);
        assert_eq!(c.passages.len(), 2);
        assert_eq!(c.passages[0], vec![(0, 0), (1, 1)]);
        assert_eq!(c.passages[1], vec![(3, 2)]);
        assert!(c.rate() > 0.6 && c.rate() < 0.9, "{}", c.rate());
        let common: FxHashSet<u64> = [this.sentences[1].key].into_iter().collect();
        let c = copied(&last, &this, &common, |_| true);
        assert!(c.total < this.weight());
    }
}
