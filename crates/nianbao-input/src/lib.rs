//! nianbao-input: turns a file into a `nianbao_core::text::TextView`. One module per format;
//! none of them knows any rule. The heavy dependencies (zip, unpdf, scraper, calamine) are
//! here, not in the core.

pub mod archive;
pub mod decode;
pub mod docx;
pub mod html;
mod ods_scan;
pub mod pdf;
mod pdf_scan;
pub mod render;
pub mod sheet;

use nianbao_core::text::TextView;
use std::path::Path;

/// Largest file read; a bigger one is reported, not loaded.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Extensions of the formats read.
pub const READ_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "docx", "pdf", "xls", "xlsx", "xlsm", "ods",
];

/// Formats a report or its annex is submitted in that are not read, with what to do instead:
/// a folder walk picks them up so that each gets a finding saying so, never passed over.
pub const UNREAD_FORMATS: &[(&str, &str)] = &[
    (
        "doc",
        "是旧版二进制格式，无法读取；请另存为 .docx 或纯文本（.txt）后再检查",
    ),
    (
        "dot",
        "是旧版二进制格式，无法读取；请另存为 .docx 或纯文本（.txt）后再检查",
    ),
    (
        "wps",
        "是旧版二进制格式，无法读取；请另存为 .docx 或纯文本（.txt）后再检查",
    ),
    (
        "wpt",
        "是旧版二进制格式，无法读取；请另存为 .docx 或纯文本（.txt）后再检查",
    ),
    (
        "rtf",
        "格式暂不支持；请另存为 .docx 或纯文本（.txt）后再检查",
    ),
    (
        "odt",
        "格式暂不支持；请另存为 .docx 或纯文本（.txt）后再检查",
    ),
    (
        "ofd",
        "是版式文件，无法读取文字；请提供同一报告的 .pdf 或 .docx 版本",
    ),
    (
        "ceb",
        "是版式文件，无法读取文字；请提供同一报告的 .pdf 或 .docx 版本",
    ),
    ("et", "是 WPS 表格格式，无法读取；请另存为 .xlsx 后再检查"),
    ("ett", "是 WPS 表格格式，无法读取；请另存为 .xlsx 后再检查"),
];

/// The finding for a format that is not read (lower-case extension), with what to do instead.
fn unread_format(ext: &str) -> Option<LoadError> {
    UNREAD_FORMATS
        .iter()
        .find(|(e, _)| *e == ext)
        .map(|(_, why)| LoadError(format!(".{ext} {why}")))
}

/// Whether a folder walk takes a file with this extension (any case): the formats read and
/// the formats that get a finding saying they are not.
pub fn is_walked(ext: &str) -> bool {
    let ext = ext.to_ascii_lowercase();
    READ_EXTENSIONS.contains(&ext.as_str()) || UNREAD_FORMATS.iter().any(|(e, _)| *e == ext)
}

/// Why a file could not be turned into text, in words for the user.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadError(pub String);

/// Reads a file into a text view. A reader that fails inside (a third-party parser meeting a
/// file it was not built for) gives a load error for this file; the batch goes on.
pub fn load(path: &Path) -> Result<TextView, LoadError> {
    std::panic::catch_unwind(|| load_unguarded(path)).unwrap_or_else(|_| {
        Err(LoadError(
            "读取时出错：文件结构异常，无法解析（可能已损坏或不是所标示的格式）".into(),
        ))
    })
}

