//! Isolation, so that a file nobody foresaw cannot take the batch down: each file is read and
//! checked in a worker process, one file at a time, with a memory ceiling the worker sets on
//! itself and a time budget the supervisor keeps. An abort, a stack overflow, an out-of-memory
//! kill or a hang loses that file only: the supervisor gives it a finding naming the cause,
//! starts a new worker, and the batch goes on. `catch_unwind` cannot do this: an abort or a
//! stack overflow ends the process it happens in.
//!
//! The protocol is one JSON line per file each way over the worker's standard input and
//! output: a `Request` in, a `Response` out.

use crate::check::check_file;
use crate::model::Era;
use crate::report::FileReport;
use crate::rules::RuleSet;
use crate::text::TextView;
use serde::{Deserialize, Serialize};
use std::ffi::OsString;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;

/// One file for a worker to check.
#[derive(Debug, Serialize, Deserialize)]
pub struct Request {
    pub path: PathBuf,
    pub shown: String,
    /// The file's bytes, base64, when it came as an upload rather than from disk (`path` is
    /// then unused and `shown` is the name it came under).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    /// The nianbao.yaml that applies to this file (the closest one above it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<PathBuf>,
}

/// What a worker checks a file with, as the file's nianbao.yaml makes it: the rules, the era
/// if one is forced, and what is done to the report before it is rendered (per-file ignores,
/// the baseline).
pub struct Setup {
    pub rules: RuleSet,
    pub forced: Option<Era>,
    pub adjust: Box<dyn Fn(&mut FileReport)>,
}

/// What a worker found, with the text its reporter rendered (empty for reporters that need
/// the whole batch).
#[derive(Debug, Serialize, Deserialize)]
pub struct Response {
    pub report: FileReport,
    pub text: String,
}

/// The worker's side: checks each requested file and answers, until its input ends. `setup`
/// makes the rules for a config file (once per file, kept for the next requests); a config
/// that cannot be used gives the file a finding that says why.
pub fn serve(
    mut setup: impl FnMut(Option<&std::path::Path>) -> Result<Setup, String>,
    render: impl Fn(&FileReport, Option<&TextView>) -> String,
) -> std::io::Result<()> {
    let stdin = std::io::stdin().lock();
    let mut out = std::io::stdout().lock();
    let mut made: std::collections::HashMap<Option<PathBuf>, Result<Setup, String>> =
        std::collections::HashMap::new();
    let plain = setup(None).map_err(std::io::Error::other)?;
    for line in stdin.lines() {
        let line = line?;
        let req: Request = serde_json::from_str(&line)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
        let s = match &req.config {
            None => Ok(&plain),
            Some(p) => made
                .entry(Some(p.clone()))
                .or_insert_with(|| setup(Some(p)))
                .as_ref()
                .map_err(Clone::clone),
        };
        let (report, view) = match s {
            Err(why) => (refused(&plain.rules, &req.shown, &why), None),
            Ok(s) => {
                let (mut report, view) = check_request(&req, &s.rules, s.forced);
                (s.adjust)(&mut report);
                (report, view)
            }
        };
        let text = render(&report, view.as_ref());
        serde_json::to_writer(&mut out, &Response { report, text })?;
        out.write_all(b"\n")?;
        out.flush()?;
    }
    Ok(())
}

fn check_request(
    req: &Request,
    rules: &RuleSet,
    forced: Option<Era>,
) -> (FileReport, Option<TextView>) {
    match &req.content {
        None => check_file(&req.path, &req.shown, rules, forced),
        Some(b64) => {
            use base64::Engine;
            match base64::engine::general_purpose::STANDARD.decode(b64) {
                Ok(bytes) => crate::check::check_upload(&req.shown, bytes, rules, forced),
                Err(e) => (
                    refused(rules, &req.shown, &format!("上传的内容无法解码：{e}")),
                    None,
                ),
            }
        }
    }
}

/// The report of a file that could not be checked, with the cause.
fn refused(rules: &RuleSet, shown: &str, why: &str) -> FileReport {
    FileReport::of_one(shown, crate::rules::unreadable(rules, why))
}

/// Caps the address space of this process, so that a file that would take all the memory
/// fails an allocation here (and loses this worker) instead of the machine's memory.
pub fn limit_memory(bytes: u64) {
    #[cfg(unix)]
    {
        let limit = libc::rlimit {
            rlim_cur: bytes as libc::rlim_t,
            rlim_max: bytes as libc::rlim_t,
        };
        // SAFETY: setrlimit reads the struct it is given and changes only this process's
        // limit; a failure (a hard limit already lower) leaves the limit as it was.
        unsafe {
            libc::setrlimit(libc::RLIMIT_AS, &limit);
        }
    }
    #[cfg(not(unix))]
    let _ = bytes;
}

