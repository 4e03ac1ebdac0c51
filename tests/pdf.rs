//! The three real PDFs in ../shared/corpus/real: read with their tables mapped cell by cell, and
//! the findings on them, each checked against the PDF; plus a PDF without a text layer.
mod common;

use nianbao::check::check_file;
use nianbao::check::read_document;
use nianbao::input::{load, pdf};
use nianbao::model::CellValue;
use nianbao::rules::RuleSet;
use nianbao::template::map::map_tables;
use std::path::Path;

fn path(name: &str) -> std::path::PathBuf {
    Path::new("../shared/corpus/real").join(name)
}

fn cell(m: &nianbao::template::map::Mapped, row: &str, col: &str) -> f64 {
    match m.cell(row, col).map(|c| &c.value) {
        Some(CellValue::Number(v)) => *v,
        other => panic!("{row}/{col}: {other:?}"),
    }
}

fn findings(name: &str) -> Vec<(String, String)> {
    let rules = RuleSet::builtin().unwrap();
    let (r, _) = check_file(&path(name), name, &rules, None);
    r.findings
        .iter()
        .map(|f| (f.finding.rule.clone(), f.finding.message.clone()))
        .collect()
}

fn assert_findings(name: &str, expected: &[(&str, &str)]) {
    let got = findings(name);
    let mut left = got.clone();
    for (rule, needle) in expected {
        let i = left
            .iter()
            .position(|(r, m)| r == rule && m.contains(needle))
            .unwrap_or_else(|| panic!("{name}: missing {rule} «{needle}» in {got:#?}"));
        left.remove(i);
    }
    assert!(left.is_empty(), "{name}: unexpected {left:#?}");
}

#[test]
fn huaian_2024_tables_cell_by_cell() {
    if !common::corpus_present() {
        return;
    }
    let view = load(&path("huaian-city-2024.pdf")).unwrap();
    let doc = read_document(&view);
    let t = map_tables(&doc, nianbao::model::Era::parse("2021").unwrap());
    let t3 = t.t3.as_ref().unwrap();
    assert!(t3.issues.is_empty(), "{:?}", t3.issues);
    assert_eq!(t3.row_order.len(), 25);
    assert_eq!(
        (
            cell(t3, "new", "N"),
            cell(t3, "new", "L"),
            cell(t3, "new", "T")
        ),
        (3001.0, 61.0, 3119.0)
    );
    assert_eq!(
        (
            cell(t3, "r1", "T"),
            cell(t3, "r3_8", "T"),
            cell(t3, "r4_1", "T")
        ),
        (1362.0, 105.0, 769.0)
    );
    assert_eq!(
        (
            cell(t3, "r6_1", "T"),
            cell(t3, "r6_3", "T"),
            cell(t3, "total", "T"),
            cell(t3, "carry_next", "T")
        ),
        (71.0, 110.0, 3050.0, 103.0)
    );
    let t4 = t.t4.as_ref().unwrap();
    assert_eq!(
        (
            cell(t4, "data", "fy_total"),
            cell(t4, "data", "zs_total"),
            cell(t4, "data", "fh_total")
        ),
        (351.0, 26.0, 20.0)
    );
    let t2 = t.t2.as_ref().unwrap();
    assert_eq!(
        (
            cell(t2, "norms", "made"),
            cell(t2, "norms", "valid"),
            cell(t2, "licensing", "decisions"),
            cell(t2, "fees", "amount")
        ),
        (8.0, 66.0, 447228.0, 96171.6)
    );
    // Page numbers are gone and the headings stand on lines of their own.
    let top: Vec<&str> = doc.top_level().map(|h| doc.slice(h.title)).collect();
    assert_eq!(top.len(), 6, "{top:?}");
    assert!(!view.text().contains("- 3 -"));
}

