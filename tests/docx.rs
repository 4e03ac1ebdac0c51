//! .docx: the national template, and documents built here with Word's automatic numbering,
//! merged cells, a text box, a footnote, plus broken and hostile files.
mod common;

use nianbao::check::read_document;
use nianbao::input::{docx, load};
use nianbao::template::map::map_tables;
use std::io::Write;

const TEMPLATE: &str = "../shared/corpus/template/national-template-2021.docx";

fn build_docx(
    document_body: &str,
    numbering: Option<&str>,
    footnotes: Option<&str>,
    method: zip::CompressionMethod,
) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default().compression_method(method);
        z.start_file("word/document.xml", opts).unwrap();
        write!(z, r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{document_body}</w:body></w:document>"#).unwrap();
        if let Some(n) = numbering {
            z.start_file("word/numbering.xml", opts).unwrap();
            write!(z, r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="x">{n}</w:numbering>"#).unwrap();
        }
        if let Some(f) = footnotes {
            z.start_file("word/footnotes.xml", opts).unwrap();
            write!(z, r#"<?xml version="1.0" encoding="UTF-8"?><w:footnotes xmlns:w="x">{f}</w:footnotes>"#).unwrap();
        }
        z.finish().unwrap();
    }
    buf.into_inner()
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
}

fn numbered(text: &str, num: u32, lvl: u32) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
    )
}

#[test]
fn national_template_headings_and_tables() {
    if !common::corpus_present() {
        return;
    }
    let view = load(std::path::Path::new(TEMPLATE)).expect("template reads");
    let doc = read_document(&view);
    let top: Vec<&str> = doc.top_level().map(|h| doc.slice(h.title)).collect();
    assert_eq!(
        top,
        [
            "总体情况",
            "主动公开政府信息情况",
            "收到和处理政府信息公开申请情况",
            "政府信息公开行政复议、行政诉讼情况",
            "存在的主要问题及改进情况",
            "其他需要报告的事项"
        ]
    );
    let tables = map_tables(&doc, nianbao::model::Era::parse("2021").unwrap());
    let t2 = tables.t2.as_ref().expect("table 二");
    assert_eq!(
        t2.row_order,
        [
            "rules",
            "norms",
            "licensing",
            "penalties",
            "enforcement",
            "fees"
        ]
    );
    let t3 = tables.t3.as_ref().expect("table 三");
    assert_eq!(t3.row_order.len(), 25, "{:?}", t3.row_order);
    assert!(t3.rows.contains_key("r6_2") && t3.rows.contains_key("carry_next"));
    assert!(tables.t4.is_some());
    // A finding in a table says where it is in the Word file.
    assert_eq!(
        view.origin(view.text().find("| 一、本年新收").unwrap()),
        Some("表格2第4行")
    );
}

#[test]
fn automatic_numbering_is_written_out() {
    let numbering = r#"<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num>"#;
    let body = [
        p("某县2023年政府信息公开工作年度报告"),
        numbered("总体情况", 3, 0),
        numbered("主动公开", 3, 1),
        numbered("依申请公开", 3, 1),
        numbered("主动公开政府信息情况", 3, 0),
        numbered("规章", 3, 1),
    ]
    .concat();
    let view = docx::load(build_docx(
        &body,
        Some(numbering),
        None,
        zip::CompressionMethod::Stored,
    ))
    .unwrap();
    assert_eq!(view.text(), "某县2023年政府信息公开工作年度报告\n一、总体情况\n（一）主动公开\n（二）依申请公开\n二、主动公开政府信息情况\n（一）规章\n");
}