/// How a worker is started, and what each file may take.
#[derive(Debug, Clone)]
pub struct Limits {
    pub timeout: Duration,
    pub max_memory: u64,
}

/// How to start a worker: this program with the worker's arguments.
#[derive(Debug, Clone)]
pub struct WorkerCommand {
    pub exe: PathBuf,
    pub args: Vec<OsString>,
}

/// Why a file has no result of its own.
#[derive(Debug, Clone, PartialEq)]
pub enum Death {
    Timeout(Duration),
    OutOfMemory(u64),
    StackOverflow,
    Crashed(String),
    NotStarted(String),
}

impl Death {
    /// The cause in words for the user.
    pub fn cause(&self) -> String {
        match self {
            Death::Timeout(t) => format!(
                "检查超时（超过 {} 秒），已停止检查此文件（可用 --timeout 放宽）",
                t.as_secs()
            ),
            Death::OutOfMemory(m) => format!(
                "内存超限（超过 {} MB），已停止检查此文件（可用 --max-memory 放宽）",
                m / (1024 * 1024)
            ),
            Death::StackOverflow => "栈溢出（文件结构嵌套过深），已停止检查此文件".into(),
            Death::Crashed(how) => format!("检查进程意外退出（{how}），已停止检查此文件"),
            Death::NotStarted(e) => format!("无法启动检查进程（{e}）"),
        }
    }
}

/// Bytes of a worker's standard error kept to tell how it died.
const STDERR_TAIL: usize = 4096;

struct Worker {
    child: Child,
    stdin: ChildStdin,
    lines: mpsc::Receiver<String>,
    stderr: Arc<Mutex<Vec<u8>>>,
    stderr_reader: Option<std::thread::JoinHandle<()>>,
}

