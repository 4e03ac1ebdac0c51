//! Normalisation for comparing labels and names, never applied to the text view itself (that
//! would break the spans): full-width to half-width, white space removed, punctuation folded.

/// Folds a label for comparison: removes all white space, maps full-width ASCII forms to
/// ASCII and folds Chinese brackets and quotes to one form.
pub fn fold_label(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_label_into(s, &mut out);
    out
}

/// [`fold_label`] appended to `out`.
pub fn fold_label_into(s: &str, out: &mut String) {
    // Every character that is white space or folds is ASCII white space or starts with one
    // of these bytes; most labels have none and are copied whole.
    if !s
        .bytes()
        .any(|b| b <= 0x20 || matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF))
    {
        out.push_str(s);
        return;
    }
    for c in s.chars() {
        if c.is_whitespace() || c == '\u{200B}' {
            continue;
        }
        out.push(fold_char(c));
    }
}

#[cfg(test)]
fn fold_chars(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{200B}')
        .map(fold_char)
        .collect()
}

pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '“' | '”' | '「' | '」' | '『' | '』' => '"',
        '‘' | '’' => '\'',
        '〔' | '【' => '[',
        '〕' | '】' => ']',
        '—' | '–' => '-',
        _ => c,
    }
}

/// Value of a Chinese numeral used in heading numbers and counts: 一 … 九十九, 〇/零, 两,
/// 十一, 二十, 一百零五. Returns None for anything else.
pub fn cn_numeral_value(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    let digit = |c: char| -> Option<u32> {
        Some(match c {
            '〇' | '零' | '○' | 'О' => 0,
            '一' | '壹' => 1,
            '二' | '两' | '貳' | '贰' | '兩' => 2,
            '三' | '叁' => 3,
            '四' | '肆' => 4,
            '五' | '伍' => 5,
            '六' | '陆' | '陸' => 6,
            '七' | '柒' => 7,
            '八' | '捌' => 8,
            '九' | '玖' => 9,
            _ => return None,
        })
    };
    let mut total = 0u32;
    let mut current = 0u32;
    let mut seen_any = false;
    for c in s.chars() {
        match c {
            '十' | '拾' => {
                total += if current == 0 { 10 } else { current * 10 };
                current = 0;
            }
            '百' | '佰' => {
                total += if current == 0 { 100 } else { current * 100 };
                current = 0;
            }
            '千' | '仟' => {
                total += if current == 0 { 1000 } else { current * 1000 };
                current = 0;
            }
            _ => current = digit(c)?,
        }
        seen_any = true;
    }
    seen_any.then_some(total + current)
}

/// Digit-by-digit Chinese year such as 二〇一七 (not 两千零一十七).
pub fn cn_digits_value(s: &str) -> Option<u32> {
    let mut v = 0u32;
    for c in s.chars() {
        let d = cn_numeral_value(&c.to_string()).filter(|d| *d < 10)?;
        v = v.checked_mul(10)?.checked_add(d)?;
    }
    (!s.is_empty()).then_some(v)
}

/// Words and characters that carry no meaning when comparing a declared part with a heading.
const FILLER_WORDS: &[&str] = &["以及", "情况", "工作", "有关", "相关", "方面"];
fn is_filler_char(c: char) -> bool {
    matches!(
        c,
        '的' | '和'
            | '与'
            | '及'
            | '、'
            | ','
            | '，'
            | '。'
            | '"'
            | '“'
            | '”'
            | '('
            | ')'
            | '（'
            | '）'
            | ':'
            | '：'
            | ';'
            | '；'
    )
}

/// Reduces a section name to its meaningful characters for comparison: the folded label with
/// the filler words and characters dropped where they stand, left to right.
pub fn name_core(s: &str) -> String {
    let folded = fold_label(s);
    let mut out = String::with_capacity(folded.len());
    let mut rest = folded.as_str();
    while let Some(c) = rest.chars().next() {
        if let Some(w) = FILLER_WORDS.iter().find(|w| rest.starts_with(**w)) {
            rest = &rest[w.len()..];
            continue;
        }
        if !is_filler_char(c) {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals() {
        assert_eq!(cn_numeral_value("三"), Some(3));
        assert_eq!(cn_numeral_value("十一"), Some(11));
        assert_eq!(cn_numeral_value("二十"), Some(20));
        assert_eq!(cn_numeral_value("二十三"), Some(23));
        assert_eq!(cn_numeral_value("一百零五"), Some(105));
        assert_eq!(cn_numeral_value("是"), None);
        assert_eq!(cn_digits_value("二〇一七"), Some(2017));
    }

    #[test]
    fn labels_without_folding_bytes_need_no_folding() {
        for c in (0..0x11_0000).filter_map(char::from_u32) {
            let s = format!("收{c}到");
            assert_eq!(fold_label(&s), fold_chars(&s), "{c:?}");
        }
    }

    #[test]
    fn name_cores_drop_filler() {
        assert_eq!(
            name_core("（一）主动公开政府信息情况"),
            "一主动公开政府信息"
        );
        assert_eq!(
            name_core("工作考核、社会评议和责任追究结果情况"),
            "考核社会评议责任追究结果"
        );
        assert_eq!(name_core("存在的主要问题及改进情况"), "存在主要问题改进");
        assert_eq!(name_core("以及相关方面"), "");
    }

    #[test]
    fn labels_fold() {
        assert_eq!(fold_label("商业 企业"), "商业企业");
        assert_eq!(fold_label("（一）予以公开"), "(一)予以公开");
        assert_eq!(fold_label("１．属于"), "1.属于");
    }
}
