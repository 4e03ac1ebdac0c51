//! Garbled text (乱码) in every format a report comes in: found, and given with what it said.

use std::io::Write;

fn nianbao() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("nianbao").unwrap()
}

/// Text as it reads when its UTF-8 bytes are decoded as GBK.
fn utf8_read_as_gbk(s: &str) -> String {
    encoding_rs::GBK
        .decode_without_bom_handling(s.as_bytes())
        .0
        .into_owned()
}

const TITLE: &str = "某县2023年政府信息公开工作年度报告";

fn docx(paragraphs: &[&str]) -> Vec<u8> {
    let body: String = paragraphs
        .iter()
        .map(|p| format!("<w:p><w:r><w:t>{p}</w:t></w:r></w:p>"))
        .collect();
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default();
    for (name, text) in [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.to_string()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_string()),
        ("word/document.xml", format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#)),
    ] {
        z.start_file(name, o).unwrap();
        z.write_all(text.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

#[test]
fn garbled_text_is_found_and_recovered_in_every_format() {
    let garbled = utf8_read_as_gbk("主动公开政府信息");
    let line = format!("本机关{garbled}共1520条。");
    let clean = "沭阳县、鄞州区垚石村的政府信息公开工作。";
    let dir = tempfile::tempdir().unwrap();
    let files = [
        ("r.txt", format!("{TITLE}\n一、总体情况\n{line}\n{clean}\n").into_bytes()),
        ("r.md", format!("# {TITLE}\n\n## 一、总体情况\n\n{line}\n\n{clean}\n").into_bytes()),
        (
            "r.html",
            format!("<html><body><h1>{TITLE}</h1><p>一、总体情况</p><p>{line}</p><p>{clean}</p></body></html>")
                .into_bytes(),
        ),
        ("r.docx", docx(&[TITLE, "一、总体情况", &line, clean])),
    ];
    for (name, bytes) in &files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let out = nianbao()
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for f in v["files"].as_array().unwrap() {
        let path = f["path"].as_str().unwrap();
        let garbled: Vec<&str> = f["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|x| x["rule"] == "TXT-GARBLED")
            .map(|x| x["message"].as_str().unwrap())
            .collect();
        assert_eq!(garbled.len(), 1, "{path}: {garbled:?}");
        assert!(
            garbled[0].contains("原文可能是“主动公开政府信息”"),
            "{path}: {}",
            garbled[0]
        );
        // The kana inside the run is the same defect, not a second one.
        assert!(
            !f["findings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|x| x["rule"] == "TXT-MOJIBAKE"),
            "{path}"
        );
    }
}