fn load_unguarded(path: &Path) -> Result<TextView, LoadError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    if let Some(e) = unread_format(&ext) {
        return Err(e);
    }
    let meta = std::fs::metadata(path).map_err(|e| LoadError(io_cause(&e)))?;
    if meta.is_dir() {
        return Err(LoadError("这是一个目录，不是文件".into()));
    }
    // A FIFO, socket or device is never opened: reading one can block for ever.
    if !meta.is_file() {
        return Err(LoadError(format!(
            "不是普通文件（{}），未读取",
            special_kind(&meta)
        )));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(LoadError(format!(
            "文件过大（{} MB，上限 {} MB）",
            meta.len() / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| LoadError(io_cause(&e)))?;
    let mut view = load_bytes(bytes, &ext)?;
    view.source = Some(path.to_path_buf());
    view.beside = path.parent().and_then(files_in);
    Ok(view)
}

/// Folders listed beyond this are not listed: an annex is not looked for in them.
const MAX_FOLDER_ENTRIES: usize = 50_000;

/// The names of the files in a folder (the annex a report names is looked for among them),
/// kept for the next file of the same folder: a batch reads a folder's files one after
/// another.
fn files_in(dir: &Path) -> Option<std::sync::Arc<[String]>> {
    use std::sync::{Arc, Mutex};
    static LAST: Mutex<Option<(std::path::PathBuf, Arc<[String]>)>> = Mutex::new(None);
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let mut last = LAST.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((d, names)) = last.as_ref() {
        if d == dir {
            return Some(names.clone());
        }
    }
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).ok()? {
        let entry = entry.ok()?;
        if names.len() == MAX_FOLDER_ENTRIES {
            return None;
        }
        // A link to a file counts as the file; folders and devices are not annexes.
        let is_file = entry.file_type().is_ok_and(|t| t.is_file())
            || std::fs::metadata(entry.path()).is_ok_and(|m| m.is_file());
        if is_file {
            if let Some(n) = entry.file_name().to_str() {
                names.push(n.to_string());
            }
        }
    }
    let names: Arc<[String]> = names.into();
    *last = Some((dir.to_path_buf(), names.clone()));
    Some(names)
}

/// A file that came as bytes (an upload to `nianbao serve`), named as its sender named it:
/// read under the same limits as a file on disk, and never written anywhere.
pub fn load_upload(name: &str, bytes: Vec<u8>) -> Result<TextView, LoadError> {
    std::panic::catch_unwind(move || {
        let ext = Path::new(name)
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .unwrap_or_default();
        if let Some(e) = unread_format(&ext) {
            return Err(e);
        }
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(LoadError(format!(
                "文件过大（{} MB，上限 {} MB）",
                bytes.len() / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            )));
        }
        load_bytes(bytes, &ext)
    })
    .unwrap_or_else(|_| {
        Err(LoadError(
            "读取时出错：文件结构异常，无法解析（可能已损坏或不是所标示的格式）".into(),
        ))
    })
}

/// The reading view of a file's bytes, read as the format its extension (lower case, no dot)
/// names once its content agrees. Panics are not caught here (the fuzz targets want them).
pub fn load_bytes(bytes: Vec<u8>, ext: &str) -> Result<TextView, LoadError> {
    if let Some(found) = content_mismatch(ext, &bytes) {
        return Err(LoadError(format!(
            "扩展名是 .{ext}，但内容是{found}，未按 .{ext} 读取；请确认文件是否损坏或扩展名是否写错"
        )));
    }
    match ext {
        "docx" => docx::load(bytes),
        "html" | "htm" => html::load(&bytes),
        "pdf" => pdf::load(&bytes),
        "xlsx" | "xls" | "xlsm" | "ods" => sheet::load(bytes, ext),
        "md" | "markdown" => plain_text(&bytes, Markup::Markdown),
        // A web page saved under a text name (its source, tags and all) is read as the page.
        _ if is_html_document(&bytes) => html::load(&bytes),
        _ => plain_text(&bytes, Markup::Sniff),
    }
}

/// Whether a file's bytes are a whole HTML document: after a BOM and white space it starts
/// with a doctype or an `<html>` tag (a report that quotes a tag does not).
fn is_html_document(bytes: &[u8]) -> bool {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    let head: Vec<u8> = b[start..b.len().min(start + 15)]
        .iter()
        .map(u8::to_ascii_lowercase)
        .collect();
    head.starts_with(b"<!doctype html") || head.starts_with(b"<html")
}

/// Whether a plain-text file is markdown.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Markup {
    Markdown,
    /// Markdown if its text looks like it (a .txt written by a converter).
    Sniff,
}

/// The reading view of a plain-text or markdown file, whatever its encoding.
pub fn plain_text(bytes: &[u8], markup: Markup) -> Result<TextView, LoadError> {
    let text = decoded_text(bytes)?;
    let markdown =
        markup == Markup::Markdown || nianbao_core::text::markdown::looks_like_markdown(&text.0);
    Ok(TextView::read_plain(&text.0, text.1, markdown))
}

