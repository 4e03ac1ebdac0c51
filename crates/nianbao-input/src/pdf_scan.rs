//! A look at a PDF's bytes before the parser is handed them: the parser recurses on nested
//! arrays and dictionaries, so a file nested deeper than its stack can take would abort the
//! process. The scan is linear and allocates nothing.

/// Nesting the PDF parser is known to read on an ordinary thread stack with room to spare
/// (it overflowed 8 MB past some 10,000 dictionaries); real reports nest fewer than 20 deep.
pub const MAX_NESTING: usize = 1000;

/// Whether arrays and dictionaries in the file's own bytes nest deeper than `cap`. Strings,
/// comments and stream data are skipped: brackets there are not structure. Objects inside
/// compressed object streams cannot be seen here; the worker process is the guard for those.
pub fn nests_deeper_than(bytes: &[u8], cap: usize) -> bool {
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => i = line_end(bytes, i),
            b'(' => i = string_end(bytes, i),
            b'<' if bytes.get(i + 1) == Some(&b'<') => {
                depth += 1;
                i += 1;
            }
            // A hexadecimal string: <4E6F>.
            b'<' => i = memchr::memchr(b'>', &bytes[i..]).map_or(bytes.len(), |at| i + at),
            b'>' if bytes.get(i + 1) == Some(&b'>') => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b'[' => depth += 1,
            b']' => depth = depth.saturating_sub(1),
            b's' if starts_stream(bytes, i) => {
                i = memchr::memmem::find(&bytes[i..], b"endstream")
                    .map_or(bytes.len(), |at| i + at)
                    + "endstream".len()
                    - 1;
            }
            _ => {}
        }
        if depth > cap {
            return true;
        }
        i += 1;
    }
    false
}

/// Page objects (`/Type /Page`) written in the file's own bytes, counted up to `cap + 1`: the
/// parser walks its page tree once per page it reads, so the cost of a PDF grows with the
/// square of its pages and a file of a hundred thousand pages must be stopped before parsing.
pub fn page_objects(bytes: &[u8], cap: usize) -> usize {
    let mut count = 0;
    for at in memchr::memmem::find_iter(bytes, b"/Type") {
        let rest = &bytes[at + "/Type".len()..];
        let rest = &rest[rest.iter().take_while(|b| b.is_ascii_whitespace()).count()..];
        if rest.starts_with(b"/Page") && !rest.get(5).is_some_and(u8::is_ascii_alphanumeric) {
            count += 1;
            if count > cap {
                break;
            }
        }
    }
    count
}

fn line_end(bytes: &[u8], from: usize) -> usize {
    memchr::memchr2(b'\n', b'\r', &bytes[from..]).map_or(bytes.len(), |at| from + at)
}

/// The index of the `)` that closes the literal string opened at `from`: parentheses nest
/// inside it and a backslash escapes the byte after it.
fn string_end(bytes: &[u8], from: usize) -> usize {
    let mut open = 0usize;
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'(' => open += 1,
            b')' => {
                open -= 1;
                if open == 0 {
                    return i;
                }
            }
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

/// The keyword `stream` (not the end of `endstream`, not part of a name) followed by its
/// line break.
fn starts_stream(bytes: &[u8], at: usize) -> bool {
    bytes[at..].starts_with(b"stream")
        && (at == 0 || !bytes[at - 1].is_ascii_alphanumeric())
        && matches!(bytes.get(at + 6), Some(b'\r' | b'\n'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(open: &str, close: &str, n: usize) -> Vec<u8> {
        format!(
            "1 0 obj\n<< /X {}{} >>\nendobj\n",
            open.repeat(n),
            close.repeat(n)
        )
        .into_bytes()
    }

    #[test]
    fn counts_arrays_and_dictionaries() {
        assert!(!nests_deeper_than(&nested("[", "]", 999), MAX_NESTING));
        assert!(nests_deeper_than(&nested("[", "]", 1000), MAX_NESTING));
        assert!(nests_deeper_than(
            &nested("<< /A ", ">>", 1000),
            MAX_NESTING
        ));
        assert!(!nests_deeper_than(
            &nested("[<< /A ", ">>]", 400),
            MAX_NESTING
        ));
    }

    #[test]
    fn counts_page_objects_not_page_trees() {
        let pdf =
            b"<< /Type /Pages /Kids [3 0 R] >> << /Type/Page >> << /Type /Page\n>> /PageLabels";
        assert_eq!(page_objects(pdf, 10), 2);
        assert_eq!(page_objects(b"/Type /Page /Type /Page /Type /Page", 1), 2);
    }

    #[test]
    fn brackets_in_strings_comments_and_streams_are_not_structure() {
        let many = "[".repeat(5000);
        let text = format!(
            "1 0 obj\n<< /T ({many}\\) (x) [) /H <5B5B> >>\n% {many}\nendobj\n\
             2 0 obj\n<< /Length 5000 >>\nstream\n{many}\nendstream\nendobj\n"
        );
        assert!(!nests_deeper_than(text.as_bytes(), 10));
        // A name ending in "stream" is not the keyword.
        let text = format!("<< /Mystream\n{many} >>");
        assert!(nests_deeper_than(text.as_bytes(), 10));
    }
}
