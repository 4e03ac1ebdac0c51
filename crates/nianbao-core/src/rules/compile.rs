//! The compile pass: every rule, built-in or a user's, is checked against the registry of
//! kinds and the template before it may run. A misspelt row id, cell reference, message
//! variant or `{variable}` would otherwise load and silently never fire; here it is a
//! rule-file error naming the file, the line and what was meant.

use super::kinds::KindInfo;
use super::spec::RuleSpec;
use crate::template::{table_spec, TableSpec};

/// One mistake in a rule: the text that is wrong (to find it in the file) and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// The part of the rule it is in: `message`, `messages` or `check`.
    pub field: &'static str,
    pub token: String,
    pub why: String,
}

/// What a kind's `validate` reports its names to.
pub struct Validator {
    pub problems: Vec<Problem>,
}

impl Validator {
    fn problem(&mut self, token: &str, why: String) {
        self.problems.push(Problem {
            field: "check",
            token: token.to_string(),
            why,
        });
    }

    /// A table of the template, by id.
    pub fn table(&mut self, id: &str) -> Option<&'static TableSpec> {
        let t = table_spec(id);
        if t.is_none() {
            let ids: Vec<&str> = crate::template::template()
                .tables
                .iter()
                .map(|t| t.id.as_str())
                .collect();
            self.problem(
                id,
                format!("“{id}”不是统一格式中的表{}", did_you_mean(id, &ids)),
            );
        }
        t
    }

    pub fn row(&mut self, table: &TableSpec, id: &str) {
        if table.row_pos(id).is_none() {
            let ids: Vec<&str> = table.row_ids().collect();
            self.problem(
                id,
                format!("“{id}”不是“{}”表的行{}", table.name, did_you_mean(id, &ids)),
            );
        }
    }

    pub fn column(&mut self, table: &TableSpec, id: &str) {
        if table.column_pos(id).is_none() {
            let ids: Vec<&str> = table.column_ids().collect();
            self.problem(
                id,
                format!("“{id}”不是“{}”表的列{}", table.name, did_you_mean(id, &ids)),
            );
        }
    }

    pub fn tables(&mut self, ids: &[String]) {
        for id in ids {
            self.table(id);
        }
    }

    /// A cell written `table.row.column` (t3.new.T).
    pub fn cell(&mut self, cell: &str) {
        let parts: Vec<&str> = cell.split('.').collect();
        let [table, row, column] = parts[..] else {
            self.problem(
                cell,
                format!("单元格“{cell}”应写作 表.行.列（如 t3.new.T）"),
            );
            return;
        };
        if let Some(t) = self.table(table) {
            self.row(t, row);
            self.column(t, column);
        }
    }
}

/// Every mistake in one rule, for the kind it uses.
pub fn problems(spec: &RuleSpec) -> Vec<Problem> {
    let info = spec.check.info();
    let mut out = Vec::new();
    for template in std::iter::once(&spec.message).chain(spec.messages.values()) {
        for name in placeholders(template) {
            if !info.vars.contains(&name) {
                out.push(Problem {
                    field: if template == &spec.message {
                        "message"
                    } else {
                        "messages"
                    },
                    token: format!("{{{name}}}"),
                    why: format!(
                        "“{{{name}}}”不是 {} 类规则提供的变量（可用：{}）{}",
                        info.name,
                        listed(info.vars),
                        closest(name, info.vars)
                            .map(|k| format!("；是不是要用“{{{k}}}”？"))
                            .unwrap_or_default()
                    ),
                });
            }
        }
    }
    // A hint is the same for every finding: it may name the kind of file, nothing else.
    for name in placeholders(&spec.help) {
        if name != "document" {
            out.push(Problem {
                field: "help",
                token: format!("{{{name}}}"),
                why: format!(
                    "help 中的“{{{name}}}”不会被填入：help 只能用 {{document}}（文件的种类）"
                ),
            });
        }
    }
    for key in spec.messages.keys().chain(spec.variant_severity.keys()) {
        if !info.variants.contains(&key.as_str()) {
            out.push(Problem {
                field: "messages",
                token: key.clone(),
                why: variant_problem(info, key),
            });
        }
    }
    let mut v = Validator { problems: out };
    spec.check.as_check().validate(&mut v);
    v.problems
}

fn variant_problem(info: &KindInfo, key: &str) -> String {
    if info.variants.is_empty() {
        format!(
            "{} 类规则的问题没有分类，不能用 messages: 的“{key}”",
            info.name
        )
    } else {
        format!(
            "“{key}”不是 {} 类规则的问题分类（可用：{}）{}",
            info.name,
            listed(info.variants),
            did_you_mean(key, info.variants)
        )
    }
}

/// The `{names}` of a message template.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find(['}', '{']) {
            Some(close) if after[close..].starts_with('}') => {
                out.push(&after[..close]);
                rest = &after[close + 1..];
            }
            _ => rest = after,
        }
    }
    out
}

fn listed(names: &[&str]) -> String {
    if names.is_empty() {
        "无".into()
    } else {
        names.join("、")
    }
}

/// "；是不是要用“new”？" when one of `known` is close to `got`.
pub fn did_you_mean(got: &str, known: &[&str]) -> String {
    closest(got, known)
        .map(|k| format!("；是不是要用“{k}”？"))
        .unwrap_or_default()
}

