//! Garbled text (乱码) found by what it is: Chinese bytes decoded with the wrong codec give
//! characters a government text practically never uses, several in a row. Which characters are
//! common is not a hand list: it is the first level of GB2312 (3,755 characters chosen by
//! frequency of use) and the first level of Big5 (5,401 常用字, for traditional texts), read out
//! of the codecs' own tables. A suspect run is confirmed by undoing the mistake: encoding it
//! back with the codec that was wrongly used and decoding the bytes with the right one gives
//! common Chinese again.

use encoding_rs::{Encoding, BIG5, GBK, UTF_8, WINDOWS_1252};
use std::sync::OnceLock;

/// The CJK unified ideographs (U+4E00..=U+9FFF) that are common, as a bitset.
struct Common(Vec<u64>);

const CJK_START: u32 = 0x4E00;
const CJK_END: u32 = 0x9FFF;

impl Common {
    fn contains(&self, c: char) -> bool {
        let i = c as u32 - CJK_START;
        self.0[(i / 64) as usize] & (1 << (i % 64)) != 0
    }

    fn insert(&mut self, c: char) {
        if is_cjk(c) {
            let i = c as u32 - CJK_START;
            self.0[(i / 64) as usize] |= 1 << (i % 64);
        }
    }
}

fn common() -> &'static Common {
    static COMMON: OnceLock<Common> = OnceLock::new();
    COMMON.get_or_init(|| {
        let mut set = Common(vec![0; ((CJK_END - CJK_START) / 64 + 1) as usize]);
        // GB2312 level 1: rows 16-55, lead bytes 0xB0-0xD7.
        for lead in 0xB0u8..=0xD7 {
            for trail in 0xA1u8..=0xFE {
                for c in GBK.decode_without_bom_handling(&[lead, trail]).0.chars() {
                    set.insert(c);
                }
            }
        }
        // Big5 level 1 (常用字): 0xA440-0xC67E.
        for lead in 0xA4u8..=0xC6 {
            for trail in (0x40u8..=0x7E).chain(0xA1..=0xFE) {
                if lead == 0xC6 && trail > 0x7E {
                    break;
                }
                for c in BIG5.decode_without_bom_handling(&[lead, trail]).0.chars() {
                    set.insert(c);
                }
            }
        }
        set
    })
}

pub fn is_cjk(c: char) -> bool {
    (CJK_START..=CJK_END).contains(&(c as u32))
}

/// A character a Chinese text seldom uses: a CJK ideograph outside both common sets, or one
/// of the symbols mis-decoded Chinese bytes become and Chinese prose does not use: Latin-1
/// letters (Õ þ ž, not × ÷), letterlike symbols (℃ amid GBK garble), kana, private-use
/// characters.
pub fn is_rare(c: char) -> bool {
    // ASCII and most symbols first: this runs on every character of every report.
    if (c as u32) < 0xC0 {
        return false;
    }
    if is_cjk(c) {
        return !common().contains(c);
    }
    is_odd(c)
}

fn is_odd(c: char) -> bool {
    matches!(c as u32,
        0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0xFF
        | 0x152 | 0x153 | 0x160 | 0x161 | 0x178 | 0x17D | 0x17E | 0x192
        | 0x2100..=0x214F
        | 0x3040..=0x30FF
        | 0xE000..=0xF8FF
        | 0xFF61..=0xFF9F)
}

/// The share of a text's CJK ideographs that are common (1.0 for none).
fn common_share(s: &str) -> (usize, f64) {
    let cjk: Vec<char> = s.chars().filter(|c| is_cjk(*c)).collect();
    if cjk.is_empty() {
        return (0, 1.0);
    }
    let n = cjk.iter().filter(|c| common().contains(**c)).count();
    (cjk.len(), n as f64 / cjk.len() as f64)
}

/// The mistakes undone, most frequent first: (codec wrongly used to decode, codec the bytes
/// were in).
const PAIRS: [(&Encoding, &Encoding); 5] = [
    (GBK, UTF_8),
    (BIG5, GBK),
    (GBK, BIG5),
    (WINDOWS_1252, GBK),
    (WINDOWS_1252, UTF_8),
];

/// What `garbled` was before the wrong decoding, if undoing one of the usual mistakes gives
/// common Chinese: the recovered text and the two codecs.
pub fn recover(garbled: &str) -> Option<(String, &'static str, &'static str)> {
    for (wrong, right) in PAIRS {
        let (bytes, _, unmappable) = wrong.encode(garbled);
        if unmappable {
            continue;
        }
        let (text, had_errors) = right.decode_without_bom_handling(&bytes);
        if had_errors {
            continue;
        }
        let (cjk, share) = common_share(&text);
        // Recovered text must be Chinese, and plainly more ordinary than the garbled run.
        if cjk >= 2 && share >= 0.9 && text != garbled {
            return Some((text.into_owned(), right.name(), wrong.name()));
        }
    }
    None
}

/// A run of garbled text found in `text`: its byte range and what it was, if recovered.
#[derive(Debug, PartialEq)]
pub struct Garbled {
    pub start: usize,
    pub end: usize,
    pub recovered: Option<(String, &'static str, &'static str)>,
}

