//! `nianbao.yaml`: a project's settings, so that a team does not repeat its flags. Each report
//! is governed by the closest nianbao.yaml (or .nianbao.yaml) in its folder or above;
//! `--config FILE` names one for all, `--isolated` ignores all. Flags given on the command line win over
//! the file. A mistake in the file is reported with its line and a caret, never as a panic.

use crate::model::OrganKind;
use crate::rules::finding::Severity;
use crate::rules::kinds::CheckSpec;
use crate::rules::{RuleError, RuleSet};
use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const FILE_NAMES: &[&str] = &["nianbao.yaml", ".nianbao.yaml"];

#[derive(Debug, Default, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(
    title = "nianbao.yaml",
    description = "nianbao（政府信息公开工作年度报告检查）的项目配置"
)]
pub struct Config {
    /// 报告所属时期的规则集：auto（按报告年度判断）、2008、2019、2021
    #[serde(default)]
    pub profile: Option<Profile>,
    /// 只检查这些规则（规则编号或前缀）
    #[serde(default)]
    pub select: Vec<String>,
    /// 不检查这些规则（规则编号或前缀）
    #[serde(default)]
    pub ignore: Vec<String>,
    /// 改变规则的级别：规则编号 → error、warning 或 info
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
    /// 按文件不检查的规则：glob（相对于检查时给出的路径）→ 规则编号或前缀
    #[serde(default)]
    pub per_file_ignores: BTreeMap<String, Vec<String>>,
    /// 额外的规则文件或目录（相对于本配置文件）
    #[serde(default)]
    pub rules: Vec<PathBuf>,
    /// 报告机关的类别，正文看不出时用：government（人民政府）或 department（政府部门）
    #[serde(default)]
    pub organ: Option<Organ>,
    /// 比法定期限更早的本地发布期限（如本地要求 3 月 15 日前发布）
    #[serde(default)]
    pub deadline: Option<LocalDeadline>,
    /// 达到此级别的问题使退出码为 1：error、warning 或 info
    #[serde(default)]
    pub fail_level: Option<Severity>,
}

/// Which era's rules a report is checked by: found from the report, or one of
/// rules/eras.yaml named.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Profile {
    Auto,
    Era(crate::model::Era),
}

impl Profile {
    /// The era chosen for every report, if one was.
    pub fn forced(self) -> Option<crate::model::Era> {
        match self {
            Profile::Auto => None,
            Profile::Era(e) => Some(e),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Auto => "auto",
            Profile::Era(e) => e.as_str(),
        }
    }

    /// Its possible names: auto, then the eras' ids.
    pub fn names() -> Vec<&'static str> {
        std::iter::once("auto")
            .chain(crate::model::Eras::builtin().ids())
            .collect()
    }
}

impl std::str::FromStr for Profile {
    type Err = String;

    fn from_str(s: &str) -> Result<Profile, String> {
        match s {
            "auto" => Ok(Profile::Auto),
            _ => crate::model::Era::parse(s)
                .map(Profile::Era)
                .ok_or_else(|| format!("没有规则集“{s}”（可选：{}）", Profile::names().join("、"))),
        }
    }
}

impl<'de> Deserialize<'de> for Profile {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Profile, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Profile {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Profile".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "enum": Profile::names() })
    }
}

#[derive(Debug, Clone, Copy, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum Organ {
    Government,
    Department,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LocalDeadline {
    pub month: u32,
    pub day: u32,
    /// 规定本地期限的文件，写入问题说明
    pub basis: String,
    /// 只对这类机关（不写则对全部）
    #[serde(default)]
    pub organ: Option<Organ>,
}

/// The config file that applies to `start` (a file or folder): the closest one at or above it.
pub fn find(start: &Path) -> Option<PathBuf> {
    let start = std::fs::canonicalize(start).unwrap_or_else(|_| start.to_path_buf());
    let mut dir = if start.is_dir() {
        Some(start.as_path())
    } else {
        start.parent()
    };
    while let Some(d) = dir {
        for name in FILE_NAMES {
            let p = d.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
        dir = d.parent();
    }
    None
}

/// Reads and checks a config file: its YAML, and every rule id it names against `rules`.
pub fn load(path: &Path, rules: &RuleSet) -> Result<Config, RuleError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| RuleError {
        file: name.clone(),
        message: crate::input::os_error(&e),
        at: None,
    })?;
    parse(&name, &text, rules)
}

