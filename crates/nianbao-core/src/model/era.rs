//! The template eras, as `rules/eras.yaml` lists them: an `Era` is a position in that list, so
//! a new national format is a data change.

use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// One template era as `rules/eras.yaml` describes it.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EraSpec {
    /// The name rule files, the template and nianbao.yaml use ("2021").
    pub id: String,
    /// Its name in messages: 2021年版（国办公开办函〔2021〕30号）.
    pub name: String,
    /// The document that set its format (or the regulation, before there was one).
    pub basis: String,
    /// The reporting years it covers.
    pub years: Years,
    /// Table headers only its format has, for a report whose year cannot be read.
    #[serde(default)]
    pub fingerprints: Vec<String>,
    /// What a message says when the era was told from the text, with no year read.
    pub recognised_by: String,
}

#[derive(Debug, Clone, Copy, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Years {
    #[serde(default)]
    pub from: Option<i32>,
    #[serde(default)]
    pub to: Option<i32>,
}

impl EraSpec {
    /// Whether a national format (fixed sections and tables) came with it: the eras since
    /// 2019. The 2008 regulation's reports were free-form, and have no headers of their own.
    pub fn national_format(&self) -> bool {
        !self.fingerprints.is_empty()
    }
}

/// The list of eras, oldest first, checked when it is read.
#[derive(Debug)]
pub struct Eras {
    list: Vec<EraSpec>,
}

/// rules/eras.yaml: the template eras, oldest first.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ErasFile {
    pub eras: Vec<EraSpec>,
}

const BUILTIN_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/eras.json"));

impl Eras {
    /// The built-in list (rules/eras.yaml, embedded).
    pub fn builtin() -> &'static Eras {
        static ERAS: OnceLock<Eras> = OnceLock::new();
        ERAS.get_or_init(|| {
            let file: ErasFile = serde_json::from_str(BUILTIN_JSON)
                .unwrap_or_else(|e| panic!("rules/eras.yaml: {e}"));
            Eras::new(file.eras).unwrap_or_else(|e| panic!("rules/eras.yaml: {e}"))
        })
    }

    /// A list that is usable: ids unique, oldest first, the years of one era meeting the
    /// next's with no gap or overlap, open at both ends.
    pub fn new(list: Vec<EraSpec>) -> Result<Eras, String> {
        if list.is_empty() || list.len() > u8::MAX as usize {
            return Err("时期列表不能为空".into());
        }
        for (i, e) in list.iter().enumerate() {
            if list[..i].iter().any(|o| o.id == e.id) {
                return Err(format!("时期“{}”重复", e.id));
            }
        }
        if list[0].years.from.is_some() || list[list.len() - 1].years.to.is_some() {
            return Err("最早的时期不写 from，最新的时期不写 to".into());
        }
        for w in list.windows(2) {
            match (w[0].years.to, w[1].years.from) {
                (Some(to), Some(from)) if from == to + 1 => {}
                _ => {
                    return Err(format!(
                        "时期“{}”与“{}”的年度不衔接（前者的 to 加 1 应等于后者的 from）",
                        w[0].id, w[1].id
                    ))
                }
            }
        }
        Ok(Eras { list })
    }

    pub fn all(&self) -> impl DoubleEndedIterator<Item = Era> + ExactSizeIterator + '_ {
        (0..self.list.len()).map(|i| Era(i as u8))
    }

    pub fn get(&self, era: Era) -> &EraSpec {
        &self.list[era.0 as usize]
    }

    pub fn parse(&self, id: &str) -> Option<Era> {
        self.list
            .iter()
            .position(|e| e.id == id)
            .map(|i| Era(i as u8))
    }

    /// The era whose format a report for this year follows.
    pub fn for_year(&self, year: i32) -> Era {
        let i = self
            .list
            .iter()
            .position(|e| e.years.to.is_none_or(|to| year <= to))
            .unwrap_or(self.list.len() - 1);
        Era(i as u8)
    }

    /// The newest era one of whose headers is in the text, with that header.
    pub fn by_fingerprint<'s>(&'s self, text: &str) -> Option<(Era, &'s str)> {
        self.all().rev().find_map(|era| {
            self.get(era)
                .fingerprints
                .iter()
                .find(|f| text.contains(f.as_str()))
                .map(|f| (era, f.as_str()))
        })
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.list.iter().map(|e| e.id.as_str())
    }
}

/// A template era: its place in `rules/eras.yaml` (ordered oldest first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Era(u8);

