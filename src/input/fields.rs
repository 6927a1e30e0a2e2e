//! Document fields: values carried from the input into `documents.csv`
//! and used for grouping in `groups.csv`: record fields (`--keep-field`,
//! a dotted path in JSON, a column in CSV/TSV), folders of the path
//! (`--path-field NAME=N`), and the year or month of a date field
//! (`--period`).

use crate::error::Error;
use crate::input::Input;

/// A folder of the input path named as a field: `NAME=N` (see
/// [`Input::folder`] for how `N` counts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathField {
    /// The column name.
    pub name: String,
    /// Which folder: ≥ 1 from the input folder, ≤ −1 from the file's end.
    pub folder: i32,
}

impl std::str::FromStr for PathField {
    type Err = String;

    /// Parses `NAME=N` with `N` a non-zero integer.
    fn from_str(s: &str) -> Result<PathField, String> {
        let (name, n) = s.split_once('=').ok_or_else(|| {
            format!("{s:?} is not NAME=N (N: 1 for the first folder below the input folder, -1 for the file's own folder)")
        })?;
        let folder: i32 = n
            .trim()
            .parse()
            .ok()
            .filter(|&n: &i32| n != 0)
            .ok_or_else(|| format!("{n:?} in {s:?} is not a non-zero whole number"))?;
        let name = name.trim();
        if name.is_empty() {
            return Err(format!("{s:?} has no field name before '='"));
        }
        Ok(PathField { name: name.to_string(), folder })
    }
}

/// Time periods a date field is grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Period {
    /// `2005`.
    Year,
    /// `2005-03`.
    Month,
}

impl Period {
    /// The grouping's name in `groups.csv`: `year` or `month`.
    pub fn name(self) -> &'static str {
        match self {
            Period::Year => "year",
            Period::Month => "month",
        }
    }

    /// The period of a date written in one of the common forms: ISO 8601 /
    /// RFC 3339 dates and date-times (`2005-03-01`, `2005-03-01T10:00:00Z`,
    /// `2005-03-01 10:00`), RFC 2822 (`Tue, 1 Mar 2005 10:00:00 +0000`,
    /// as in e-mail and HTTP), `2005/03/01`, `1 March 2005`, `March 1,
    /// 2005`, `Mar 1, 2005`, `2005-03` and a bare year `2005`. Parsed with
    /// the jiff crate; `None` for anything else. A date-time's period is
    /// that of its date as written (no time-zone conversion).
    pub fn of(self, value: &str) -> Option<String> {
        let (y, m) = year_month(value.trim())?;
        Some(match self {
            Period::Year => format!("{y:04}"),
            Period::Month => format!("{y:04}-{m:02}"),
        })
    }
}

fn year_month(v: &str) -> Option<(i16, i8)> {
    use jiff::civil::{Date, DateTime};
    if v.is_empty() {
        return None;
    }
    if let Ok(d) = v.parse::<Date>() {
        return Some((d.year(), d.month()));
    }
    if let Ok(dt) = v.parse::<DateTime>() {
        return Some((dt.year(), dt.month()));
    }
    if let Ok(z) = v.parse::<jiff::Zoned>() {
        return Some((z.year(), z.month()));
    }
    if let Ok(ts) = v.parse::<jiff::Timestamp>() {
        let d = ts.to_zoned(jiff::tz::TimeZone::UTC).date();
        return Some((d.year(), d.month()));
    }
    if let Ok(z) = jiff::fmt::rfc2822::parse(v) {
        return Some((z.year(), z.month()));
    }
    const FORMATS: [&str; 6] = ["%Y/%m/%d", "%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y", "%B %d %Y"];
    for f in FORMATS {
        if let Ok(d) = Date::strptime(f, v) {
            return Some((d.year(), d.month()));
        }
    }
    // `2005-03` and `2005`.
    let bytes = v.as_bytes();
    let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    if bytes.len() == 4 && digits(bytes) {
        let y: i16 = v.parse().ok()?;
        return (1..=9999).contains(&y).then_some((y, 1));
    }
    if bytes.len() == 7 && bytes[4] == b'-' && digits(&bytes[..4]) && digits(&bytes[5..]) {
        let y: i16 = v[..4].parse().ok()?;
        let m: i8 = v[5..].parse().ok()?;
        return ((1..=9999).contains(&y) && (1..=12).contains(&m)).then_some((y, m));
    }
    None
}

/// Which fields each document carries: the columns added to
/// `documents.csv` (record fields, then path fields) and the groupings of
/// `groups.csv`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocFields {
    /// Record fields kept, in column order (dotted JSON paths or CSV/TSV
    /// column names); includes grouped and date fields.
    pub record: Vec<String>,
    /// Folders of the path named as fields.
    pub path: Vec<PathField>,
    /// Columns grouped by (names among [`DocFields::columns`]).
    pub group_by: Vec<String>,
    /// The period grouping and the field holding the date.
    pub period: Option<(Period, String)>,
}

