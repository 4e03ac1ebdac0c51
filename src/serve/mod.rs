//! `nianbao serve`: the checker as a page in the browser, for people who never open a
//! terminal. An HTTP server on 127.0.0.1 only, one page with its script and styles in the
//! binary, and one endpoint, `POST /api/check` (multipart, one or more files), that answers
//! with the JSON of `check --format json`. Uploads are read in memory and checked by the same
//! worker processes as on the command line; nothing is written to disk. Requests whose Host or
//! Origin is not this page are refused (no DNS rebinding, no uploads from other sites).

use crate::isolate::Pool;
use crate::report::json::file_value;
use crate::report::FileReport;
use crate::rules::finding::Severity;
use crate::rules::RuleSet;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

const PAGE: &str = include_str!("assets/page.html");
const CSS: &str = include_str!("assets/page.css");
const JS: &str = include_str!("assets/page.js");

/// Largest request: several reports at once, each under the reader's own file limit.
const MAX_REQUEST: usize = 256 * 1024 * 1024;
/// Results kept for export, the latest first.
const KEPT: usize = 16;

pub struct Server {
    pub pool: Pool,
    pub rules: RuleSet,
    pub fail_level: Severity,
    pub port: u16,
    results: Mutex<VecDeque<(u64, Vec<FileReport>)>>,
    next_id: Mutex<u64>,
}

impl Server {
    pub fn new(pool: Pool, rules: RuleSet, fail_level: Severity, port: u16) -> Server {
        Server {
            pool,
            rules,
            fail_level,
            port,
            results: Mutex::new(VecDeque::new()),
            next_id: Mutex::new(1),
        }
    }
}

type Shared = Arc<Server>;

/// The page and the API, with the loopback guard in front.
pub fn router(server: Shared) -> Router {
    Router::new()
        .route("/", get(page))
        .route("/api/check", post(check))
        .route("/api/rule/{id}", get(rule))
        .route("/api/export/{id}/{name}", get(export))
        .layer(DefaultBodyLimit::max(MAX_REQUEST))
        .layer(middleware::from_fn_with_state(
            server.clone(),
            loopback_only,
        ))
        .with_state(server)
}

/// Serves until the process ends; `ready` gets the address once the port is open. A port that
/// cannot be opened gives the server back, to try another.
pub async fn run(
    server: Server,
    ready: impl FnOnce(&str),
) -> Result<(), (std::io::Error, Option<Server>)> {
    let listener = match tokio::net::TcpListener::bind(("127.0.0.1", server.port)).await {
        Ok(l) => l,
        Err(e) => return Err((e, Some(server))),
    };
    let port = listener.local_addr().map_or(server.port, |a| a.port());
    let addr = format!("http://127.0.0.1:{port}/");
    let server = Arc::new(Server { port, ..server });
    ready(&addr);
    axum::serve(listener, router(server))
        .await
        .map_err(|e| (e, None))
}

/// Only requests to this page from this page: the Host is the loopback address and port, and
/// an Origin, when the browser sends one, is the same.
async fn loopback_only(State(s): State<Shared>, req: Request<Body>, next: Next) -> Response {
    let ok_host = |h: &str| {
        [
            format!("127.0.0.1:{}", s.port),
            format!("localhost:{}", s.port),
        ]
        .iter()
        .any(|a| a == h)
    };
    let headers = req.headers();
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let origin = headers.get(header::ORIGIN).and_then(|h| h.to_str().ok());
    let allowed = host.is_some_and(ok_host)
        && origin.is_none_or(|o| o.strip_prefix("http://").is_some_and(ok_host));
    if !allowed {
        return (
            StatusCode::FORBIDDEN,
            "只接受本机页面的请求（Host 或 Origin 不是本页）",
        )
            .into_response();
    }
    next.run(req).await
}

async fn page() -> Html<String> {
    Html(PAGE.replace("/*CSS*/", CSS).replace("/*JS*/", JS))
}

#[derive(serde::Deserialize)]
struct CheckQuery {
    /// Add each file's text, which the findings' spans point into.
    #[serde(default)]
    text: Option<String>,
}