/// The known name a letter or two from `got`.
fn closest<'k>(got: &str, known: &[&'k str]) -> Option<&'k str> {
    // A letter or two off (a typo, two letters swapped), for names long enough that this
    // says something.
    let close = |k: &str| {
        let d = strsim::damerau_levenshtein(got, k);
        got.chars().count() >= 3 && d <= (k.chars().count() / 3).max(1)
    };
    known
        .iter()
        .filter(|k| close(k))
        .min_by_key(|k| strsim::damerau_levenshtein(got, k))
        .copied()
}

/// Where a problem is in the rule file's text: the line (1-based), the column (in
/// characters, 1-based) and the line itself. Looked for inside the rule's own entry, after
/// the field it belongs to.
pub fn locate(text: &str, id: &str, p: &Problem) -> Option<(usize, usize, String)> {
    let entry = find_entry(text, id)?;
    let end = text[entry + 1..]
        .find("\n  - id:")
        .map_or(text.len(), |i| entry + 1 + i);
    let block = &text[entry..end];
    let field = block
        .find(&format!("{}:", p.field))
        .or_else(|| (p.field == "check").then(|| block.find("check")).flatten())
        .unwrap_or(0);
    let at = entry + field + find_token(&block[field..], &p.token)?;
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    Some((
        text[..at].matches('\n').count() + 1,
        text[line_start..at].chars().count() + 1,
        text[line_start..line_end].to_string(),
    ))
}

/// The start of the rule's `id:` line.
fn find_entry(text: &str, id: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text[from..].find(id) {
        let at = from + i;
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let before = text[line_start..at]
            .trim_start()
            .trim_start_matches("- ")
            .trim();
        let after = text[at + id.len()..].chars().next();
        if before == "id:" && after.is_none_or(|c| c.is_whitespace() || c == '"' || c == '\'') {
            return Some(line_start);
        }
        from = at + id.len();
    }
    None
}

/// The token as a whole word: `new` not inside `renewal`, `t3` not inside `t31`.
fn find_token(s: &str, token: &str) -> Option<usize> {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let mut from = 0;
    while let Some(i) = s[from..].find(token) {
        let at = from + i;
        let before = s[..at].chars().next_back();
        let after = s[at + token.len()..].chars().next();
        if !word(before) && !word(after) || token.starts_with('{') {
            return Some(at);
        }
        from = at + token.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a kind declares it fills in is what its code fills in: a `.var("x")` or
    /// `.variant("y")` in a kind's source that its lists lack would let a rule using it fail
    /// the compile pass, and a list longer than the code would let a misspelling through.
    #[test]
    fn each_kind_declares_the_variables_and_variants_its_code_uses() {
        let var = regex::Regex::new(r#"\.var\(\s*"([a-z_]+)""#).unwrap();
        let variant = regex::Regex::new(r#"\.variant\(\s*"([a-z_]+)""#).unwrap();
        // The code, without the lists themselves.
        let lists = regex::Regex::new(r"pub const VAR[A-Z]*: &\[&str\] = &\[[^\]]*\];").unwrap();
        let helpers = regex::Regex::new(r"use super::([a-z_]+)::").unwrap();
        for k in super::super::kinds::KINDS {
            let path = format!(
                "{}/src/rules/kinds/{}.rs",
                env!("CARGO_MANIFEST_DIR"),
                k.name
            );
            // With the kinds it takes helpers from (`use super::copied_text::passages_hit`).
            let own = std::fs::read_to_string(&path).unwrap();
            let mut all = own.clone();
            for c in helpers.captures_iter(&own) {
                let helper = path.replace(&format!("/{}.rs", k.name), &format!("/{}.rs", &c[1]));
                all.push_str(&std::fs::read_to_string(helper).unwrap_or_default());
            }
            // What a kind fills in itself must be declared; what it declares may be filled in
            // by a helper it uses.
            let src = lists.replace_all(&own, "").into_owned();
            let with_helpers = lists.replace_all(&all, "").into_owned();
            for c in var.captures_iter(&src) {
                assert!(
                    k.vars.contains(&&c[1]),
                    "{}: {{{}}} not in VARS",
                    k.name,
                    &c[1]
                );
            }
            for c in variant.captures_iter(&src) {
                assert!(
                    k.variants.contains(&&c[1]),
                    "{}: {} not in VARIANTS",
                    k.name,
                    &c[1]
                );
            }
            for v in k.vars {
                assert!(
                    with_helpers.contains(&format!("\"{v}\"")) || *v == "cause",
                    "{}: VARS lists {v}, which its code never fills in",
                    k.name
                );
            }
            for v in k.variants {
                assert!(
                    src.contains(&format!("\"{v}\"")),
                    "{}: VARIANTS lists {v}, which its code never reports",
                    k.name
                );
            }
        }
    }

    #[test]
    fn placeholders_are_the_braced_names() {
        assert_eq!(
            placeholders("表三{where}：{left}，{ {x}"),
            ["where", "left", "x"]
        );
        assert!(placeholders("无变量").is_empty());
    }

    #[test]
    fn a_close_name_is_suggested() {
        assert_eq!(
            did_you_mean("nwe", &["new", "carried"]),
            "；是不是要用“new”？"
        );
        assert_eq!(did_you_mean("zzz", &["new", "carried"]), "");
    }

    #[test]
    fn a_problem_is_found_in_its_rule_and_field() {
        let text = "rules:\n  - id: A\n    message: x {a}\n  - id: B\n    message: y\n    check:\n      t: { left: [renew, new] }\n";
        let p = Problem {
            field: "check",
            token: "new".into(),
            why: String::new(),
        };
        let (line, col, shown) = locate(text, "B", &p).unwrap();
        assert_eq!(line, 7);
        // The word itself, not the end of "renew".
        assert_eq!(col, shown.find(", new]").unwrap() + 3);
    }
}
