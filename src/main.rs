//! The command line: parse arguments, call the library, choose a reporter, set the exit code.

mod cli_zh;

use clap::{Parser, Subcommand, ValueEnum};
use nianbao::config::Profile;
use nianbao::report::{concise, full, json, summary, FileReport};
use nianbao::rules::finding::Severity;
use nianbao::rules::RuleSet;
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
    /// 打印报告的文本（检查结果中的行号、列号和 span 即指此文本）
    Extract {
        /// 报告文件
        #[arg(value_name = "路径")]
        path: PathBuf,
        /// 打印修复后实际检查的文本（去掉 markdown 标记、接好折行等）
        #[arg(long)]
        reading: bool,
    },
    /// 列出全部规则
    Rules {
        /// 额外或覆盖内置规则的 YAML 规则目录
        #[arg(long)]
        rules: Option<PathBuf>,
        /// 输出全部规则的说明文档（Markdown，即 docs/rules.md）
        #[arg(long)]
        markdown: bool,
    },
    /// 与上年报告比较：表三结转、表二现行有效件数、表四未审结案件、照搬上年文字
    Compare(CompareArgs),
    /// 打印 shell 的命令补全脚本（bash、zsh、fish、powershell、elvish）
    Completions {
        #[arg(value_enum, value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// 打印 man 手册页（roff 格式）
    Man,
    /// 在当前目录写一个带说明的配置文件 nianbao.yaml
    Init {
        /// 已有 nianbao.yaml 时覆盖它
        #[arg(long)]
        force: bool,
        /// 打印 JSON Schema：config（nianbao.yaml，即 docs/nianbao.schema.json）、rules（规则文件，
        /// docs/rules.schema.json）、template（统一格式表格文件，docs/template.schema.json）或
        /// eras（时期列表 rules/eras.yaml，docs/eras.schema.json）
        #[arg(long, value_name = "WHICH", num_args = 0..=1, default_missing_value = "config")]
        schema: Option<String>,
    },
    /// 在浏览器中使用：本机打开一个页面，拖入报告即可检查（文件不离开本机）
    Serve(ServeArgs),
    /// 年度审核：检查目录中的全部报告，相邻年度配对比较、查找雷同，按名单核对未发布、逾期的单位，写出工作簿和网页
    Audit(AuditArgs),
    /// 说明一条规则：检查什么、依据、不合格示例、如何修改
    Rule {
        /// 规则编号，如 ARI-T3-BALANCE
        #[arg(value_name = "规则编号")]
        id: String,
        /// 额外或覆盖内置规则的 YAML 规则目录
        #[arg(long)]
        rules: Option<PathBuf>,
    },
    /// 运行规则的合格与不合格示例，并与快照（规则文件旁的 __snapshots__/）比对
    Test {
        /// 规则文件或目录；不给则检查内置规则
        #[arg(value_name = "规则")]
        paths: Vec<PathBuf>,
        /// 把当前结果写入快照（规则或消息有意改动之后）
        #[arg(short = 'U', long = "update")]
        update: bool,
    },
    /// The worker process that `check` starts for each core (not for users).
    #[command(name = "__worker", hide = true)]
    Worker(WorkerArgs),
}

#[derive(clap::Args)]
struct CompareArgs {
    /// 上年的报告
    #[arg(value_name = "上年报告")]
    old: PathBuf,
    #[command(flatten)]
    check: CheckArgs,
}

#[derive(clap::Args)]
struct ServeArgs {
    /// 端口（默认 8765，被占用时依次试后面的端口）
    #[arg(long)]
    port: Option<u16>,
    /// 启动后在浏览器中打开页面
    #[arg(long)]
    open: bool,
    /// 额外或覆盖内置规则的 YAML 规则目录
    #[arg(long)]
    rules: Option<PathBuf>,
    /// 每个文件的检查时限（秒）
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    timeout: u64,
    /// 每个文件的内存上限（如 512M、2G）
    #[arg(long, value_name = "SIZE", default_value = "2G")]
    max_memory: String,
}

#[derive(clap::Args)]
struct AuditArgs {
    /// 应发布报告的单位名单（CSV：单位名称[,类型][,上级]，可有表头）
    #[arg(long, value_name = "units.csv")]
    expect: Option<PathBuf>,
    /// 只核对这一报告年度（默认：报告中出现的每个年度）
    #[arg(long, value_name = "年度")]
    year: Option<i32>,
    /// 评分表（YAML）：按问题扣分，给每个单位一个得分
    #[arg(long, value_name = "FILE")]
    scoring: Option<PathBuf>,
    /// 写出 audit.xlsx 和 audit.html 的目录
    #[arg(long, value_name = "目录", default_value = "nianbao-audit")]
    out_dir: PathBuf,
    #[command(flatten)]
    check: CheckArgs,
}

/// What an audit adds to a check of the batch.
#[derive(Clone)]
struct AuditPlan {
    units: Option<Vec<nianbao::audit::Unit>>,
    year: Option<i32>,
    scoring: Option<nianbao::audit::Scoring>,
    dir: PathBuf,
}

#[derive(clap::Args)]
struct WorkerArgs {
    #[arg(long)]
    no_suppressions: bool,
    #[arg(long)]
    digest: bool,
    #[arg(long)]
    config: Option<PathBuf>,
    #[arg(long)]
    baseline: Option<PathBuf>,
    #[arg(long, value_delimiter = ',')]
    select: Vec<String>,
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    #[arg(long, value_enum)]
    format: Format,
    #[arg(long)]
    color: bool,
    #[arg(long, value_parser = profile_parser())]
    profile: Option<Profile>,
    #[arg(long)]
    rules: Option<PathBuf>,
    #[arg(long)]
    max_memory: u64,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// 要检查的文件或目录
    #[arg(required_unless_present = "files_from", value_name = "路径")]
    paths: Vec<PathBuf>,
    /// 从文件（或 - 表示标准输入）读取要检查的路径，每行一个
    #[arg(long, value_name = "FILE")]
    files_from: Option<String>,
    /// 检查目录时只包含匹配的文件（glob，可多次给出，如 '*2023*'）
    #[arg(long, value_name = "GLOB")]
    include: Vec<String>,
    /// 检查目录时排除匹配的文件（glob，可多次给出）
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// 检查目录时按 .gitignore/.ignore 跳过文件，并跳过隐藏文件（默认都检查）
    #[arg(long)]
    respect_gitignore: bool,
    /// 把结果写入文件；与 --format summary 同用且文件名以 .csv 结尾时写 CSV
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// 输出格式（默认 full；给了 --output 时按其扩展名：.csv 汇总表、.json、.jsonl、.sarif）
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// 报告所属时期的规则集；auto（默认）按报告年度判断
    #[arg(long, value_parser = profile_parser())]
    profile: Option<Profile>,
    /// 达到此级别的问题使退出码为 1（默认 error）
    #[arg(long, value_enum)]
    fail_level: Option<Level>,
    /// 所有报告都用这个配置文件（默认：每份报告用其所在目录及上级目录中最近的 nianbao.yaml）
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// 不读任何配置文件
    #[arg(long)]
    isolated: bool,
    /// 基线文件：其中记录的问题（已接受的旧问题）不再报告，只报告新问题
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// 把本次的全部问题写入基线文件（此后用 --baseline 只看新问题），退出码为 0
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// 有问题也以 0 退出（只报告）
    #[arg(long)]
    exit_zero: bool,
    /// 额外或覆盖内置规则的 YAML 规则目录
    #[arg(long)]
    rules: Option<PathBuf>,
    /// 每个文件的检查时限（秒），超过则中止该文件并报告
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    timeout: u64,
    /// 每个文件的内存上限（如 512M、2G），超过则中止该文件并报告
    #[arg(long, value_name = "SIZE", default_value = "2G")]
    max_memory: String,
    /// 只检查这些规则（规则编号或前缀，如 TXT 或 ARI-T3；逗号分隔，可多次给出）
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    select: Vec<String>,
    /// 不检查这些规则（规则编号或前缀；逗号分隔，可多次给出）
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    ignore: Vec<String>,
    /// 不理会文件中的“不报”注释（nianbao-disable），列出全部问题，并说明有多少处被注明不报
    #[arg(long)]
    no_suppressions: bool,
    /// 只输出每条规则的问题数（按数量排序），不逐条列出
    #[arg(long)]
    statistics: bool,
    /// 何时使用颜色：auto 仅在终端上且未设置 NO_COLOR 时
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
    /// 路径写作 - 时从标准输入读取一份报告；此名称用于显示，其扩展名决定格式（默认 .txt）
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
    /// 上年的报告（文件或目录）：每份报告与同一机关的上年报告比较；只给一份上年报告和一份本年报告时两者直接比较
    #[arg(long, value_name = "路径")]
    previous: Vec<PathBuf>,
    /// 报告之间互相比较：同一机关相邻年度的报告自动配对，不同单位同一年度的报告查找雷同
    #[arg(long)]
    across: bool,
    #[arg(skip)]
    audit: Option<AuditPlan>,
    /// The rule choice of the command line itself, before any nianbao.yaml: what the workers
    /// get, each applying the file that governs each report.
    #[arg(skip)]
    flags: Flags,
    #[arg(skip)]
    config_named: bool,
}