/// Runs with at least `min_rare` rare characters among their letters, with no more than one
/// ordinary character between two rare ones; reported when the mistake can be undone, or
/// when the run is at least `long` rare characters (too long to be a name).
pub fn find(text: &str, min_rare: usize, long: usize) -> Vec<Garbled> {
    let mut out = Vec::new();
    // Most reports have no rare character at all, or one or two apart: only the stretches
    // around rare characters are looked at closely.
    let mut from = 0;
    for (at, c) in text.char_indices() {
        if at < from || !is_rare(c) {
            continue;
        }
        let start = text[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_letter(*c))
            .last()
            .map_or(at, |(i, _)| i);
        let end = text[at..]
            .char_indices()
            .find(|(_, c)| !is_letter(*c))
            .map_or(text.len(), |(i, _)| at + i);
        let start = start.max(from);
        for mut g in find_in_stretch(&text[start..end], min_rare, long) {
            g.start += start;
            g.end += start;
            out.push(g);
        }
        from = end;
    }
    out
}

/// `find` within one stretch of letters (no punctuation or ASCII inside).
fn find_in_stretch(text: &str, min_rare: usize, long: usize) -> Vec<Garbled> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    // Characters before this belong to a run already reported.
    let mut taken = 0;
    while i < chars.len() {
        if !is_rare(chars[i].1) {
            i += 1;
            continue;
        }
        // Grow the cluster: rare characters, at most one ordinary letter apart.
        let start = i;
        let mut last_rare = i;
        let mut rare = 1;
        let mut j = i + 1;
        while j < chars.len() && j - last_rare <= 2 {
            let c = chars[j].1;
            if !is_letter(c) {
                break;
            }
            if is_rare(c) {
                rare += 1;
                last_rare = j;
            }
            j += 1;
        }
        i = last_rare + 1;
        if rare < min_rare {
            continue;
        }
        // The garbled stretch runs over the letters around the cluster too: mis-decoded
        // bytes also make common characters.
        let (mut s, mut e) = (start, last_rare + 1);
        while s > 0 && is_letter(chars[s - 1].1) {
            s -= 1;
        }
        while e < chars.len() && is_letter(chars[e].1) {
            e += 1;
        }
        let byte = |k: usize| chars.get(k).map_or(text.len(), |c| c.0);
        // Where the garble starts and ends within the stretch is not known: the window that
        // undoes into the most Chinese wins (a few characters before the cluster, any end
        // from the stretch's down to the cluster's).
        let mut best: Option<(usize, usize, (String, &'static str, &'static str))> = None;
        for from in (s.max(start.saturating_sub(4)).max(taken)..=start).rev() {
            for to in (last_rare + 1..=e.min(last_rare + 1 + 40)).rev() {
                if let Some(r) = recover(&text[byte(from)..byte(to)]) {
                    if best
                        .as_ref()
                        .is_none_or(|b| r.0.chars().count() > b.2 .0.chars().count())
                    {
                        best = Some((from, to, r));
                    }
                    break;
                }
            }
        }
        let (from, to, recovered) = match best {
            Some((f, t, r)) => (f, t, Some(r)),
            None => (start, last_rare + 1, None),
        };
        if recovered.is_some() || rare >= long {
            out.push(Garbled {
                start: byte(from),
                end: byte(to),
                recovered,
            });
        }
        i = i.max(to);
        taken = to;
    }
    out
}

/// A character that may be part of a garbled stretch: anything outside ASCII but the
/// punctuation and spaces that end or separate Chinese text. Only rare ones make a run.
fn is_letter(c: char) -> bool {
    (!c.is_ascii()
        && !c.is_whitespace()
        && !"，。、；：？！“”‘’（）《》【】〔〕…—·「」『』".contains(c))
        || is_western_high(c)
}

/// A character that a byte 0x80-0xFF becomes in windows-1252 (” … — · among them): Chinese
/// bytes read as Western text are made of these.
fn is_western_high(c: char) -> bool {
    !c.is_ascii() && {
        let mut buf = [0u8; 4];
        let (bytes, _, unmappable) = WINDOWS_1252.encode(c.encode_utf8(&mut buf));
        !unmappable && bytes.len() == 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` as it reads when its `right` bytes are decoded as `wrong`.
    fn garble(text: &str, right: &'static Encoding, wrong: &'static Encoding) -> String {
        let (bytes, _, _) = right.encode(text);
        wrong.decode_without_bom_handling(&bytes).0.into_owned()
    }

    const ORIGINAL: &str = "政府信息公开工作年度报告";
    const TRADITIONAL: &str = "政府資訊公開工作年度報告";

    #[test]
    fn each_usual_mistake_is_found_and_undone() {
        for (wrong, right) in PAIRS {
            // Big5 holds traditional characters only.
            let original = if right == BIG5 { TRADITIONAL } else { ORIGINAL };
            let g = garble(original, right, wrong);
            let text = format!("本机关{g}。");
            let found = find(&text, 3, 8);
            assert_eq!(
                found.len(),
                1,
                "{} read as {}: {g} → {found:?}",
                right.name(),
                wrong.name()
            );
            let (back, r, w) = found[0].recovered.clone().expect("recovered");
            assert!(back.contains(&original[..6 * 3]), "{g} → {back}");
            assert_eq!((r, w), (right.name(), wrong.name()));
        }
    }

    #[test]
    fn names_with_rare_characters_and_traditional_text_are_not_garbled() {
        for text in [
            "沭阳县人民政府办公室",
            "宁波市鄞州区、垚石村、婺源县、泗洪县、盱眙县和邳州市",
            "臺北市政府資訊公開工作年度報告：本機關依申請公開政府資訊",
            "燚鑫公司、犇羴鱻",
            "主动公开政府信息1520条，依申请公开办结45件。",
        ] {
            assert!(
                find(text, 3, 8).is_empty(),
                "{text}: {:?}",
                find(text, 3, 8)
            );
        }
    }
}
