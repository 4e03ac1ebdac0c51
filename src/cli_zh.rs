//! The command line in Chinese: clap's help headings, its help and version flags, and its
//! error messages, which it only writes in English.

use clap::error::{ContextKind, ErrorKind};
use clap::{Arg, ArgAction, Command};

const HELP_TEMPLATE: &str = "\
{before-help}{about-with-newline}
用法：{usage}

{all-args}{after-help}";

/// `cmd` and its subcommands with Chinese headings, flags and usage lines.
pub fn localize(cmd: Command) -> Command {
    localize_under(cmd, "")
}

fn localize_under(cmd: Command, parent: &str) -> Command {
    let cmd = cmd
        .help_template(HELP_TEMPLATE)
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令")
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .mut_args(|a| {
            if a.is_positional() {
                a.help_heading("参数")
            } else {
                a.help_heading("选项")
            }
        })
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("显示帮助")
                .help_heading("选项"),
        );
    let cmd = if cmd.get_version().is_some() {
        cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("显示版本")
                .help_heading("选项"),
        )
    } else {
        cmd
    };
    let path = format!("{parent}{} ", cmd.get_name());
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    let mut cmd = names.into_iter().fold(cmd, |cmd, name| {
        cmd.mut_subcommand(name, |s| localize_under(s, &path))
    });
    // clap writes "[OPTIONS]" into the usage line it makes up.
    let usage = cmd.render_usage().to_string();
    let usage = usage.trim().trim_start_matches("Usage:").trim();
    let usage = usage.replacen(cmd.get_name(), path.trim_end(), 1);
    cmd.override_usage(usage.replace("[OPTIONS]", "[选项]"))
}

/// A parse error in Chinese, with what clap knows: the argument, the value, the valid
/// values, a suggestion and the usage line.
pub fn error_message(e: &clap::Error) -> String {
    let get = |k: ContextKind| e.get(k).map(|v| v.to_string()).unwrap_or_default();
    let arg = get(ContextKind::InvalidArg);
    let value = get(ContextKind::InvalidValue);
    let mut msg = match e.kind() {
        ErrorKind::UnknownArgument => format!("不认识的参数“{arg}”"),
        ErrorKind::InvalidSubcommand => {
            format!("不认识的命令“{}”", get(ContextKind::InvalidSubcommand))
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let valid = get(ContextKind::ValidValue);
            let valid = if valid.is_empty() {
                String::new()
            } else {
                format!("（可选值：{valid}）")
            };
            format!("参数 {arg} 的值“{value}”无效{valid}")
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{arg}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "缺少命令（check、extract、rules、rule）".to_string()
        }
        ErrorKind::ArgumentConflict => {
            format!("参数 {arg} 不能与 {} 同时使用", get(ContextKind::PriorArg))
        }
        ErrorKind::NoEquals
        | ErrorKind::TooManyValues
        | ErrorKind::TooFewValues
        | ErrorKind::WrongNumberOfValues => format!("参数 {arg} 的值的个数或写法不对"),
        ErrorKind::InvalidUtf8 => "命令行中有无法识别的字符（不是 UTF-8）".to_string(),
        _ => "命令行有误".to_string(),
    };
    for k in [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ] {
        let s = get(k);
        if !s.is_empty() {
            msg.push_str(&format!("；是不是要用“{s}”？"));
        }
    }
    let usage = get(ContextKind::Usage);
    let usage = usage.trim().trim_start_matches("Usage:").trim();
    let mut out = format!("nianbao: 错误：{msg}\n");
    if !usage.is_empty() {
        out.push_str(&format!("\n用法：{usage}\n"));
    }
    out.push_str("\n运行 nianbao --help 或 nianbao 命令 --help 查看帮助\n");
    out
}
