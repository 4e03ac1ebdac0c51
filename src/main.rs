//! The command line: parse arguments, call the library, choose a reporter, set the exit code.

use clap::{Parser, Subcommand, ValueEnum};
use nianbao::check::check_file;
use nianbao::model::Era;
use nianbao::report::{concise, full, json, FileReport};
use nianbao::rules::finding::Severity;
use nianbao::rules::RuleSet;
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "nianbao",
    version,
    about = "检查政府信息公开工作年度报告是否符合条例和全国统一格式"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 检查报告（文件或目录，目录递归检查）
    Check(CheckArgs),
    /// 打印报告的文本视图（检查结果中的行号、列号即指此文本）
    Extract { path: PathBuf },
    /// 列出全部规则
    Rules {
        /// 额外或覆盖内置规则的 YAML 规则目录
        #[arg(long)]
        rules: Option<PathBuf>,
    },
    /// 说明一条规则：检查什么、依据、不合格示例、如何修改
    Rule {
        id: String,
        #[arg(long)]
        rules: Option<PathBuf>,
    },
}

#[derive(clap::Args)]
struct CheckArgs {
    /// 要检查的文件或目录
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// 输出格式
    #[arg(long, value_enum, default_value_t = Format::Full)]
    format: Format,
    /// 报告所属时期的规则集；auto 按报告年度判断
    #[arg(long, value_enum, default_value_t = ProfileArg::Auto)]
    profile: ProfileArg,
    /// 达到此级别的问题使退出码为 1
    #[arg(long, value_enum, default_value_t = Level::Error)]
    fail_level: Level,
    /// 有问题也以 0 退出（只报告）
    #[arg(long)]
    exit_zero: bool,
    /// 额外或覆盖内置规则的 YAML 规则目录
    #[arg(long)]
    rules: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Full,
    Concise,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum ProfileArg {
    Auto,
    #[value(name = "2008")]
    P2008,
    #[value(name = "2019")]
    P2019,
    #[value(name = "2021")]
    P2021,
}

#[derive(Clone, Copy, ValueEnum)]
enum Level {
    Error,
    Warning,
    Info,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => run_check(args),
        Command::Extract { path } => run_extract(&path),
        Command::Rules { rules } => match load_rules(rules.as_deref()) {
            Ok(set) => {
                print_rules(&set);
                ExitCode::SUCCESS
            }
            Err(code) => code,
        },
        Command::Rule { id, rules } => match load_rules(rules.as_deref()) {
            Ok(set) => explain_rule(&set, &id),
            Err(code) => code,
        },
    }
}

fn load_rules(extra: Option<&Path>) -> Result<RuleSet, ExitCode> {
    let mut set = RuleSet::builtin().map_err(|e| {
        eprintln!("nianbao: {e}");
        ExitCode::from(2)
    })?;
    if let Some(dir) = extra {
        set.add_dir(dir).map_err(|e| {
            eprintln!("nianbao: {e}");
            ExitCode::from(2)
        })?;
    }
    Ok(set)
}

/// Files to check: named files always; under a folder, files with a report extension.
fn collect(paths: &[PathBuf]) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = ignore::WalkBuilder::new(p)
                .require_git(false)
                .build()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
                .map(|e| e.into_path())
                .filter(|f| {
                    f.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                        nianbao::input::REPORT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str())
                    })
                })
                .collect();
            found.sort();
            out.extend(found.into_iter().map(|f| {
                let shown = f.display().to_string();
                (f, shown)
            }));
        } else {
            out.push((p.clone(), p.display().to_string()));
        }
    }
    out
}

