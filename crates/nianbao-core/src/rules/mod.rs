//! Rules as data: YAML files under rules/ (embedded in the binary) pick a kind and give it
//! parameters, messages, legal basis and examples. This module loads them and runs them.

pub mod compile;
pub mod docs;
pub mod examples;
pub mod finding;
pub mod fold;
pub mod kinds;
pub mod spec;

use crate::model::{profile, Document, Era, Profile};
use finding::{Finding, Severity};
use spec::{RuleFile, RuleSpec};

/// The rule files shipped in the binary, in the order they are listed.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "rules/common.yaml",
        include_str!("../../../../rules/common.yaml"),
    ),
    (
        "rules/era-2008.yaml",
        include_str!("../../../../rules/era-2008.yaml"),
    ),
    (
        "rules/era-2019-2021.yaml",
        include_str!("../../../../rules/era-2019-2021.yaml"),
    ),
    (
        "rules/tables.yaml",
        include_str!("../../../../rules/tables.yaml"),
    ),
    (
        "rules/across.yaml",
        include_str!("../../../../rules/across.yaml"),
    ),
];

/// `BUILTIN` as build.rs converted it to JSON, in the same order: what the binary loads.
const BUILTIN_JSON: &[&str] = &[
    include_str!(concat!(env!("OUT_DIR"), "/common.json")),
    include_str!(concat!(env!("OUT_DIR"), "/era-2008.json")),
    include_str!(concat!(env!("OUT_DIR"), "/era-2019-2021.json")),
    include_str!(concat!(env!("OUT_DIR"), "/tables.json")),
    include_str!(concat!(env!("OUT_DIR"), "/across.json")),
];

include!(concat!(env!("OUT_DIR"), "/snapshots.rs"));

/// Rule id of the finding given for a file that could not be read.
pub const UNREADABLE: &str = "IO-UNREADABLE";

#[derive(Debug, Default)]
pub struct RuleError {
    pub file: String,
    pub message: String,
    /// Where in the file: line and column (1-based, in characters) and the line itself.
    pub at: Option<(usize, usize, String)>,
}

impl std::fmt::Display for RuleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use unicode_width::UnicodeWidthStr;
        match &self.at {
            None => write!(f, "规则文件 {} 有误：{}", self.file, self.message),
            Some((line, column, text)) => {
                let before: String = text.chars().take(column - 1).collect();
                let gutter = line.to_string().len();
                write!(
                    f,
                    "规则文件 {}:{line}:{column} 有误：{}\n{:gutter$} |\n{line} | {text}\n{:gutter$} | {}^",
                    self.file,
                    self.message,
                    "",
                    "",
                    " ".repeat(before.width())
                )
            }
        }
    }
}

impl std::error::Error for RuleError {}

/// A rule file YAML could not be read as rules: its message, at its line and column, shown
/// with the line (the same form as the compile pass's errors).
/// `lines` gives the line of the file each line of the text the reader read starts on (the
/// Chinese of folded blocks was joined, see `fold`).
fn yaml_error(name: &str, text: &str, lines: &[usize], e: &serde_saphyr::Error) -> RuleError {
    let at = e.location().and_then(|l| {
        let read_line = (l.line() as usize).checked_sub(1)?;
        let line = lines.get(read_line).copied().unwrap_or(read_line) + 1;
        let text_line = text.lines().nth(line - 1)?.to_string();
        let column = (l.column() as usize).clamp(1, text_line.chars().count() + 1);
        Some((line, column, text_line))
    });
    let full = e.without_snippet().to_string();
    let first = full.lines().next().unwrap_or_default();
    // "error: line 3 column 16: 没有时期…": the place is shown with the line instead.
    let mut message = match (&at, first.split_once(": ").and_then(|(_, r)| r.split_once(": "))) {
        (Some(_), Some((place, rest))) if place.starts_with("line ") => rest.to_string(),
        _ => first.to_string(),
    };
    if let Some(l) = e.location() {
        let place = format!(" at line {}, column {}", l.line(), l.column());
        if let Some(cut) = message.strip_suffix(&place) {
            message = cut.to_string();
        }
    }
    RuleError {
        file: name.to_string(),
        message,
        at,
    }
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub spec: RuleSpec,
    pub file: String,
}