#[derive(Clone, Default)]
struct Flags {
    select: Vec<String>,
    ignore: Vec<String>,
    profile: Option<Profile>,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Format {
    Full,
    Concise,
    Json,
    /// 每行一个问题的 JSON
    JsonLines,
    /// GitHub Actions 注释（workflow commands）
    Github,
    /// SARIF 2.1.0（代码扫描）
    Sarif,
    /// 每个文件一行：路径、机关、年度、时期、错误数、警告数、结论
    Summary,
    /// JUnit XML（CI 的测试结果）：每个文件一个测试集，每个问题一个失败用例
    Junit,
    /// Excel 工作簿（须同时给 --output）：文件汇总、问题清单，比较时另有年度配对、雷同
    Xlsx,
    /// 一页自带样式的网页：全部文件的汇总表（可排序、筛选）和每个文件的问题，可打印
    Html,
    /// `nianbao audit`: a workbook and a page in a folder.
    #[value(skip)]
    Audit,
    /// The worker of `nianbao serve`: the text the findings' spans point into.
    #[value(hide = true)]
    Source,
}

/// --profile: auto or an era of rules/eras.yaml, the names listed in --help.
fn profile_parser() -> impl clap::builder::TypedValueParser<Value = Profile> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(Profile::names()).try_map(|s| s.parse::<Profile>())
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum Level {
    Error,
    Warning,
    Info,
}

fn main() -> ExitCode {
    // A failure inside a reader or a check is reported as a finding on that file; one line on
    // stderr says what happened, without a backtrace in the user's face.
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!("（{}:{}）", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("nianbao: 内部错误{at}，已作为该文件的问题报告，其余文件照常检查");
    }));
    utf8_console();
    if let Some(code) = windows_double_click() {
        return code;
    }
    let cli = match parse_cli() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    match cli.command {
        Command::Check(args) => run_check(args),
        Command::Serve(args) => run_serve(args),
        Command::Init { force, schema } => run_init(force, schema),
        Command::Completions { shell } => {
            use clap::CommandFactory;
            let mut out = Vec::new();
            clap_complete::generate(
                shell,
                &mut cli_zh::localize(Cli::command()),
                "nianbao",
                &mut out,
            );
            write_stdout(&out)
        }
        Command::Man => {
            use clap::CommandFactory;
            let mut out = Vec::new();
            match clap_mangen::Man::new(cli_zh::localize(Cli::command())).render(&mut out) {
                Ok(()) => write_stdout(&out),
                Err(e) => {
                    eprintln!("nianbao: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Audit(args) => run_audit(args),
        Command::Compare(args) => {
            let mut check = args.check;
            check.previous = vec![args.old];
            // The comparison only, unless the user chose rules: each report's own check is
            // what `check` is for.
            if check.select.is_empty() {
                check.select = vec!["XY".into()];
            }
            run_check(check)
        }
        Command::Extract { path, reading } => run_extract(&path, reading),
        Command::Worker(args) => run_worker(args),
        Command::Test { paths, update } => run_test(&paths, update),
        Command::Rules { rules, markdown } => match load_rules(rules.as_deref()) {
            Ok(set) if markdown => write_stdout(nianbao::rules::docs::markdown(&set).as_bytes()),
            Ok(set) => print_rules(&set),
            Err(code) => code,
        },
        Command::Rule { id, rules } => match load_rules(rules.as_deref()) {
            Ok(set) => explain_rule(&set, &id),
            Err(code) => code,
        },
    }
}

/// The command line, read with Chinese help and errors (cli_zh).
fn parse_cli() -> Result<Cli, ExitCode> {
    use clap::{CommandFactory, FromArgMatches};
    let matches = cli_zh::localize(Cli::command()).try_get_matches();
    let err = match matches.and_then(|m| Cli::from_arg_matches(&m)) {
        Ok(cli) => return Ok(cli),
        Err(e) => e,
    };
    match err.kind() {
        clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
            let _ = err.print();
            Err(ExitCode::SUCCESS)
        }
        _ => {
            eprint!("{}", cli_zh::error_message(&err));
            Err(ExitCode::from(2))
        }
    }
}

fn load_rules(extra: Option<&Path>) -> Result<RuleSet, ExitCode> {
    let mut set = RuleSet::builtin().map_err(|e| {
        eprintln!("nianbao: {e}");
        ExitCode::from(2)
    })?;
    if let Some(dir) = extra {
        nianbao::rule_files::add_dir(&mut set, dir).map_err(|e| {
            eprintln!("nianbao: {e}");
            ExitCode::from(2)
        })?;
    }
    Ok(set)
}

/// Files to check: named files always; under a folder, files with a report extension that
/// pass the include and exclude globs, in name order.
fn collect(
    paths: &[PathBuf],
    include: &[String],
    exclude: &[String],
    respect_ignore: bool,
) -> Result<Walked, String> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let mut others = std::collections::BTreeMap::new();
    for p in paths {
        if p.is_dir() {
            let mut overrides = ignore::overrides::OverrideBuilder::new(p);
            // A glob matches the path below the folder, a folder's name included: '*2023*'
            // takes the files of a folder named 2023 as well as files named so.
            for g in include {
                for form in glob_forms(g) {
                    overrides
                        .add(&form)
                        .map_err(|e| format!("--include {g}: {e}"))?;
                }
            }
            for g in exclude {
                for form in glob_forms(g) {
                    overrides
                        .add(&format!("!{form}"))
                        .map_err(|e| format!("--exclude {g}: {e}"))?;
                }
            }
            let overrides = overrides.build().map_err(|e| e.to_string())?;
            let mut found: Vec<PathBuf> = ignore::WalkBuilder::new(p)
                .require_git(false)
                // Folders are walked for reports, not source code: hidden files and ignore
                // files hide nothing unless asked (--respect-gitignore).
                .standard_filters(respect_ignore)
                // A linked report is a report; the walker stops at a link that loops.
                .follow_links(true)
                .overrides(overrides)
                .build()
                // What cannot be walked (an unreadable folder, a broken link) is named, not
                // skipped: the reports in it would be missing from the audit unnoticed.
                .filter_map(|e| match e {
                    Ok(e) => Some(e),
                    Err(err) => {
                        problems.extend(walk_problem(&err));
                        None
                    }
                })
                // Special files (a FIFO named like a report) are listed too, so that they get
                // their finding; they are never opened.
                .filter(|e| e.file_type().is_some_and(|t| !t.is_dir()))
                .map(|e| e.into_path())
                .filter(|f| {
                    let walked = f
                        .extension()
                        .and_then(|e| e.to_str())
                        .is_some_and(nianbao::input::is_walked);
                    if !walked {
                        count_other(f, &mut others);
                    }
                    walked
                })
                .collect();
            found.sort();
            out.extend(found.into_iter().map(|f| {
                let shown = shown_name(&f);
                (f, shown)
            }));
        } else {
            out.push((p.clone(), shown_name(p)));
        }
    }
    problems.sort();
    Ok(Walked {
        files: out,
        problems,
        others,
    })
}

/// What a folder walk found: files to check, and places it could not go with the cause.
struct Walked {
    files: Vec<(PathBuf, String)>,
    problems: Vec<(PathBuf, String)>,
    /// Files under the folders in no report format, by extension: counted in the summary,
    /// so that none is passed over unsaid.
    others: std::collections::BTreeMap<String, usize>,
}

/// Counts a file the walk does not check; the files an operating system leaves in folders
/// (Thumbs.db, .DS_Store) are nobody's submission and are not counted.
fn count_other(f: &Path, others: &mut std::collections::BTreeMap<String, usize>) {
    let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.starts_with('.') || name.starts_with("~$") {
        return;
    }
    if ["thumbs.db", "desktop.ini"].contains(&name.to_ascii_lowercase().as_str()) {
        return;
    }
    let ext = f
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| format!(".{}", e.to_ascii_lowercase()))
        .unwrap_or_else(|| "无扩展名".into());
    *others.entry(ext).or_default() += 1;
}