impl Era {
    pub fn spec(self) -> &'static EraSpec {
        Eras::builtin().get(self)
    }

    pub fn as_str(self) -> &'static str {
        &self.spec().id
    }

    /// Its name in messages.
    pub fn name(self) -> &'static str {
        &self.spec().name
    }

    pub fn for_year(year: i32) -> Era {
        Eras::builtin().for_year(year)
    }

    pub fn parse(s: &str) -> Option<Era> {
        Eras::builtin().parse(s)
    }

    /// Every era, oldest first.
    pub fn all() -> impl DoubleEndedIterator<Item = Era> + ExactSizeIterator {
        Eras::builtin().all()
    }

    /// The era of the newest format.
    pub fn latest() -> Era {
        Era::all().next_back().expect("the era list is never empty")
    }
}

impl Serialize for Era {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Era {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Era, D::Error> {
        let id = String::deserialize(d)?;
        Era::parse(&id).ok_or_else(|| {
            let known: Vec<&str> = Eras::builtin().ids().collect();
            serde::de::Error::custom(format!(
                "没有时期“{id}”（rules/eras.yaml 中有：{}）",
                known.join("、")
            ))
        })
    }
}

impl schemars::JsonSchema for Era {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Era".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let ids: Vec<&str> = Eras::builtin().ids().collect();
        schemars::json_schema!({ "type": "string", "enum": ids })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eras(yaml: &str) -> Result<Eras, String> {
        let file: ErasFile = serde_saphyr::from_str(yaml).map_err(|e| e.to_string())?;
        Eras::new(file.eras)
    }

    #[test]
    fn the_built_in_eras_cover_every_year_as_the_reference_says() {
        let e = Eras::builtin();
        assert_eq!(e.get(e.for_year(2008)).id, "2008");
        assert_eq!(e.get(e.for_year(2018)).id, "2008");
        assert_eq!(e.get(e.for_year(2019)).id, "2019");
        assert_eq!(e.get(e.for_year(2020)).id, "2019");
        assert_eq!(e.get(e.for_year(2021)).id, "2021");
        assert_eq!(e.get(e.for_year(2030)).id, "2021");
        assert_eq!(Era::latest().as_str(), "2021");
        assert!(Era::parse("2019") < Era::parse("2021"));
        assert_eq!(
            serde_json::to_string(&Era::parse("2019").unwrap()).unwrap(),
            "\"2019\""
        );
        assert!(serde_json::from_str::<Era>("\"2027\"")
            .unwrap_err()
            .to_string()
            .contains("没有时期“2027”"));
    }

    #[test]
    fn a_fourth_format_is_a_new_entry() {
        let with_2027 = eras(
            r#"
eras:
  - { id: "2008", name: a, recognised_by: r, basis: b, years: { to: 2018 } }
  - { id: "2019", name: a, recognised_by: r, basis: b, years: { from: 2019, to: 2020 }, fingerprints: [本年新制作数量] }
  - { id: "2021", name: a, recognised_by: r, basis: b, years: { from: 2021, to: 2026 }, fingerprints: [本年制发件数] }
  - { id: "2027", name: a, recognised_by: r, basis: b, years: { from: 2027 }, fingerprints: [本年新增数据集] }
"#,
        )
        .unwrap();
        let id = |e: Era| with_2027.get(e).id.as_str();
        assert_eq!(id(with_2027.for_year(2026)), "2021");
        assert_eq!(id(with_2027.for_year(2027)), "2027");
        let (era, cue) = with_2027
            .by_fingerprint("本年制发件数 … 本年新增数据集")
            .unwrap();
        assert_eq!((id(era), cue), ("2027", "本年新增数据集"));
        assert_eq!(
            id(with_2027.by_fingerprint("本年制发件数").unwrap().0),
            "2021"
        );
        assert!(with_2027.by_fingerprint("无表").is_none());
    }

    #[test]
    fn years_that_do_not_meet_are_refused() {
        let gap = eras(
            r#"
eras:
  - { id: "2008", name: a, recognised_by: r, basis: b, years: { to: 2018 } }
  - { id: "2021", name: a, recognised_by: r, basis: b, years: { from: 2021 } }
"#,
        );
        assert!(gap.unwrap_err().contains("不衔接"));
        let twice = eras(
            r#"
eras:
  - { id: "2008", name: a, recognised_by: r, basis: b, years: { to: 2018 } }
  - { id: "2008", name: a, recognised_by: r, basis: b, years: { from: 2019 } }
"#,
        );
        assert!(twice.unwrap_err().contains("重复"));
    }
}
