//! Reading parts of a zip container (.docx, .xlsx) with limits against hostile files: a part
//! may not decompress beyond a cap, nor the whole archive beyond another, nor expand more than
//! a plausible ratio (a zip bomb), and a truncated archive is a clear error.

use super::LoadError;
use std::io::{Cursor, Read};

/// Largest decompressed part read (document.xml of a very long report is a few MB).
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;
/// Largest decompressed total of all parts read from one file.
pub const MAX_TOTAL_BYTES: u64 = 256 * 1024 * 1024;
/// Expansion beyond this ratio on a part over 1 MB is a decompression bomb, not a document.
pub const MAX_RATIO: u64 = 200;

fn corrupt(what: &str, e: impl std::fmt::Display) -> LoadError {
    LoadError(format!("{what}文件已损坏或不完整，无法解压（{e}）"))
}

/// Refuses a zip whose declared sizes are too large or expand like a decompression bomb,
/// before anything is inflated (also for readers that open the zip themselves).
pub fn inspect(bytes: &[u8], what: &str) -> Result<(), LoadError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| corrupt(what, e))?;
    let mut declared = 0u64;
    for i in 0..zip.len() {
        if let Ok(f) = zip.by_index_raw(i) {
            declared = declared.saturating_add(f.size());
            if f.size() > 1024 * 1024 && f.size() / f.compressed_size().max(1) > MAX_RATIO {
                let name = f.name().map(|n| n.into_owned()).unwrap_or_default();
                return Err(LoadError(format!("{what}文件中的“{name}”解压后异常膨胀（压缩比超过{MAX_RATIO}倍），疑似压缩炸弹，已拒绝读取")));
            }
        }
    }
    if declared > MAX_TOTAL_BYTES {
        return Err(LoadError(format!(
            "{what}文件解压后超过 {} MB，已拒绝读取",
            MAX_TOTAL_BYTES / (1024 * 1024)
        )));
    }
    Ok(())
}

pub struct Archive {
    zip: zip::ZipArchive<Cursor<Vec<u8>>>,
    read_total: u64,
}

impl Archive {
    pub fn open(bytes: Vec<u8>, what: &str) -> Result<Archive, LoadError> {
        inspect(&bytes, what)?;
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| corrupt(what, e))?;
        Ok(Archive { zip, read_total: 0 })
    }

    /// A part as text, or None if the archive has no such part.
    pub fn part(&mut self, name: &str) -> Result<Option<String>, LoadError> {
        let mut f = match self.zip.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(LoadError(format!("无法读取“{name}”（{e}）"))),
        };
        let mut buf = Vec::new();
        // Declared sizes can lie: cap what is actually inflated.
        let n = (&mut f)
            .take(MAX_PART_BYTES + 1)
            .read_to_end(&mut buf)
            .map_err(|e| LoadError(format!("“{name}”已损坏或不完整（{e}）")))?;
        if n as u64 > MAX_PART_BYTES {
            return Err(LoadError(format!(
                "“{name}”解压后超过 {} MB，已拒绝读取",
                MAX_PART_BYTES / (1024 * 1024)
            )));
        }
        self.read_total += n as u64;
        if self.read_total > MAX_TOTAL_BYTES {
            return Err(LoadError("解压内容总量超过上限，已拒绝读取".into()));
        }
        String::from_utf8(buf)
            .map(Some)
            .map_err(|_| LoadError(format!("“{name}”不是 UTF-8 编码的 XML")))
    }
}