impl Worker {
    fn start(cmd: &WorkerCommand) -> std::io::Result<Worker> {
        let mut child = Command::new(&cmd.exe)
            .args(&cmd.args)
            // One file at a time per worker, one worker per core: no pool inside a worker
            // (the PDF reader would start one), and few malloc arenas under the ceiling.
            .env("RAYON_NUM_THREADS", "1")
            .env("MALLOC_ARENA_MAX", "2")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let stdin = child.stdin.take().expect("piped");
        let stdout = child.stdout.take().expect("piped");
        let mut stderr = child.stderr.take().expect("piped");
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let tail = Arc::new(Mutex::new(Vec::new()));
        let keep = Arc::clone(&tail);
        let stderr_reader = std::thread::spawn(move || {
            let mut buf = [0u8; 1024];
            while let Ok(n) = stderr.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let mut t = keep.lock().unwrap_or_else(|e| e.into_inner());
                t.extend_from_slice(&buf[..n]);
                if t.len() > STDERR_TAIL {
                    let cut = t.len() - STDERR_TAIL;
                    t.drain(..cut);
                }
            }
        });
        Ok(Worker {
            child,
            stdin,
            lines,
            stderr: tail,
            stderr_reader: Some(stderr_reader),
        })
    }

    fn check(&mut self, req: &Request, limits: &Limits) -> Result<Response, Death> {
        let line = serde_json::to_string(req).expect("requests serialise");
        if writeln!(self.stdin, "{line}")
            .and_then(|_| self.stdin.flush())
            .is_err()
        {
            return Err(self.death(limits));
        }
        match self.lines.recv_timeout(limits.timeout) {
            Ok(answer) => serde_json::from_str(&answer)
                .map_err(|e| Death::Crashed(format!("回复无法解析：{e}"))),
            Err(mpsc::RecvTimeoutError::Timeout) => {
                let _ = self.child.kill();
                let _ = self.child.wait();
                Err(Death::Timeout(limits.timeout))
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => Err(self.death(limits)),
        }
    }

    /// How the worker ended, from its exit status and the last of its standard error.
    fn death(&mut self, limits: &Limits) -> Death {
        let status = self.child.wait();
        if let Some(r) = self.stderr_reader.take() {
            let _ = r.join();
        }
        let said = String::from_utf8_lossy(&self.stderr.lock().unwrap_or_else(|e| e.into_inner()))
            .into_owned();
        if said.contains("memory allocation of") || said.contains("capacity overflow") {
            return Death::OutOfMemory(limits.max_memory);
        }
        if said.contains("overflowed its stack") {
            return Death::StackOverflow;
        }
        match status {
            #[cfg(unix)]
            Ok(s) if std::os::unix::process::ExitStatusExt::signal(&s) == Some(libc::SIGKILL) => {
                Death::OutOfMemory(limits.max_memory)
            }
            Ok(s) => Death::Crashed(s.to_string()),
            Err(e) => Death::Crashed(e.to_string()),
        }
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A file's report and the text its reporter rendered (None when its check was stopped).
pub type Checked = (FileReport, Option<String>);

/// Worker processes, one per thread of the batch, restarted when one dies.
pub struct Pool {
    command: WorkerCommand,
    limits: Limits,
    workers: Vec<Mutex<Option<Worker>>>,
}

impl Pool {
    pub fn new(command: WorkerCommand, limits: Limits, size: usize) -> Pool {
        Pool {
            command,
            limits,
            workers: (0..size.max(1)).map(|_| Mutex::new(None)).collect(),
        }
    }

    /// Checks the files, in parallel across the workers; the results come back in the order
    /// of `files`. A file whose worker died has a report with one `IO-ABORTED` finding and no
    /// rendered text (None).
    pub fn check_all(&self, files: &[(PathBuf, String)], rules: &RuleSet) -> Vec<Checked> {
        let requests: Vec<Request> = files
            .iter()
            .map(|(path, shown)| Request {
                path: path.clone(),
                shown: shown.clone(),
                content: None,
                config: None,
            })
            .collect();
        self.check_requests(&requests, rules)
    }

    /// Checks files, each with the config file that applies to it.
    pub fn check_configured(
        &self,
        files: &[(PathBuf, String, Option<PathBuf>)],
        rules: &RuleSet,
    ) -> Vec<Checked> {
        let requests: Vec<Request> = files
            .iter()
            .map(|(path, shown, config)| Request {
                path: path.clone(),
                shown: shown.clone(),
                content: None,
                config: config.clone(),
            })
            .collect();
        self.check_requests(&requests, rules)
    }

    /// Checks uploads: each file's name and bytes, sent to the workers as they are.
    pub fn check_uploads(&self, files: &[(String, Vec<u8>)], rules: &RuleSet) -> Vec<Checked> {
        use base64::Engine;
        let requests: Vec<Request> = files
            .iter()
            .map(|(name, bytes)| Request {
                path: PathBuf::new(),
                shown: name.clone(),
                content: Some(base64::engine::general_purpose::STANDARD.encode(bytes)),
                config: None,
            })
            .collect();
        self.check_requests(&requests, rules)
    }

    fn check_requests(&self, files: &[Request], rules: &RuleSet) -> Vec<Checked> {
        let next = AtomicUsize::new(0);
        let results: Mutex<Vec<Option<Checked>>> =
            Mutex::new((0..files.len()).map(|_| None).collect());
        let threads = self.workers.len().min(files.len());
        std::thread::scope(|s| {
            for slot in &self.workers[..threads] {
                s.spawn(|| {
                    let mut worker = slot.lock().unwrap_or_else(|e| e.into_inner());
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(req) = files.get(i) else {
                            break;
                        };
                        let outcome = self.check_one(&mut worker, req);
                        let result = match outcome {
                            Ok(r) => (r.report, Some(r.text)),
                            Err(d) => (aborted(rules, &req.shown, &d), None),
                        };
                        results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(result);
                    }
                });
            }
        });
        results
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
            .into_iter()
            .map(|r| r.expect("every file was checked"))
            .collect()
    }

    fn check_one(&self, worker: &mut Option<Worker>, req: &Request) -> Result<Response, Death> {
        if worker.is_none() {
            *worker =
                Some(Worker::start(&self.command).map_err(|e| Death::NotStarted(e.to_string()))?);
        }
        let w = worker.as_mut().expect("started");
        let outcome = w.check(req, &self.limits);
        if outcome.is_err() {
            // A worker that timed out or died is not asked again.
            *worker = None;
        }
        outcome
    }
}

/// The report of a file whose check was stopped.
pub fn aborted(rules: &RuleSet, shown: &str, death: &Death) -> FileReport {
    FileReport::of_one(shown, crate::rules::aborted(rules, &death.cause()))
}

/// A size such as 512M, 2G or a number of bytes.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let (digits, unit) = t.split_at(t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len()));
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("无法识别的大小“{s}”（如 512M、2G）"))?;
    let mult = match unit.trim().to_ascii_uppercase().as_str() {
        "" | "B" => 1,
        "K" | "KB" | "KIB" => 1 << 10,
        "M" | "MB" | "MIB" => 1 << 20,
        "G" | "GB" | "GIB" => 1 << 30,
        _ => return Err(format!("无法识别的大小单位“{unit}”（可用 K、M、G）")),
    };
    n.checked_mul(mult).ok_or_else(|| format!("大小“{s}”太大"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_read_with_their_units() {
        assert_eq!(parse_size("512M"), Ok(512 << 20));
        assert_eq!(parse_size("2G"), Ok(2 << 30));
        assert_eq!(parse_size("1024"), Ok(1024));
        assert!(parse_size("2T").is_err());
        assert!(parse_size("many").is_err());
    }
}