impl Walked {
    /// "另有 3 个文件不是报告的格式，未检查（.jpg 2 个、.css 1 个）。", or nothing.
    fn others_note(&self) -> String {
        let n: usize = self.others.values().sum();
        if n == 0 {
            return String::new();
        }
        let mut kinds: Vec<(&String, &usize)> = self.others.iter().collect();
        kinds.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let listed: Vec<String> = kinds.iter().map(|(e, c)| format!("{e} {c} 个")).collect();
        format!(
            "另有 {n} 个文件不是报告的格式，未检查（{}）。\n",
            listed.join("、")
        )
    }
}

/// The place and cause of a walk error, in words for the user; a link that loops back is
/// not a problem (it is followed once).
fn walk_problem(err: &ignore::Error) -> Option<(PathBuf, String)> {
    let mut e = err;
    let mut path = None;
    loop {
        match e {
            ignore::Error::WithPath { path: p, err } => {
                path = Some(p.clone());
                e = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                e = err
            }
            ignore::Error::Loop { .. } => return None,
            _ => break,
        }
    }
    let path = path?;
    let cause = match err.io_error().map(std::io::Error::kind) {
        Some(std::io::ErrorKind::NotFound) => "链接指向的文件不存在（断开的链接），未检查".into(),
        Some(std::io::ErrorKind::PermissionDenied) => {
            "文件夹或文件没有读取权限，其中的报告未检查".into()
        }
        _ => format!("无法进入，其中的报告未检查（{e}）"),
    };
    Some((path, cause))
}

/// A glob as given, and, when it names no folder, the same glob for a folder anywhere below.
fn glob_forms(g: &str) -> Vec<String> {
    if g.contains('/') {
        vec![g.to_string()]
    } else {
        vec![g.to_string(), format!("**/{g}/**")]
    }
}

/// A path as it is shown: control characters in a file name (a newline could forge a line of
/// concise or GitHub output) are written as escapes.
fn shown_name(p: &Path) -> String {
    let s = p.display().to_string();
    if !s.chars().any(char::is_control) {
        return s;
    }
    s.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn read_list(from: &str) -> Result<Vec<PathBuf>, String> {
    if from != "-" {
        regular_file(Path::new(from))?;
    }
    let bytes = if from == "-" {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut b)
            .map_err(|e| format!("无法读取标准输入：{}", nianbao::input::os_error(&e)))?;
        b
    } else {
        std::fs::read(from)
            .map_err(|e| format!("无法读取 {from}：{}", nianbao::input::os_error(&e)))?
    };
    // A list saved on Windows may be UTF-8 with a BOM, GBK, or UTF-16 (PowerShell's `>`):
    // decoded as reports are. A list is mostly ASCII, too little to tell GBK from its
    // neighbours, so where the detected encoding names no existing file GB18030 is tried.
    let paths = |text: &str| -> Vec<PathBuf> {
        text.lines()
            .map(|l| l.trim().trim_start_matches('\u{FEFF}'))
            .filter(|l| !l.is_empty())
            .map(PathBuf::from)
            .collect()
    };
    let detected = paths(&nianbao::input::decode::decode(&bytes).text);
    let existing = |ps: &[PathBuf]| ps.iter().filter(|p| p.exists()).count();
    if existing(&detected) < detected.len() {
        let (gb, _, had_errors) = encoding_rs::GB18030.decode(&bytes);
        let gb = paths(&gb);
        if !had_errors && existing(&gb) > existing(&detected) {
            return Ok(gb);
        }
    }
    Ok(detected)
}

/// Nothing to check is a usage error that says why: no such path, a folder with no file of a
/// known format, or every file excluded by the globs (with how many).
fn something_to_check(
    paths: &[PathBuf],
    files: &[(PathBuf, String)],
    include: &[String],
    exclude: &[String],
) -> Result<(), String> {
    if files
        .iter()
        .any(|(p, _)| p.exists() || p.symlink_metadata().is_ok())
    {
        return Ok(());
    }
    let mut why = Vec::new();
    for p in paths {
        if !p.exists() {
            why.push(format!("{} 不存在", p.display()));
        } else if p.is_dir() {
            let known =
                collect(std::slice::from_ref(p), &[], &[], false).map_or(0, |f| f.files.len());
            if known > 0 && (!include.is_empty() || !exclude.is_empty()) {
                why.push(format!(
                    "目录 {} 中的 {known} 个可检查文件都被 --include/--exclude 排除了",
                    p.display()
                ));
            } else {
                why.push(format!(
                    "目录 {} 中没有可检查的文件（支持 {}）",
                    p.display(),
                    nianbao::input::READ_EXTENSIONS
                        .iter()
                        .map(|e| format!(".{e}"))
                        .collect::<Vec<_>>()
                        .join(" ")
                ));
            }
        }
    }
    if why.is_empty() {
        why.push("没有给出文件或目录".into());
    }
    Err(why.join("；"))
}

/// Refuses anything but a regular file (a FIFO would block the run), saying what it is.
fn regular_file(p: &Path) -> Result<(), String> {
    match std::fs::metadata(p) {
        Ok(m) if m.is_file() => Ok(()),
        Ok(m) if m.is_dir() => Err(format!("{} 是目录，不是文件", p.display())),
        Ok(m) => Err(format!(
            "{} 不是普通文件（{}），未读取",
            p.display(),
            nianbao::input::special_kind(&m)
        )),
        Err(e) => Err(format!("无法读取 {}：{e}", p.display())),
    }
}

/// An output file that is one of the inputs, or that would be found as a report in a checked
/// folder by the next run, is refused before anything is read or written.
fn check_output_target(
    out: &Path,
    inputs: &[(PathBuf, String)],
    folders: &[PathBuf],
) -> Result<(), String> {
    let resolved = resolve(out);
    if inputs.iter().any(|(p, _)| resolve(p) == resolved) {
        return Err(format!(
            "输出文件 {} 也是要检查的文件，写入会覆盖原文；请换一个输出文件名",
            out.display()
        ));
    }
    let is_report = out
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(nianbao::input::is_walked);
    if is_report {
        if let Some(dir) = folders.iter().find(|d| resolved.starts_with(resolve(d))) {
            return Err(format!(
                "输出文件 {} 在要检查的目录 {} 中，且扩展名是报告的扩展名，下次检查会把它当作报告；请写到目录之外，或改用 .csv/.json 等扩展名",
                out.display(),
                dir.display()
            ));
        }
    }
    Ok(())
}

/// A path made absolute with its links resolved, also for a file that does not exist yet
/// (its folder is resolved).
fn resolve(p: &Path) -> PathBuf {
    if let Ok(c) = std::fs::canonicalize(p) {
        return c;
    }
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    match (abs.parent(), abs.file_name()) {
        (Some(dir), Some(name)) => std::fs::canonicalize(dir)
            .map(|d| d.join(name))
            .unwrap_or(abs.clone()),
        _ => abs,
    }
}

/// Output written to a temporary file beside the target and renamed into place at the end:
/// the target is never truncated before the run has something to put there.
struct AtomicFile {
    target: PathBuf,
    temp: PathBuf,
    file: std::io::BufWriter<std::fs::File>,
}

impl AtomicFile {
    fn create(target: &Path) -> std::io::Result<AtomicFile> {
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".into());
        let temp = target.with_file_name(format!(".{name}.nianbao-{}.tmp", std::process::id()));
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        Ok(AtomicFile {
            target: target.to_path_buf(),
            temp,
            file: std::io::BufWriter::new(file),
        })
    }

