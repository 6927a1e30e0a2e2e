//! `groups.csv`: label shares per value of each grouping (a record field,
//! a folder of the path, the year or month of a date, and always the
//! document-level film decision), each with its 95% Wilson score interval.
//!
//! Counts are integers summed over documents in input order, so a scan and
//! the [`Groups::merge_csv`] of its shards give the same bytes.

use std::collections::BTreeMap;

use crate::output::rows::cell;

use crate::output::schema::SHARE_SUFFIX;

/// The normal quantile for a two-sided 95% interval (z₀.₉₇₅).
pub const Z95: f64 = 1.959_963_984_540_054;

/// The Wilson score interval for `k` successes in `n` trials at normal
/// quantile `z`: `(low, high)`, both 0 when `n` is 0 (no interval:
/// `groups.csv` leaves such cells empty).
///
/// Formula (Wilson 1927, "Probable inference, the law of succession, and
/// statistical inference", JASA 22: 209–212; as in Agresti & Coull 1998):
/// centre `(p + z²/2n) / (1 + z²/n)`, half-width
/// `z·√(p(1−p)/n + z²/4n²) / (1 + z²/n)`, with `p = k/n`. Unlike the normal
/// (Wald) interval it stays inside [0, 1] and is not empty at `k = 0`.
///
/// It treats units as independent draws; units of one document are not
/// (a document about a director has many director sentences), so for
/// shares of documents' units it is narrower than a cluster-aware interval.
pub fn wilson(k: u64, n: u64, z: f64) -> (f64, f64) {
    if n == 0 {
        return (0.0, 0.0);
    }
    let (k, n) = (k as f64, n as f64);
    let p = k / n;
    let z2 = z * z;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denom;
    // At k = 0 (k = n) the bound is 0 (1) exactly; rounding left it a
    // few 1e-17 off, which the report printed as "0.000" (a trial).
    let low = if k == 0.0 { 0.0 } else { (centre - half).max(0.0) };
    let high = if k == n { 1.0 } else { (centre + half).min(1.0) };
    (low, high)
}

/// Counts of one group: documents, units, units per label.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroupCounts {
    /// Documents in the group.
    pub documents: u64,
    /// Units (sentences) in the group.
    pub units: u64,
    /// Units per label, in [`crate::tag::label_names`] order.
    pub labels: Vec<u64>,
}

impl GroupCounts {
    fn add(&mut self, documents: u64, units: u64, labels: &[u64]) {
        self.documents += documents;
        self.units += units;
        if self.labels.len() < labels.len() {
            self.labels.resize(labels.len(), 0);
        }
        for (a, b) in self.labels.iter_mut().zip(labels) {
            *a += b;
        }
    }
}

/// The name of the grouping by the document-level film decision.
pub const ABOUT_FILM: &str = "about_film";

/// Label counts per grouping and value: `groupings[g]` maps each value to
/// its counts. Values are kept sorted (byte order) for output.
#[derive(Debug, Clone, Default)]
pub struct Groups {
    names: Vec<String>,
    groups: Vec<BTreeMap<String, GroupCounts>>,
    n_labels: usize,
}

impl Groups {
    /// Empty groups for these grouping names (in output order: sorted by
    /// name when written) and this many labels.
    pub fn new(names: Vec<String>, n_labels: usize) -> Groups {
        let groups = vec![BTreeMap::new(); names.len()];
        Groups { names, groups, n_labels }
    }

    /// The grouping names.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Adds one document: its value for each grouping (same order as the
    /// names), its unit count and units per label.
    pub fn add(&mut self, values: &[&str], units: u64, labels: &[u64]) {
        for (map, v) in self.groups.iter_mut().zip(values) {
            match map.get_mut(*v) {
                Some(c) => c.add(1, units, labels),
                None => {
                    let mut c = GroupCounts { labels: vec![0; self.n_labels], ..Default::default() };
                    c.add(1, units, labels);
                    map.insert((*v).to_string(), c);
                }
            }
        }
    }

    /// The counts of one grouping's value.
    pub fn get(&self, grouping: &str, value: &str) -> Option<&GroupCounts> {
        let g = self.names.iter().position(|n| n == grouping)?;
        self.groups[g].get(value)
    }

    /// The header of `groups.csv`: `field, value, documents, sentences`, a
    /// count per label, then for each label its share and interval
    /// (`L_share, L_low, L_high`).
    pub fn header(label_names: &[String]) -> Vec<String> {
        let mut h: Vec<String> = ["field", "value", "documents", "sentences"].map(String::from).to_vec();
        h.extend(label_names.iter().cloned());
        for n in label_names {
            h.push(format!("{n}{SHARE_SUFFIX}"));
            h.push(format!("{n}_low"));
            h.push(format!("{n}_high"));
        }
        h
    }

