//! .xlsx/.xls (and .ods): a statistical annex workbook. Each sheet becomes a table in the text
//! view, so the table rules run on it; the view is marked as an annex, not a report, so the
//! rules about a report's prose and structure are not applied to it.

use super::render::TextBuilder;
use super::LoadError;
use calamine::{Data, Reader};
use nianbao_core::text::TextView;
use std::io::Cursor;

/// Largest sheet read, in cells; an annex has a few hundred.
const MAX_CELLS: usize = 1_000_000;

pub fn load(bytes: Vec<u8>, ext: &str) -> Result<TextView, LoadError> {
    if ext != "xls" {
        super::archive::inspect(&bytes, &format!(".{ext} "))?;
    }
    if ext == "ods" {
        let claimed = super::ods_scan::claimed_cells(bytes.clone(), MAX_CELLS)?;
        if claimed > MAX_CELLS {
            return Err(LoadError(format!(
                "表格重复单元格展开后超过 {MAX_CELLS} 个单元格的上限，已拒绝读取"
            )));
        }
    }
    let mut wb = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| LoadError(format!("表格文件已损坏或无法读取（{e}）")))?;
    let mut out = TextBuilder::new();
    for name in wb.sheet_names() {
        let grid = match &mut wb {
            // Cells one by one: the range a workbook claims (A1 and XFD1048576 make 17·10^9
            // cells) is never allocated, only the cells it has.
            calamine::Sheets::Xlsx(x) => xlsx_grid(x, &name)?,
            other => {
                let range = other
                    .worksheet_range(&name)
                    .map_err(|e| LoadError(format!("工作表“{name}”无法读取（{e}）")))?;
                let (h, w) = range.get_size();
                if h.saturating_mul(w) > MAX_CELLS {
                    return Err(too_large(&name, h, w));
                }
                range
                    .rows()
                    .map(|row| row.iter().map(cell_text).collect())
                    .collect()
            }
        };
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

fn too_large(name: &str, h: usize, w: usize) -> LoadError {
    LoadError(format!(
        "工作表“{name}”的单元格分布在 {h} 行 {w} 列的范围内，超过上限 {MAX_CELLS} 个单元格，已拒绝读取"
    ))
}

/// The grid of one .xlsx sheet from its cells as they are stored, at most `MAX_CELLS` of them.
fn xlsx_grid<RS: std::io::Read + std::io::Seek>(
    x: &mut calamine::Xlsx<RS>,
    name: &str,
) -> Result<Vec<Vec<String>>, LoadError> {
    let unreadable = |e: calamine::XlsxError| LoadError(format!("工作表“{name}”无法读取（{e}）"));
    let mut reader = x.worksheet_cells_reader(name).map_err(unreadable)?;
    let mut cells: Vec<((u32, u32), String)> = Vec::new();
    while let Some(cell) = reader.next_cell().map_err(unreadable)? {
        let text = cell_text(&Data::from(cell.get_value().clone()));
        if text.is_empty() {
            continue;
        }
        if cells.len() == MAX_CELLS {
            return Err(LoadError(format!(
                "工作表“{name}”有超过 {MAX_CELLS} 个单元格，超过上限，已拒绝读取"
            )));
        }
        cells.push((cell.get_position(), text));
    }
    let Some(rows) = cells.iter().map(|c| c.0 .0).max() else {
        return Ok(Vec::new());
    };
    let first_row = cells.iter().map(|c| c.0 .0).min().unwrap_or(0);
    let first_col = cells.iter().map(|c| c.0 .1).min().unwrap_or(0);
    let cols = cells.iter().map(|c| c.0 .1).max().unwrap_or(0);
    let (h, w) = (
        (rows - first_row) as usize + 1,
        (cols - first_col) as usize + 1,
    );
    if h.saturating_mul(w) > MAX_CELLS {
        return Err(too_large(name, h, w));
    }
    let mut grid = vec![vec![String::new(); w]; h];
    for ((r, c), text) in cells {
        grid[(r - first_row) as usize][(c - first_col) as usize] = text;
    }
    Ok(grid)
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