/// Text from the bytes of a plain-text file, whatever its encoding, as it is.
pub fn from_bytes(bytes: &[u8]) -> Result<TextView, LoadError> {
    let (text, encoding) = decoded_text(bytes)?;
    Ok(TextView::new(&text, encoding))
}

fn decoded_text(bytes: &[u8]) -> Result<(String, &'static str), LoadError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(LoadError("文件为空".into()));
    }
    let decoded = decode::decode(bytes);
    let text = decoded.text;
    if text
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
        .is_empty()
    {
        return Err(LoadError("文件为空（只有空白或字节顺序标记）".into()));
    }
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    if controls * 20 > text.chars().count().max(1) {
        return Err(LoadError(
            "不是文本文件（含大量控制字符），可能是二进制或损坏的文件".into(),
        ));
    }
    Ok((text, decoded.encoding))
}

/// What kind of special file this is, in words for the user.
pub fn special_kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "命名管道";
        }
        if t.is_socket() {
            return "套接字";
        }
        if t.is_block_device() || t.is_char_device() {
            return "设备文件";
        }
    }
    let _ = meta;
    "特殊文件"
}

/// The container a file's first bytes show, when its extension promises something else: a
/// binary file renamed .html or .txt, a PDF named .docx.
fn content_mismatch(ext: &str, bytes: &[u8]) -> Option<&'static str> {
    let found = if bytes.starts_with(b"%PDF") {
        "PDF"
    } else if bytes.starts_with(b"PK\x03\x04") {
        "ZIP 压缩包（如 .docx/.xlsx）"
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        "旧版 Office 文件（如 .doc/.xls）"
    } else if bytes.starts_with(b"\x89PNG") || bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "图片"
    } else {
        return None;
    };
    let fits = match ext {
        "pdf" => found == "PDF",
        "docx" | "xlsx" | "xlsm" | "ods" => found.starts_with("ZIP"),
        "xls" => found.starts_with("旧版") || found.starts_with("ZIP"),
        "doc" | "wps" => true,
        _ => false,
    };
    (!fits).then_some(found)
}

fn io_cause(e: &std::io::Error) -> String {
    os_error(e)
}

/// A system error in plain words, the system's own text after it for whoever needs it:
/// "权限不足（Permission denied (os error 13)）".
pub fn os_error(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let words = match e.kind() {
        K::NotFound => "文件或文件夹不存在",
        K::PermissionDenied => "权限不足",
        K::AlreadyExists => "文件已存在",
        K::StorageFull => "磁盘已满",
        K::ReadOnlyFilesystem => "磁盘或文件夹只读，不能写入",
        K::IsADirectory => "这是一个文件夹，不是文件",
        K::NotADirectory => "路径中有一段不是文件夹",
        K::BrokenPipe => "输出管道已关闭",
        K::TimedOut => "操作超时",
        K::InvalidData => "数据无效",
        K::UnexpectedEof => "文件意外结束",
        K::OutOfMemory => "内存不足",
        _ => "系统错误",
    };
    format!("{words}（{e}）")
}

#[cfg(test)]
mod sniff_tests {
    use super::*;

    #[test]
    fn a_web_page_under_a_text_name_is_read_as_the_page() {
        assert!(is_html_document(b"\xEF\xBB\xBF\n  <!DOCTYPE HTML><html>"));
        assert!(is_html_document(b"<html lang=zh>"));
        assert!(!is_html_document("一、总体情况 <html>".as_bytes()));
        assert!(!is_html_document(b""));
        let page = "<!doctype html><html><body><p>示例县人民政府2023年政府信息公开工作年度报告</p>\
                    <p>一、总体情况</p><p>本年度，全县主动公开政府信息3280条，其中政策文件126条。</p>\
                    <p>二、主动公开政府信息情况</p><p>详见下表。</p></body></html>";
        let view = load_bytes(page.as_bytes().to_vec(), "txt").unwrap();
        assert!(!view.text().contains("<p>"), "{}", view.text());
        assert!(view.text().contains("一、总体情况"), "{}", view.text());
    }
}
