//! The cost of comparing reports with each other (`check --across`): pairing years and
//! looking for 雷同 in batches of 1,000 and 10,000 reports. Run with `cargo bench --bench
//! across`. Target: the cost grows about linearly (10,000 reports cost at most 15 times
//! what 1,000 cost), so a province's batch stays a matter of seconds.

use nianbao::across::digest::Digest;
use nianbao::compare::{compare, Plan};
use nianbao::report::FileReport;
use nianbao::rules::RuleSet;
use nianbao::text::TextView;
use std::time::Instant;

/// Reports like the clean example: its template sentences shared by all, its own sentences
/// made each report's own, issuers of five years each.
fn batch(n: usize, base: &Digest) -> Vec<FileReport> {
    (0..n)
        .map(|i| {
            let issuer = i / 5;
            let mut d = base.clone();
            d.issuer = Some(format!("第{issuer}号县人民政府"));
            d.year = Some(2019 + (i % 5) as i32);
            for (k, s) in d.sentences.iter_mut().enumerate() {
                // The first sentences are the template's; the rest are the report's own.
                if k > 3 {
                    s.key ^= (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
                }
            }
            FileReport {
                path: format!("r{i}.txt"),
                digest: Some(Box::new(d)),
                ..FileReport::default()
            }
        })
        .collect()
}

fn main() {
    let rules = RuleSet::builtin().expect("rules load");
    let text = std::fs::read_to_string("examples/clean-2023.txt").expect("example");
    let view = TextView::from_text(&text);
    let doc = nianbao::check::read_document(&view);
    let profile = nianbao::model::profile::detect(&doc, None);
    let base = Digest::of(&view, &doc, &profile, None);
    let mut seconds = Vec::new();
    for n in [1_000, 10_000] {
        let mut reports = batch(n, &base);
        let start = Instant::now();
        let outcome = compare(&mut reports, &rules, &Plan::Across { hierarchy: None });
        let took = start.elapsed().as_secs_f64();
        println!(
            "{n} reports: {:.3} s, {} year pairs, {} peer pairs",
            took,
            outcome.pairs.len(),
            outcome.peers.len()
        );
        seconds.push(took);
    }
    let ratio = seconds[1] / seconds[0];
    println!("10,000 / 1,000 = {ratio:.1} (target ≤ 15: about linear)");
}
