/// A folded block scalar (`key: >-`) joins its lines with a space, which Chinese does not write
/// between characters: a line of such a block that breaks between two Chinese characters (or
/// Chinese punctuation) is joined to the next before the YAML is read. Literal blocks (`|`),
/// blank lines and breaks beside Latin text or figures stay as they are. Used by build.rs on
/// the built-in rule files and by the loader on users' own.
pub fn join_cjk_folds(yaml: &str) -> String {
    join_cjk_folds_with_lines(yaml).0
}

/// As `join_cjk_folds`, with the line of `yaml` each line of the result starts on (0-based):
/// where an error the YAML reader finds in the result is in the file.
pub fn join_cjk_folds_with_lines(yaml: &str) -> (String, Vec<usize>) {
    fn cjk(c: char) -> bool {
        matches!(c as u32, 0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xFF00..=0xFFEF)
    }
    fn indent(l: &str) -> usize {
        l.len() - l.trim_start().len()
    }
    let lines: Vec<&str> = yaml.split('\n').collect();
    let mut out = String::with_capacity(yaml.len());
    let mut starts = Vec::with_capacity(lines.len());
    // The indentation of the key that opened the folded block we are in.
    let mut fold: Option<usize> = None;
    let mut join_next = false;
    for (i, line) in lines.iter().enumerate() {
        let content = !line.trim().is_empty();
        if let Some(k) = fold {
            if content && indent(line) <= k {
                fold = None;
            }
        }
        if join_next {
            out.push_str(line.trim_start());
        } else {
            if i > 0 {
                out.push('\n');
            }
            starts.push(i);
            out.push_str(line);
        }
        join_next = false;
        if fold.is_some() && content {
            let next = lines.get(i + 1).copied().unwrap_or("");
            join_next = !next.trim().is_empty()
                && fold.is_some_and(|k| indent(next) > k)
                && line.trim_end().chars().last().is_some_and(cjk)
                && next.trim_start().chars().next().is_some_and(cjk);
        }
        let t = line.trim_end();
        if fold.is_none()
            && [": >-", ": >", ": >+", "- >-", "- >"]
                .iter()
                .any(|m| t.ends_with(m))
        {
            fold = Some(indent(line));
        }
    }
    (out, starts)
}