async fn check(
    State(s): State<Shared>,
    Query(q): Query<CheckQuery>,
    mut form: Multipart,
) -> Result<Json<Value>, (StatusCode, String)> {
    let bad = |e: String| (StatusCode::BAD_REQUEST, e);
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|e| bad(format!("上传的内容不完整：{e}")))?
    {
        let name = field
            .file_name()
            .map(|n| n.rsplit(['/', '\\']).next().unwrap_or(n).to_string())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| format!("文件{}", files.len() + 1));
        let bytes = field
            .bytes()
            .await
            .map_err(|e| bad(format!("无法读取上传的文件 {name}：{e}")))?;
        files.push((name, bytes.to_vec()));
    }
    if files.is_empty() {
        return Err(bad("没有收到文件".into()));
    }
    let with_text = q.text.is_some_and(|t| t != "0");
    let server = s.clone();
    let checked =
        tokio::task::spawn_blocking(move || server.pool.check_uploads(&files, &server.rules))
            .await
            .map_err(|e| (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    let mut reports = Vec::new();
    let mut values = Vec::new();
    for (report, text) in checked {
        let mut v = file_value(&report);
        v["verdict"] = json!(crate::report::summary::Row::of(&report, s.fail_level).status);
        if with_text {
            v["text"] = json!(text.unwrap_or_default());
        }
        values.push(v);
        reports.push(report);
    }
    let id = {
        let mut n = s.next_id.lock().unwrap_or_else(|e| e.into_inner());
        *n += 1;
        *n
    };
    let mut kept = s.results.lock().unwrap_or_else(|e| e.into_inner());
    kept.push_front((id, reports));
    kept.truncate(KEPT);
    Ok(Json(json!({ "files": values, "id": id })))
}

async fn rule(State(s): State<Shared>, Path(id): Path<String>) -> Response {
    match crate::rules::docs::explain(&s.rules, &id) {
        Some(text) => ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response(),
        None => (StatusCode::NOT_FOUND, format!("没有规则 {id}")).into_response(),
    }
}

/// The results of one check as the command line's workbook or HTML report.
async fn export(State(s): State<Shared>, Path((id, name)): Path<(u64, String)>) -> Response {
    let kept = s.results.lock().unwrap_or_else(|e| e.into_inner());
    let Some((_, reports)) = kept.iter().find(|(i, _)| *i == id) else {
        return (
            StatusCode::NOT_FOUND,
            "这次检查的结果已不在内存中，请重新检查",
        )
            .into_response();
    };
    let mut headers = HeaderMap::new();
    let disposition = |f: &str| format!("attachment; filename=\"{f}\"");
    match name.as_str() {
        "report.xlsx" => match crate::report::workbook::workbook(reports, s.fail_level) {
            Ok(bytes) => {
                headers.insert(
                    header::CONTENT_TYPE,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                        .parse()
                        .expect("header"),
                );
                headers.insert(
                    header::CONTENT_DISPOSITION,
                    disposition(&name).parse().expect("header"),
                );
                (headers, bytes).into_response()
            }
            Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e).into_response(),
        },
        "report.html" => {
            let page = crate::report::html::page(reports, &s.rules, s.fail_level, "");
            headers.insert(
                header::CONTENT_TYPE,
                "text/html; charset=utf-8".parse().expect("header"),
            );
            headers.insert(
                header::CONTENT_DISPOSITION,
                disposition(&name).parse().expect("header"),
            );
            (headers, page).into_response()
        }
        _ => (StatusCode::NOT_FOUND, "可导出 report.xlsx 或 report.html").into_response(),
    }
}

/// Opens the page in the user's browser.
pub fn open_browser(url: &str) {
    #[cfg(windows)]
    let spawned = std::process::Command::new("cmd")
        .args(["/C", "start", "", url])
        .spawn();
    #[cfg(target_os = "macos")]
    let spawned = std::process::Command::new("open").arg(url).spawn();
    #[cfg(all(unix, not(target_os = "macos")))]
    let spawned = std::process::Command::new("xdg-open").arg(url).spawn();
    if spawned.is_err() {
        eprintln!("请在浏览器中打开 {url}");
    }
}
