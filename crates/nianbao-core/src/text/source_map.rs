//! Offsets of a reading text back into the file it was read from. The reading text is the
//! file with some bytes dropped (markdown syntax, spaces inside figures, the line breaks of
//! wrapped lines) and some line breaks inserted (headings run into one line), so the map is a
//! list of runs, each copied from one place of the source or inserted before one.

/// One run of the reading text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    /// Where the run starts in the reading text.
    reading: usize,
    /// Where it comes from in the source.
    source: usize,
    /// Bytes of source it covers: its length for a copied run, 0 for an inserted one.
    source_len: usize,
}

#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    runs: Vec<Run>,
}

impl SourceMap {
    /// The source offset of a reading-text offset. An offset inside an inserted run maps to
    /// the source position it was inserted before.
    pub fn to_source(&self, reading: usize) -> usize {
        let i = self.runs.partition_point(|r| r.reading <= reading);
        let Some(run) = i.checked_sub(1).map(|i| self.runs[i]) else {
            return reading;
        };
        run.source + (reading - run.reading).min(run.source_len)
    }

    /// The reading-text offset a source offset was copied to; None when that byte was dropped.
    /// An offset at the end of a copied run maps to the end of the run.
    /// Runs copy the source in order, so the run is found by its source offset.
    pub fn to_reading(&self, source: usize) -> Option<usize> {
        let i = self.runs.partition_point(|r| r.source <= source);
        self.runs[..i]
            .iter()
            .rev()
            .take_while(|r| r.source + r.source_len >= source)
            .find(|r| r.source_len > 0)
            .map(|r| r.reading + (source - r.source))
    }
}

impl SourceMap {
    /// The map of a reading text made from an intermediate text (`self`: reading →
    /// intermediate) that was itself made from the source (`inner`: intermediate → source).
    pub fn then(&self, inner: &SourceMap) -> SourceMap {
        let mut out = SourceMap::default();
        let push = |out: &mut SourceMap, run: Run| match out.runs.last_mut() {
            Some(last)
                if run.source_len > 0
                    && last.source_len > 0
                    && last.source + last.source_len == run.source
                    && last.reading + last.source_len == run.reading =>
            {
                last.source_len += run.source_len;
            }
            _ => out.runs.push(run),
        };
        for run in &self.runs {
            if run.source_len == 0 {
                push(
                    &mut out,
                    Run {
                        source: inner.to_source(run.source),
                        ..*run
                    },
                );
                continue;
            }
            let (from, to) = (run.source, run.source + run.source_len);
            // Inner runs cover the intermediate text from their start to the next one's.
            let first = inner
                .runs
                .partition_point(|r| r.reading <= from)
                .saturating_sub(1);
            if inner.runs.is_empty() {
                push(&mut out, *run);
                continue;
            }
            for (i, ir) in inner.runs.iter().enumerate().skip(first) {
                let ir_end = inner.runs.get(i + 1).map_or(usize::MAX, |n| n.reading);
                let (a, b) = (from.max(ir.reading), to.min(ir_end));
                if a >= b {
                    if ir.reading >= to {
                        break;
                    }
                    continue;
                }
                let reading = run.reading + (a - from);
                let piece = if ir.source_len > 0 {
                    Run {
                        reading,
                        source: ir.source + (a - ir.reading),
                        source_len: b - a,
                    }
                } else {
                    Run {
                        reading,
                        source: ir.source,
                        source_len: 0,
                    }
                };
                push(&mut out, piece);
            }
        }
        out
    }
}

/// Builds a reading text out of slices of its source and inserted strings.
pub struct Builder<'s> {
    source: &'s str,
    text: String,
    map: SourceMap,
}

impl<'s> Builder<'s> {
    pub fn new(source: &'s str) -> Builder<'s> {
        Builder {
            source,
            text: String::with_capacity(source.len()),
            map: SourceMap::default(),
        }
    }

    /// Appends `source[start..end]`.
    pub fn copy(&mut self, start: usize, end: usize) {
        if start >= end {
            return;
        }
        let reading = self.text.len();
        self.text.push_str(&self.source[start..end]);
        match self.map.runs.last_mut() {
            // Contiguous with the previous copied run: one run, so that an unchanged text
            // maps through a single run.
            Some(last) if last.source_len > 0 && last.source + last.source_len == start => {
                last.source_len += end - start;
            }
            _ => self.map.runs.push(Run {
                reading,
                source: start,
                source_len: end - start,
            }),
        }
    }

    /// Appends `s`, which the source does not have, before source offset `before`.
    pub fn insert(&mut self, s: &str, before: usize) {
        if s.is_empty() {
            return;
        }
        self.map.runs.push(Run {
            reading: self.text.len(),
            source: before,
            source_len: 0,
        });
        self.text.push_str(s);
    }

    /// The text built so far.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The reading text and its map; `None` for the map when the text is the source itself.
    pub fn finish(self) -> (String, Option<SourceMap>) {
        let identical = self.text.len() == self.source.len()
            && self.map.runs.len() <= 1
            && self
                .map
                .runs
                .first()
                .is_none_or(|r| r.source == 0 && r.source_len == self.source.len());
        if identical {
            (self.text, None)
        } else {
            (self.text, Some(self.map))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copied_and_inserted_runs_map_back() {
        let src = "## 一、总体情况\n2025 年。";
        let mut b = Builder::new(src);
        let h = src.find('一').unwrap();
        b.copy(h, src.find('\n').unwrap() + 1);
        let y = src.find('2').unwrap();
        b.copy(y, y + 4);
        b.copy(y + 5, src.len());
        b.insert("\n", src.len());
        let (text, map) = b.finish();
        let map = map.expect("changed");
        assert_eq!(text, "一、总体情况\n2025年。\n");
        assert_eq!(map.to_source(0), h);
        let r = text.find('年').unwrap();
        assert_eq!(&src[map.to_source(r)..map.to_source(r) + 3], "年");
        assert_eq!(map.to_source(text.len() - 1), src.len());
    }

    #[test]
    fn an_unchanged_text_has_no_map() {
        let src = "一、总体情况\n正文。";
        let mut b = Builder::new(src);
        b.copy(0, 6);
        b.copy(6, src.len());
        assert!(b.finish().1.is_none());
    }

    #[test]
    fn a_map_of_a_map_leads_back_to_the_first_source() {
        // Source → intermediate: a tag dropped and a bar inserted in its place.
        let src = "甲<td>12</td>乙";
        let mut b = Builder::new(src);
        b.copy(0, 3);
        b.insert("| ", 3);
        b.copy(7, 9);
        b.copy(14, src.len());
        let (mid, inner) = b.finish();
        assert_eq!(mid, "甲| 12乙");
        // Intermediate → reading: the first character dropped, a line break inserted.
        let mut b = Builder::new(&mid);
        b.copy(3, 7);
        b.insert("\n", 7);
        b.copy(7, mid.len());
        let (reading, outer) = b.finish();
        assert_eq!(reading, "| 12\n乙");
        let map = outer.unwrap().then(&inner.unwrap());
        let twelve = reading.find("12").unwrap();
        assert_eq!(&src[map.to_source(twelve)..map.to_source(twelve) + 2], "12");
        assert_eq!(map.to_source(0), 3, "the inserted bar stands where the tag was");
        let yi = reading.find('乙').unwrap();
        assert_eq!(map.to_source(yi), src.find('乙').unwrap());
        assert_eq!(map.to_reading(src.find("12").unwrap()), Some(twelve));
        assert_eq!(map.to_reading(1), None, "a dropped byte has no place");
    }
}
