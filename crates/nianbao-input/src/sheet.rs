//! .xlsx/.xls (and .ods): a statistical annex workbook. Each sheet becomes a table in the text
//! view, so the table rules run on it; the view is marked as an annex, not a report, so the
//! rules about a report's prose and structure are not applied to it.

use super::render::{MergedCell, TextBuilder};
use super::LoadError;
use calamine::{Data, Reader};
use nianbao_core::text::TextView;
use std::io::Cursor;

/// A sheet's cell texts, row by row.
type TextGrid = Vec<Vec<String>>;

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
        let grid: Vec<Vec<MergedCell>> = match &mut wb {
            // Cells one by one: the range a workbook claims (A1 and XFD1048576 make 17·10^9
            // cells) is never allocated, only the cells it has.
            calamine::Sheets::Xlsx(x) => {
                let (grid, origin) = xlsx_grid(x, &name)?;
                // Merges are what the grid says besides its text: a sheet whose merges
                // cannot be read is read without them.
                let merges = x.merge_cells_by_sheet_name(&name).unwrap_or_default();
                let (grid, capped) = with_merges(grid, origin, &merges);
                if capped {
                    out.notice(format!(
                        "工作表“{name}”的合并单元格覆盖超过 {MAX_CELLS} 个单元格，超出部分按不合并读取"
                    ));
                }
                grid
            }
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
                    .map(|row| {
                        row.iter()
                            .map(|d| MergedCell::plain(cell_text(d)))
                            .collect()
                    })
                    .collect()
            }
        };
        if grid
            .iter()
            .all(|r| r.iter().all(|c| c.text.trim().is_empty()))
        {
            continue;
        }
        out.paragraph(&format!("工作表：{name}"), format!("工作表“{name}”"));
        out.merged_table(&grid, format!("工作表“{name}”"));
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

/// The merged regions of a sheet on its grid (whose first cell is the sheet's `origin`): the
/// first cell of each spans it, the empty cells it covers are marked so. The cells so touched
/// are capped at `MAX_CELLS` in all (regions may overlap); the second value says it was reached.
fn with_merges(
    grid: TextGrid,
    origin: (u32, u32),
    merges: &[calamine::Dimensions],
) -> (Vec<Vec<MergedCell>>, bool) {
    let mut grid: Vec<Vec<MergedCell>> = grid
        .into_iter()
        .map(|row| row.into_iter().map(MergedCell::plain).collect())
        .collect();
    let (h, w) = (grid.len(), grid.first().map_or(0, Vec::len));
    let mut touched = 0usize;
    for d in merges {
        let (Some(r0), Some(c0)) = (
            d.start.0.checked_sub(origin.0),
            d.start.1.checked_sub(origin.1),
        ) else {
            continue;
        };
        let (r0, c0) = (r0 as usize, c0 as usize);
        if r0 >= h || c0 >= w || d.end.0 < d.start.0 || d.end.1 < d.start.1 {
            continue;
        }
        let r1 = ((d.end.0 - origin.0) as usize).min(h - 1);
        let c1 = ((d.end.1 - origin.1) as usize).min(w - 1);
        touched += (r1 - r0 + 1) * (c1 - c0 + 1);
        if touched > MAX_CELLS {
            return (grid, true);
        }
        grid[r0][c0].rowspan = r1 - r0 + 1;
        grid[r0][c0].colspan = c1 - c0 + 1;
        for (r, row) in grid.iter_mut().enumerate().take(r1 + 1).skip(r0) {
            for (c, cell) in row.iter_mut().enumerate().take(c1 + 1).skip(c0) {
                if (r, c) != (r0, c0) && cell.text.is_empty() {
                    cell.covered = true;
                }
            }
        }
    }
    (grid, false)
}

/// The grid of one .xlsx sheet from its cells as they are stored, at most `MAX_CELLS` of them,
/// and the sheet position (row, column) of its first cell.
fn xlsx_grid<RS: std::io::Read + std::io::Seek>(
    x: &mut calamine::Xlsx<RS>,
    name: &str,
) -> Result<(TextGrid, (u32, u32)), LoadError> {
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
        return Ok((Vec::new(), (0, 0)));
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
    Ok((grid, (first_row, first_col)))
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

#[cfg(test)]
mod merge_tests {
    use super::*;
    use calamine::Dimensions;

    #[test]
    fn merges_outside_the_grid_are_clamped_or_skipped_and_overlaps_are_capped() {
        let grid = vec![vec!["a".to_string(), String::new()], vec![String::new(); 2]];
        // The sheet's first cell is B2: regions are in sheet positions.
        let merges = [
            Dimensions {
                start: (1, 1),
                end: (9, 1),
            },
            Dimensions {
                start: (0, 0),
                end: (0, 5),
            },
        ];
        let (g, capped) = with_merges(grid, (1, 1), &merges);
        assert!(!capped);
        assert_eq!((g[0][0].rowspan, g[0][0].colspan), (2, 1));
        assert!(g[1][0].covered && !g[0][1].covered && !g[1][1].covered);
        let tall = vec![vec![String::new()]; 1000];
        let same = vec![
            Dimensions {
                start: (0, 0),
                end: (999, 0)
            };
            1001
        ];
        assert!(with_merges(tall, (0, 0), &same).1);
    }
}