#[test]
fn merged_cells_text_boxes_and_footnotes() {
    let table = r#"<w:tbl>
      <w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>申请人情况</w:t></w:r></w:p></w:tc></w:tr>
      <w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>（三）不予公开</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1.属于国家秘密</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>3</w:t></w:r></w:p></w:tc></w:tr>
      <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>2.其他法律行政法规</w:t></w:r></w:p><w:p><w:r><w:t>禁止公开</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>0</w:t></w:r></w:p></w:tc></w:tr>
    </w:tbl>"#;
    let textbox = r#"<w:p><w:r><w:t>正文</w:t></w:r><w:r><w:pict><w:txbxContent><w:p><w:r><w:t>文本框里的话</w:t></w:r></w:p></w:txbxContent></w:pict></w:r></w:p>"#;
    let notes = r#"<w:footnote w:id="-1"><w:p><w:r><w:t>sep</w:t></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>数据来源：统计报表。</w:t></w:r></w:p></w:footnote>"#;
    let body = format!("{}{table}{textbox}", p("标题 &amp; 说明"));
    let view = docx::load(build_docx(
        &body,
        None,
        Some(notes),
        zip::CompressionMethod::Deflated,
    ))
    .unwrap();
    let t = view.text();
    assert!(t.starts_with("标题 & 说明\n"), "{t}");
    assert!(t.contains("| 申请人情况 |\n| （三）不予公开 | 1.属于国家秘密 | 3 |\n|  | 2.其他法律行政法规 禁止公开 | 0 |\n"), "{t}");
    assert!(t.contains("文本框里的话\n") && t.contains("正文\n"), "{t}");
    // The model has Word's grid, merges and all, not the pipe text split again.
    let doc = read_document(&view);
    let rows = &doc.tables[0].rows;
    let cell = |r: usize, c: usize| &rows[r].cells[c];
    let text = |r: usize, c: usize| &t[cell(r, c).span.start..cell(r, c).span.end];
    assert_eq!((text(0, 0), cell(0, 0).colspan), ("申请人情况", 2));
    assert_eq!((text(1, 0), cell(1, 0).rowspan), ("（三）不予公开", 2));
    assert!(cell(2, 0).covered && text(2, 0).is_empty());
    assert_eq!(text(2, 1), "2.其他法律行政法规 禁止公开");
    assert!(!cell(1, 1).covered && cell(1, 1).rowspan == 1);
    assert!(t.ends_with("注：数据来源：统计报表。\n"), "{t}");
    assert!(!t.contains("sep"));
}

#[test]
fn broken_and_hostile_files_are_refused_with_a_cause() {
    if !common::corpus_present() {
        return;
    }
    let good = std::fs::read(TEMPLATE).unwrap();
    let truncated = good[..good.len() / 2].to_vec();
    let e = docx::load(truncated).unwrap_err();
    assert!(e.0.contains("损坏或不完整"), "{}", e.0);

    let e = docx::load(b"PK\x03\x04 this is not really a zip".to_vec()).unwrap_err();
    assert!(e.0.contains("损坏或不完整"), "{}", e.0);

    // A decompression bomb stand-in: 8 MB of one character compresses a thousandfold.
    let bomb =
        "<w:p><w:r><w:t>".to_string() + &"啊".repeat(8 * 1024 * 1024 / 3) + "</w:t></w:r></w:p>";
    let e = docx::load(build_docx(
        &bomb,
        None,
        None,
        zip::CompressionMethod::Deflated,
    ))
    .unwrap_err();
    assert!(e.0.contains("压缩炸弹"), "{}", e.0);

    let deep = "<w:p>".repeat(1000);
    let e = docx::load(build_docx(
        &deep,
        None,
        None,
        zip::CompressionMethod::Stored,
    ))
    .unwrap_err();
    assert!(e.0.contains("嵌套"), "{}", e.0);

    let e = docx::load(build_docx(
        "<w:p></w:p>",
        None,
        None,
        zip::CompressionMethod::Stored,
    ))
    .unwrap_err();
    assert!(e.0.contains("没有文字"), "{}", e.0);
}

#[test]
fn list_levels_outside_word_s_range_are_ignored() {
    let numbering = r#"<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="4000000000"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%4000000001."/></w:lvl></w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num>"#;
    let body = [
        p("某县2023年政府信息公开工作年度报告"),
        numbered("总体情况", 3, 0),
        numbered("主动公开", 3, 4_000_000_000),
        numbered("主动公开政府信息情况", 3, 0),
    ]
    .concat();
    let start = std::time::Instant::now();
    let view = docx::load(build_docx(
        &body,
        Some(numbering),
        None,
        zip::CompressionMethod::Stored,
    ))
    .unwrap();
    // Read at once; the impossible level is ignored, so the paragraph counts at the list's
    // first level.
    assert!(start.elapsed() < std::time::Duration::from_secs(10));
    assert_eq!(
        view.text(),
        "某县2023年政府信息公开工作年度报告\n一、总体情况\n二、主动公开\n三、主动公开政府信息情况\n"
    );
}

