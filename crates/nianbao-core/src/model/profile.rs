//! Which template era a report belongs to, its reporting year and what kind of organ issued it.

use super::Document;
use crate::syntax::Token;

use super::era::{Era, Eras};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum OrganKind {
    /// 各级人民政府: its own report, deadline 31 March, extra content item (Art. 50(4)).
    Government,
    /// 县级以上人民政府部门: deadline 31 January.
    Department,
    Unknown,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Profile {
    pub era: Era,
    pub year: Option<i32>,
    pub organ: OrganKind,
    pub organ_name: Option<String>,
    /// Why this era's rules apply.
    #[serde(default)]
    pub era_basis: EraBasis,
}

/// What decided the era of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EraBasis {
    /// The reporting year read from the text.
    #[default]
    Year,
    /// Chosen with --profile.
    Forced,
    /// No year: headers that only this era's format has (rules/eras.yaml `fingerprints`).
    Fingerprint(Era),
    /// No year and no table of a national format: the oldest era's free form.
    NoSign,
}

impl EraBasis {
    /// Why the era was chosen, in words for the user.
    pub fn describe(self) -> String {
        match self {
            EraBasis::Year => "按报告年度".into(),
            EraBasis::Forced => "按 --profile 指定".into(),
            EraBasis::Fingerprint(era) => era.spec().recognised_by.clone(),
            EraBasis::NoSign => Era::all()
                .next()
                .map(|e| e.spec().recognised_by.clone())
                .unwrap_or_default(),
        }
    }

    /// Its name in the JSON: year, forced, fingerprint2021, no_sign.
    fn as_id(self) -> String {
        match self {
            EraBasis::Year => "year".into(),
            EraBasis::Forced => "forced".into(),
            EraBasis::Fingerprint(era) => format!("fingerprint{}", era.as_str()),
            EraBasis::NoSign => "no_sign".into(),
        }
    }
}

impl serde::Serialize for EraBasis {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.as_id())
    }
}

impl<'de> serde::Deserialize<'de> for EraBasis {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<EraBasis, D::Error> {
        let id = String::deserialize(d)?;
        match id.as_str() {
            "year" => Ok(EraBasis::Year),
            "forced" => Ok(EraBasis::Forced),
            "no_sign" => Ok(EraBasis::NoSign),
            other => other
                .strip_prefix("fingerprint")
                .and_then(Era::parse)
                .map(EraBasis::Fingerprint)
                .ok_or_else(|| serde::de::Error::custom(format!("unknown era basis {other}"))),
        }
    }
}

pub fn detect(doc: &Document, forced: Option<Era>) -> Profile {
    let year = reporting_year(doc);
    let shadow = doc.shadow();
    let (era, era_basis) = match (forced, year) {
        (Some(e), _) => (e, EraBasis::Forced),
        (None, Some(y)) => (Era::for_year(y), EraBasis::Year),
        (None, None) => match Eras::builtin().by_fingerprint(shadow) {
            Some((era, _)) => (era, EraBasis::Fingerprint(era)),
            None => (
                Era::all().next().expect("the era list is never empty"),
                EraBasis::NoSign,
            ),
        },
    };
    let organ_name = doc
        .title_span()
        .and_then(|t| organ_from_title(doc.shadow_slice(t)));
    let organ = organ_name
        .as_deref()
        .map(organ_kind)
        .unwrap_or(OrganKind::Unknown);
    Profile {
        era,
        year,
        organ,
        organ_name,
        era_basis,
    }
}

/// The reporting year: from the title, else from the preface's naming of the report, else
/// from the statistics period, else the year before publication.
pub fn reporting_year(doc: &Document) -> Option<i32> {
    let shadow = doc.shadow();
    if let Some(t) = doc.title_span() {
        if let Some(y) = first_year(&shadow[t.start..t.end]) {
            return Some(y);
        }
    }
    let head_end = doc.body.start + floor_char(&shadow[doc.body.start..], 1500);
    let head = &shadow[doc.body.start..head_end];
    for (i, _) in head.match_indices("报告") {
        let before = &head[..i];
        let from = floor_char(before, before.len().saturating_sub(90));
        let window = &before[from..];
        if window.contains("政府信息公开") || window.contains("政务公开") {
            if let Some(y) = last_year(window) {
                return Some(y);
            }
        }
    }
    if let Some(p) = head.find("统计") {
        if let Some(y) = first_year(&head[p..floor_char(head, (p + 60).min(head.len()))]) {
            return Some(y);
        }
    }
    publication_year(doc).map(|y| y - 1)
}

use crate::text::floor_boundary as floor_char;

