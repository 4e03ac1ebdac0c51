//! .xlsx/.xls (and .ods): a statistical annex workbook. Each sheet becomes a table in the text
//! view, so the table rules run on it; the view is marked as an annex, not a report, so the
//! rules about a report's prose and structure are not applied to it.

use super::render::TextBuilder;
use super::LoadError;
use crate::text::TextView;
use calamine::{Data, Reader};
use std::io::Cursor;

/// Largest sheet read, in cells; an annex has a few hundred.
const MAX_CELLS: usize = 1_000_000;

pub fn load(bytes: Vec<u8>, ext: &str) -> Result<TextView, LoadError> {
    if ext != "xls" {
        super::archive::inspect(&bytes, &format!(".{ext} "))?;
    }
    let mut wb = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| LoadError(format!("表格文件已损坏或无法读取（{e}）")))?;
    let mut out = TextBuilder::new();
    for name in wb.sheet_names() {
        let range = wb
            .worksheet_range(&name)
            .map_err(|e| LoadError(format!("工作表“{name}”无法读取（{e}）")))?;
        let (h, w) = range.get_size();
        if h.saturating_mul(w) > MAX_CELLS {
            return Err(LoadError(format!(
                "工作表“{name}”有 {h} 行 {w} 列，超过上限，已拒绝读取"
            )));
        }
        let grid: Vec<Vec<String>> = range
            .rows()
            .map(|row| row.iter().map(cell_text).collect())
            .collect();
        if grid.iter().all(|r| r.iter().all(|c| c.trim().is_empty())) {
            continue;
        }
        out.paragraph(&format!("工作表：{name}"), format!("工作表“{name}”"));
        out.table(&grid, format!("工作表“{name}”"));
    }
    if out.is_empty() {
        return Err(LoadError("表格文件中没有数据".into()));
    }
    let mut view = out.finish("UTF-8");
    view.annex = true;
    Ok(view)
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::String(s) => s.clone(),
        other => other.to_string(),
    }
}
