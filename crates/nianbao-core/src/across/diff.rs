//! A copied passage shown beside the one it repeats: the characters that differ (a year, a
//! figure) in 【】, so that a reader sees at once how little was changed.

use similar::{utils::diff_chars, Algorithm, ChangeTag};

/// Both texts with what only each of them has marked.
pub fn mark_changes(previous: &str, current: &str) -> (String, String) {
    let mut old = String::new();
    let mut new = String::new();
    for (tag, piece) in diff_chars(Algorithm::Myers, previous, current) {
        match tag {
            ChangeTag::Equal => {
                old.push_str(piece);
                new.push_str(piece);
            }
            ChangeTag::Delete => {
                old.push('【');
                old.push_str(piece);
                old.push('】');
            }
            ChangeTag::Insert => {
                new.push('【');
                new.push_str(piece);
                new.push('】');
            }
        }
    }
    (old, new)
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_the_changed_figures_are_marked() {
        let (old, new) = super::mark_changes("2023年公开信息1200条。", "2024年公开信息1500条。");
        assert_eq!(old, "202【3】年公开信息1【2】00条。");
        assert_eq!(new, "202【4】年公开信息1【5】00条。");
    }
}