fn years(s: &str) -> impl Iterator<Item = i32> + '_ {
    s.match_indices('年').filter_map(move |(i, _)| {
        let digits = &s[..i];
        let d = digits.get(digits.len().checked_sub(4)?..)?;
        let y: i32 = d.parse().ok()?;
        (1990..=2100).contains(&y).then_some(y)
    })
}

/// The first year written with 年 (2023年) in `s`.
pub fn first_year(s: &str) -> Option<i32> {
    years(s).next()
}

fn last_year(s: &str) -> Option<i32> {
    years(s).last()
}

/// Publication date: from the metadata line, else the last date standing alone at the end.
pub fn publication_date(doc: &Document) -> Option<crate::syntax::Date> {
    if let Some(v) = doc.metadata(&["发布时间", "发布日期", "公开日期", "成文日期", "生成日期"])
    {
        if let Some(Token::Date(d)) = crate::syntax::scan_quantities(doc.shadow_slice(v), v.start)
            .into_iter()
            .find(|t| matches!(t, Token::Date(_)))
        {
            return Some(d);
        }
    }
    // Metadata run together on one line: 发布部门:…发布时间:2018-03-28
    for b in doc
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, crate::model::BlockKind::Metadata { .. }))
    {
        let s = doc.shadow_slice(b.span);
        for key in ["发布时间", "发布日期"] {
            if let Some(p) = s.find(key) {
                let from = b.span.start + p;
                if let Some(Token::Date(d)) =
                    crate::syntax::scan_quantities(&doc.shadow()[from..b.span.end], from)
                        .into_iter()
                        .find(|t| matches!(t, Token::Date(_)))
                {
                    return Some(d);
                }
            }
        }
    }
    signature_date(doc)
}

/// The date line that closes a report (2018年3月26日 / 二〇一七年一月八日 under the issuer).
pub fn signature_date(doc: &Document) -> Option<crate::syntax::Date> {
    let last = doc
        .blocks
        .iter()
        .rev()
        .filter(|b| matches!(b.kind, crate::model::BlockKind::Paragraph))
        .take(3)
        .find(|b| doc.shadow_slice(b.span).chars().count() <= 16)?;
    doc.tokens_in(last.span).find_map(|t| match t {
        Token::Date(d) if d.year.is_some() && d.day.is_some() => Some(d.clone()),
        _ => None,
    })
}

fn publication_year(doc: &Document) -> Option<i32> {
    publication_date(doc)
        .and_then(|d| d.ymd())
        .map(|(y, _, _)| y)
}

/// The issuing organ as named in the title, without year and report words.
pub fn organ_from_title(title: &str) -> Option<String> {
    let mut t = title.to_string();
    if let Some(y) = first_year(&t) {
        t = t
            .replacen(&format!("{y}年度"), "", 1)
            .replacen(&format!("{y}年"), "", 1);
    }
    // The organ ends where the name of the report begins.
    let cut = [
        "政府信息公开",
        "政务公开",
        "信息公开",
        "年度报告",
        "工作报告",
    ]
    .iter()
    .filter_map(|w| t.find(w))
    .min();
    if let Some(p) = cut {
        t.truncate(p);
    }
    let t = t.trim().to_string();
    (!t.is_empty()).then_some(t)
}

pub fn organ_kind(name: &str) -> OrganKind {
    const GOVERNMENT_ENDS: &[&str] = &[
        "人民政府",
        "政府",
        "省",
        "市",
        "县",
        "区",
        "自治州",
        "州",
        "盟",
        "旗",
        "镇",
        "乡",
    ];
    const DEPARTMENT_ENDS: &[&str] = &[
        "局",
        "委",
        "办",
        "厅",
        "中心",
        "委员会",
        "办公室",
        "署",
        "院",
        "所",
        "站",
        "队",
        "馆",
        "部",
        "处",
        "科",
    ];
    if DEPARTMENT_ENDS.iter().any(|e| name.ends_with(e)) {
        OrganKind::Department
    } else if GOVERNMENT_ENDS.iter().any(|e| name.ends_with(e)) {
        OrganKind::Government
    } else {
        OrganKind::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organ_names_and_kinds() {
        assert_eq!(
            organ_from_title("2019年上海市人民政府办公厅政府信息公开工作年度报告").as_deref(),
            Some("上海市人民政府办公厅")
        );
        assert_eq!(organ_kind("上海市人民政府办公厅"), OrganKind::Department);
        assert_eq!(organ_kind("淮安市洪泽区人民政府"), OrganKind::Government);
        assert_eq!(
            organ_kind("威海市文登区政务服务中心"),
            OrganKind::Department
        );
        assert_eq!(
            organ_from_title("大连保税区2017年度政府信息公开工作报告").as_deref(),
            Some("大连保税区")
        );
    }
}