#[test]
fn hongze_tables_cell_by_cell() {
    if !common::corpus_present() {
        return;
    }
    for (name, new_t, r4_1, fy) in [
        ("hongze-district-2023.pdf", 21.0, 10.0, (10.0, 1.0, 0.0)),
        (
            "hongze-district-2024.pdf",
            95.0,
            f64::NAN,
            (f64::NAN, f64::NAN, f64::NAN),
        ),
    ] {
        let view = load(&path(name)).unwrap();
        let doc = read_document(&view);
        let t = map_tables(&doc, nianbao::model::Era::parse("2021").unwrap());
        let t3 = t.t3.as_ref().unwrap_or_else(|| panic!("{name}: table 三"));
        // Both use the 2019 （六） row: 23 rows, every one mapped.
        assert_eq!(t3.row_order.len(), 23, "{name}: {:?}", t3.row_order);
        assert_eq!(cell(t3, "new", "T"), new_t, "{name}");
        assert_eq!(cell(t3, "total", "T"), new_t, "{name}");
        if !r4_1.is_nan() {
            assert_eq!(cell(t3, "r4_1", "N"), r4_1);
            let t4 = t.t4.as_ref().unwrap();
            assert_eq!(
                (
                    cell(t4, "data", "fy_keep"),
                    cell(t4, "data", "fy_correct"),
                    cell(t4, "data", "fy_total")
                ),
                fy
            );
            let t2 = t.t2.as_ref().unwrap();
            assert_eq!(
                (
                    cell(t2, "norms", "repealed"),
                    cell(t2, "penalties", "decisions"),
                    cell(t2, "fees", "amount")
                ),
                (5.0, 4119.0, 7730.28)
            );
        }
    }
}

#[test]
fn huaian_2024_findings() {
    if !common::corpus_present() {
        return;
    }
    // All tables add up and the text agrees with them (3119, 3050, 34, 103, 351, 46); the
    // report says nothing of 考核, 评议 or 责任追究, which a government's report must.
    assert_findings(
        "huaian-city-2024.pdf",
        &[
            ("TXT-GOV-EXTRA", "工作考核"),
            ("TXT-GOV-EXTRA", "社会评议"),
            ("TXT-GOV-EXTRA", "责任追究"),
        ],
    );
}

#[test]
fn hongze_2023_findings() {
    if !common::corpus_present() {
        return;
    }
    assert_findings(
        "hongze-district-2023.pdf",
        &[
            ("TXT-GOV-EXTRA", "工作考核"),
            ("TXT-GOV-EXTRA", "社会评议"),
            ("TXT-GOV-EXTRA", "责任追究"),
            ("TAB-LABEL-TYPO", "“2.其他法律行政止公开”应为“2.其他法律行政法规禁止公开”"),
            // A 2023 report whose table 三 has the 2019 single （六） row.
            ("STR-TABLE-ERA", "（六）其他处理只有一行"),
            // Table 四: 总计 0 beside 维持 10 and 纠正 1; 复议后起诉 总计 0 beside 维持 5.
            ("ARI-T4-SUM", "复议总计为0，但复议维持 10 + 复议纠正 1 + 复议其他结果 0 + 复议尚未审结 0 = 11，相差11"),
            ("ARI-T4-SUM", "复议后起诉总计为0，但复议后起诉维持 5 + 复议后起诉纠正 0 + 复议后起诉其他结果 0 + 复议后起诉尚未审结 0 = 5，相差5"),
        ],
    );
}

#[test]
fn hongze_2024_findings() {
    if !common::corpus_present() {
        return;
    }
    assert_findings(
        "hongze-district-2024.pdf",
        &[
            ("TXT-GOV-EXTRA", "社会评议"),
            ("TXT-GOV-EXTRA", "责任追究"),
            // The text says 17 applications, table 三 says 95.
            (
                "TXT-NUM-MATCH",
                "受理政府信息公开申请17件”与“收到和处理政府信息公开申请情况”表中一总计（95）",
            ),
            ("TAB-LABEL-TYPO", "其他法律行政止公开"),
            ("STR-TABLE-ERA", "（六）其他处理只有一行"),
        ],
    );
}

/// A valid one-page PDF with nothing on the page: what a scan looks like to a text reader.
fn empty_pdf() -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
        "<< /Length 0 >>\nstream\n\nendstream",
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

#[test]
fn scanned_and_broken_pdfs_say_why() {
    if !common::corpus_present() {
        return;
    }
    let e = pdf::load(&empty_pdf()).unwrap_err();
    assert!(
        e.0.contains("没有文字层") && e.0.contains("扫描件"),
        "{}",
        e.0
    );
    let real = std::fs::read(path("hongze-district-2024.pdf")).unwrap();
    let e = pdf::load(&real[..2000]).unwrap_err();
    assert!(!e.0.is_empty());
    let e = pdf::load(b"not a pdf at all").unwrap_err();
    assert!(e.0.contains("PDF"), "{}", e.0);
}
