//! The cells an .ods sheet claims, counted from its repeat attributes before the spreadsheet
//! reader is handed the file: that reader writes every repeated cell that holds a value out in
//! memory, so one row repeated 9,000 times with a cell repeated 11,000 times is 10^8 cells from
//! a file of 1 KB.

use super::archive::Archive;
use super::LoadError;
use quick_xml::events::{BytesStart, Event};

/// Cells with a value that the sheets of `content.xml` spell out once their repeats are
/// applied, counted up to just past `cap`.
pub fn claimed_cells(bytes: Vec<u8>, cap: usize) -> Result<usize, LoadError> {
    let mut archive = Archive::open(bytes, ".ods ")?;
    let Some(content) = archive.part("content.xml")? else {
        return Ok(0);
    };
    let mut reader = quick_xml::Reader::from_str(&content);
    let (mut total, mut row_repeat, mut row_cells) = (0usize, 1usize, 0usize);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if e.name().as_ref() == "table:table-row" => {
                row_repeat = repeat(&e, "table:number-rows-repeated");
                row_cells = 0;
            }
            Ok(Event::End(e)) if e.name().as_ref() == "table:table-row" => {
                total = total.saturating_add(row_repeat.saturating_mul(row_cells));
                if total > cap {
                    return Ok(total);
                }
            }
            // An empty element has no value; the reader keeps repeated empty cells as a count.
            Ok(Event::Start(e))
                if matches!(
                    e.name().as_ref(),
                    "table:table-cell" | "table:covered-table-cell"
                ) =>
            {
                row_cells = row_cells.saturating_add(repeat(&e, "table:number-columns-repeated"));
            }
            Ok(Event::Eof) => return Ok(total),
            // The reader that follows says what is wrong with the XML.
            Err(_) => return Ok(total),
            Ok(_) => {}
        }
    }
}

fn repeat(e: &BytesStart, name: &str) -> usize {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .and_then(|a| a.value.parse().ok())
        .unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn ods(rows: &str) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("content.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        write!(
            zip,
            "<office:document-content><office:body><office:spreadsheet><table:table>{rows}\
             </table:table></office:spreadsheet></office:body></office:document-content>"
        )
        .unwrap();
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn repeats_multiply_and_empty_cells_do_not_count() {
        let rows = "<table:table-row table:number-rows-repeated=\"9000\">\
            <table:table-cell table:number-columns-repeated=\"11000\"><text:p>x</text:p>\
            </table:table-cell></table:table-row>";
        assert!(claimed_cells(ods(rows), 1_000_000).unwrap() > 1_000_000);
        let rows = "<table:table-row><table:table-cell><text:p>1</text:p></table:table-cell>\
            <table:table-cell table:number-columns-repeated=\"1024\"/></table:table-row>\
            <table:table-row table:number-rows-repeated=\"1048575\">\
            <table:table-cell table:number-columns-repeated=\"1024\"/></table:table-row>";
        assert_eq!(claimed_cells(ods(rows), 1_000_000).unwrap(), 1);
    }
}
