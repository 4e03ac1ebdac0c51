//! Each identity of tables 三 and 四, passing and failing, in pipe, tab and column-aligned
//! layouts and in both the 2019 and the 2021 layout. The fixtures are built from the clean
//! example report, so the only defect in each is the one planted.

use nianbao::check::check_view;
use nianbao::rules::RuleSet;
use nianbao::text::TextView;

#[derive(Clone, Copy, Debug)]
enum Layout {
    Pipe,
    Tab,
    Aligned,
}

/// The clean 2023 report; for 2019 its year becomes 2020, table 二 takes the 2019 columns and
/// table 三's （六） becomes one row.
fn report(era2019: bool) -> String {
    let mut s = std::fs::read_to_string("examples/clean-2023.txt").unwrap();
    if era2019 {
        s = s
            .replace("2023年", "2020年")
            .replace("2024-03-20", "2021-03-20")
            .replace("2024年3月20日", "2021年3月20日")
            .replace(
                "2023年1月1日起至2023年12月31日",
                "2020年1月1日起至2020年12月31日",
            );
        s = s.replace(
            "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
            "| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |",
        );
        s = s.replace(
            "| 行政规范性文件 | 12 | 2 | 86 |",
            "| 规范性文件 | 12 | 12 | 86 |",
        );
        s = s.replace(
            "| 信息内容 | 本年处理决定数量 |",
            "| 信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |",
        );
        s = s.replace(
            "| 行政许可 | 1523 |",
            "| 行政许可 | 0 | 0 | 1523 |\n| 其他对外管理服务事项 | 0 | 0 | 0 |",
        );
        s = s
            .replace("| 行政处罚 | 312 |", "| 行政处罚 | 0 | 0 | 312 |")
            .replace("| 行政强制 | 17 |", "| 行政强制 | 0 | 0 | 17 |");
        s = s.replace("| 信息内容 | 本年收费金额（单位：万元） |\n| 行政事业性收费 | 85.6 |", "| 信息内容 | 上一年项目数量 | 本年增/减 |\n| 行政事业性收费 | 3 | -1 |\n| 第二十条第（九）项 |\n| 信息内容 | 采购项目数量 | 采购总金额 |\n| 政府集中采购 | 2 | 35万元 |");
        s = s.replace("制发行政规范性文件12件", "新制作规范性文件12件");
        let start = s.find("| （六）其他处理 |").unwrap();
        let end = s.find("| （七）总计 |").unwrap();
        s.replace_range(
            start..end,
            "| （六）其他处理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n",
        );
    }
    s
}