#[derive(Debug, Clone)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    /// Whether suppression comments in the files are honoured (not with --no-suppressions).
    pub honour_suppressions: bool,
    /// Whether each report's digest is kept for comparing reports with each other.
    pub digest: bool,
    /// The organ kind to assume when the text does not tell (nianbao.yaml `organ`).
    pub organ_default: Option<crate::model::OrganKind>,
}

impl RuleSet {
    pub fn builtin() -> Result<RuleSet, RuleError> {
        let mut set = RuleSet {
            rules: Vec::new(),
            honour_suppressions: true,
            digest: false,
            organ_default: None,
        };
        for ((name, yaml), json) in BUILTIN.iter().zip(BUILTIN_JSON) {
            let file: RuleFile = serde_json::from_str(json).map_err(|e| RuleError {
                file: name.to_string(),
                message: e.to_string(),
                ..Default::default()
            })?;
            set.add(name, yaml, file)?;
        }
        Ok(set)
    }

    /// Adds the rules of one YAML file; a rule with an id already present replaces it.
    pub fn add_file(&mut self, name: &str, text: &str) -> Result<(), RuleError> {
        let (joined, lines) = fold::join_cjk_folds_with_lines(text);
        let file: RuleFile = crate::text::re::validating_full(|| serde_saphyr::from_str(&joined))
            .map_err(|e| yaml_error(name, text, &lines, &e))?;
        self.add(name, text, file)
    }

    /// Adds the rules of a file once each has passed the compile pass (`compile`).
    fn add(&mut self, name: &str, text: &str, file: RuleFile) -> Result<(), RuleError> {
        for spec in &file.rules {
            if let Some(p) = compile::problems(spec).into_iter().next() {
                return Err(RuleError {
                    file: name.to_string(),
                    message: format!("规则 {}：{}", spec.id, p.why),
                    at: compile::locate(text, &spec.id, &p),
                });
            }
        }
        for mut spec in file.rules {
            if spec.eras.is_none() {
                spec.eras = Some(file.eras.clone());
            }
            let rule = Rule {
                spec,
                file: name.to_string(),
            };
            match self.rules.iter_mut().find(|r| r.spec.id == rule.spec.id) {
                Some(existing) => *existing = rule,
                None => self.rules.push(rule),
            }
        }
        Ok(())
    }

    /// Keeps the rules `select` names (all when empty) less those `ignore` names; each entry
    /// is a rule id or a prefix of ids (TXT, ARI-T3), in any case. The findings that say a file
    /// was not read or not checked stay whatever is asked: a file is never skipped silently.
    pub fn select(&mut self, select: &[String], ignore: &[String]) -> Result<(), String> {
        let ids: Vec<String> = self.rules.iter().map(|r| r.spec.id.clone()).collect();
        let matches = |sel: &str, id: &str| {
            let (sel, id) = (sel.to_ascii_uppercase(), id.to_ascii_uppercase());
            id == sel || id.starts_with(&format!("{}-", sel.trim_end_matches('-')))
        };
        for sel in select.iter().chain(ignore) {
            if !ids.iter().any(|id| matches(sel, id)) {
                let known: Vec<&str> = ids.iter().map(String::as_str).collect();
                return Err(format!(
                    "没有规则或规则前缀“{sel}”{}（nianbao rules 列出全部规则）",
                    compile::did_you_mean(&sel.to_ascii_uppercase(), &known)
                ));
            }
        }
        // What was not read, or not checked, is always said: a file is never skipped silently.
        let kept = |id: &str| {
            id == UNREADABLE
                || id == ABORTED
                || id == NOT_A_REPORT
                || ((select.is_empty() || select.iter().any(|s| matches(s, id)))
                    && !ignore.iter().any(|s| matches(s, id)))
        };
        self.rules.retain(|r| kept(&r.spec.id));
        Ok(())
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules
            .iter()
            .find(|r| r.spec.id.eq_ignore_ascii_case(id))
    }

    pub fn for_era(&self, era: Era) -> impl Iterator<Item = &Rule> {
        self.rules.iter().filter(move |r| r.spec.applies_to(era))
    }
}

/// Result of checking one report.
pub struct Checked {
    pub profile: Profile,
    pub findings: Vec<Finding>,
    /// The statistical tables as the table rules read them (None when no rule asked).
    pub tables: Option<crate::template::map::Tables>,
}

