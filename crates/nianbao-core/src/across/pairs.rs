//! Which reports go together: a report and last year's report of its issuer, and the reports
//! of different units that share enough text to be looked at as 雷同. Neither compares every
//! report with every other: the first looks up issuers by key, the second counts shared
//! sentences through an index of sentence keys, so a batch's cost grows with its size.

use super::digest::Digest;
use super::issuer;
use rustc_hash::{FxHashMap, FxHashSet};

/// For each report of `current`, the report of `previous` by the same issuer one year
/// earlier, as (previous, current) indexes into `digests`.
pub fn previous_years(
    digests: &[Option<&Digest>],
    previous: &[usize],
    current: &[usize],
) -> Vec<(usize, usize)> {
    let mut by_key: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for &p in previous {
        if let Some(name) = digests[p].and_then(|d| d.issuer.as_deref()) {
            by_key.entry(issuer::key(name)).or_default().push(p);
        }
    }
    let mut pairs = Vec::new();
    for &c in current {
        let Some(d) = digests[c] else { continue };
        let (Some(name), Some(year)) = (d.issuer.as_deref(), d.year) else {
            continue;
        };
        let found = by_key.get(&issuer::key(name)).and_then(|list| {
            list.iter().copied().find(|&p| {
                p != c
                    && digests[p].is_some_and(|pd| {
                        pd.year == Some(year - 1)
                            && pd.issuer.as_deref().is_some_and(|n| issuer::same(n, name))
                    })
            })
        });
        if let Some(p) = found {
            pairs.push((p, c));
        }
    }
    pairs
}

/// Sentence keys found in so many of the batch's reports that sharing them says nothing of
/// copying (the template's sentences, a province's set phrases).
pub fn common_keys(digests: &[Option<&Digest>]) -> FxHashSet<u64> {
    let n = digests.iter().flatten().count();
    let cutoff = (n / 20).clamp(5, 50);
    let mut df: FxHashMap<u64, usize> = FxHashMap::default();
    for d in digests.iter().flatten() {
        let mine: FxHashSet<u64> = d.sentences.iter().map(|s| s.key).collect();
        for k in mine {
            *df.entry(k).or_default() += 1;
        }
    }
    df.into_iter()
        .filter(|&(_, n)| n >= cutoff)
        .map(|(k, _)| k)
        .collect()
}

/// Pairs of reports of different issuers, of one year, that share at least `min_chars`
/// (masked) characters of sentences not in `common`.
pub fn peers(
    digests: &[Option<&Digest>],
    common: &FxHashSet<u64>,
    min_chars: usize,
) -> Vec<(usize, usize)> {
    let mut index: FxHashMap<u64, Vec<(usize, usize)>> = FxHashMap::default();
    for (i, d) in digests.iter().enumerate() {
        let Some(d) = d else { continue };
        let mut seen = FxHashSet::default();
        for s in &d.sentences {
            if !common.contains(&s.key) && seen.insert(s.key) {
                index.entry(s.key).or_default().push((i, s.weight));
            }
        }
    }
    let mut shared: FxHashMap<(usize, usize), usize> = FxHashMap::default();
    for list in index.values().filter(|l| l.len() > 1) {
        for (n, &(a, w)) in list.iter().enumerate() {
            for &(b, _) in &list[n + 1..] {
                *shared.entry((a, b)).or_default() += w;
            }
        }
    }
    let mut out: Vec<(usize, usize)> = shared
        .into_iter()
        .filter(|&(_, w)| w >= min_chars)
        .map(|(p, _)| p)
        .filter(|&(a, b)| {
            let (Some(x), Some(y)) = (digests[a], digests[b]) else {
                return false;
            };
            let same_year = x.year.is_none() || y.year.is_none() || x.year == y.year;
            let same_issuer = match (x.issuer.as_deref(), y.issuer.as_deref()) {
                (Some(m), Some(n)) => issuer::same(m, n),
                _ => false,
            };
            same_year && !same_issuer
        })
        .collect();
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::across::digest::masked_key;

    fn digest(issuer: &str, year: i32, sentences: &[&str]) -> Digest {
        crate::across::digest::of_sentences(Some(issuer), Some(year), sentences)
    }

    #[test]
    fn each_report_finds_last_years_report_of_its_issuer() {
        let d = [
            digest("淮安市洪泽区人民政府", 2024, &[]),
            digest("洪泽区人民政府", 2023, &[]),
            digest("洪泽县人民政府", 2023, &[]),
            digest("淮安市人民政府", 2023, &[]),
            digest("淮安市人民政府", 2021, &[]),
        ];
        let refs: Vec<Option<&Digest>> = d.iter().map(Some).collect();
        let all: Vec<usize> = (0..d.len()).collect();
        assert_eq!(previous_years(&refs, &all, &all), vec![(1, 0)]);
    }

    #[test]
    fn peers_share_text_beyond_what_everyone_writes() {
        let shared = "围绕乡村振兴主题公开惠农补贴发放信息并在各村设立公开栏接受群众监督。";
        let template = "本报告根据政府信息公开条例和年度报告格式要求编制。";
        let own = |n: &str| format!("{n}依托政务服务中心设立受理窗口规范答复流程和文书格式。");
        let d = [
            digest("甲县人民政府", 2023, &[template, shared, &own("甲")]),
            digest("乙县人民政府", 2023, &[template, shared, &own("乙")]),
            digest("丙县人民政府", 2023, &[template, &own("丙")]),
            digest("丁县人民政府", 2022, &[template, shared]),
            digest("戊县人民政府", 2023, &[template]),
            digest("己县人民政府", 2023, &[template]),
        ];
        let refs: Vec<Option<&Digest>> = d.iter().map(Some).collect();
        let common = common_keys(&refs);
        assert!(common.contains(&masked_key(template).0));
        // Another year's report is not a peer, whatever it shares.
        assert_eq!(peers(&refs, &common, 20), vec![(0, 1)]);
    }
}