    fn commit(mut self) -> std::io::Result<()> {
        self.file.flush()?;
        self.file.get_ref().sync_all()?;
        std::fs::rename(&self.temp, &self.target)
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        // After a successful commit the temporary name no longer exists.
        let _ = std::fs::remove_file(&self.temp);
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.file.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

/// Where the report goes: standard output, or a file put in place when the run is done.
enum Target {
    Stdout(std::io::BufWriter<std::io::StdoutLock<'static>>),
    File(AtomicFile),
}

/// The report's target, keeping the first write error: the run stops writing there, and ends
/// with it (a closed pipe quietly, anything else as exit 2 naming the target).
struct Sink {
    target: Target,
    failed: Option<std::io::Error>,
}

impl Sink {
    fn name(&self) -> String {
        match &self.target {
            Target::Stdout(_) => "标准输出".into(),
            Target::File(f) => f.target.display().to_string(),
        }
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.failed.is_some() {
            return Ok(buf.len());
        }
        let r = match &mut self.target {
            Target::Stdout(w) => w.write_all(buf),
            Target::File(f) => f.write_all(buf),
        };
        if let Err(e) = r {
            self.failed = Some(e);
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        if self.failed.is_none() {
            let r = match &mut self.target {
                Target::Stdout(w) => w.flush(),
                Target::File(f) => f.flush(),
            };
            if let Err(e) = r {
                self.failed = Some(e);
            }
        }
        Ok(())
    }
}

/// Writes a whole file through a temporary one.
fn write_atomically(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = AtomicFile::create(target)?;
    f.write_all(bytes)?;
    f.commit()
}

/// A report read from standard input, in a folder of its own under the temporary folder,
/// removed when the run ends.
struct StdinReport {
    dir: PathBuf,
    path: PathBuf,
    shown: String,
}

impl StdinReport {
    /// Replaces `-` in `paths` with the report read from standard input.
    fn take(paths: &mut [PathBuf], args: &CheckArgs) -> Result<Option<StdinReport>, String> {
        let dash = Path::new("-");
        let Some(at) = paths.iter().position(|p| p == dash) else {
            if args.stdin_filename.is_some() {
                return Err("--stdin-filename 只在路径写作 - 时使用".into());
            }
            return Ok(None);
        };
        if paths.iter().filter(|p| *p == dash).count() > 1
            || args.files_from.as_deref() == Some("-")
        {
            return Err("标准输入只能读取一次：- 与 --files-from - 不能同时使用".into());
        }
        let name = args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| "stdin.txt".into());
        let file_name = Path::new(&name)
            .file_name()
            .map(|n| n.to_os_string())
            .unwrap_or_else(|| "stdin.txt".into());
        let mut bytes = Vec::new();
        use std::io::Read;
        std::io::stdin()
            .lock()
            .take(nianbao::input::MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("无法读取标准输入：{}", nianbao::input::os_error(&e)))?;
        let dir = (0..100)
            .map(|n| std::env::temp_dir().join(format!("nianbao-stdin-{}-{n}", std::process::id())))
            .find(|d| std::fs::create_dir(d).is_ok())
            .ok_or("无法在临时文件夹中保存标准输入的内容")?;
        let path = dir.join(file_name);
        std::fs::write(&path, &bytes)
            .map_err(|e| format!("无法保存标准输入的内容：{}", nianbao::input::os_error(&e)))?;
        paths[at] = path.clone();
        let shown = match &args.stdin_filename {
            Some(n) => n.clone(),
            None => "<标准输入>".into(),
        };
        Ok(Some(StdinReport { dir, path, shown }))
    }
}

impl Drop for StdinReport {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Prints each file's results as they are ready and keeps the run's tally.
struct Emitter {
    format: Format,
    threshold: Severity,
    first: bool,
    summary: Vec<summary::Row>,
    /// Reports kept for outputs written whole at the end (SARIF).
    kept: Vec<FileReport>,
    /// Findings per rule, for --statistics.
    statistics: Option<std::collections::BTreeMap<String, usize>>,
    /// Errors, warnings, infos.
    counts: [usize; 3],
    not_reports: usize,
    /// Findings the files' suppression comments cover.
    suppressed: usize,
    /// Findings the baseline holds.
    baselined: usize,
    /// Every report, for --write-baseline.
    all: Option<Vec<FileReport>>,
    failed: bool,
}

impl Emitter {
    fn emit(&mut self, sink: &mut Sink, report: &FileReport, text: &str) {
        if let Some(stats) = &mut self.statistics {
            count_rules(report, stats);
        } else {
            self.write(sink, report, text);
        }
        self.suppressed += report.suppressed;
        self.baselined += report.baselined;
        if let Some(all) = &mut self.all {
            all.push(report.clone());
        }
        // Not a report: counted apart, never a failure.
        if report.not_a_report() {
            self.not_reports += 1;
            return;
        }
        for (n, s) in
            self.counts
                .iter_mut()
                .zip([Severity::Error, Severity::Warning, Severity::Info])
        {
            *n += report.count(s);
        }
        self.failed |= report.worst().is_some_and(|s| s >= self.threshold);
    }

    fn write(&mut self, sink: &mut Sink, report: &FileReport, text: &str) {
        match self.format {
            Format::JsonLines => {
                let _ = sink.write_all(nianbao::report::machine::json_lines(report).as_bytes());
            }
            Format::Github => {
                let _ = sink.write_all(nianbao::report::machine::github(report).as_bytes());
            }
            Format::Sarif | Format::Junit | Format::Xlsx | Format::Html | Format::Audit => {
                self.kept.push(report.clone())
            }
            Format::Json => {
                let sep = if self.first { "" } else { ",\n" };
                self.first = false;
                let _ = write!(
                    sink,
                    "{sep}{}",
                    serde_json::to_string(&json::file_value(report))
                        .expect("JSON values serialise")
                );
            }
            Format::Summary => self.summary.push(summary::Row::of(report, self.threshold)),
            _ => {
                let _ = sink.write_all(text.as_bytes());
            }
        }
    }
}

/// Adds a report's findings (its annexes' too) to the count per rule.
fn count_rules(report: &FileReport, stats: &mut std::collections::BTreeMap<String, usize>) {
    for f in &report.findings {
        *stats.entry(f.finding.rule.clone()).or_default() += 1;
    }
    for a in &report.annexes {
        count_rules(a, stats);
    }
}

/// `--statistics`: findings per rule, most first, like ruff's.
fn statistics_table(stats: &std::collections::BTreeMap<String, usize>, rules: &RuleSet) -> String {
    let mut rows: Vec<(&String, &usize)> = stats.iter().collect();
    rows.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    let mut out = String::new();
    for (id, n) in rows {
        let summary = rules.get(id).map(|r| r.spec.summary.as_str()).unwrap_or("");
        out.push_str(&format!("{n:>6}  {id:<20} {summary}\n"));
    }
    out
}

/// How many files are checked before their results are printed: output keeps the input order
/// while memory stays flat however many files there are.
const CHUNK: usize = 64;

fn run_check(mut args: CheckArgs) -> ExitCode {
    let mut rules = match load_rules(args.rules.as_deref()) {
        Ok(r) => r,
        Err(code) => return code,
    };
    args.flags = Flags {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        profile: args.profile,
    };
    args.config_named = args.config.is_some();
    if let Err(code) = use_config(&mut args, &mut rules) {
        return code;
    }
    let baseline = match args.baseline.as_deref().map(read_baseline) {
        None => None,
        Some(Ok(b)) => Some(b),
        Some(Err(e)) => {
            eprintln!("nianbao: {e}");
            return ExitCode::from(2);
        }
    };
    if let Err(e) = rules.select(&args.select, &args.ignore) {
        eprintln!("nianbao: {e}");
        return ExitCode::from(2);
    }
    rules.honour_suppressions = !args.no_suppressions;

    let max_memory = match nianbao::isolate::parse_size(&args.max_memory) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("nianbao: --max-memory：{e}");
            return ExitCode::from(2);
        }
    };
    let mut paths = args.paths.clone();
    // `-`: a report on standard input, kept in a private folder of its own while it is checked
    // (the worker reads files), under the name it was given.
    let stdin = match StdinReport::take(&mut paths, &args) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("nianbao: {e}");
            return ExitCode::from(2);
        }
    };
    if let Some(from) = &args.files_from {
        match read_list(from) {
            Ok(list) => paths.extend(list),
            Err(e) => {
                eprintln!("nianbao: {e}");
                return ExitCode::from(2);
            }
        }
    }
    let walked = match collect(&paths, &args.include, &args.exclude, args.respect_gitignore) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("nianbao: {e}");
            return ExitCode::from(2);
        }
    };
    let others_note = walked.others_note();
    let Walked {
        mut files,
        mut problems,
        ..
    } = walked;
    if let Some(stdin) = &stdin {
        for f in files.iter_mut().filter(|f| f.0 == stdin.path) {
            f.1 = stdin.shown.clone();
        }
    }
    if let Err(why) = something_to_check(&paths, &files, &args.include, &args.exclude)
        .and(Ok(()))
        .or_else(|e| if problems.is_empty() { Err(e) } else { Ok(()) })
    {
        eprintln!("nianbao: 没有可检查的文件：{why}");
        return ExitCode::from(2);
    }
    let cross = args.across || !args.previous.is_empty();
    rules.digest = cross;
    // Last year's reports are checked for the comparison and shown only when they cannot be
    // read (the comparison then cannot be made, and the user must know why).
    let mut previous_only: std::collections::HashSet<String> = Default::default();
    // A report named as its own last year's would compare nothing: said, not dropped.
    let canonical = |p: &Path| std::fs::canonicalize(p).ok();
    for p in args.previous.iter().filter(|p| p.is_file()) {
        let same = canonical(p);
        if same.is_some() && files.iter().any(|f| canonical(&f.0) == same) {
            eprintln!(
                "nianbao: “{}”既是上年报告又是要检查的报告：同一个文件不能与自己比较",
                p.display()
            );
            return ExitCode::from(2);
        }
    }
    if !args.previous.is_empty() {
        match collect(
            &args.previous,
            &args.include,
            &args.exclude,
            args.respect_gitignore,
        ) {
            Ok(w) => {
                for f in w.files {
                    if !files.iter().any(|g| g.1 == f.1) {
                        previous_only.insert(f.1.clone());
                        files.push(f);
                    }
                }
                problems.extend(w.problems);
            }
            Err(e) => {
                eprintln!("nianbao: --previous：{e}");
                return ExitCode::from(2);
            }
        }
    }
    if let Some(out) = &args.output {
        let folders: Vec<PathBuf> = paths
            .iter()
            .chain(&args.previous)
            .filter(|p| p.is_dir())
            .cloned()
            .collect();
        if let Err(e) = check_output_target(out, &files, &folders) {
            eprintln!("nianbao: {e}");
            return ExitCode::from(2);
        }
    }
    let threshold = match args.fail_level {
        Some(Level::Error) | None => Severity::Error,
        Some(Level::Warning) => Severity::Warning,
        Some(Level::Info) => Severity::Info,
    };
    let format = match output_format(args.format, args.output.as_deref()) {
        Ok(_) if args.audit.is_some() => Format::Audit,
        Ok(f) => f,
        Err(e) => {
            eprintln!("nianbao: {e}");
            return ExitCode::from(2);
        }
    };
    let to_file = args.output.is_some();
    let color = match args.color {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        // A terminal that has not asked for no colour (https://no-color.org).
        ColorWhen::Auto => {
            !to_file
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let target = match &args.output {
        // A CSV summary, a workbook and an audit are written whole at the end.
        Some(p)
            if !(matches!(format, Format::Xlsx | Format::Audit)
                || format == Format::Summary && is_csv(p)) =>
        {
            match AtomicFile::create(p) {
                Ok(f) => Target::File(f),
                Err(e) => {
                    eprintln!(
                        "nianbao: 无法写入 {}：{}",
                        p.display(),
                        nianbao::input::os_error(&e)
                    );
                    return ExitCode::from(2);
                }
            }
        }
        _ => Target::Stdout(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let mut sink = Sink {
        target,
        failed: None,
    };
    let progress =
        files.len() > 1 && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    let workers = worker_pool(&args, format, color, max_memory);
    let mut out = Emitter {
        format,
        threshold,
        first: true,
        summary: Vec::new(),
        kept: Vec::new(),
        statistics: args.statistics.then(Default::default),
        counts: [0; 3],
        not_reports: 0,
        suppressed: 0,
        baselined: 0,
        all: args.write_baseline.is_some().then(Vec::new),
        failed: false,
    };
    if format == Format::Json && !args.statistics {
        let _ = sink.write_all(b"{\"files\":[\n");
    }
    for (path, cause) in &problems {
        let report =
            FileReport::of_one(&shown_name(path), nianbao::rules::unreadable(&rules, cause));
        let text = concise::render(&report);
        out.emit(&mut sink, &report, &text);
    }
    let mut configs = Configs::new(&args);
    let paths_only: Vec<PathBuf> = files.iter().map(|f| f.0.clone()).collect();
    let mut pairing = nianbao::batch::Pairing::new(&paths_only);
    // With comparisons, reports wait for each other before anything is printed.
    let mut held: Vec<(FileReport, String)> = Vec::new();
    let order = pairing.order();
    for (n, chunk) in order.chunks(CHUNK).enumerate() {
        // Nobody reads the rest (a closed pipe, a full disk): stop checking.
        if sink.failed.is_some() {
            break;
        }
        let batch: Vec<(PathBuf, String, Option<PathBuf>)> = chunk
            .iter()
            .map(|&i| {
                let (path, shown) = files[i].clone();
                // A report on standard input is governed from the current folder.
                let config = if stdin.as_ref().is_some_and(|s| s.path == path) {
                    configs.for_file(Path::new("./-"))
                } else {
                    configs.for_file(&path)
                };
                (path, shown, config)
            })
            .collect();
        let results = workers
            .check_configured(&batch, &rules)
            .into_iter()
            .map(|(report, text)| {
                // A file whose check was stopped has no text view to show.
                let text = text.unwrap_or_else(|| match format {
                    Format::Full | Format::Concise => concise::render(&report),
                    _ => String::new(),
                });
                (report, text)
            });
        for (&i, (report, text)) in chunk.iter().zip(results) {
            if let Some((report, text)) = pairing.take(i, report, text) {
                if cross {
                    held.push((report, text));
                } else {
                    out.emit(&mut sink, &report, &text);
                }
            }
        }
        if progress {
            eprint!(
                "\r已检查 {}/{} 个文件",
                (n * CHUNK + chunk.len()).min(files.len()),
                files.len()
            );
        }
    }
    if progress {
        eprintln!();
    }
    let mut hidden = 0;
    let mut pairing_note = String::new();
    if cross {
        let (mut reports, texts): (Vec<FileReport>, Vec<String>) = held.into_iter().unzip();
        let plan = if args.previous.is_empty() {
            nianbao::compare::Plan::Across {
                // The office's list says which units belong to which government.
                hierarchy: args
                    .audit
                    .as_ref()
                    .and_then(|a| a.units.as_ref())
                    .map(|units| {
                        units
                            .iter()
                            .filter(|u| !u.parent.is_empty())
                            .map(|u| (u.name.clone(), u.parent.clone()))
                            .collect::<Vec<_>>()
                    })
                    .filter(|h| !h.is_empty()),
            }
        } else {
            nianbao::compare::Plan::Previous {
                previous: (0..reports.len())
                    .filter(|&i| previous_only.contains(&reports[i].path))
                    .collect(),
                forced: true,
            }
        };
        let outcome = nianbao::compare::compare(&mut reports, &rules, &plan);
        if let Some(b) = &baseline {
            for r in &mut reports {
                r.baselined += b.filter_where(r, |f| f.finding.related.is_some());
            }
        }
        pairing_note = nianbao::report::compared::pairing_note(&outcome, &reports);
        for (report, mut text) in reports.into_iter().zip(texts) {
            if previous_only.contains(&report.path) && report.read_in_full() {
                hidden += 1;
                continue;
            }
            if matches!(format, Format::Full | Format::Concise) {
                text.push_str(&nianbao::report::compared::render(
                    &report,
                    format == Format::Full,
                ));
            }
            out.emit(&mut sink, &report, &text);
        }
    }
    if let Some(stats) = &out.statistics {
        let _ = sink.write_all(statistics_table(stats, &rules).as_bytes());
    }
    match format {
        _ if args.statistics => {}
        Format::Json => {
            let _ = sink.write_all(b"\n]}\n");
        }
        Format::Sarif => {
            let _ = sink.write_all(nianbao::report::machine::sarif(&out.kept, &rules).as_bytes());
        }
        Format::Junit => {
            let _ = sink.write_all(nianbao::report::junit::render(&out.kept).as_bytes());
        }
        Format::Html => {
            let _ = sink.write_all(
                nianbao::report::html::page(&out.kept, &rules, threshold, &pairing_note).as_bytes(),
            );
        }
        Format::Audit => {
            let plan = args.audit.as_ref().expect("an audit has its plan");
            match finish_audit(plan, &out.kept, &rules, threshold, &pairing_note) {
                Ok(said) => {
                    let [errors, warnings, infos] = out.counts;
                    let _ = writeln!(
                        sink,
                        "检查了 {} 个文件：错误 {errors} 个，警告 {warnings} 个，提示 {infos} 个。\n{said}",
                        out.kept.len()
                    );
                }
                Err(e) => {
                    eprintln!("nianbao: {e}");
                    return ExitCode::from(2);
                }
            }
        }
        Format::Xlsx => {
            let p = args.output.as_ref().expect("xlsx needs --output");
            let written = nianbao::report::workbook::workbook(&out.kept, threshold)
                .map_err(std::io::Error::other)
                .and_then(|bytes| write_atomically(p, &bytes));
            if let Err(e) = written {
                eprintln!(
                    "nianbao: 无法写入 {}：{}",
                    p.display(),
                    nianbao::input::os_error(&e)
                );
                return ExitCode::from(2);
            }
            let [errors, warnings, infos] = out.counts;
            let _ = writeln!(
                sink,
                "已写入 {}：{} 个文件，错误 {errors} 个，警告 {warnings} 个，提示 {infos} 个。",
                p.display(),
                out.kept.len()
            );
        }
        Format::JsonLines | Format::Github => {}
        Format::Summary => {
            let _ = sink.write_all(summary::table(&out.summary).as_bytes());
            if let Some(p) = args.output.as_ref().filter(|p| is_csv(p)) {
                if let Err(e) = write_atomically(p, summary::csv(&out.summary).as_bytes()) {
                    eprintln!(
                        "nianbao: 无法写入 {}：{}",
                        p.display(),
                        nianbao::input::os_error(&e)
                    );
                    return ExitCode::from(2);
                }
            }
        }
        _ => {
            let [errors, warnings, infos] = out.counts;
            let not_reports = out.not_reports;
            let _ = writeln!(
                sink,
                "检查了 {} 个文件：错误 {errors} 个，警告 {warnings} 个，提示 {infos} 个。",
                files.len() + problems.len() - not_reports - hidden
            );
            let _ = sink.write_all(pairing_note.as_bytes());
            let _ = sink.write_all(others_note.as_bytes());
            if out.suppressed > 0 {
                let _ = writeln!(
                    sink,
                    "{}",
                    if args.no_suppressions {
                        format!(
                            "其中 {} 处问题在文件中注明不报（--no-suppressions 照样列出）。",
                            out.suppressed
                        )
                    } else {
                        format!("另有 {} 处问题按文件中的“不报”注释未列出（--no-suppressions 可列出）。", out.suppressed)
                    }
                );
            }
            if not_reports > 0 {
                let _ = writeln!(
                    sink,
                    "另有 {not_reports} 个文件不是政府信息公开工作年度报告，未检查。"
                );
            }
            if out.baselined > 0 {
                let _ = writeln!(
                    sink,
                    "另有 {} 处问题已记录在基线中（--baseline），未列出。",
                    out.baselined
                );
            }
        }
    }
    let _ = sink.flush();
    let name = sink.name();
    match sink.failed {
        Some(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Some(e) => {
            eprintln!("nianbao: 无法写入 {name}：{}", nianbao::input::os_error(&e));
            return ExitCode::from(2);
        }
        None => {
            if let Target::File(f) = sink.target {
                if let Err(e) = f.commit() {
                    eprintln!("nianbao: 无法写入 {name}：{}", nianbao::input::os_error(&e));
                    return ExitCode::from(2);
                }
            }
        }
    }
    if let (Some(p), Some(all)) = (&args.write_baseline, &out.all) {
        let b = nianbao::baseline::Baseline::of(all);
        if let Err(e) = write_atomically(p, b.to_json().as_bytes()) {
            eprintln!(
                "nianbao: 无法写入 {}：{}",
                p.display(),
                nianbao::input::os_error(&e)
            );
            return ExitCode::from(2);
        }
        eprintln!("已写入基线 {}：{} 处问题", p.display(), b.findings.len());
        // The findings are accepted now: the run that records them does not fail.
        return ExitCode::SUCCESS;
    }
    if out.failed && !args.exit_zero {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// cmd.exe shows output in the console's code page (GBK, 936, on a Chinese Windows): set it to
/// UTF-8, which everything here writes, so that messages are readable.
#[cfg(windows)]
fn utf8_console() {
    #[link(name = "kernel32")]
    extern "system" {
        fn SetConsoleOutputCP(code_page: u32) -> i32;
        fn SetConsoleCP(code_page: u32) -> i32;
    }
    const UTF8: u32 = 65001;
    // SAFETY: two Win32 calls that take a number and change only this console's code page.
    unsafe {
        SetConsoleOutputCP(UTF8);
        SetConsoleCP(UTF8);
    }
}

#[cfg(not(windows))]
fn utf8_console() {}

/// nianbao.exe started from Explorer: with nothing, the page (`serve --open`); with files or
/// folders dropped onto it, a check of them whose HTML report opens in the browser.
fn windows_double_click() -> Option<ExitCode> {
    if !cfg!(windows) {
        return None;
    }
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    if args.is_empty() {
        return Some(run_serve(ServeArgs {
            port: None,
            open: true,
            rules: None,
            timeout: 30,
            max_memory: "2G".into(),
        }));
    }
    let paths: Vec<PathBuf> = args.iter().map(PathBuf::from).collect();
    if !paths.iter().all(|p| p.exists()) {
        return None;
    }
    let page = std::env::temp_dir().join(format!("nianbao-{}.html", std::process::id()));
    let mut argv: Vec<std::ffi::OsString> = vec![
        "nianbao".into(),
        "check".into(),
        "--exit-zero".into(),
        "--output".into(),
        page.clone().into(),
    ];
    argv.extend(args);
    let cli = match Cli::try_parse_from(argv) {
        Ok(c) => c,
        Err(_) => return None,
    };
    let Command::Check(check) = cli.command else {
        return None;
    };
    let code = run_check(check);
    nianbao::serve::open_browser(&page.to_string_lossy());
    Some(code)
}

fn run_init(force: bool, schema: Option<String>) -> ExitCode {
    if let Some(which) = schema {
        let text = match which.as_str() {
            "config" => nianbao::config::schema(),
            "rules" => nianbao::rules::docs::rule_file_schema(),
            "template" => nianbao::rules::docs::template_schema(),
            "eras" => nianbao::rules::docs::eras_schema(),
            other => {
                eprintln!(
                    "nianbao: --schema 的值“{other}”无效（可选值：config, rules, template, eras）"
                );
                return ExitCode::from(2);
            }
        };
        return write_stdout(text.as_bytes());
    }
    let target = Path::new("nianbao.yaml");
    if target.exists() && !force {
        eprintln!("nianbao: nianbao.yaml 已存在；要覆盖请加 --force");
        return ExitCode::from(2);
    }
    match write_atomically(target, nianbao::config::starter().as_bytes()) {
        Ok(()) => {
            println!("已写入 nianbao.yaml（说明见文件中的注释）");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!(
                "nianbao: 无法写入 nianbao.yaml：{}",
                nianbao::input::os_error(&e)
            );
            ExitCode::from(2)
        }
    }
}

fn run_serve(args: ServeArgs) -> ExitCode {
    let rules = match load_rules(args.rules.as_deref()) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let max_memory = match nianbao::isolate::parse_size(&args.max_memory) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("nianbao: --max-memory：{e}");
            return ExitCode::from(2);
        }
    };
    let exe = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("nianbao"));
    let mut cmd: Vec<std::ffi::OsString> = vec![
        "__worker".into(),
        "--format".into(),
        "source".into(),
        "--profile".into(),
        "auto".into(),
        "--max-memory".into(),
        max_memory.to_string().into(),
    ];
    if let Some(r) = &args.rules {
        cmd.push("--rules".into());
        cmd.push(r.clone().into_os_string());
    }
    let size = std::thread::available_parallelism().map_or(1, |n| n.get());
    let pool = nianbao::isolate::Pool::new(
        nianbao::isolate::WorkerCommand { exe, args: cmd },
        nianbao::isolate::Limits {
            timeout: std::time::Duration::from_secs(args.timeout.max(1)),
            max_memory,
        },
        size,
    );
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("nianbao: 无法启动服务：{e}");
            return ExitCode::from(2);
        }
    };
    let open = args.open;
    let first = args.port.unwrap_or(8765);
    // A port in use is tried again one up, unless the user named the port.
    let tries = if args.port.is_some() { 1 } else { 20 };
    let mut server = Some(nianbao::serve::Server::new(
        pool,
        rules,
        Severity::Error,
        first,
    ));
    for port in first..first.saturating_add(tries) {
        let mut s = server.take().expect("a server to start");
        s.port = port;
        let result = runtime.block_on(nianbao::serve::run(s, |url| {
            println!("nianbao 已在 {url} 运行，请在浏览器中打开（按 Ctrl+C 结束）");
            if open {
                nianbao::serve::open_browser(url);
            }
        }));
        match result {
            Ok(()) => return ExitCode::SUCCESS,
            Err((e, Some(back))) if e.kind() == std::io::ErrorKind::AddrInUse => {
                server = Some(back)
            }
            Err((e, _)) => {
                eprintln!(
                    "nianbao: 无法在端口 {port} 上启动：{}",
                    nianbao::input::os_error(&e)
                );
                return ExitCode::from(2);
            }
        }
    }
    eprintln!("nianbao: 端口 {first} 起的 {tries} 个端口都被占用；用 --port 指定一个空闲端口");
    ExitCode::from(2)
}

fn run_audit(args: AuditArgs) -> ExitCode {
    let read = |p: &Path| {
        std::fs::read(p)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .map_err(|e| format!("无法读取 {}：{}", p.display(), nianbao::input::os_error(&e)))
    };
    let units = match &args.expect {
        None => None,
        Some(p) => match read(p).and_then(|t| {
            nianbao::audit::read_units(&t).map_err(|e| format!("名单 {}：{e}", p.display()))
        }) {
            Ok(u) => Some(u),
            Err(e) => {
                eprintln!("nianbao: {e}");
                return ExitCode::from(2);
            }
        },
    };
    let scoring = match &args.scoring {
        None => None,
        Some(p) => match read(p)
            .and_then(|t| nianbao::audit::Scoring::parse(&p.display().to_string(), &t))
        {
            Ok(s) => Some(s),
            Err(e) => {
                eprintln!("nianbao: {e}");
                return ExitCode::from(2);
            }
        },
    };
    if let Err(e) = std::fs::create_dir_all(&args.out_dir) {
        eprintln!(
            "nianbao: 无法建立目录 {}：{}",
            args.out_dir.display(),
            nianbao::input::os_error(&e)
        );
        return ExitCode::from(2);
    }
    let mut check = args.check;
    check.across = true;
    check.format = None;
    check.output = Some(args.out_dir.join("audit.xlsx"));
    check.audit = Some(AuditPlan {
        units,
        year: args.year,
        scoring,
        dir: args.out_dir,
    });
    run_check(check)
}

/// Writes the audit's workbook and page, and says what they hold.
fn finish_audit(
    plan: &AuditPlan,
    reports: &[FileReport],
    rules: &nianbao::rules::RuleSet,
    threshold: Severity,
    note: &str,
) -> Result<String, String> {
    use nianbao::audit;
    let coverage = plan
        .units
        .as_ref()
        .map(|u| audit::coverage(u, reports, plan.year));
    let table = coverage
        .as_ref()
        .map(|c| audit::unit_rows(c, reports, plan.scoring.as_ref(), threshold));
    let units = table.as_ref().map(|(h, r)| (h.as_slice(), r.as_slice()));
    let mut note = note.to_string();
    if let Some(c) = &coverage {
        let missing: Vec<&str> = c
            .rows
            .iter()
            .filter(|r| r.report.is_none())
            .map(|r| r.unit.name.as_str())
            .collect();
        let late = c.rows.iter().filter(|r| r.late).count();
        note.push_str(&format!(
            "名单中 {} 个单位：{} 个未发布{}，{} 个逾期发布；{} 份报告的单位不在名单中。\n",
            c.rows.len(),
            missing.len(),
            if missing.is_empty() {
                String::new()
            } else {
                format!("（{}）", missing.join("、"))
            },
            late,
            c.strays.len()
        ));
    }
    if let Some(s) = &plan.scoring {
        note.push_str(&format!("得分按评分表计算：{}\n", s.source.trim()));
    }
    let xlsx = plan.dir.join("audit.xlsx");
    let html = plan.dir.join("audit.html");
    let bytes = match units {
        Some(u) => nianbao::report::workbook::audit_workbook(reports, threshold, u),
        None => nianbao::report::workbook::workbook(reports, threshold),
    }?;
    let page = nianbao::report::html::page_with(reports, rules, threshold, &note, units);
    for (path, data) in [(&xlsx, bytes.as_slice()), (&html, page.as_bytes())] {
        write_atomically(path, data).map_err(|e| {
            format!(
                "无法写入 {}：{}",
                path.display(),
                nianbao::input::os_error(&e)
            )
        })?;
    }
    note.push_str(&format!(
        "已写入 {} 和 {}。\n",
        xlsx.display(),
        html.display()
    ));
    Ok(note)
}

/// Which nianbao.yaml governs each file: the one named with --config, none with --isolated,
/// else the closest one above the file (looked up once per folder).
struct Configs {
    fixed: Option<Option<PathBuf>>,
    by_dir: std::collections::HashMap<PathBuf, Option<PathBuf>>,
}

impl Configs {
    fn new(args: &CheckArgs) -> Configs {
        let fixed = if args.isolated {
            Some(None)
        } else if args.config_named {
            Some(args.config.clone())
        } else {
            None
        };
        Configs {
            fixed,
            by_dir: Default::default(),
        }
    }

    fn for_file(&mut self, file: &Path) -> Option<PathBuf> {
        if let Some(f) = &self.fixed {
            return f.clone();
        }
        let dir = file.parent().unwrap_or(Path::new(".")).to_path_buf();
        self.by_dir
            .entry(dir.clone())
            .or_insert_with(|| {
                nianbao::config::find(if dir.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    &dir
                })
            })
            .clone()
    }
}