/// Runs every rule of the report's era (or of `forced`) on a parsed document.
pub fn check_document(doc: &Document, rules: &RuleSet, forced: Option<Era>) -> Checked {
    let mut profile = profile::detect(doc, forced);
    if profile.organ == crate::model::OrganKind::Unknown {
        if let Some(o) = rules.organ_default {
            profile.organ = o;
        }
    }
    // A workbook of statistical tables is an annex: only the table rules apply to it.
    let annex = doc.view.annex;
    let ctx = kinds::Ctx::new(doc, &profile);
    let findings = run_rules_in(
        &ctx,
        rules
            .for_era(profile.era)
            .filter(|r| r.spec.check.info().applies.alone())
            .filter(|r| !annex || r.spec.check.is_table_check()),
    );
    let tables = ctx.into_tables();
    Checked {
        profile,
        findings,
        tables,
    }
}

pub fn run_rules<'r>(
    doc: &Document,
    profile: &Profile,
    rules: impl Iterator<Item = &'r Rule>,
) -> Vec<Finding> {
    run_rules_in(&kinds::Ctx::new(doc, profile), rules)
}

fn run_rules_in<'r>(ctx: &kinds::Ctx, rules: impl Iterator<Item = &'r Rule>) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut hits = Vec::new();
    // Rule → the rules whose findings inside its own it replaces (one cause, one finding).
    let mut supersedes: Vec<(String, Vec<String>)> = Vec::new();
    for rule in rules {
        if !rule.spec.supersedes.is_empty() {
            supersedes.push((rule.spec.id.clone(), rule.spec.supersedes.clone()));
        }
        hits.clear();
        rule.spec.check.as_check().run(ctx, &mut hits);
        for hit in hits.drain(..) {
            let severity = hit
                .severity
                .or_else(|| {
                    hit.variant
                        .and_then(|v| rule.spec.variant_severity.get(v).copied())
                })
                .unwrap_or(rule.spec.severity);
            findings.push(Finding {
                rule: rule.spec.id.clone(),
                severity,
                message: rule.spec.render(hit.variant, &hit.vars),
                help: Some(spec::fill(
                    rule.spec.help.trim(),
                    &[("document", ctx.doc.view.document_word().to_string())],
                )),
                span: hit.span,
                related: None,
                detail: None,
            });
        }
    }
    for (by, ids) in &supersedes {
        let covers: Vec<crate::text::Span> = findings
            .iter()
            .filter(|f| &f.rule == by)
            .filter_map(|f| f.span)
            .collect();
        findings.retain(|f| {
            !(ids.contains(&f.rule)
                && f.span
                    .is_some_and(|s| covers.iter().any(|c| c.start <= s.start && s.end <= c.end)))
        });
    }
    findings.sort_by(|a, b| {
        a.span
            .map(|s| s.start)
            .cmp(&b.span.map(|s| s.start))
            .then_with(|| a.rule.cmp(&b.rule))
    });
    findings
}

/// Runs the comparing rules on two reports' digests: `previous` is last year's report (or
/// the other unit's) and the findings are on `current`, each with its line and column and
/// the place in the other report it points at.
pub fn run_pair_rules<'r>(
    previous: &crate::across::digest::Digest,
    current: &crate::across::digest::Digest,
    common: &rustc_hash::FxHashSet<u64>,
    previous_path: &str,
    rules: impl Iterator<Item = &'r Rule>,
) -> Vec<(Finding, Option<crate::across::digest::Place>)> {
    run_group_rules(previous, current, &[], common, previous_path, rules)
}

/// As `run_pair_rules`, with `previous` the sum of `parts` (a government's units).
pub fn run_group_rules<'r>(
    previous: &crate::across::digest::Digest,
    current: &crate::across::digest::Digest,
    parts: &[&crate::across::digest::Digest],
    common: &rustc_hash::FxHashSet<u64>,
    previous_path: &str,
    rules: impl Iterator<Item = &'r Rule>,
) -> Vec<(Finding, Option<crate::across::digest::Place>)> {
    let pair = kinds::PairCtx {
        previous,
        current,
        common,
        parts,
    };
    let mut out = Vec::new();
    let mut hits = Vec::new();
    for rule in rules {
        hits.clear();
        rule.spec.check.as_check().run_pair(&pair, &mut hits);
        for hit in hits.drain(..) {
            let severity = hit
                .variant
                .and_then(|v| rule.spec.variant_severity.get(v).copied())
                .unwrap_or(rule.spec.severity);
            out.push((
                Finding {
                    rule: rule.spec.id.clone(),
                    severity,
                    message: rule.spec.render(hit.variant, &hit.vars),
                    help: Some(spec::fill(
                        rule.spec.help.trim(),
                        &[("document", "报告".to_string())],
                    )),
                    span: hit.at.as_ref().map(|p| p.span),
                    related: Some(finding::Related {
                        path: previous_path.to_string(),
                        year: previous.year,
                        span: hit.related.as_ref().map(|p| p.span),
                        line_col: hit.related.as_ref().map(|p| p.line_col),
                        origin: hit.related.and_then(|p| p.origin),
                    }),
                    detail: hit.detail,
                },
                hit.at,
            ));
        }
    }
    out
}

