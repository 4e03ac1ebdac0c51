//! Baselines: findings a team has accepted, kept in a file so that only new ones are reported.
//! A finding is known by its rule, the file it is in and the words around it (whitespace
//! removed), not by its line: text added above it does not make it new.
//! `--write-baseline FILE` records a run's findings; `--baseline FILE` leaves them out.

use crate::report::{FileReport, Located};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Hash)]
pub struct Entry {
    pub path: String,
    pub rule: String,
    /// Hex of a stable hash of the rule and the words around the finding.
    pub fingerprint: String,
}

/// FNV-1a, 64 bits: the same for the same text in every build and on every machine.
fn fnv(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

fn squeezed(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// What identifies a finding across edits: its rule and the words it points at with those
/// beside them; a finding about the whole file, its rule and message.
pub fn fingerprint(f: &Located) -> String {
    let h = match &f.quote {
        Some(q) => {
            let (before, after) = f.context.clone().unwrap_or_default();
            fnv(&[
                &f.finding.rule,
                &squeezed(&before),
                &squeezed(q),
                &squeezed(&after),
            ])
        }
        None => fnv(&[&f.finding.rule, &f.finding.message]),
    };
    format!("{h:016x}")
}

/// Findings that are about reading a file, never accepted into a baseline.
fn about_reading(rule: &str) -> bool {
    rule.starts_with("IO-")
}

impl Baseline {
    pub fn of(reports: &[FileReport]) -> Baseline {
        let mut findings = Vec::new();
        for r in reports {
            for report in std::iter::once(r).chain(&r.annexes) {
                for f in report
                    .findings
                    .iter()
                    .filter(|f| !about_reading(&f.finding.rule))
                {
                    findings.push(Entry {
                        path: report.path.clone(),
                        rule: f.finding.rule.clone(),
                        fingerprint: fingerprint(f),
                    });
                }
            }
        }
        Baseline {
            version: 1,
            findings,
        }
    }

    pub fn parse(text: &str) -> Result<Baseline, String> {
        let b: Baseline = serde_json::from_str(text).map_err(|e| format!("基线文件有误：{e}"))?;
        if b.version != 1 {
            return Err(format!("基线文件的版本 {} 不认识（应为 1）", b.version));
        }
        Ok(b)
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("a baseline serialises");
        s.push('\n');
        s
    }

    /// Drops the findings of `report` the baseline holds, each entry once; returns how many.
    pub fn filter(&self, report: &mut FileReport) -> usize {
        self.filter_where(report, |_| true)
    }

    /// As `filter`, among the findings `which` picks (the comparisons', added after the
    /// workers filtered the rest).
    pub fn filter_where(&self, report: &mut FileReport, which: impl Fn(&Located) -> bool) -> usize {
        let mut left: HashMap<(String, String), usize> = HashMap::new();
        for e in self.findings.iter().filter(|e| e.path == report.path) {
            *left
                .entry((e.rule.clone(), e.fingerprint.clone()))
                .or_default() += 1;
        }
        if left.is_empty() {
            return 0;
        }
        let before = report.findings.len();
        report.findings.retain(|f| {
            if !which(f) {
                return true;
            }
            match left.get_mut(&(f.finding.rule.clone(), fingerprint(f))) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            }
        });
        before - report.findings.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::finding::{Finding, Severity};

    fn located(rule: &str, before: &str, quote: &str, line: usize) -> Located {
        Located {
            finding: Finding {
                rule: rule.into(),
                severity: Severity::Error,
                message: format!("{rule} at {line}"),
                help: None,
                span: None,
                related: None,
                detail: None,
            },
            line_col: Some((line, 1)),
            origin: None,
            quote: Some(quote.into()),
            context: Some((before.into(), "。".into())),
        }
    }

    #[test]
    fn a_finding_that_moved_is_still_known_and_a_new_one_is_not() {
        let old = FileReport {
            path: "r.txt".into(),
            findings: vec![located("TXT-REPEAT", "办理", "途径途径", 11)],
            ..Default::default()
        };
        let b = Baseline::parse(&Baseline::of(&[old]).to_json()).unwrap();
        let mut now = FileReport {
            path: "r.txt".into(),
            findings: vec![
                // Two lines further down, and re-wrapped.
                located("TXT-REPEAT", "办 理", "途径途径", 13),
                located("TXT-REPEAT", "答复", "途径途径", 20),
            ],
            ..Default::default()
        };
        assert_eq!(b.filter(&mut now), 1);
        assert_eq!(now.findings.len(), 1);
        assert_eq!(now.findings[0].line_col, Some((20, 1)));
        assert!(Baseline::parse("{\"version\": 9, \"findings\": []}").is_err());
    }
}