/// Rewrites the pipe rows of tables 三 and 四 in another layout.
fn relayout(s: &str, layout: Layout) -> String {
    let sep = match layout {
        Layout::Pipe => return s.to_string(),
        Layout::Tab => "\t",
        Layout::Aligned => "    ",
    };
    let three = s.find("三、收到和处理").unwrap();
    s.lines()
        .scan(0usize, |off, line| {
            let at = *off;
            *off += line.len() + 1;
            Some((at, line))
        })
        .map(|(at, line)| {
            let figures = line
                .split('|')
                .filter(|c| !c.trim().is_empty() && c.trim().chars().all(|ch| ch.is_ascii_digit()))
                .count();
            if at > three && line.starts_with('|') && figures >= 2 {
                line.trim()
                    .trim_matches('|')
                    .split('|')
                    .map(str::trim)
                    .collect::<Vec<_>>()
                    .join(sep)
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Replaces the `n`-th figure cell (0-based) of the row whose label contains `label`.
fn set_cell(s: &str, label: &str, n: usize, value: &str) -> String {
    let line_start = s
        .find(&format!("| {label}"))
        .or_else(|| s.find(label))
        .unwrap_or_else(|| panic!("{label}"));
    let line_start = s[..line_start].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let line_end = s[line_start..]
        .find('\n')
        .map(|i| line_start + i)
        .unwrap_or(s.len());
    let line = &s[line_start..line_end];
    let mut cells: Vec<String> = line
        .trim()
        .trim_matches('|')
        .split('|')
        .map(|c| c.trim().to_string())
        .collect();
    let first_figure = cells
        .iter()
        .position(|c| c.chars().all(|ch| ch.is_ascii_digit()) && !c.is_empty())
        .unwrap();
    cells[first_figure + n] = value.to_string();
    let new = format!("| {} |", cells.join(" | "));
    format!("{}{}{}", &s[..line_start], new, &s[line_end..])
}

fn rules_found(text: &str) -> Vec<String> {
    let rules = RuleSet::builtin().unwrap();
    let view = TextView::new(text, "UTF-8");
    let mut ids: Vec<String> = check_view(&view, "fixture", &rules, None)
        .findings
        .into_iter()
        .map(|f| f.finding.rule)
        .collect();
    ids.sort();
    ids
}

#[test]
fn identities_in_every_layout_and_era() {
    let rules = RuleSet::builtin().unwrap();
    let _ = rules;
    for era2019 in [false, true] {
        let base = report(era2019);
        // (what is changed, the rule that must fire and how often)
        let cases: Vec<(String, Vec<(&str, usize)>)> = vec![
            (base.clone(), vec![]),
            // 结转下年度 +1 in 自然人 and 总计: 一+二 ≠ （七）+四 in two columns; the text's
            // "结转下年度办理4件" no longer matches either.
            (
                set_cell(
                    &set_cell(&base, "四、结转下年度继续办理", 0, "4"),
                    "四、结转下年度继续办理",
                    6,
                    "5",
                ),
                vec![("ARI-T3-BALANCE", 2), ("TXT-NUM-MATCH", 1)],
            ),
            // （一） +1 in 自然人 and 总计: （七） ≠ the sum of results in two columns.
            (
                set_cell(
                    &set_cell(&base, "（一）予以公开", 0, "21"),
                    "（一）予以公开",
                    6,
                    "24",
                ),
                vec![("ARI-T3-TOTAL", 2)],
            ),
            // 1 moved between 自然人 and 商业企业 of （一）: the row total no longer matches.
            (
                set_cell(&base, "（一）予以公开", 0, "21"),
                vec![("ARI-T3-ROWSUM", 1), ("ARI-T3-TOTAL", 1)],
            ),
            // 复议总计 3 → 4.
            (
                base.replace("| 2 | 0 | 0 | 1 | 3 | 1 |", "| 2 | 0 | 0 | 1 | 4 | 1 |"),
                vec![("ARI-T4-SUM", 1)],
            ),
        ];
        for layout in [Layout::Pipe, Layout::Tab, Layout::Aligned] {
            for (i, (text, expected)) in cases.iter().enumerate() {
                let found = rules_found(&relayout(text, layout));
                let mut want: Vec<String> = expected
                    .iter()
                    .flat_map(|(r, n)| std::iter::repeat_n(r.to_string(), *n))
                    .collect();
                want.sort();
                assert_eq!(found, want, "era2019={era2019} layout={layout:?} case {i}");
            }
        }
    }
}

#[test]
fn subtotal_rows_are_checked_against_their_sub_rows() {
    let base = report(false);
    // （四） sub-rows: 8+1+1 = 10 自然人, 1 商业企业, 11 in all.
    let with_subtotal = base.replace(
        "| （四）无法提供 | 1.本机关不掌握相关政府信息 |",
        "| （四）无法提供 | 10 | 1 | 0 | 0 | 0 | 0 | 11 |\n| 1.本机关不掌握相关政府信息 |",
    );
    assert_eq!(rules_found(&with_subtotal), Vec::<String>::new());
    // A wrong subtotal is one defect, reported once per column, not again as a wrong total.
    let wrong = with_subtotal.replace(
        "| （四）无法提供 | 10 | 1 | 0 | 0 | 0 | 0 | 11 |",
        "| （四）无法提供 | 11 | 1 | 0 | 0 | 0 | 0 | 12 |",
    );
    let found = rules_found(&wrong);
    assert_eq!(found, ["ARI-T3-SUBTOTAL", "ARI-T3-SUBTOTAL"], "{found:?}");
}

#[test]
fn layout_of_the_wrong_era_is_reported() {
    // A 2023 report printing the 2019 tables.
    let text = report(true)
        .replace("2020年", "2023年")
        .replace("2021-03-20", "2024-03-20")
        .replace("2021年3月20日", "2024年3月20日");
    let found = rules_found(&text);
    // Tables 二 and 三 each once; table 三 is then checked as the 2019 table it is, so its
    // single （六） row is not also reported as three missing 2021 sub-rows.
    assert_eq!(
        found.iter().filter(|r| *r == "STR-TABLE-ERA").count(),
        2,
        "{found:?}"
    );
    assert!(!found.contains(&"STR-T3-ROWS".to_string()), "{found:?}");
}