/// The sample report as a .docx (paragraphs and pipe-table rows as paragraphs), with Word
/// comments: `comments` maps a phrase to the comment anchored on the paragraph holding it.
fn commented_sample(comments: &[(&str, &str)]) -> Vec<u8> {
    let text = std::fs::read_to_string("examples/sample-2023.txt").unwrap();
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;");
    let mut body = String::new();
    for line in text.lines() {
        let id = comments
            .iter()
            .position(|(phrase, _)| line.contains(phrase));
        match id {
            Some(i) => body.push_str(&format!(
                r#"<w:p><w:commentRangeStart w:id="{i}"/><w:r><w:t>{}</w:t></w:r><w:commentRangeEnd w:id="{i}"/><w:r><w:commentReference w:id="{i}"/></w:r></w:p>"#,
                esc(line)
            )),
            None => body.push_str(&p(&esc(line))),
        }
    }
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default();
        z.start_file("word/document.xml", opts).unwrap();
        write!(z, r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#).unwrap();
        z.start_file("word/comments.xml", opts).unwrap();
        let notes: String = comments
            .iter()
            .enumerate()
            .map(|(i, (_, c))| format!(r#"<w:comment w:id="{i}" w:author="作者"><w:p><w:r><w:t>{c}</w:t></w:r></w:p></w:comment>"#))
            .collect();
        write!(
            z,
            r#"<?xml version="1.0" encoding="UTF-8"?><w:comments xmlns:w="x">{notes}</w:comments>"#
        )
        .unwrap();
        z.finish().unwrap();
    }
    buf.into_inner()
}

#[test]
fn a_word_comment_suppresses_a_finding_on_its_paragraph() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("草稿.docx");
    std::fs::write(
        &doc,
        commented_sample(&[
            ("途径途径", "nianbao-disable TXT-REPEAT 引用群众来信原文"),
            ("办结率98%", "nianbao-disable FIG-RATE"),
        ]),
    )
    .unwrap();
    let out = assert_cmd::Command::cargo_bin("nianbao")
        .unwrap()
        .args(["check", "--format", "concise"])
        .arg(&doc)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("TXT-REPEAT"), "{text}");
    // Without a reason the comment does not apply, and says so.
    assert!(text.contains("FIG-RATE"), "{text}");
    assert!(
        text.contains("IO-SUPPRESSION") && text.contains("没有写理由"),
        "{text}"
    );
    assert!(
        text.contains("另有 1 处问题按文件中的“不报”注释未列出"),
        "{text}"
    );
    // An auditor sees everything.
    let all = assert_cmd::Command::cargo_bin("nianbao")
        .unwrap()
        .args(["check", "--format", "concise", "--no-suppressions"])
        .arg(&doc)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&all.stdout).contains("TXT-REPEAT"));
}

#[test]
fn a_draft_with_tracked_changes_reads_as_it_now_stands() {
    // Deleted text (w:delText, and w:t inside w:del as some editors write it) and the source
    // of a moved passage are not the draft's text any more; inserted and moved-to text is.
    let body = concat!(
        r#"<w:p><w:r><w:t>全年新收申请</w:t></w:r><w:del w:id="1"><w:r><w:delText>40</w:delText></w:r></w:del>"#,
        r#"<w:ins w:id="2"><w:r><w:t>45</w:t></w:r></w:ins><w:r><w:t>件。</w:t></w:r></w:p>"#,
        r#"<w:p><w:moveFrom w:id="3"><w:r><w:t>公开专栏更新及时。</w:t></w:r></w:moveFrom><w:r><w:t>第一句。</w:t></w:r></w:p>"#,
        r#"<w:p><w:del w:id="4"><w:r><w:t>旧句子。</w:t></w:r></w:del><w:r><w:t>第二句。</w:t></w:r>"#,
        r#"<w:moveTo w:id="5"><w:r><w:t>公开专栏更新及时。</w:t></w:r></w:moveTo></w:p>"#,
    );
    let view = docx::load(build_docx(
        body,
        None,
        None,
        zip::CompressionMethod::Deflated,
    ))
    .unwrap();
    let text = view.text();
    assert!(text.contains("全年新收申请45件。"), "{text}");
    assert!(!text.contains("旧句子"), "{text}");
    assert_eq!(text.matches("公开专栏更新及时").count(), 1, "{text}");
    assert!(text.contains("第二句。公开专栏更新及时。"), "{text}");
}
