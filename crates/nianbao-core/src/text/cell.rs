//! What a statistical table's data cell holds, read from its text: the readers (a PDF's rows)
//! and the table model both need it, so it lives below both.

use super::normalize::fold_char;

/// What a data cell holds.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    Number(f64),
    /// Nothing written.
    Blank,
    /// "—", "/", "无": written as nothing-to-report.
    Dash,
    /// Anything else (text in a figure cell, a number with a unit such as 251000元).
    Text,
}

impl CellValue {
    pub fn parse(raw: &str) -> CellValue {
        let trimmed = raw.trim();
        // Most cells are plain digits: summed without building a folded copy.
        if (1..=15).contains(&trimmed.len()) && trimmed.bytes().all(|b| b.is_ascii_digit()) {
            let v = trimmed
                .bytes()
                .fold(0u64, |v, b| v * 10 + u64::from(b - b'0'));
            // Exact: fifteen digits stay below 2^53.
            return CellValue::Number(v as f64);
        }
        // A character that cannot be part of a figure, a dash or a blank makes the cell text
        // (most label cells are decided at their first character).
        if trimmed.chars().any(|c| {
            !c.is_whitespace() && !matches!(fold_char(c), '0'..='9' | '.' | ',' | '-' | '/' | '无')
        }) {
            return CellValue::Text;
        }
        Self::read_folded(raw)
    }

    /// The full reading, which the shortcuts of `parse` must agree with: fold the cell, then
    /// decide.
    fn read_folded(raw: &str) -> CellValue {
        let t: String = raw
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(fold_char)
            .collect();
        if t.is_empty() {
            return CellValue::Blank;
        }
        if matches!(t.as_str(), "-" | "—" | "——" | "/" | "无" | "--") {
            return CellValue::Dash;
        }
        let digits = t.replace(',', "");
        match digits.parse::<f64>() {
            Ok(v)
                if digits
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == '.' || c == '-') =>
            {
                CellValue::Number(v)
            }
            _ => CellValue::Text,
        }
    }

    /// A short cell of digits and the letters an OCR reads for them ("O", "1O", "l2"): a figure
    /// misread, which stands in its figure column (and is reported as not a number there)
    /// rather than ending the row's figures.
    pub fn is_misread_figure(raw: &str) -> bool {
        let t = raw.trim();
        let lookalike = |c: char| matches!(c, 'O' | 'o' | 'I' | 'l' | '〇' | 'Ｏ' | 'ｏ' | 'Ｉ' | 'ｌ');
        (1..=6).contains(&t.chars().count())
            && t.chars().any(lookalike)
            && t.chars().all(|c| c.is_ascii_digit() || lookalike(c))
    }

    /// A cell that can stand in a figure column: a number, blank or a dash.
    pub fn is_figure(&self) -> bool {
        !matches!(self, CellValue::Text)
    }

    /// The value used in arithmetic: blanks and dashes as 0.
    pub fn as_number(&self) -> Option<f64> {
        match self {
            CellValue::Number(v) => Some(*v),
            CellValue::Blank | CellValue::Dash => Some(0.0),
            CellValue::Text => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_values() {
        assert_eq!(CellValue::parse(" 859 "), CellValue::Number(859.0));
        assert_eq!(CellValue::parse("１２"), CellValue::Number(12.0));
        assert_eq!(CellValue::parse(""), CellValue::Blank);
        assert_eq!(CellValue::parse("—"), CellValue::Dash);
        assert_eq!(CellValue::parse("无"), CellValue::Dash);
        assert_eq!(CellValue::parse("251000元"), CellValue::Text);
        assert_eq!(CellValue::parse("85.6"), CellValue::Number(85.6));
    }

    #[test]
    fn shortcuts_read_cells_as_the_full_reading_does() {
        let mut cells: Vec<String> = [
            "",
            " ",
            "0",
            "007",
            "999999999999999",
            "9999999999999999",
            "1,523",
            "１２",
            "3.5",
            "-",
            "--",
            "—",
            "——",
            "/",
            "／",
            "无",
            "无无",
            "1-2",
            "1e5",
            "inf",
            "NaN",
            "12件",
            "一、本年新收",
            "商业 企业",
            "\u{3000}5\u{3000}",
            "5 6",
            "－3",
            "．5",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for line in crate::corpus_texts::corpus_lines(&[]) {
            cells.extend(line.split(['|', '\t']).map(str::to_string));
        }
        for c in &cells {
            assert_eq!(CellValue::parse(c), CellValue::read_folded(c), "{c:?}");
        }
    }
}