    /// Writes `groups.csv`: rows sorted by field, then value (byte order);
    /// shares and bounds with 6 decimals, empty for a group of no units
    /// (documents without text: a share of 0 of 0 units is no share); text
    /// cells made safe for spreadsheets with `safe` (see
    /// [`crate::output::rows::cell`]).
    pub fn write_csv(
        &self,
        w: &mut csv::Writer<Vec<u8>>,
        label_names: &[String],
        safe: bool,
    ) -> csv::Result<()> {
        crate::output::rows::header_row(w, Groups::header(label_names).iter().map(String::as_str), safe)?;
        let mut order: Vec<usize> = (0..self.names.len()).collect();
        order.sort_by(|&a, &b| self.names[a].cmp(&self.names[b]));
        let mut rec: Vec<String> = Vec::new();
        for g in order {
            for (value, c) in &self.groups[g] {
                rec.clear();
                rec.push(cell(&self.names[g], safe).into_owned());
                rec.push(cell(value, safe).into_owned());
                rec.push(c.documents.to_string());
                rec.push(c.units.to_string());
                rec.extend(c.labels.iter().map(u64::to_string));
                for &k in &c.labels {
                    if c.units == 0 {
                        // No units: no share to give (0/0), so no interval either.
                        rec.extend(["", "", ""].map(String::from));
                        continue;
                    }
                    let share = k as f64 / c.units as f64;
                    let (low, high) = wilson(k, c.units, Z95);
                    rec.extend([share, low, high].map(|x| format!("{x:.6}")));
                }
                w.write_record(&rec)?;
            }
        }
        Ok(())
    }