pub fn parse(name: &str, text: &str, rules: &RuleSet) -> Result<Config, RuleError> {
    let cfg: Config = serde_saphyr::from_str(text).map_err(|e| {
        let at = e.location().and_then(|l| {
            let line = l.line() as usize;
            let text_line = text.lines().nth(line.checked_sub(1)?)?.to_string();
            Some((line, (l.column() as usize).max(1), text_line))
        });
        RuleError {
            file: name.to_string(),
            message: format!("配置有误：{}", first_line(&e.to_string())),
            at,
        }
    })?;
    let ids: Vec<&str> = rules.rules.iter().map(|r| r.spec.id.as_str()).collect();
    let known = |r: &str| {
        ids.iter()
            .any(|id| *id == r || (id.starts_with(r) && id[r.len()..].starts_with('-')))
    };
    let named = cfg
        .select
        .iter()
        .chain(&cfg.ignore)
        .chain(cfg.severity.keys())
        .chain(cfg.per_file_ignores.values().flatten());
    for r in named {
        if !known(r) {
            return Err(RuleError {
                file: name.to_string(),
                message: format!(
                    "没有规则“{r}”{}",
                    crate::rules::compile::did_you_mean(r, &ids)
                ),
                at: locate(text, r),
            });
        }
    }
    for glob in cfg.per_file_ignores.keys() {
        if let Err(e) = globset::Glob::new(glob) {
            return Err(RuleError {
                file: name.to_string(),
                message: format!("per-file-ignores 的 glob“{glob}”有误：{e}"),
                at: locate(text, glob),
            });
        }
    }
    if let Some(d) = &cfg.deadline {
        if !(1..=12).contains(&d.month) || !(1..=31).contains(&d.day) {
            return Err(RuleError {
                file: name.to_string(),
                message: format!("deadline 的日期 {}月{}日 不存在", d.month, d.day),
                at: locate(text, "deadline"),
            });
        }
    }
    Ok(cfg)
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s)
}

/// Line, column and text of the first place `token` stands in the file.
fn locate(text: &str, token: &str) -> Option<(usize, usize, String)> {
    text.lines().enumerate().find_map(|(i, l)| {
        l.find(token)
            .map(|at| (i + 1, l[..at].chars().count() + 1, l.to_string()))
    })
}

impl Config {
    /// What the file changes in the rules themselves: extra rule files, severities, the organ
    /// kind to assume, a stricter local deadline. `dir` is the config file's folder.
    pub fn apply(&self, rules: &mut RuleSet, dir: &Path) -> Result<(), RuleError> {
        for extra in &self.rules {
            let p = dir.join(extra);
            if p.is_dir() {
                crate::rule_files::add_dir(rules, &p)?;
            } else {
                let text = std::fs::read_to_string(&p).map_err(|e| RuleError {
                    file: p.display().to_string(),
                    message: crate::input::os_error(&e),
                    at: None,
                })?;
                rules.add_file(&p.display().to_string(), &text)?;
            }
        }
        for (id, sev) in &self.severity {
            for r in rules.rules.iter_mut().filter(|r| {
                r.spec.id == *id
                    || (r.spec.id.starts_with(id.as_str())
                        && r.spec.id[id.len()..].starts_with('-'))
            }) {
                r.spec.severity = *sev;
                for s in r.spec.variant_severity.values_mut() {
                    *s = *sev;
                }
            }
        }
        rules.organ_default = self.organ.map(|o| match o {
            Organ::Government => OrganKind::Government,
            Organ::Department => OrganKind::Department,
        });
        if let Some(d) = &self.deadline {
            for r in &mut rules.rules {
                if let CheckSpec::Deadline(k) = &mut r.spec.check {
                    k.limits.insert(0, d.as_limit());
                }
            }
        }
        Ok(())
    }

    /// The rules per-file-ignores turns off for a file shown as `path`.
    pub fn ignored_for(&self, path: &str) -> Vec<&str> {
        let path = path.trim_start_matches("./");
        self.per_file_ignores
            .iter()
            .filter(|(g, _)| {
                globset::GlobBuilder::new(g)
                    .literal_separator(false)
                    .build()
                    .is_ok_and(|g| {
                        let m = g.compile_matcher();
                        m.is_match(path)
                            || Path::new(path).file_name().is_some_and(|f| m.is_match(f))
                    })
            })
            .flat_map(|(_, rules)| rules.iter().map(String::as_str))
            .collect()
    }
}

