//! The compile pass holds every built-in rule to the registry of kinds, the template and the
//! eras: each table, row, column and cell a rule names, each era id, each `{variable}` of its
//! messages and each `messages:` key is misspelt in turn, and loading the file must fail
//! naming that file and that line.

use nianbao::rules::RuleSet;

const FILES: [&str; 5] = [
    "rules/common.yaml",
    "rules/era-2008.yaml",
    "rules/era-2019-2021.yaml",
    "rules/tables.yaml",
    "rules/across.yaml",
];

/// Keys whose values name tables, rows, columns or cells of the template.
const NAMING_KEYS: [&str; 13] = [
    "left",
    "right",
    "over",
    "rows",
    "tables",
    "signed",
    "decimal",
    "free_text",
    "readings",
    "must_be_zero",
    "table",
    "column",
    "lesser",
];

/// Byte offsets (in the line) just after each name to misspell on this line.
fn names_on(line: &str, in_messages: bool) -> Vec<usize> {
    let mut ends = Vec::new();
    // {variables} of message templates.
    if line.trim_start().starts_with("message:") || in_messages {
        let mut from = 0;
        while let Some(open) = line[from..].find('{') {
            let at = from + open;
            match line[at..].find('}') {
                Some(close) if close > 1 => ends.push(at + close),
                _ => {}
            }
            from = at + 1;
        }
    }
    // `messages:` keys.
    if in_messages {
        let t = line.trim_start();
        if let Some(colon) = t.find(':') {
            if t[..colon]
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '_')
            {
                ends.push(line.len() - t.len() + colon);
            }
        }
    }
    // Era ids (rules/eras.yaml), quoted: `eras: ["2019", "2021"]`.
    for (at, _) in line.match_indices("eras:") {
        let rest = &line[at..];
        let list_end = rest.find(']').map_or(rest.len(), |e| e + 1);
        let quotes: Vec<usize> = rest[..list_end]
            .match_indices('"')
            .map(|(i, _)| at + i)
            .collect();
        ends.extend(quotes.chunks(2).filter(|q| q.len() == 2).map(|q| q[1]));
    }
    for key in NAMING_KEYS {
        for (at, _) in line.match_indices(&format!("{key}:")) {
            let before = line[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let value_start = at + key.len() + 1;
            let rest = &line[value_start..];
            // The value runs to the end of its list (or of the scalar).
            let value_end = if rest.trim_start().starts_with('[') {
                let open = rest.find('[').unwrap();
                let mut depth = 0;
                let mut end = rest.len();
                for (i, c) in rest[open..].char_indices() {
                    match c {
                        '[' => depth += 1,
                        ']' => {
                            depth -= 1;
                            if depth == 0 {
                                end = open + i;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                end
            } else {
                rest.find([',', '}']).unwrap_or(rest.len())
            };
            let value = &rest[..value_end];
            let mut i = 0;
            let bytes = value.as_bytes();
            while i < bytes.len() {
                if bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' || bytes[i] == b'.' {
                    let start = i;
                    while i < bytes.len()
                        && (bytes[i].is_ascii_alphanumeric()
                            || bytes[i] == b'_'
                            || bytes[i] == b'.')
                    {
                        i += 1;
                    }
                    if value[start..i].chars().any(|c| c.is_ascii_alphabetic()) {
                        ends.push(value_start + i);
                    }
                } else {
                    i += 1;
                }
            }
        }
    }
    ends
}

#[test]
fn every_misspelt_name_in_a_built_in_rule_is_a_rule_file_error_at_its_line() {
    let mut tried = 0;
    let builtin = RuleSet::builtin().unwrap();
    for file in FILES {
        let text = std::fs::read_to_string(file).unwrap();
        let lines: Vec<&str> = text.split('\n').collect();
        let mut in_messages = false;
        for (n, line) in lines.iter().enumerate() {
            let t = line.trim_start();
            let indent = line.len() - t.len();
            if t.starts_with("messages:") {
                in_messages = true;
                continue;
            }
            if in_messages && indent <= 4 {
                in_messages = false;
            }
            if t.starts_with("examples:") || t.starts_with("- \"") || t.starts_with("help:") {
                continue;
            }
            for end in names_on(line, in_messages) {
                let mut mutated: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
                mutated[n].insert(end, 'q');
                let mut set = builtin.clone();
                let err = set.add_file(file, &mutated.join("\n")).expect_err(&format!(
                    "{file}:{}: `{}` loaded",
                    n + 1,
                    mutated[n].trim()
                ));
                assert_eq!(err.file, file);
                let at = err.at.as_ref().map(|a| a.0);
                assert_eq!(at, Some(n + 1), "{file}:{}: {err}", n + 1);
                tried += 1;
            }
        }
    }
    // Every table rule, message and variant is covered: some hundreds of names.
    assert!(tried > 150, "{tried}");
    eprintln!("{tried} misspellings tried");
}

#[test]
fn a_rule_file_error_shows_the_line_a_caret_and_what_was_meant() {
    let text = std::fs::read_to_string("rules/tables.yaml")
        .unwrap()
        .replacen("left: [new, carried]", "left: [nwe, carried]", 1);
    let err = RuleSet::builtin()
        .unwrap()
        .add_file("rules/tables.yaml", &text)
        .unwrap_err();
    let shown = err.to_string();
    assert!(
        shown.contains("“nwe”不是“收到和处理政府信息公开申请情况”表的行；是不是要用“new”？"),
        "{shown}"
    );
    let lines: Vec<&str> = shown.lines().collect();
    let code = lines
        .iter()
        .position(|l| l.contains("[nwe, carried]"))
        .unwrap();
    let caret = lines[code + 1].find('^').unwrap();
    assert_eq!(&lines[code][caret..caret + 3], "nwe", "{shown}");
}
