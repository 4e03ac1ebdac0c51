//! A government's report beside its units' reports of the same year: which reports make a
//! group (from the office's list of units and their parents, or, without one, a government
//! and its departments as their names show them), and the units' table figures summed.

use super::digest::{Cell, Digest};
use super::issuer;
use rustc_hash::FxHashMap;

/// A government's report and the reports of its units, as indexes into the batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub parent: usize,
    pub units: Vec<usize>,
}

/// Fewest departments a batch must hold of a government, without a list, for their sum to be
/// set beside its report: one or two departments of dozens say nothing about the whole.
const MIN_DEPARTMENTS: usize = 3;

/// The groups of a batch. With `hierarchy` ((unit, parent) names, from the office's list), a
/// parent is compared only when every unit the list gives it has a report of the year;
/// without, a government's departments found in the batch make its group.
pub fn groups(digests: &[Option<&Digest>], hierarchy: Option<&[(String, String)]>) -> Vec<Group> {
    let mut out = match hierarchy {
        Some(h) => from_hierarchy(digests, h),
        None => from_names(digests),
    };
    out.sort_by_key(|g| g.parent);
    out
}

fn from_hierarchy(digests: &[Option<&Digest>], hierarchy: &[(String, String)]) -> Vec<Group> {
    // Reports by issuer key, as pairs::previous_years looks them up: a list of thousands of
    // units is matched without comparing every name with every report.
    let mut by_key: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (i, d) in digests.iter().enumerate() {
        if let Some(name) = d.and_then(|d| d.issuer.as_deref()) {
            by_key.entry(issuer::key(name)).or_default().push(i);
        }
    }
    let reports_of = |name: &str| -> Vec<usize> {
        by_key
            .get(&issuer::key(name))
            .map(|list| {
                list.iter()
                    .copied()
                    .filter(|&i| {
                        digests[i]
                            .and_then(|d| d.issuer.as_deref())
                            .is_some_and(|n| issuer::same(n, name))
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let year_of = |i: usize| digests[i].and_then(|d| d.year);
    let mut children: FxHashMap<&str, Vec<&str>> = FxHashMap::default();
    for (unit, parent) in hierarchy {
        children.entry(parent.as_str()).or_default().push(unit.as_str());
    }
    let mut out = Vec::new();
    for (parent, units) in children {
        let units: Vec<Vec<usize>> = units.iter().map(|u| reports_of(u)).collect();
        for i in reports_of(parent) {
            let year = year_of(i);
            let found: Option<Vec<usize>> = units
                .iter()
                .map(|list| list.iter().copied().find(|&u| u != i && year_of(u) == year))
                .collect();
            if let Some(found) = found.filter(|f| !f.is_empty()) {
                out.push(Group {
                    parent: i,
                    units: found,
                });
            }
        }
    }
    out
}

fn from_names(digests: &[Option<&Digest>]) -> Vec<Group> {
    // Each name read once: a province's batch has thousands.
    let mut departments: FxHashMap<(String, Option<i32>), Vec<usize>> = FxHashMap::default();
    let mut governments = Vec::new();
    for (i, d) in digests.iter().enumerate() {
        let Some((d, name)) = d.and_then(|d| Some((d, d.issuer.as_deref()?))) else {
            continue;
        };
        if let Some(place) = issuer::government_place(name) {
            governments.push((i, place, d.year));
        } else if let Some(place) = issuer::department_place(name) {
            departments.entry((place, d.year)).or_default().push(i);
        }
    }
    governments
        .into_iter()
        .filter_map(|(i, place, year)| {
            let units = departments.get(&(place, year))?;
            (units.len() >= MIN_DEPARTMENTS).then(|| Group {
                parent: i,
                units: units.clone(),
            })
        })
        .collect()
}

/// The units' figures summed, cell by cell: a cell is in the sum only when every unit's
/// report has it read (a sum with a unit missing would be a guess). Its place is the first
/// unit's.
pub fn summed(units: &[&Digest]) -> Digest {
    let Some(first) = units.first() else {
        return Digest::default();
    };
    let cells = first
        .cells
        .iter()
        .filter_map(|c| {
            let mut value = 0.0;
            for u in units {
                value += u.cell(&c.table, &c.row, &c.col)?.value;
            }
            Some(Cell {
                value,
                ..c.clone()
            })
        })
        .collect();
    Digest {
        issuer: None,
        year: first.year,
        era: first.era,
        cells,
        sections: Vec::new(),
        sentences: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::across::digest::Place;

    fn digest(issuer: &str, year: i32, new: f64) -> Digest {
        let mut d = crate::across::digest::of_sentences(Some(issuer), Some(year), &[]);
        d.cells.push(Cell {
            table: "t3".into(),
            row: "new".into(),
            col: "T".into(),
            value: new,
            place: Place {
                span: crate::text::Span::new(0, 1),
                line_col: (1, 1),
                origin: None,
            },
        });
        d
    }

    #[test]
    fn a_government_and_its_departments_make_a_group() {
        let d = [
            digest("淮安市洪泽区人民政府", 2024, 50.0),
            digest("洪泽区教育局", 2024, 10.0),
            digest("淮安市洪泽区民政局", 2024, 5.0),
            digest("洪泽区卫生健康委员会", 2024, 7.0),
            digest("洪泽区财政局", 2023, 9.0),
            digest("淮阴区教育局", 2024, 3.0),
            digest("洪泽区高良涧街道办事处", 2024, 4.0),
        ];
        let refs: Vec<Option<&Digest>> = d.iter().map(Some).collect();
        let g = groups(&refs, None);
        assert_eq!(g, vec![Group { parent: 0, units: vec![1, 2, 3] }]);
        let parts: Vec<&Digest> = g[0].units.iter().map(|&i| &d[i]).collect();
        assert_eq!(summed(&parts).cell("t3", "new", "T").unwrap().value, 22.0);
        // Two departments of a government say too little of its whole.
        assert!(groups(&refs[..3], None).is_empty());
    }

    #[test]
    fn a_list_gives_the_group_only_when_every_unit_reported() {
        let d = [
            digest("甲县人民政府", 2024, 20.0),
            digest("甲县教育局", 2024, 10.0),
            digest("甲县民政局", 2024, 5.0),
        ];
        let refs: Vec<Option<&Digest>> = d.iter().map(Some).collect();
        let list = |names: &[&str]| -> Vec<(String, String)> {
            names
                .iter()
                .map(|n| (n.to_string(), "甲县人民政府".to_string()))
                .collect()
        };
        let g = groups(&refs, Some(&list(&["甲县教育局", "甲县民政局"])));
        assert_eq!(g, vec![Group { parent: 0, units: vec![1, 2] }]);
        assert!(groups(&refs, Some(&list(&["甲县教育局", "甲县交通运输局"]))).is_empty());
    }

    #[test]
    fn a_cell_one_unit_lacks_is_not_summed() {
        let a = digest("甲县教育局", 2024, 10.0);
        let mut b = digest("甲县民政局", 2024, 5.0);
        b.cells.clear();
        assert!(summed(&[&a, &b]).cells.is_empty());
    }
}