fn read_baseline(p: &Path) -> Result<nianbao::baseline::Baseline, String> {
    let text = std::fs::read_to_string(p).map_err(|e| {
        format!(
            "无法读取基线 {}：{}",
            p.display(),
            nianbao::input::os_error(&e)
        )
    })?;
    nianbao::baseline::Baseline::parse(&text).map_err(|e| format!("{}：{e}", p.display()))
}

/// The project's nianbao.yaml, if there is one: what the flags left open it decides, and what
/// it changes in the rules themselves. The worker processes read the same file.
fn use_config(args: &mut CheckArgs, rules: &mut RuleSet) -> Result<(), ExitCode> {
    if args.isolated {
        return Ok(());
    }
    let path = match &args.config {
        Some(p) => Some(p.clone()),
        None => {
            let start = args
                .paths
                .iter()
                .find(|p| p.as_os_str() != "-")
                .cloned()
                .unwrap_or_else(|| PathBuf::from("."));
            nianbao::config::find(&start)
        }
    };
    let Some(path) = path else {
        return Ok(());
    };
    let cfg = nianbao::config::load(&path, rules).map_err(|e| {
        eprintln!("nianbao: {e}");
        ExitCode::from(2)
    })?;
    let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
    cfg.apply(rules, &dir).map_err(|e| {
        eprintln!("nianbao: {e}");
        ExitCode::from(2)
    })?;
    // --select on the command line is the whole choice: the file's select and ignore give way.
    if args.select.is_empty() {
        args.select = cfg.select.clone();
        args.ignore.extend(cfg.ignore.iter().cloned());
    }
    if args.profile.is_none() {
        args.profile = cfg.profile;
    }
    if args.fail_level.is_none() {
        args.fail_level = cfg.fail_level.map(|s| match s {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
            Severity::Info => Level::Info,
        });
    }
    args.config = Some(path);
    Ok(())
}

