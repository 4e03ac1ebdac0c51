//! Throughput benchmark: checks at least 1,000 reports in one run and prints MB/s and
//! reports/s on one core, then the wall time of one `nianbao check` process (pre-commit use).
//! Run with `cargo bench`. Targets: ≥ 20 MB/s per core on .txt; < 20 ms for one report.

use nianbao::check::check_view;
use nianbao::rules::RuleSet;
use nianbao::text::TextView;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const REPORTS: usize = 1200;

fn sources() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut dirs = vec![Path::new("examples").to_path_buf()];
    for d in ["../shared/corpus/seeds", "../shared/corpus/real"] {
        dirs.push(Path::new(d).to_path_buf());
    }
    for d in dirs {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        let mut files: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        for f in files {
            if let Ok(t) = std::fs::read_to_string(&f) {
                out.push((f.display().to_string(), t));
            }
        }
    }
    assert!(!out.is_empty(), "no sample reports found");
    out
}

fn main() {
    let rules = RuleSet::builtin().expect("rules load");
    let sources = sources();
    // Each copy differs (a closing line with its number), so nothing is cached by accident.
    let reports: Vec<String> = (0..REPORTS)
        .map(|i| format!("{}\n（第{i}份）\n", sources[i % sources.len()].1))
        .collect();
    let table_heavy = reports
        .iter()
        .filter(|r| r.contains("| 一、本年新收"))
        .count();
    let bytes: usize = reports.iter().map(String::len).sum();
    let start = Instant::now();
    let mut findings = 0usize;
    for (i, r) in reports.iter().enumerate() {
        let view = TextView::new(r, "UTF-8");
        findings += check_view(&view, &format!("r{i}.txt"), &rules, None)
            .findings
            .len();
    }
    let t = start.elapsed().as_secs_f64();
    println!("end to end, one core: {REPORTS} reports ({table_heavy} with the statistical tables), {:.1} MB in {t:.3} s", bytes as f64 / 1e6);
    println!(
        "  {:.1} MB/s, {:.0} reports/s, {findings} findings",
        bytes as f64 / 1e6 / t,
        REPORTS as f64 / t
    );

    let exe = env!("CARGO_BIN_EXE_nianbao");
    let sample = "examples/clean-2023.txt";
    let mut times: Vec<Duration> = (0..30)
        .map(|_| {
            let s = Instant::now();
            let st = Command::new(exe)
                .args(["check", "--format", "concise", sample])
                .output()
                .expect("binary runs");
            assert!(st.status.success());
            s.elapsed()
        })
        .collect();
    times.sort();
    println!(
        "one report from process start ({sample}): median {:.1} ms, max {:.1} ms over 30 runs",
        times[15].as_secs_f64() * 1e3,
        times[29].as_secs_f64() * 1e3
    );
}
