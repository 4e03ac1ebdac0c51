//! Bytes to UTF-8 text: BOM sniffing first (chardetng does not detect UTF-16), then strict
//! UTF-8, then detection among the legacy encodings Chinese sites actually use.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// The decoded text and the name of the encoding it came from.
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    /// True when the bytes were not valid in the chosen encoding and replacement characters
    /// had to be inserted.
    pub had_errors: bool,
}

pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Decoded {
            text: text.into_owned(),
            encoding: enc.name(),
            had_errors,
        };
    }
    if let Some(enc) = sniff_bomless_utf16(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        return Decoded {
            text: text.into_owned(),
            encoding: enc.name(),
            had_errors,
        };
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Decoded {
            text: s.to_owned(),
            encoding: UTF_8.name(),
            had_errors: false,
        };
    }
    // A few broken bytes in a UTF-8 text (a truncated copy, a stray byte) do not make it
    // another encoding: each run of valid text is kept, each broken byte becomes one
    // replacement character, which is reported where it stands.
    if mostly_utf8(bytes) {
        return Decoded {
            text: String::from_utf8_lossy(bytes).into_owned(),
            encoding: UTF_8.name(),
            had_errors: true,
        };
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    // No TLD hint: with ".cn" chardetng prefers GBK even for Big5 text.
    let enc = detector.guess(None, chardetng::Utf8Detection::Allow);
    let (text, _, had_errors) = enc.decode(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: enc.name(),
        had_errors,
    }
}

/// Whether bytes that are not valid UTF-8 are UTF-8 text with a few broken bytes: many
/// multi-byte characters decode, and broken sequences are rare among them. (GBK or Big5 read as
/// UTF-8 breaks at almost every character.)
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut wide, mut broken) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        wide += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        broken += usize::from(!chunk.invalid().is_empty());
    }
    wide >= 20 && broken * 100 <= wide
}

/// BOM-less UTF-16: ASCII characters (digits, line breaks) put a NUL byte in every other
/// position, on the odd side for LE and the even side for BE. UTF-8 text never has NULs.
fn sniff_bomless_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096)];
    let (mut even_nul, mut odd_nul) = (0usize, 0usize);
    for (i, b) in sample.iter().enumerate() {
        if *b == 0 {
            if i % 2 == 0 {
                even_nul += 1
            } else {
                odd_nul += 1
            }
        }
    }
    let pairs = sample.len() / 2;
    if odd_nul * 10 >= pairs && odd_nul >= 4 * even_nul {
        Some(UTF_16LE)
    } else if even_nul * 10 >= pairs && even_nul >= 4 * odd_nul {
        Some(UTF_16BE)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("年报".as_bytes());
        assert_eq!(d.text, "年报");
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("年报".as_bytes());
        assert_eq!(decode(&b).text, "年报");
    }

    #[test]
    fn gbk_is_detected() {
        let (bytes, _, _) =
            encoding_rs::GBK.encode("政府信息公开工作年度报告，全年共受理申请5件。");
        let d = decode(&bytes);
        assert_eq!(d.text, "政府信息公开工作年度报告，全年共受理申请5件。");
        assert!(d.encoding == "GBK" || d.encoding == "gb18030");
    }

    #[test]
    fn utf16_with_bom_and_bomless() {
        let s = "一、总体情况\n2019年";
        let mut le = vec![0xFF, 0xFE];
        for u in s.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&le).text, s);
        let bomless: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(decode(&bomless).text, s);
    }
}