/// Rule id of the finding given for a file whose check was stopped (time, memory, crash).
pub const ABORTED: &str = "IO-ABORTED";

/// How the sections of the report's era were read, by the era's structure rule (None for an
/// era without fixed sections).
pub fn sections_read(
    doc: &Document,
    profile: &Profile,
    rules: &RuleSet,
) -> Option<kinds::sections::SectionsRead> {
    let ctx = kinds::Ctx::new(doc, profile);
    rules
        .for_era(profile.era)
        .find_map(|r| match &r.spec.check {
            kinds::CheckSpec::Sections(p) if p.report == kinds::sections::Report::Structure => {
                Some(p.tally(&ctx))
            }
            _ => None,
        })
}

/// Whether a text shows anything of the national template: a title naming an open-information
/// (or open-government) report, a heading on a topic every report covers (主动公开,
/// 依申请公开), two of the fixed sections of the 2019 or 2021 format (as headings or in the
/// text), a statistical table of the template, or garbled text that undoes into Chinese (what
/// it is cannot be told from the garble). A text with none of it (a README, a notice, a letter
/// saved beside the reports) is not an annual report and is not checked as one. The signs are
/// tried cheapest first: nearly every report stops at its title.
pub fn looks_like_report(doc: &Document, rules: &RuleSet) -> bool {
    let shadow = doc.shadow();
    let names_report = |t: &str| t.contains("公开") && (t.contains("报告") || t.contains("年报"));
    // The title as read, or a short line near the start that names a year's report (a title
    // set in a table cell or a text box is not read as the title).
    let head = &shadow[..crate::text::floor_boundary(shadow, 4000)];
    let title = || {
        doc.title_span()
            .is_some_and(|t| names_report(doc.shadow_slice(t)))
            || head.lines().any(|l| {
                l.chars().count() <= 80 && names_report(l) && profile::first_year(l).is_some()
            })
    };
    // As headings: a text about reports (a README, a circular) names the topics in passing.
    let topics = || {
        doc.headings.iter().any(|h| {
            let t = doc.shadow_slice(h.title);
            t.contains("主动公开") || t.contains("申请公开")
        })
    };
    let template = |era: Era| {
        let profile = Profile {
            era,
            year: None,
            organ: crate::model::OrganKind::Unknown,
            organ_name: None,
            era_basis: Default::default(),
        };
        let sections = sections_read(doc, &profile, rules)
            .is_some_and(|t| t.as_headings + t.as_lower_headings + t.only_in_text >= 2);
        sections || {
            // A table of figures: labels alone are a text about the tables.
            let mapped = crate::template::map::map_tables(doc, era);
            let figures = [&mapped.t2, &mapped.t3, &mapped.t4]
                .into_iter()
                .flatten()
                .map(|m| {
                    m.cells
                        .iter()
                        .filter(|(_, _, c)| matches!(c.value, crate::model::CellValue::Number(_)))
                        .count()
                })
                .max()
                .unwrap_or(0);
            figures >= 3
        }
    };
    let garbled = || {
        crate::text::garbled::find(doc.text(), 3, usize::MAX)
            .iter()
            .any(|g| g.recovered.is_some())
    };
    title()
        || topics()
        || Era::all()
            .rev()
            .filter(|e| e.spec().national_format())
            .any(template)
        || garbled()
}

/// The annex files a report names that are there beside it, by any rule that looks for them.
pub fn named_annexes(doc: &Document, rules: &RuleSet) -> Vec<std::path::PathBuf> {
    let mut found: Vec<std::path::PathBuf> = Vec::new();
    for r in &rules.rules {
        if let kinds::CheckSpec::Annex(p) = &r.spec.check {
            for f in p.files_beside(doc) {
                if !found.contains(&f) {
                    found.push(f);
                }
            }
        }
    }
    found
}