/// Names of columns `documents.csv` always has; a field may not take one.
const TAKEN: [&str; 5] = ["doc", "bytes", "sentences", "about_film", "film_signals"];

impl DocFields {
    /// Fields from the options: `keep` (`--keep-field`), `path`
    /// (`--path-field`), `group_by` (`--group-by`: a path field's name, or
    /// a record field, then kept too), `period` with its date field
    /// (`--period`, `--date-field`: kept too).
    ///
    /// # Errors
    /// A name given twice, or one that is a built-in column of
    /// `documents.csv` or a label (`labels`), named with its option.
    pub fn new(
        keep: Vec<String>,
        path: Vec<PathField>,
        group_by: Vec<String>,
        period: Option<(Period, String)>,
        labels: &[String],
    ) -> Result<DocFields, Error> {
        let mut record: Vec<String> = Vec::new();
        let add = |name: &str, option: &str, record: &mut Vec<String>| -> Result<(), Error> {
            if TAKEN.contains(&name) || labels.iter().any(|l| l == name) {
                return Err(Error::Invalid(format!(
                    "{option} {name:?}: documents.csv already has a column of that name (it has {}); \
                     use another name",
                    TAKEN
                        .iter()
                        .map(|s| s.to_string())
                        .chain(labels.iter().cloned())
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            }
            if !record.iter().any(|r| r == name) {
                record.push(name.to_string());
            }
            Ok(())
        };
        for k in &keep {
            if keep.iter().filter(|x| *x == k).count() > 1 {
                return Err(Error::Invalid(format!("--keep-field {k:?} is given twice")));
            }
            add(k, "--keep-field", &mut record)?;
        }
        for p in &path {
            if TAKEN.contains(&p.name.as_str()) || labels.contains(&p.name) || record.contains(&p.name) {
                return Err(Error::Invalid(format!(
                    "--path-field {}={}: the name {:?} is already a column (a built-in one, a label or a --keep-field)",
                    p.name, p.folder, p.name
                )));
            }
            if path.iter().filter(|x| x.name == p.name).count() > 1 {
                return Err(Error::Invalid(format!("--path-field: the name {:?} is given twice", p.name)));
            }
        }
        for g in &group_by {
            if group_by.iter().filter(|x| *x == g).count() > 1 {
                return Err(Error::Invalid(format!("--group-by {g:?} is given twice")));
            }
            if g == crate::output::groups::ABOUT_FILM || period.as_ref().is_some_and(|(p, _)| p.name() == g) {
                return Err(Error::Invalid(format!(
                    "--group-by {g:?}: groups.csv already has a grouping of that name (about_film always, year or month with --period)"
                )));
            }
            if !path.iter().any(|p| p.name == *g) {
                add(g, "--group-by", &mut record)?;
            }
        }
        if let Some((_, date)) = &period {
            add(date, "--date-field", &mut record)?;
        }
        Ok(DocFields { record, path, group_by, period })
    }

    /// True when documents carry no fields.
    pub fn is_empty(&self) -> bool {
        self.record.is_empty() && self.path.is_empty()
    }

    /// The added columns of `documents.csv`: record fields, then path fields.
    pub fn columns(&self) -> Vec<String> {
        self.record.iter().cloned().chain(self.path.iter().map(|p| p.name.clone())).collect()
    }

    /// The groupings of `groups.csv`, in the order of [`DocFields::group_values`]:
    /// each `--group-by`, the period, then `about_film`.
    pub fn groupings(&self) -> Vec<String> {
        let mut g = self.group_by.clone();
        if let Some((p, _)) = &self.period {
            g.push(p.name().to_string());
        }
        g.push(crate::output::groups::ABOUT_FILM.to_string());
        g
    }

    /// The path fields of an input, in column order.
    pub fn path_values(&self, input: &Input) -> Vec<String> {
        self.path.iter().map(|p| input.folder(p.folder).to_string()).collect()
    }

    /// The column of each grouping, worked out once for
    /// [`Grouper::values`].
    pub fn grouper(&self) -> Grouper {
        let names = self.columns();
        let col = |name: &str| names.iter().position(|n| n == name);
        Grouper {
            cols: self.group_by.iter().map(|g| col(g)).collect(),
            date: self.period.as_ref().and_then(|(p, d)| col(d).map(|c| (*p, c))),
            has_period: self.period.is_some(),
            period: String::new(),
        }
    }
}

/// Picks a document's value for each grouping (see [`DocFields::grouper`]).
#[derive(Debug, Clone)]
pub struct Grouper {
    cols: Vec<Option<usize>>,
    date: Option<(Period, usize)>,
    has_period: bool,
    period: String,
}

impl Grouper {
    /// A document's value for each grouping ([`DocFields::groupings`]
    /// order), from its column values and film decision: `""` for a
    /// missing field, or a date missing or not understood.
    pub fn values<'a>(&'a mut self, columns: &'a [Option<String>], about_film: bool) -> Vec<&'a str> {
        let value = |c: Option<usize>| c.and_then(|i| columns.get(i)).and_then(|v| v.as_deref());
        self.period.clear();
        if let Some((p, c)) = self.date {
            if let Some(found) = value(Some(c)).and_then(|d| p.of(d)) {
                self.period = found;
            }
        }
        let mut v: Vec<&'a str> = Vec::with_capacity(self.cols.len() + 2);
        v.extend(self.cols.iter().map(|&c| value(c).unwrap_or("")));
        if self.has_period {
            v.push(self.period.as_str());
        }
        v.push(if about_film { "true" } else { "false" });
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_of_common_date_forms() {
        let cases = [
            ("2005-03-01", "2005-03"),
            ("2005-03-01T10:00:00Z", "2005-03"),
            ("2005-03-01T23:30:00-05:00", "2005-03"),
            ("2005-03-01 10:00", "2005-03"),
            ("Tue, 1 Mar 2005 10:00:00 +0000", "2005-03"),
            ("2005/03/01", "2005-03"),
            ("1 March 2005", "2005-03"),
            ("March 1, 2005", "2005-03"),
            ("Mar 1, 2005", "2005-03"),
            ("2005-03", "2005-03"),
            (" 2005 ", "2005-01"),
        ];
        for (v, want) in cases {
            assert_eq!(Period::Month.of(v).as_deref(), Some(want), "{v}");
            assert_eq!(Period::Year.of(v).as_deref(), Some("2005"), "{v}");
        }
        for bad in ["", "yesterday", "2005-13", "13/13/2005", "20050", "0000"] {
            assert_eq!(Period::Year.of(bad), None, "{bad}");
        }
    }

    #[test]
    fn path_fields_parse_and_pick_folders() {
        let p: PathField = "topic=1".parse().unwrap();
        assert_eq!(p, PathField { name: "topic".into(), folder: 1 });
        assert!("topic".parse::<PathField>().unwrap_err().contains("NAME=N"));
        assert!("topic=0".parse::<PathField>().is_err());
        assert!("=2".parse::<PathField>().is_err());
        let input = |id: &str, below| Input {
            id: id.into(),
            source: crate::input::Source::Stdin,
            size: 0,
            below,
            listed: false,
        };
        let i = input("../data/bbc/tech/sub/1.txt", "../data/bbc/".len());
        assert_eq!((i.folder(1), i.folder(2), i.folder(3)), ("tech", "sub", ""));
        assert_eq!((i.folder(-1), i.folder(-2), i.folder(-6), i.folder(0)), ("sub", "tech", "", ""));
        let given = input("a/b/1.txt", "a/b/".len());
        assert_eq!((given.folder(1), given.folder(-1)), ("", "b"));
    }

    #[test]
    fn fields_refuse_taken_and_repeated_names() {
        let labels = ["director", "producer", "both", "none"].map(String::from);
        let f = DocFields::new(
            vec!["source".into()],
            vec!["topic=1".parse().unwrap()],
            vec!["topic".into(), "outlet".into()],
            Some((Period::Year, "date".into())),
            &labels,
        )
        .unwrap();
        assert_eq!(f.columns(), ["source", "outlet", "date", "topic"]);
        assert_eq!(f.groupings(), ["topic", "outlet", "year", "about_film"]);
        let cols: Vec<Option<String>> =
            ["BBC", "", "2004-05-06", "tech"].map(|s| Some(s.to_string())).to_vec();
        assert_eq!(f.grouper().values(&cols, true), ["tech", "", "2004", "true"]);
        for (keep, path) in [(vec!["doc".to_string()], vec![]), (vec!["producer".into()], vec![])] {
            let e = DocFields::new(keep, path, vec![], None, &labels).unwrap_err().to_string();
            assert!(e.contains("--keep-field") && e.contains("already has a column"), "{e}");
        }
        let e = DocFields::new(vec!["a".into()], vec!["a=1".parse().unwrap()], vec![], None, &labels)
            .unwrap_err();
        assert!(e.to_string().contains("--path-field a=1"), "{e}");
        let period = || Some((Period::Year, "date".to_string()));
        for twice in [vec!["x".to_string(), "x".into()], vec!["year".into()], vec!["about_film".into()]] {
            let e = DocFields::new(vec![], vec![], twice, period(), &labels).unwrap_err().to_string();
            assert!(e.contains("--group-by"), "{e}");
        }
        // A record field named year is a grouping of its own without --period year.
        assert!(DocFields::new(vec![], vec![], vec!["year".into()], None, &labels).is_ok());
    }
}