fn run_check(args: CheckArgs) -> ExitCode {
    let rules = match load_rules(args.rules.as_deref()) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let forced = match args.profile {
        ProfileArg::Auto => None,
        ProfileArg::P2008 => Some(Era::E2008),
        ProfileArg::P2019 => Some(Era::E2019),
        ProfileArg::P2021 => Some(Era::E2021),
    };
    let files = collect(&args.paths);
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let format = args.format;
    // Each file is checked and rendered on a worker; only its findings and its rendered text
    // are kept, so memory does not grow with the size of the reports.
    let results: Vec<(FileReport, String)> = files
        .par_iter()
        .map(|(path, shown)| {
            let (report, view) = check_file(path, shown, &rules, forced);
            let text = match (format, &view) {
                (Format::Full, Some(v)) => full::render(&report, v, color),
                (Format::Full, None) => concise::render(&report),
                (Format::Concise, _) => concise::render(&report),
                (Format::Json, _) => String::new(),
            };
            (report, text)
        })
        .collect();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match format {
        Format::Json => {
            let values: Vec<_> = results.iter().map(|(r, _)| json::file_value(r)).collect();
            let _ = out.write_all(json::render(&values).as_bytes());
        }
        _ => {
            for (_, text) in &results {
                let _ = out.write_all(text.as_bytes());
            }
            let (mut e, mut w, mut i) = (0, 0, 0);
            for (r, _) in &results {
                e += r.count(Severity::Error);
                w += r.count(Severity::Warning);
                i += r.count(Severity::Info);
            }
            let _ = writeln!(
                out,
                "检查了 {} 个文件：错误 {e} 个，警告 {w} 个，提示 {i} 个。",
                results.len()
            );
        }
    }
    let threshold = match args.fail_level {
        Level::Error => Severity::Error,
        Level::Warning => Severity::Warning,
        Level::Info => Severity::Info,
    };
    let failed = results
        .iter()
        .any(|(r, _)| r.worst().is_some_and(|s| s >= threshold));
    if failed && !args.exit_zero {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn run_extract(path: &Path) -> ExitCode {
    match nianbao::input::load(path) {
        Ok(view) => {
            let _ = std::io::stdout().lock().write_all(view.text().as_bytes());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("nianbao: {}: {}", path.display(), e.0);
            ExitCode::from(1)
        }
    }
}

fn eras_label(eras: &[Era]) -> String {
    eras.iter()
        .map(|e| e.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

fn print_rules(set: &RuleSet) {
    let mut out = std::io::stdout().lock();
    for r in &set.rules {
        let s = &r.spec;
        let _ = writeln!(
            out,
            "{:<20} {:<8} {:<15} {}",
            s.id,
            s.severity.as_str(),
            eras_label(s.eras.as_deref().unwrap_or_default()),
            s.summary
        );
    }
}

fn explain_rule(set: &RuleSet, id: &str) -> ExitCode {
    let Some(rule) = set.get(id) else {
        eprintln!("nianbao: 没有规则 {id}；用 nianbao rules 查看全部规则");
        return ExitCode::from(2);
    };
    let s = &rule.spec;
    let mut out = String::new();
    use std::fmt::Write as _;
    let _ = writeln!(
        out,
        "{}（{}，适用：{}；类型：{}）",
        s.id,
        s.severity.label_zh(),
        eras_label(s.eras.as_deref().unwrap_or_default()),
        s.check.kind_name()
    );
    let _ = writeln!(out, "{}\n", s.summary);
    let _ = writeln!(
        out,
        "检查什么：\n  {}\n",
        s.description.as_deref().unwrap_or(&s.summary).trim()
    );
    let _ = writeln!(out, "依据：\n  {}\n", s.basis.trim());
    if let Some(ex) = s.examples.invalid.first() {
        let _ = writeln!(out, "不合格示例：");
        for line in ex.lines() {
            let _ = writeln!(out, "  │ {line}");
        }
        out.push('\n');
    }
    let _ = writeln!(out, "如何修改：\n  {}", s.help.trim());
    let _ = writeln!(out, "\n（规则定义：{}）", rule.file);
    print!("{out}");
    ExitCode::SUCCESS
}