/// The finding for a suppression written in a file that is wrong or covers nothing.
pub fn suppression_problem(rules: &RuleSet, why: &str) -> Finding {
    input_finding(rules, SUPPRESSION, why)
}

/// The finding for a text that is not an annual report.
pub fn not_a_report(rules: &RuleSet) -> Finding {
    input_finding(rules, NOT_A_REPORT, "")
}

pub const NOT_A_REPORT: &str = "IO-NOT-REPORT";

/// Rule id of the finding given for a suppression comment that is wrong or covers nothing.
pub const SUPPRESSION: &str = "IO-SUPPRESSION";

/// The finding reported for a file that could not be read or decoded.
pub fn unreadable(rules: &RuleSet, cause: &str) -> Finding {
    input_finding(rules, UNREADABLE, cause)
}

/// The finding reported for a file whose check was stopped.
pub fn aborted(rules: &RuleSet, cause: &str) -> Finding {
    input_finding(rules, ABORTED, cause)
}

fn input_finding(rules: &RuleSet, id: &str, cause: &str) -> Finding {
    let rule = rules.get(id);
    Finding {
        rule: id.to_string(),
        severity: rule.map(|r| r.spec.severity).unwrap_or(Severity::Error),
        message: rule
            .map(|r| spec::fill(&r.spec.message, &[("cause", cause.to_string())]))
            .unwrap_or_else(|| format!("{id}：{cause}")),
        help: rule.map(|r| r.spec.help.trim().to_string()),
        span: None,
        related: None,
        detail: None,
    }
}

#[cfg(test)]
mod tests {
    /// build.rs converted what is in rules/ now (cargo reruns it when a file changes), and the
    /// rules read from it are the rules read from the YAML.
    #[test]
    fn embedded_json_is_the_yaml() {
        let strict = || serde_saphyr::options! { strict_booleans: true };
        let files = super::BUILTIN
            .iter()
            .map(|(_, yaml)| *yaml)
            .zip(super::BUILTIN_JSON.iter().copied())
            .chain([(
                crate::template::TEMPLATE_YAML,
                crate::template::TEMPLATE_JSON,
            )]);
        for (yaml, json) in files {
            let from_yaml: serde_json::Value =
                serde_saphyr::from_str_with_options(&super::fold::join_cjk_folds(yaml), strict())
                    .unwrap();
            let from_json: serde_json::Value = serde_json::from_str(json).unwrap();
            assert_eq!(from_yaml, from_json);
        }
        let mut from_yaml = super::RuleSet {
            rules: Vec::new(),
            honour_suppressions: true,
            digest: false,
            organ_default: None,
        };
        for (name, yaml) in super::BUILTIN {
            from_yaml.add_file(name, yaml).unwrap();
        }
        let from_json = super::RuleSet::builtin().unwrap();
        assert_eq!(
            format!("{:?}", from_yaml.rules),
            format!("{:?}", from_json.rules)
        );
    }

    #[test]
    fn table_labels_without_figures_do_not_make_a_report() {
        let rules = super::RuleSet::builtin().unwrap();
        let looks = |t: &str| {
            let view = crate::text::TextView::from_text(t);
            super::looks_like_report(&crate::template::read_document(&view), &rules)
        };
        // A text about the tables (a README, a circular) names their rows.
        assert!(!looks(
            "| XY-CARRY | 二、上年结转 (Y) = 四、结转下年度继续办理 (Y−1) |\n| 其他 | 本年新收政府信息公开申请数量 |\n"
        ));
        assert!(looks(
            "三、收到和处理政府信息公开申请情况\n| 一、本年新收政府信息公开申请数量 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |\n| 二、上年结转政府信息公开申请数量 | 2 | 0 | 0 | 0 | 1 | 0 | 3 |\n"
        ));
    }

    #[test]
    fn a_fold_between_chinese_characters_leaves_no_space() {
        let yaml = "a: >-\n  允许按所写\n  小数位，看 ARI-T3\n  规则\nb: |\n  第一行\n  第二行\nc: 规则 理由\n";
        let joined = super::fold::join_cjk_folds(yaml);
        let v: serde_json::Value = serde_saphyr::from_str(&joined).unwrap();
        assert_eq!(v["a"], "允许按所写小数位，看 ARI-T3 规则");
        assert_eq!(v["b"], "第一行\n第二行\n");
        assert_eq!(v["c"], "规则 理由");
    }
}