/// `nianbao test`: the examples of the built-in rules, or of the rule files given, against
/// their snapshots.
fn run_test(paths: &[PathBuf], update: bool) -> ExitCode {
    use nianbao::rules::examples;
    let mut set = match RuleSet::builtin() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("nianbao: {e}");
            return ExitCode::from(2);
        }
    };
    let mut files: Vec<String> = Vec::new();
    for p in paths {
        let listed: Vec<PathBuf> = if p.is_dir() {
            let mut v: Vec<PathBuf> = std::fs::read_dir(p)
                .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
                .unwrap_or_default();
            v.retain(|f| f.extension().is_some_and(|x| x == "yaml" || x == "yml"));
            v.sort();
            v
        } else {
            vec![p.clone()]
        };
        for f in listed {
            let name = f.display().to_string();
            let loaded = regular_file(&f)
                .and_then(|()| {
                    std::fs::read_to_string(&f).map_err(|e| nianbao::input::os_error(&e))
                })
                .map_err(|e| format!("规则文件 {name} 无法读取：{e}"))
                .and_then(|text| set.add_file(&name, &text).map_err(|e| e.to_string()));
            if let Err(e) = loaded {
                eprintln!("nianbao: {e}");
                return ExitCode::from(2);
            }
            files.push(name);
        }
    }
    let builtin = files.is_empty();
    let outcome = examples::run(&set, &files);
    let mut failures = outcome.failures.clone();
    for (file, now) in &outcome.snapshots {
        let path = examples::snapshot_path(file);
        if update {
            if builtin && !Path::new("rules").is_dir() {
                eprintln!("nianbao: 内置规则的快照只能在源码目录中更新（找不到 rules/）");
                return ExitCode::from(2);
            }
            let written = std::fs::create_dir_all(path.parent().unwrap_or(Path::new(".")))
                .and_then(|()| write_atomically(&path, now.as_bytes()));
            if let Err(e) = written {
                eprintln!(
                    "nianbao: 无法写入 {}：{}",
                    path.display(),
                    nianbao::input::os_error(&e)
                );
                return ExitCode::from(2);
            }
            continue;
        }
        // The built-in rules' snapshots: the checkout's own when run in one, else those the
        // binary carries.
        let kept = std::fs::read_to_string(&path).ok().or_else(|| {
            builtin
                .then(|| {
                    nianbao::rules::BUILTIN_SNAPSHOTS
                        .iter()
                        .find(|(f, _)| f == file)
                        .map(|(_, s)| s.to_string())
                })
                .flatten()
        });
        match kept {
            None => failures.push(format!(
                "{file}：没有快照 {}（用 nianbao test -U 记录）",
                path.display()
            )),
            Some(kept) => failures.extend(
                examples::differences(&kept, now)
                    .into_iter()
                    .map(|d| format!("{file}：{d}")),
            ),
        }
    }
    let mut out = String::new();
    for f in &failures {
        out.push_str(&format!("✗ {f}\n\n"));
    }
    let verdict = if update {
        "快照已更新".to_string()
    } else if failures.is_empty() {
        "全部符合".to_string()
    } else {
        format!("{} 处不符", failures.len())
    };
    out.push_str(&format!(
        "规则示例：{} 条规则，{} 个示例，{verdict}。\n",
        outcome.rules, outcome.examples
    ));
    let code = write_stdout(out.as_bytes());
    if code != ExitCode::SUCCESS {
        return code;
    }
    if failures.is_empty() || update {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// The output format: the one asked for, else the one the --output file's extension names,
/// else full. A format that does not fit the extension (text into a .csv) is a usage error,
/// never a file that opens as nonsense.
fn output_format(asked: Option<Format>, output: Option<&Path>) -> Result<Format, String> {
    let ext = output
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase());
    let implied = match ext.as_deref() {
        Some("csv") => Some(Format::Summary),
        Some("json") => Some(Format::Json),
        Some("jsonl" | "ndjson") => Some(Format::JsonLines),
        Some("sarif") => Some(Format::Sarif),
        Some("xlsx") => Some(Format::Xlsx),
        Some("xml") => Some(Format::Junit),
        Some("html" | "htm") => Some(Format::Html),
        _ => None,
    };
    if asked == Some(Format::Xlsx) && output.is_none() {
        return Err("--format xlsx 须同时用 --output 指定 .xlsx 文件".into());
    }
    match (asked, implied) {
        (Some(a), Some(i)) if a != i => Err(format!(
            "--format {asked} 与输出文件的扩展名 .{ext} 不符（.{ext} 文件应使用 --format {implied}）",
            asked = a.name(),
            ext = ext.unwrap_or_default(),
            implied = i.name()
        )),
        (Some(a), _) => Ok(a),
        (None, Some(i)) => Ok(i),
        (None, None) => Ok(Format::Full),
    }
}

