//! docs/rules.md, written from the rules themselves: every rule with its message, legal
//! basis, hint and examples. The YAML is the only copy; a test keeps the page current.

use super::RuleSet;
use crate::model::Era;
use std::fmt::Write;

/// The eras a rule applies to, as `nianbao rules` lists them: "2019,2021".
pub fn eras_label(eras: &[Era]) -> String {
    eras.iter()
        .map(|e| e.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

pub fn markdown(set: &RuleSet) -> String {
    let mut out = String::from(
        "# nianbao 规则一览\n\n\
         本页由规则文件生成（`nianbao rules --markdown`），请勿手改：改规则请改 `rules/*.yaml`。\n\n\
         | 规则 | 级别 | 适用 | 说明 |\n|---|---|---|---|\n",
    );
    for r in &set.rules {
        let s = &r.spec;
        let _ = writeln!(
            out,
            "| [{id}](#{anchor}) | {} | {} | {} |",
            s.severity.label_zh(),
            eras_label(s.eras.as_deref().unwrap_or_default()),
            s.summary.replace('|', "\\|"),
            id = s.id,
            anchor = s.id.to_lowercase()
        );
    }
    for r in &set.rules {
        let s = &r.spec;
        let _ = write!(
            out,
            "\n## {}\n\n{}（{}，适用 {}；类型 `{}`；定义在 `{}`）\n\n",
            s.id,
            s.summary,
            s.severity.label_zh(),
            eras_label(s.eras.as_deref().unwrap_or_default()),
            s.check.kind_name(),
            r.file
        );
        if let Some(d) = &s.description {
            let _ = write!(out, "{}\n\n", d.trim());
        }
        let _ = writeln!(out, "- 消息：{}", s.message);
        for (k, m) in &s.messages {
            let _ = writeln!(out, "- 消息（{k}）：{m}");
        }
        let _ = writeln!(
            out,
            "- 依据：{}\n- 如何修改：{}",
            s.basis.trim(),
            s.help.trim()
        );
        for (title, list) in [
            ("合格示例", &s.examples.valid),
            ("不合格示例", &s.examples.invalid),
        ] {
            for ex in list {
                let _ = write!(
                    out,
                    "\n{title}：\n\n```text\n{}\n```\n",
                    ex.to_string().trim_end()
                );
            }
        }
    }
    out
}

/// `nianbao rule ID` (and the page's explanation of a rule): what it checks, its basis, a
/// failing example and how to fix it.
pub fn explain(set: &RuleSet, id: &str) -> Option<String> {
    let rule = set.get(id)?;
    let s = &rule.spec;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}（{}，适用：{}；类型：{}）",
        s.id,
        s.severity.label_zh(),
        eras_label(s.eras.as_deref().unwrap_or_default()),
        s.check.kind_name()
    );
    let _ = writeln!(out, "{}\n", s.summary);
    let _ = writeln!(
        out,
        "检查什么：\n  {}\n",
        s.description.as_deref().unwrap_or(&s.summary).trim()
    );
    let _ = writeln!(out, "依据：\n  {}\n", s.basis.trim());
    if let Some(ex) = s.examples.invalid.first() {
        let _ = writeln!(out, "不合格示例：");
        for line in ex.to_string().lines() {
            let _ = writeln!(out, "  │ {line}");
        }
        out.push('\n');
    }
    let _ = writeln!(out, "如何修改：\n  {}", s.help.trim());
    let _ = writeln!(out, "\n（规则定义：{}）", rule.file);
    Some(out)
}

/// The JSON Schema of a rule file (rules/*.yaml and users' own), for editors:
/// docs/rules.schema.json, which a test keeps current.
pub fn rule_file_schema() -> String {
    pretty(schemars::schema_for!(super::spec::RuleFile))
}

/// The JSON Schema of the template file (rules/template-tables.yaml): docs/template.schema.json.
pub fn template_schema() -> String {
    pretty(schemars::schema_for!(crate::template::Template))
}

/// The JSON Schema of rules/eras.yaml.
pub fn eras_schema() -> String {
    pretty(schemars::schema_for!(crate::model::era::ErasFile))
}

fn pretty(s: schemars::Schema) -> String {
    let mut out = serde_json::to_string_pretty(&s).expect("a schema serialises");
    out.push('\n');
    out
}
