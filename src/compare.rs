//! Reports checked against each other once each has been checked alone: a report against last
//! year's report of its issuer (the XY- rules), and the units of one batch against each other
//! (雷同, the PEER- rules). The findings go to the report they are about, each with the place
//! in the other report it points at.

use crate::across::digest::Digest;
use crate::across::pairs;
use crate::report::{FileReport, Located, PreviousReport};
use crate::rules::kinds::{Applies, CheckSpec, PairCtx};
use crate::rules::{run_pair_rules, Rule, RuleSet};

/// Which reports to compare.
pub enum Plan {
    /// Every report of the batch: consecutive years of one issuer, the units of one year
    /// with each other, and a government with its units (by `hierarchy`, the office's
    /// (unit, parent) list, or else by the names in the batch).
    Across {
        hierarchy: Option<Vec<(String, String)>>,
    },
    /// The reports at `previous` are last year's: each of the others is paired with the one of
    /// its issuer, or, when `forced`, the one previous report with the one current report.
    Previous { previous: Vec<usize>, forced: bool },
}

/// What was paired: the reports' own findings say the rest.
#[derive(Debug, Default)]
pub struct Outcome {
    /// (last year's, this year's) report.
    pub pairs: Vec<(usize, usize)>,
    /// Reports looked at as this year's for which no report of last year was found.
    pub unpaired: Vec<usize>,
    /// Reports of different units that share text (雷同), each once.
    pub peers: Vec<(usize, usize)>,
    /// A government's report and its units' reports, whose summed figures it was set beside.
    pub groups: Vec<crate::across::rollup::Group>,
}

/// Least shared text for two units' reports to be compared at all (the rules decide).
const PEER_MIN_CHARS: usize = 60;

pub fn compare(reports: &mut [FileReport], rules: &RuleSet, plan: &Plan) -> Outcome {
    let digests: Vec<Option<Box<Digest>>> = reports.iter_mut().map(|r| r.digest.take()).collect();
    let refs: Vec<Option<&Digest>> = digests.iter().map(|d| d.as_deref()).collect();
    let all: Vec<usize> = (0..reports.len()).collect();
    let common = pairs::common_keys(&refs);
    let mut out = Outcome::default();
    let current: Vec<usize> = match plan {
        Plan::Across { .. } => all.clone(),
        Plan::Previous { previous, .. } => all
            .iter()
            .copied()
            .filter(|i| !previous.contains(i))
            .collect(),
    };
    out.pairs = match plan {
        Plan::Across { .. } => pairs::previous_years(&refs, &all, &all),
        Plan::Previous {
            previous,
            forced: true,
        } => match (previous.as_slice(), current.as_slice()) {
            ([p], [c]) => vec![(*p, *c)],
            _ => pairs::previous_years(&refs, previous, &current),
        },
        Plan::Previous { previous, .. } => pairs::previous_years(&refs, previous, &current),
    };
    let paired: rustc_hash::FxHashSet<usize> = out.pairs.iter().map(|&(_, c)| c).collect();
    out.unpaired = current
        .iter()
        .copied()
        .filter(|&c| refs[c].is_some() && !paired.contains(&c))
        .collect();
    for &(p, c) in &out.pairs {
        let (Some(prev), Some(cur)) = (refs[p], refs[c]) else {
            continue;
        };
        let era_rules = of_kind(rules, cur, Applies::PreviousYear);
        let found = run_pair_rules(
            prev,
            cur,
            &common,
            &reports[p].path,
            era_rules.iter().copied(),
        );
        let pair = PairCtx {
            previous: prev,
            current: cur,
            common: &common,
            parts: &[],
        };
        let repeat_rate = era_rules.iter().find_map(|r| match &r.spec.check {
            CheckSpec::CopiedText(k) if k.whole_report() => Some(k.rate(&pair)),
            _ => None,
        });
        reports[c].previous = Some(PreviousReport {
            path: reports[p].path.clone(),
            year: prev.year,
            repeat_rate,
        });
        add(&mut reports[c], found);
    }
    if let Plan::Across { hierarchy } = plan {
        out.groups = crate::across::rollup::groups(&refs, hierarchy.as_deref());
        for g in &out.groups {
            let Some(own) = refs[g.parent] else { continue };
            let parts: Vec<&Digest> = g.units.iter().filter_map(|&u| refs[u]).collect();
            let sum = crate::across::rollup::summed(&parts);
            let names: Vec<&str> = g.units.iter().map(|&u| reports[u].path.as_str()).collect();
            let found = crate::rules::run_group_rules(
                &sum,
                own,
                &parts,
                &common,
                &names.join("、"),
                of_kind(rules, own, Applies::Units).into_iter(),
            );
            add(&mut reports[g.parent], found);
        }
    }
    if matches!(plan, Plan::Across { .. }) {
        out.peers = pairs::peers(&refs, &common, PEER_MIN_CHARS);
        for &(a, b) in &out.peers {
            for (x, y) in [(a, b), (b, a)] {
                let (Some(other), Some(cur)) = (refs[y], refs[x]) else {
                    continue;
                };
                let peer_rules = of_kind(rules, cur, Applies::Peers);
                let found = run_pair_rules(
                    other,
                    cur,
                    &common,
                    &reports[y].path,
                    peer_rules.into_iter(),
                );
                add(&mut reports[x], found);
            }
        }
    }
    out
}

/// The rules of a comparing kind that apply to the report's era.
fn of_kind<'r>(rules: &'r RuleSet, report: &Digest, applies: Applies) -> Vec<&'r Rule> {
    rules
        .rules
        .iter()
        .filter(|r| r.spec.check.info().applies == applies)
        .filter(|r| report.era.is_none_or(|e| r.spec.applies_to(e)))
        .collect()
}

fn add(
    report: &mut FileReport,
    found: Vec<(
        crate::rules::finding::Finding,
        Option<crate::across::digest::Place>,
    )>,
) {
    report
        .findings
        .extend(found.into_iter().map(|(finding, at)| Located {
            finding,
            line_col: at.as_ref().map(|p| p.line_col),
            origin: at.and_then(|p| p.origin),
            quote: None,
            context: None,
        }));
}