/// One worker process per core, started as this program's hidden `__worker` command with the
/// run's format, profile, rules and memory ceiling.
fn worker_pool(
    args: &CheckArgs,
    format: Format,
    color: bool,
    max_memory: u64,
) -> nianbao::isolate::Pool {
    use nianbao::isolate::{Limits, Pool, WorkerCommand};
    let exe = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("nianbao"));
    let value = |v: &dyn ValueEnumName| v.name();
    // The worker renders text for the text formats only; an audit's is not a format it knows.
    let worker_format = if format == Format::Audit {
        Format::Json
    } else {
        format
    };
    let mut cmd: Vec<std::ffi::OsString> = vec![
        "__worker".into(),
        "--format".into(),
        value(&worker_format).into(),
        "--max-memory".into(),
        max_memory.to_string().into(),
    ];
    if color {
        cmd.push("--color".into());
    }
    if args.no_suppressions {
        cmd.push("--no-suppressions".into());
    }
    if args.across || !args.previous.is_empty() {
        cmd.push("--digest".into());
    }
    if let Some(p) = &args.flags.profile {
        cmd.push("--profile".into());
        cmd.push(p.as_str().into());
    }
    if let Some(b) = &args.baseline {
        cmd.push("--baseline".into());
        cmd.push(b.clone().into_os_string());
    }
    if let Some(r) = &args.rules {
        cmd.push("--rules".into());
        cmd.push(r.clone().into_os_string());
    }
    for (flag, list) in [
        ("--select", &args.flags.select),
        ("--ignore", &args.flags.ignore),
    ] {
        if !list.is_empty() {
            cmd.push(flag.into());
            cmd.push(list.join(",").into());
        }
    }
    let size = std::thread::available_parallelism().map_or(1, |n| n.get());
    Pool::new(
        WorkerCommand { exe, args: cmd },
        Limits {
            timeout: std::time::Duration::from_secs(args.timeout.max(1)),
            max_memory,
        },
        size,
    )
}

