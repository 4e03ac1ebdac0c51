//! Whether two reports come from the same issuer. Titles name an issuer with more or less of
//! its place: 淮安市洪泽区人民政府 one year, 洪泽区人民政府 the next. Those are one issuer; a
//! 县 re-designated as a 区 is not (the reports are not one series), nor are two cities'
//! 城市管理局.

/// The name with its spelling variants made one: 人民政府 → 政府, 办公室 → 办, no spaces.
pub fn normalise(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .replace("人民政府", "政府")
        .replace("办公室", "办")
}

/// Place names that stand above another place in a name (江苏省, 淮安市, 延边朝鲜族自治州).
const HIGHER: &[&str] = &["自治区", "自治州", "地区", "省", "市", "州", "盟"];
/// Every kind of place a name may go on with.
const PLACE: &[&str] = &[
    "自治区",
    "自治州",
    "自治县",
    "地区",
    "新区",
    "街道",
    "省",
    "市",
    "州",
    "盟",
    "区",
    "县",
    "旗",
    "镇",
    "乡",
];

/// The length in bytes of a place name at the start of `s` (two to eight characters ending
/// in one of `ends`, 苏州市 whole rather than 苏州), if there is one.
fn place_at_start(s: &str, ends: &[&str]) -> Option<usize> {
    for (n, (i, c)) in s.char_indices().enumerate().take(8) {
        let mut after = i + c.len_utf8();
        if n >= 1 && ends.iter().any(|e| s[..after].ends_with(e)) {
            while let Some(e) = ends.iter().find(|e| s[after..].starts_with(**e)) {
                after += e.len();
            }
            return Some(after);
        }
    }
    None
}

/// The name without the higher places before its own: 淮安市洪泽区政府 → 洪泽区政府, while
/// 淮安市政府 and 淮安市城市管理局 keep their city (what follows it is not a place).
pub fn own_part(normalised: &str) -> &str {
    let mut s = normalised;
    while let Some(n) = place_at_start(s, HIGHER) {
        let rest = &s[n..];
        if place_at_start(rest, PLACE).is_some_and(|m| !is_organ(&rest[..m])) {
            s = rest;
        } else {
            break;
        }
    }
    s
}

/// Words that end like a place but name a body (城市管理局 starts with 城市).
fn is_organ(word: &str) -> bool {
    ["城市", "都市", "超市", "市区"]
        .iter()
        .any(|w| word.starts_with(w))
}

/// Whether two issuers' names denote one issuer: equal once normalised, or one is the other
/// with higher places before it.
pub fn same(a: &str, b: &str) -> bool {
    let (a, b) = (normalise(a), normalise(b));
    if a == b {
        return true;
    }
    let (long, short) = if a.len() > b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    long.ends_with(short.as_str()) && own_part(long) == own_part(short) && {
        // What the longer adds must be whole places, not part of a word (洪泽区 ≠ 泽区).
        let prefix = &long[..long.len() - short.len()];
        let mut p = prefix;
        while let Some(n) = place_at_start(p, HIGHER) {
            p = &p[n..];
        }
        p.is_empty()
    }
}

/// The issuer's own place (洪泽区 of 淮安市洪泽区人民政府), which its text names where another
/// unit's copy names its own: masked before texts are compared.
pub fn own_place(name: &str) -> Option<String> {
    let n = normalise(name);
    let own = own_part(&n);
    place_at_start(own, PLACE).map(|end| own[..end].to_string())
}

/// The place whose people's government the name is (洪泽区 of 淮安市洪泽区人民政府), if it is one.
pub fn government_place(name: &str) -> Option<String> {
    let n = normalise(name);
    let own = own_part(&n);
    let end = place_at_start(own, PLACE)?;
    (&own[end..] == "政府").then(|| own[..end].to_string())
}

/// The place whose government a department belongs to (洪泽区 of 洪泽区教育局), if the name is
/// a department's: not the government itself, its office, or a place below it (a 街道, 镇).
pub fn department_place(name: &str) -> Option<String> {
    let n = normalise(name);
    let own = own_part(&n);
    let end = place_at_start(own, PLACE)?;
    let rest = &own[end..];
    let below = place_at_start(rest, PLACE).is_some_and(|m| !is_organ(&rest[..m]));
    let body = ["局", "委", "厅", "办", "署", "会", "院", "中心", "队", "所", "处", "站", "馆"];
    (!rest.is_empty() && !rest.starts_with("政府") && !below && body.iter().any(|b| rest.ends_with(b)))
        .then(|| own[..end].to_string())
}

/// The key reports are grouped by before `same` decides.
pub fn key(name: &str) -> String {
    own_part(&normalise(name)).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_with_its_city_is_the_same_issuer_as_without() {
        assert!(same("淮安市洪泽区人民政府", "洪泽区人民政府"));
        assert!(same("江苏省淮安市洪泽区人民政府", "淮安市洪泽区政府"));
        assert!(same("上海市人民政府办公厅", "上海市人民政府 办公厅"));
        assert_eq!(key("淮安市洪泽区人民政府"), "洪泽区政府");
        assert_eq!(key("淮安市人民政府"), "淮安市政府");
        assert_eq!(own_place("淮安市洪泽区人民政府").as_deref(), Some("洪泽区"));
        assert_eq!(own_place("上海市科学技术委员会").as_deref(), Some("上海市"));
    }

    #[test]
    fn governments_and_their_departments_are_told_by_their_names() {
        assert_eq!(government_place("淮安市洪泽区人民政府").as_deref(), Some("洪泽区"));
        assert_eq!(government_place("淮安市人民政府").as_deref(), Some("淮安市"));
        assert_eq!(government_place("淮安市教育局"), None);
        assert_eq!(government_place("洪泽区人民政府办公室"), None);
        assert_eq!(department_place("淮安市洪泽区教育局").as_deref(), Some("洪泽区"));
        assert_eq!(department_place("洪泽区卫生健康委员会").as_deref(), Some("洪泽区"));
        assert_eq!(department_place("淮安市城市管理局").as_deref(), Some("淮安市"));
        assert_eq!(department_place("洪泽区人民政府"), None);
        assert_eq!(department_place("洪泽区人民政府办公室"), None);
        assert_eq!(department_place("洪泽区高良涧街道办事处"), None);
        assert_eq!(department_place("上海市"), None);
    }

    #[test]
    fn a_redesignated_county_and_other_cities_bodies_are_other_issuers() {
        assert!(!same("洪泽县人民政府", "洪泽区人民政府"));
        assert!(!same("淮安市城市管理局", "南京市城市管理局"));
        assert!(!same("淮安市人民政府", "洪泽区人民政府"));
        assert_eq!(key("淮安市城市管理局"), "淮安市城市管理局");
        assert!(!same("洪泽区人民政府", "泽区人民政府"));
        assert!(same("苏州市吴中区人民政府", "吴中区人民政府"));
    }
}
