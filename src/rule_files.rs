//! Rule files read from disk (`--rules DIR`, `rules:` in nianbao.yaml): the core takes their
//! text, the command line reads them.

use crate::rules::{RuleError, RuleSet};
use std::path::Path;

/// Adds every .yaml/.yml file of a directory, in name order.
pub fn add_dir(set: &mut RuleSet, dir: &Path) -> Result<(), RuleError> {
    let err = |m: String| RuleError {
        file: dir.display().to_string(),
        message: m,
        ..Default::default()
    };
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| err(format!("无法读取目录：{e}")))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    paths.sort();
    for p in paths {
        // A FIFO named x.yaml would block the run.
        if !std::fs::metadata(&p).is_ok_and(|m| m.is_file()) {
            return Err(RuleError {
                file: p.display().to_string(),
                message: "不是普通文件，未读取".into(),
                ..Default::default()
            });
        }
        let text = std::fs::read_to_string(&p).map_err(|e| RuleError {
            file: p.display().to_string(),
            message: format!("无法读取：{e}"),
            ..Default::default()
        })?;
        set.add_file(&p.display().to_string(), &text)?;
    }
    Ok(())
}