/// The name a value enum goes by on the command line.
trait ValueEnumName {
    fn name(&self) -> String;
}

impl<T: ValueEnum> ValueEnumName for T {
    fn name(&self) -> String {
        self.to_possible_value()
            .map(|v| v.get_name().to_string())
            .unwrap_or_default()
    }
}

fn run_worker(args: WorkerArgs) -> ExitCode {
    nianbao::isolate::limit_memory(args.max_memory);
    let mut base = match load_rules(args.rules.as_deref()) {
        Ok(r) => r,
        Err(code) => return code,
    };
    base.honour_suppressions = !args.no_suppressions;
    base.digest = args.digest;
    let baseline = match args.baseline.as_deref().map(read_baseline) {
        None => None,
        Some(Ok(b)) => Some(std::rc::Rc::new(b)),
        Some(Err(e)) => {
            eprintln!("nianbao worker: {e}");
            return ExitCode::from(2);
        }
    };
    // The rules for one file's nianbao.yaml; the flags win over it, as in the supervisor.
    let setup = |config: Option<&Path>| -> Result<nianbao::isolate::Setup, String> {
        let mut rules = base.clone();
        let cfg = match config {
            None => None,
            Some(p) => {
                let cfg = nianbao::config::load(p, &rules).map_err(|e| e.to_string())?;
                cfg.apply(&mut rules, p.parent().unwrap_or(Path::new(".")))
                    .map_err(|e| e.to_string())?;
                Some(cfg)
            }
        };
        let (select, ignore) = match &cfg {
            Some(c) if args.select.is_empty() => (
                c.select.clone(),
                c.ignore.iter().chain(&args.ignore).cloned().collect(),
            ),
            _ => (args.select.clone(), args.ignore.clone()),
        };
        rules.select(&select, &ignore)?;
        let forced = match (args.profile, cfg.as_ref().and_then(|c| c.profile)) {
            (Some(p), _) => p.forced(),
            (None, Some(p)) => p.forced(),
            (None, None) => None,
        };
        let baseline = baseline.clone();
        let adjust = move |report: &mut FileReport| {
            if let Some(b) = &baseline {
                report.baselined += b.filter(report);
            }
            if let Some(cfg) = &cfg {
                let off = cfg.ignored_for(&report.path);
                report.findings.retain(|f| {
                    !off.iter().any(|r| {
                        f.finding.rule == *r
                            || (f.finding.rule.starts_with(r)
                                && f.finding.rule[r.len()..].starts_with('-'))
                    })
                });
            }
        };
        Ok(nianbao::isolate::Setup {
            rules,
            forced,
            adjust: Box::new(adjust),
        })
    };
    let format = args.format;
    let color = args.color;
    let served = nianbao::isolate::serve(setup, |report, view| match (format, view) {
        (Format::Full, Some(v)) => full::render(report, v, color),
        (Format::Full, None) | (Format::Concise, _) => concise::render(report),
        (Format::Source, Some(v)) => v.source_text().to_string(),
        _ => String::new(),
    });
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("nianbao worker: {e}");
            ExitCode::from(2)
        }
    }
}

fn is_csv(p: &Path) -> bool {
    p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"))
}

fn run_extract(path: &Path, reading: bool) -> ExitCode {
    match nianbao::input::load(path) {
        Ok(view) => {
            let text = if reading {
                view.text()
            } else {
                view.source_text()
            };
            write_stdout(text.as_bytes())
        }
        Err(e) => {
            eprintln!("nianbao: {}: {}", path.display(), e.0);
            ExitCode::from(1)
        }
    }
}

use nianbao::rules::docs::eras_label;

fn print_rules(set: &RuleSet) -> ExitCode {
    use std::fmt::Write as _;
    let mut out = String::new();
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
    write_stdout(out.as_bytes())
}

/// Writes all of `bytes` to standard output. A closed pipe (`| head`) ends quietly; any other
/// failure (a full disk, /dev/full) is a usage error that names the cause.
fn write_stdout(bytes: &[u8]) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "nianbao: 无法写入标准输出：{}",
                nianbao::input::os_error(&e)
            );
            ExitCode::from(2)
        }
    }
}

fn explain_rule(set: &RuleSet, id: &str) -> ExitCode {
    match nianbao::rules::docs::explain(set, id) {
        Some(text) => write_stdout(text.as_bytes()),
        None => {
            eprintln!("nianbao: 没有规则 {id}；用 nianbao rules 查看全部规则");
            ExitCode::from(2)
        }
    }
}
