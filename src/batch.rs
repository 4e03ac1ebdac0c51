//! A batch's annex workbooks go with the reports that name them: a report that says "附：
//! 2023年政府信息公开情况统计表.xlsx" with that file beside it is one report, checked with its
//! annex, not two files of which the workbook "passes" on its own. Reports are checked first, so
//! that a workbook's owner is known when its turn comes; a workbook no report names stands alone.

use crate::report::FileReport;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Spreadsheet formats: statistical annexes, never a report's text.
pub fn is_workbook(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["xlsx", "xls", "xlsm", "ods"].contains(&e.to_ascii_lowercase().as_str()))
}

pub struct Pairing {
    workbooks: HashMap<PathBuf, usize>,
    is_workbook: Vec<bool>,
    /// Workbook → the report that named it first.
    owner: HashMap<usize, usize>,
    /// Reports waiting for their workbooks, with how many are still to come.
    waiting: HashMap<usize, (FileReport, String, usize)>,
}

/// A report (with its annexes) or a lone file, ready to print.
pub type Ready = (FileReport, String);

impl Pairing {
    pub fn new(files: &[PathBuf]) -> Pairing {
        let is_workbook: Vec<bool> = files.iter().map(|p| is_workbook(p)).collect();
        let workbooks = files
            .iter()
            .enumerate()
            .filter(|(i, _)| is_workbook[*i])
            .map(|(i, p)| (key(p), i))
            .collect();
        Pairing {
            workbooks,
            is_workbook,
            owner: HashMap::new(),
            waiting: HashMap::new(),
        }
    }

    /// The order to check the files in: reports, then workbooks, each in the order given.
    pub fn order(&self) -> Vec<usize> {
        let n = self.is_workbook.len();
        (0..n)
            .filter(|&i| !self.is_workbook[i])
            .chain((0..n).filter(|&i| self.is_workbook[i]))
            .collect()
    }

    /// File `i` has been checked: what can be printed now.
    pub fn take(&mut self, i: usize, report: FileReport, text: String) -> Option<Ready> {
        if self.is_workbook[i] {
            let Some(&r) = self.owner.get(&i) else {
                return Some((report, text));
            };
            let (owner, owner_text, left) = self
                .waiting
                .get_mut(&r)
                .expect("an owner waits for its workbooks");
            owner.annexes.push(report);
            owner_text.push_str(&text);
            *left -= 1;
            if *left == 0 {
                let (owner, text, _) = self.waiting.remove(&r).expect("present");
                return Some((owner, text));
            }
            return None;
        }
        let mut mine = 0;
        for named in &report.names_annexes {
            if let Some(&w) = self.workbooks.get(&key(named)) {
                if let std::collections::hash_map::Entry::Vacant(e) = self.owner.entry(w) {
                    e.insert(i);
                    mine += 1;
                }
            }
        }
        if mine == 0 {
            return Some((report, text));
        }
        self.waiting.insert(i, (report, text, mine));
        None
    }
}

/// The same file however it was named (./a.xlsx, a.xlsx, /abs/a.xlsx).
fn key(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(path: &str, names: &[&str]) -> FileReport {
        FileReport {
            path: path.into(),
            names_annexes: names.iter().map(PathBuf::from).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn a_named_workbook_is_printed_with_its_report_and_a_lone_one_alone() {
        let files: Vec<PathBuf> = ["annex.xlsx", "lone.ods", "report.txt", "other.txt"]
            .iter()
            .map(PathBuf::from)
            .collect();
        let mut p = Pairing::new(&files);
        assert_eq!(p.order(), vec![2, 3, 0, 1]);
        assert!(p
            .take(2, report("report.txt", &["annex.xlsx"]), "R\n".into())
            .is_none());
        // A second report naming the same workbook does not take it from the first.
        let other = p.take(3, report("other.txt", &["annex.xlsx"]), "O\n".into());
        assert_eq!(other.unwrap().0.path, "other.txt");
        let (whole, text) = p.take(0, report("annex.xlsx", &[]), "A\n".into()).unwrap();
        assert_eq!(whole.path, "report.txt");
        assert_eq!(whole.annexes.len(), 1);
        assert_eq!(text, "R\nA\n");
        let (lone, _) = p.take(1, report("lone.ods", &[]), String::new()).unwrap();
        assert_eq!(lone.path, "lone.ods");
    }
}
