//! Every rule's failing examples, written as Markdown, as a web page and as a Word document,
//! are told the same as the plain text: a rule holds whatever format the report comes in. The
//! few rules that are about one format's text itself are named here with the reason.
use nianbao::check::check_view;
use nianbao::input::load_bytes;
use nianbao::model::Era;
use nianbao::rules::spec::Example;
use nianbao::rules::RuleSet;
use std::io::Write;

/// Rules whose subject is the plain text as written, which another format does not carry.
const TEXT_ONLY: &[(&str, &str)] = &[(
    "TXT-HTML-RESIDUE",
    "a web page's tags and entities are read as markup, not left as text",
)];

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn cells(line: &str) -> Vec<String> {
    line.trim()
        .trim_matches('|')
        .split('|')
        .map(|c| c.trim().to_string())
        .collect()
}

fn html(text: &str) -> Vec<u8> {
    let mut body = String::new();
    let mut in_table = false;
    for line in text.lines() {
        if line.trim_start().starts_with('|') {
            if !in_table {
                body.push_str("<table>");
                in_table = true;
            }
            body.push_str("<tr>");
            for c in cells(line) {
                body.push_str(&format!("<td>{}</td>", esc(&c)));
            }
            body.push_str("</tr>\n");
            continue;
        }
        if in_table {
            body.push_str("</table>\n");
            in_table = false;
        }
        body.push_str(&format!("<p>{}</p>\n", esc(line)));
    }
    format!("<html><head><meta charset=\"utf-8\"></head><body>{body}</body></html>").into_bytes()
}

fn docx(text: &str) -> Vec<u8> {
    let run = |t: &str| {
        format!(
            "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
            esc(t)
        )
    };
    let mut body = String::new();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let flush = |rows: &mut Vec<Vec<String>>, body: &mut String| {
        if rows.is_empty() {
            return;
        }
        body.push_str("<w:tbl>");
        for r in rows.drain(..) {
            body.push_str("<w:tr>");
            for c in r {
                body.push_str(&format!("<w:tc>{}</w:tc>", run(&c)));
            }
            body.push_str("</w:tr>");
        }
        body.push_str("</w:tbl>");
    };
    for line in text.lines() {
        if line.trim_start().starts_with('|') {
            rows.push(cells(line));
            continue;
        }
        flush(&mut rows, &mut body);
        body.push_str(&run(line));
    }
    flush(&mut rows, &mut body);
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        z.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        write!(z, r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#).unwrap();
        z.finish().unwrap();
    }
    buf.into_inner()
}

/// The era an example is checked in, as `nianbao test` picks it: its own when the rule applies
/// to it, else the rule's first. Named, so that a short example is checked as a report.
fn era_of(text: &str, eras: &[Era]) -> Era {
    let view = nianbao::text::TextView::from_text(text);
    let auto = nianbao::model::profile::detect(&nianbao::check::read_document(&view), None).era;
    if eras.contains(&auto) || eras.is_empty() {
        auto
    } else {
        eras[0]
    }
}

fn messages(rules: &RuleSet, bytes: Vec<u8>, ext: &str, era: Era) -> Vec<String> {
    let place = regex::Regex::new(r"第\d+[行段]").unwrap();
    let view = match load_bytes(bytes, ext) {
        Ok(v) => v,
        Err(e) => return vec![format!("unreadable: {}", e.0)],
    };
    let mut got: Vec<String> = check_view(&view, &format!("example.{ext}"), rules, Some(era))
        .findings
        .into_iter()
        // A place is named as the format has it: 第2行 in a text, 第2段 in a document.
        .map(|f| place.replace_all(&f.finding.message, "第#处").into_owned())
        .collect();
    got.sort();
    got
}

#[test]
fn every_rule_tells_its_failing_examples_the_same_in_every_format() {
    let all = RuleSet::builtin().unwrap();
    for (id, _) in TEXT_ONLY {
        assert!(
            all.get(id).is_some(),
            "{id} is no rule: drop it from TEXT_ONLY"
        );
    }
    let mut differ = Vec::new();
    let mut checked = 0;
    for rule in &all.rules {
        let id = rule.spec.id.as_str();
        if TEXT_ONLY.iter().any(|(r, _)| *r == id) || id.starts_with("IO-") {
            continue;
        }
        let mut one = all.clone();
        one.select(&[id.to_string()], &[]).unwrap();
        for ex in &rule.spec.examples.invalid {
            let Example::Text(text) = ex else { continue };
            let era = era_of(text, rule.spec.eras.as_deref().unwrap_or_default());
            let want = messages(&one, text.clone().into_bytes(), "txt", era);
            if want.is_empty() {
                continue;
            }
            checked += 1;
            for (ext, bytes) in [
                ("md", text.clone().into_bytes()),
                ("html", html(text)),
                ("docx", docx(text)),
            ] {
                let got = messages(&one, bytes, ext, era);
                if got != want {
                    differ.push(format!(
                        "{id} as .{ext}:\n  text: {want:?}\n  {ext}: {got:?}"
                    ));
                }
            }
        }
    }
    assert!(checked >= 70, "{checked} examples");
    assert!(
        differ.is_empty(),
        "{} differ:\n{}",
        differ.len(),
        differ.join("\n")
    );
}