    /// Adds the counts of a `groups.csv` written by [`Groups::write_csv`]
    /// (a shard's): groupings and values are matched by name; shares are
    /// recomputed from the summed counts.
    ///
    /// With `safe` (a `--csv-safe` shard's file) the `'` written before a
    /// formula-like field or value is taken off, so values sort as the
    /// scan's own did.
    ///
    /// # Errors
    /// A header other than this lexicon's, or a row whose counts are not
    /// whole numbers: the message gives the 1-based line.
    pub fn merge_csv(&mut self, data: &[u8], label_names: &[String], safe: bool) -> Result<(), String> {
        let mut r = csv::ReaderBuilder::new().has_headers(true).from_reader(data);
        let want = Groups::header(label_names);
        let header = r.headers().map_err(|e| format!("line 1: {e}"))?;
        if header.iter().ne(want.iter().map(String::as_str)) {
            return Err(format!(
                "line 1: columns {:?}, expected {:?}",
                header.iter().collect::<Vec<_>>(),
                want
            ));
        }
        for (i, row) in r.records().enumerate() {
            let line = i + 2;
            let row = row.map_err(|e| format!("line {line}: {e}"))?;
            let number = |k: usize| -> Result<u64, String> {
                let f = row.get(k).unwrap_or("");
                f.parse::<u64>().map_err(|_| format!("line {line}: column {} is {f:?}, not a count", want[k]))
            };
            let unsafe_cell = |c: &'_ str| -> String {
                match c.strip_prefix('\'') {
                    Some(rest) if safe && crate::output::rows::formula_like(rest) => rest.to_string(),
                    _ => c.to_string(),
                }
            };
            let (field, value) =
                (unsafe_cell(row.get(0).unwrap_or("")), unsafe_cell(row.get(1).unwrap_or("")));
            let (field, value) = (field.as_str(), value.as_str());
            let documents = number(2)?;
            let units = number(3)?;
            let labels = (0..label_names.len()).map(|k| number(4 + k)).collect::<Result<Vec<_>, _>>()?;
            let g = match self.names.iter().position(|n| n == field) {
                Some(g) => g,
                None => {
                    self.names.push(field.to_string());
                    self.groups.push(BTreeMap::new());
                    self.names.len() - 1
                }
            };
            let c = self.groups[g]
                .entry(value.to_string())
                .or_insert_with(|| GroupCounts { labels: vec![0; self.n_labels], ..Default::default() });
            c.add(documents, units, &labels);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_matches_published_values() {
        // Agresti & Coull (1998) style check values, computed by hand from the formula.
        let (lo, hi) = wilson(0, 10, Z95);
        assert!(lo == 0.0 && (hi - 0.277_532).abs() < 1e-5, "{lo} {hi}");
        let (lo, hi) = wilson(5, 10, Z95);
        assert!((lo - 0.236_593).abs() < 1e-5 && (hi - 0.763_407).abs() < 1e-5, "{lo} {hi}");
        let (lo, hi) = wilson(10, 10, Z95);
        assert!((lo - 0.722_468).abs() < 1e-5 && (hi - 1.0).abs() < 1e-12, "{lo} {hi}");
        assert_eq!(wilson(0, 0, Z95), (0.0, 0.0));
        // None of k or all of them: the bound is exact (it was a few 1e-17
        // off for some n, "0.000" in the report).
        for n in 1..500 {
            assert_eq!(wilson(0, n, Z95).0, 0.0, "{n}");
            assert_eq!(wilson(n, n, Z95).1, 1.0, "{n}");
        }
    }

    #[test]
    fn interval_holds_the_share_and_narrows_with_n() {
        for n in [1u64, 7, 50, 1000] {
            for k in 0..=n.min(60) {
                let (lo, hi) = wilson(k, n, Z95);
                let p = k as f64 / n as f64;
                assert!(lo <= p + 1e-12 && p <= hi + 1e-12 && (0.0..=1.0).contains(&lo) && hi <= 1.0);
            }
        }
        let w = |n| {
            let (lo, hi) = wilson(n / 4, n, Z95);
            hi - lo
        };
        assert!(w(40) > w(400) && w(400) > w(4000));
    }

    fn names() -> Vec<String> {
        ["director", "producer", "both", "none"].map(String::from).to_vec()
    }

    #[test]
    fn written_and_merged_back_gives_the_same_bytes() {
        let mut a = Groups::new(vec!["topic".into(), ABOUT_FILM.into()], 4);
        a.add(&["film", "true"], 10, &[3, 2, 1, 4]);
        a.add(&["", "false"], 4, &[0, 0, 0, 4]);
        let mut b = Groups::new(vec!["topic".into(), ABOUT_FILM.into()], 4);
        b.add(&["film", "true"], 5, &[1, 1, 0, 3]);
        let mut all = Groups::new(vec!["topic".into(), ABOUT_FILM.into()], 4);
        all.add(&["film", "true"], 10, &[3, 2, 1, 4]);
        all.add(&["", "false"], 4, &[0, 0, 0, 4]);
        all.add(&["film", "true"], 5, &[1, 1, 0, 3]);
        let bytes = |g: &Groups| {
            let mut w = csv::Writer::from_writer(Vec::new());
            g.write_csv(&mut w, &names(), false).unwrap();
            w.into_inner().unwrap()
        };
        let mut merged = Groups::new(Vec::new(), 4);
        merged.merge_csv(&bytes(&a), &names(), false).unwrap();
        merged.merge_csv(&bytes(&b), &names(), false).unwrap();
        assert_eq!(bytes(&merged), bytes(&all));
        let text = String::from_utf8(bytes(&all)).unwrap();
        // Sorted by field, then value: about_film before topic, "" before "film".
        let fields: Vec<&str> = text.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
        assert_eq!(fields, ["about_film", "about_film", "topic", "topic"]);
        assert!(text.lines().nth(3).unwrap().starts_with("topic,,1,4,0,0,0,4,"));
    }

    #[test]
    fn a_group_of_no_units_has_no_share_or_interval() {
        // Two empty documents with a value of their own: 0 of 0 units is no
        // share, and an interval of it says nothing.
        let mut g = Groups::new(vec!["topic".into()], 4);
        g.add(&["empty"], 0, &[0, 0, 0, 0]);
        g.add(&["empty"], 0, &[0, 0, 0, 0]);
        g.add(&["film"], 2, &[1, 0, 0, 1]);
        let mut w = csv::Writer::from_writer(Vec::new());
        g.write_csv(&mut w, &names(), false).unwrap();
        let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
        let rows: Vec<&str> = text.lines().skip(1).collect();
        assert_eq!(rows[0], format!("topic,empty,2,0,0,0,0,0{}", ",".repeat(12)));
        assert!(rows[1].starts_with("topic,film,1,2,1,0,0,1,0.500000,"), "{}", rows[1]);
        // Merged back (a shard's file), the empty cells stay empty.
        let mut merged = Groups::new(Vec::new(), 4);
        merged.merge_csv(text.as_bytes(), &names(), false).unwrap();
        let mut w = csv::Writer::from_writer(Vec::new());
        merged.write_csv(&mut w, &names(), false).unwrap();
        assert_eq!(String::from_utf8(w.into_inner().unwrap()).unwrap(), text);
    }

    #[test]
    fn merge_refuses_bad_counts_with_the_line() {
        let mut g = Groups::new(Vec::new(), 4);
        let mut data = Groups::header(&names()).join(",");
        data.push_str("\ntopic,x,1,-4,0,0,0,4,0,0,0,0,0,0,0,0,0,0,0,0\n");
        let e = g.merge_csv(data.as_bytes(), &names(), false).unwrap_err();
        assert!(e.contains("line 2") && e.contains("sentences"), "{e}");
    }
}