impl LocalDeadline {
    fn as_limit(&self) -> crate::rules::kinds::deadline::Limit {
        use crate::model::Era;
        crate::rules::kinds::deadline::Limit {
            eras: Era::all().collect(),
            organ: self.organ.map(|o| match o {
                Organ::Government => crate::rules::kinds::required_items::Organ::Government,
                Organ::Department => crate::rules::kinds::required_items::Organ::Department,
            }),
            month: self.month,
            day: self.day,
            basis: self.basis.clone(),
        }
    }
}

/// The JSON Schema of nianbao.yaml, for editors (docs/nianbao.schema.json; a test keeps it
/// current).
pub fn schema() -> String {
    let s = schemars::schema_for!(Config);
    let mut out = serde_json::to_string_pretty(&s).expect("a schema serialises");
    out.push('\n');
    out
}

/// What `nianbao init` writes: the starter with the eras of rules/eras.yaml named.
pub fn starter() -> String {
    let eras: Vec<String> = crate::model::Eras::builtin()
        .ids()
        .map(|id| format!("\"{id}\""))
        .collect();
    STARTER.replace("{eras}", &eras.join("、"))
}

const STARTER: &str = r#"# nianbao 配置（nianbao init 生成）。检查时从被检查的路径所在目录向上找最近的 nianbao.yaml；
# 命令行参数优先于本文件；--config 指定配置文件，--isolated 不读任何配置文件。
# 编辑器可用 docs/nianbao.schema.json（JSON Schema）补全和校验本文件。

# 报告所属时期的规则集：auto（按报告年度判断）、{eras}
profile: auto

# 只检查这些规则（规则编号或前缀，如 TXT、ARI-T3）；不写则检查全部
# select: [STR, ARI, TXT]

# 不检查这些规则
# ignore: [TXT-REPEAT]

# 改变规则的级别
# severity:
#   GOV-PERIOD-STMT: warning

# 按文件不检查的规则（glob → 规则）
# per-file-ignores:
#   "草稿/*.md": [STR-NUMBERING]

# 额外的规则文件或目录（相对于本文件）
# rules: [本地规则/]

# 报告机关的类别，正文看不出时用：government（人民政府）或 department（政府部门）
# organ: department

# 比法定期限更早的本地发布期限
# deadline: { month: 3, day: 15, basis: 某市政务公开办通知 }

# 达到此级别的问题使退出码为 1：error、warning、info
fail-level: error
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> RuleSet {
        RuleSet::builtin().unwrap()
    }

    #[test]
    fn the_starter_config_is_valid() {
        let cfg = parse("nianbao.yaml", &starter(), &rules()).unwrap();
        assert_eq!(cfg.profile, Some(Profile::Auto));
        assert_eq!(cfg.fail_level, Some(Severity::Error));
    }

    #[test]
    fn mistakes_name_their_line_and_suggest_a_rule() {
        let e = parse("c.yaml", "select: [TXT]\nignore: [TXT-REPAET]\n", &rules()).unwrap_err();
        assert_eq!(e.at.as_ref().unwrap().0, 2);
        assert!(e.message.contains("TXT-REPEAT"), "{}", e.message);
        let e = parse("c.yaml", "profile: auto\nfail-levle: error\n", &rules()).unwrap_err();
        assert_eq!(e.at.as_ref().map(|a| a.0), Some(2), "{e}");
        let e = parse("c.yaml", "severity:\n  TXT-REPEAT: fatal\n", &rules()).unwrap_err();
        assert!(e.at.is_some(), "{e}");
    }

    #[test]
    fn per_file_ignores_match_paths_and_names() {
        let cfg = parse(
            "c.yaml",
            "per-file-ignores:\n  \"草稿/*.md\": [STR-NUMBERING]\n  \"*.txt\": [TXT]\n",
            &rules(),
        )
        .unwrap();
        assert_eq!(cfg.ignored_for("草稿/a.md"), vec!["STR-NUMBERING"]);
        assert_eq!(cfg.ignored_for("./x/b.txt"), vec!["TXT"]);
        assert!(cfg.ignored_for("c.md").is_empty());
    }

    #[test]
    fn severity_and_a_local_deadline_change_the_rules() {
        let cfg = parse(
            "c.yaml",
            "severity: { GOV-DEADLINE: warning }\ndeadline: { month: 3, day: 15, basis: 某市通知 }\n",
            &rules(),
        )
        .unwrap();
        let mut set = rules();
        cfg.apply(&mut set, Path::new(".")).unwrap();
        let r = set.get("GOV-DEADLINE").unwrap();
        assert_eq!(r.spec.severity, Severity::Warning);
        let CheckSpec::Deadline(k) = &r.spec.check else {
            panic!()
        };
        assert_eq!(k.limits[0].basis, "某市通知");
    }
}
