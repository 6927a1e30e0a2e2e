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
    /// as in e-mail and HTTP; its weekday not checked against the date),
    /// `2005/03/01`, `1 March 2005`, `March 1, 2005`, `Mar 1, 2005`, `March
    /// 2005` (a month and a four-digit year; the day-first and month-first
    /// forms also take their year from 1000 in four digits only), any of
    /// these after a weekday and a comma (`Thu, 4 March 2021`), `2005-03`
    /// and a bare year `2005`. Parsed with
    /// the jiff crate; `None` for anything else, and for a bare year by
    /// month (it is in no month: see [`Period::read`]). A date-time's
    /// period is that of its date as written (no time-zone conversion).
    pub fn of(self, value: &str) -> Option<String> {
        match self.read(value) {
            DateRead::Period(p) => Some(p),
            DateRead::YearOnly | DateRead::Unread => None,
        }
    }

    /// What a date value gives for this period (the forms of
    /// [`Period::of`]): its period, a year alone by month (`2019`, which
    /// says no month: never put in January), or nothing read.
    pub fn read(self, value: &str) -> DateRead {
        match (self, year_month(value.trim())) {
            (_, None) => DateRead::Unread,
            (Period::Year, Some((y, _))) => DateRead::Period(format!("{y:04}")),
            (Period::Month, Some((y, Some(m)))) => DateRead::Period(format!("{y:04}-{m:02}")),
            (Period::Month, Some((_, None))) => DateRead::YearOnly,
        }
    }
}

/// What a date value gives for a period ([`Period::read`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateRead {
    /// Its period: `2005` by year, `2005-03` by month.
    Period(String),
    /// A year alone (`2005`) by month: it says no month, so it is in none.
    YearOnly,
    /// In none of the forms read.
    Unread,
}

/// The year of a date and its month, when it gives one (not a bare year).
fn year_month(v: &str) -> Option<(i16, Option<i8>)> {
    full_date(v).map(|(y, m)| (y, Some(m))).or_else(|| bare_year(v).map(|y| (y, None)))
}

/// `2005` (years 1 to 9999).
fn bare_year(v: &str) -> Option<i16> {
    let bytes = v.as_bytes();
    if bytes.len() == 4 && bytes.iter().all(u8::is_ascii_digit) {
        let y: i16 = v.parse().ok()?;
        return (1..=9999).contains(&y).then_some(y);
    }
    None
}

/// Weekday names in full, as a date may open with one before a comma.
const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// The year and month of a date in a form that has a month.
fn full_date(v: &str) -> Option<(i16, i8)> {
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
    // RFC 2822, its weekday not checked against the date: "Mon, 04 Mar
    // 2021 10:00:00 GMT" (a Thursday) failed the strict parse (a trial).
    static RFC2822: jiff::fmt::rfc2822::DateTimeParser =
        jiff::fmt::rfc2822::DateTimeParser::new().relaxed_weekday(true);
    if let Ok(z) = RFC2822.parse_zoned(v) {
        return Some((z.year(), z.month()));
    }
    // A weekday before a date without a time ("Thu, 4 March 2021"): the
    // date after it (once: no recursion on "Mon, Mon, …").
    if let Some((day, rest)) = v.split_once(',') {
        let weekday = day.len() == 3 || WEEKDAYS.iter().any(|w| day.eq_ignore_ascii_case(w));
        if weekday && day.bytes().all(|b| b.is_ascii_alphabetic()) {
            return dated(rest.trim_start());
        }
    }
    dated(v)
}

/// [`full_date`]'s forms other than ISO 8601 and RFC 2822, of `v`.
fn dated(v: &str) -> Option<(i16, i8)> {
    use jiff::civil::Date;
    if let Ok(d) = Date::strptime("%Y/%m/%d", v) {
        let four = v
            .trim_start()
            .as_bytes()
            .get(..5)
            .is_some_and(|b| b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'/');
        return four.then_some((d.year(), d.month()));
    }
    // Each form ends with its year, which must be written with four
    // digits: strptime's `%d` takes one or two, so `March 2021` read as
    // `%B %d %Y` was the 20th of March in the year 21 (found by a trial).
    const FORMATS: [&str; 5] = ["%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y", "%B %d %Y"];
    // The digits ending `v` (its year as written): four of them, from
    // 1000 ("1 March 0205" is no date of film writing).
    let t = v.trim_end().as_bytes();
    let digits = t.iter().rev().take_while(|b| b.is_ascii_digit()).count();
    let written: Option<i16> = (digits == 4).then(|| v.trim_end()[t.len() - 4..].parse().ok()).flatten();
    let four_digit_year = |y: i16| y >= 1000 && written == Some(y);
    let strptime = |f: &str, v: &str| Date::strptime(f, v).ok().filter(|d| four_digit_year(d.year()));
    if let Some(d) = FORMATS.iter().find_map(|f| strptime(f, v)) {
        return Some((d.year(), d.month()));
    }
    // `March 2005`, `Mar 2005`: a month and a year (read as the 1st).
    let first = format!("1 {v}");
    if let Some(d) = ["%d %B %Y", "%d %b %Y"].iter().find_map(|f| strptime(f, &first)) {
        return Some((d.year(), d.month()));
    }
    // `2005-03`.
    let bytes = v.as_bytes();
    let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
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
    /// Record fields kept, in column order; includes grouped and date
    /// fields.
    pub kept: Vec<KeptField>,
    /// Folders of the path named as fields.
    pub path: Vec<PathField>,
    /// Columns grouped by (names among [`DocFields::columns`]).
    pub group_by: Vec<String>,
    /// The period grouping and the field holding the date.
    pub period: Option<(Period, String)>,
}

/// A record field copied into `documents.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptField {
    /// Its column: the field's own name, or the NAME of `--keep-field
    /// NAME=FIELD`.
    pub name: String,
    /// The field: a dotted JSON path or a CSV/TSV column name.
    pub field: String,
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
    /// `documents.csv` or a label (`labels`), named with its option. A
    /// `--keep-field` of the form `NAME=FIELD` keeps FIELD as column NAME
    /// (so a field named as a label, `director`, can be kept).
    pub fn new(
        keep: Vec<String>,
        path: Vec<PathField>,
        group_by: Vec<String>,
        period: Option<(Period, String)>,
        labels: &[String],
    ) -> Result<DocFields, Error> {
        let mut kept: Vec<KeptField> = Vec::new();
        // (A column already kept, by any option, is kept once.)
        let add = |kept: &mut Vec<KeptField>, name: &str, field: &str, option: &str| -> Result<(), Error> {
            if TAKEN.contains(&name) || labels.iter().any(|l| l == name) {
                let renamed = if option == "--keep-field" {
                    format!("; keep it under another name with --keep-field NEW_NAME={field}")
                } else {
                    String::new()
                };
                return Err(Error::Invalid(format!(
                    "{option} {name:?}: documents.csv already has a column of that name (it has {}){renamed}",
                    TAKEN
                        .iter()
                        .map(|s| s.to_string())
                        .chain(labels.iter().cloned())
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            }
            if !kept.iter().any(|k| k.name == name) {
                kept.push(KeptField { name: name.to_string(), field: field.to_string() });
            }
            Ok(())
        };
        // Each --keep-field as (column, field).
        let mut pairs = Vec::new();
        for k in &keep {
            match k.split_once('=') {
                Some((name, field)) if !name.is_empty() && !field.is_empty() => pairs.push((name, field)),
                Some(_) => {
                    return Err(Error::Invalid(format!(
                        "--keep-field {k:?}: give NAME=FIELD (a column name and the field it keeps) or a field alone"
                    )));
                }
                None => pairs.push((k.as_str(), k.as_str())),
            }
        }
        for (i, (k, &(name, field))) in keep.iter().zip(&pairs).enumerate() {
            if keep[..i].contains(k) {
                return Err(Error::Invalid(format!("--keep-field {k:?} is given twice")));
            }
            if let Some(other) = keep[..i].iter().zip(&pairs).find(|(_, (n, _))| *n == name).map(|(o, _)| o) {
                return Err(Error::Invalid(format!(
                    "--keep-field {other:?} and {k:?} both name the column {name:?}; give one of them another \
                     name (--keep-field NAME=FIELD)"
                )));
            }
            add(&mut kept, name, field, "--keep-field")?;
        }
        for p in &path {
            if TAKEN.contains(&p.name.as_str())
                || labels.contains(&p.name)
                || kept.iter().any(|k| k.name == p.name)
            {
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
            // (A column already kept, renamed or not, is grouped as it is.)
            if !path.iter().any(|p| p.name == *g) {
                add(&mut kept, g, g, "--group-by")?;
            }
        }
        if let Some((_, date)) = &period {
            // A column named as the date field but keeping another field
            // would hide the date (it was read from the other field).
            if let Some(k) = kept.iter().find(|k| k.name == *date && k.field != *date) {
                return Err(Error::Invalid(format!(
                    "--date-field {date:?}: the column {date:?} keeps the field {:?} (--keep-field {}={}); \
                     name the field that holds the date with --date-field, or keep {:?} under another name",
                    k.field, k.name, k.field, k.field
                )));
            }
            // The date is read from its field wherever it is kept.
            if !kept.iter().any(|k| k.field == *date) {
                add(&mut kept, date, date, "--date-field")?;
            }
        }
        Ok(DocFields { kept, path, group_by, period })
    }

    /// True when documents carry no fields.
    pub fn is_empty(&self) -> bool {
        self.kept.is_empty() && self.path.is_empty()
    }

    /// The added columns of `documents.csv`: record fields, then path fields.
    pub fn columns(&self) -> Vec<String> {
        self.kept.iter().map(|k| k.name.clone()).chain(self.path.iter().map(|p| p.name.clone())).collect()
    }

    /// The groupings of `groups.csv`, in the order of [`Grouper::values`]:
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
            date: self
                .period
                .as_ref()
                .and_then(|(p, d)| self.kept.iter().position(|k| k.field == *d).map(|c| (*p, c))),
            has_period: self.period.is_some(),
            period: String::new(),
            dates: DateTally::default(),
        }
    }
}

/// Documents whose date gave no period, counted by [`Grouper::values`]:
/// those with a date in no form read, a year alone by month, and those
/// with no date at all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DateTally {
    /// Documents whose date field is missing or empty (a document that is
    /// not a record has none). Found by a trial: they were counted under
    /// the empty period in silence.
    pub undated: u64,
    /// Dates in none of the forms read.
    pub unread: u64,
    /// The first of them, as written (at most [`DateTally::EXAMPLE`]
    /// characters).
    pub first_unread: Option<String>,
    /// A year alone (`2019`) by month: in no month.
    pub year_only: u64,
    /// The first of them, as written.
    pub first_year_only: Option<String>,
}

impl DateTally {
    /// The characters of a value kept as an example.
    pub const EXAMPLE: usize = 40;

    fn example(value: &str) -> String {
        let v = value.trim();
        match v.char_indices().nth(Self::EXAMPLE) {
            Some((cut, _)) => format!("{}…", &v[..cut]),
            None => v.to_string(),
        }
    }

    /// The notes for the user (stderr and `run.json`), one sentence each:
    /// `period` by the date field `field`.
    pub fn notes(&self, period: Period, field: &str) -> Vec<String> {
        let mut notes = Vec::new();
        let p = period.name();
        if self.undated > 0 {
            notes.push(format!(
                "--date-field {field:?}: {} document(s) have no date there (the field missing or empty, \
                 or a document that is not a record), so they count under the empty {p} of groups.csv",
                self.undated
            ));
        }
        if let Some(first) = &self.first_year_only {
            notes.push(format!(
                "--period month: {} document(s) have a year but no month in --date-field {field:?} \
                 (first: {first:?}), so they are in no month: they count under the empty month of \
                 groups.csv, with documents without a date (--period year puts them in their year)",
                self.year_only
            ));
        }
        if let Some(first) = &self.first_unread {
            notes.push(format!(
                "--date-field {field:?}: {} document(s) have a date rolecall cannot read (first: {first:?}), \
                 so they count under the empty {p} of groups.csv; rewrite them in a form it reads: \
                 2005-03-01 (ISO 8601, a time may follow), 'Tue, 1 Mar 2005 10:00:00 +0000', \
                 2005/03/01, '1 March 2005', 'March 1, 2005', 'March 2005', 2005-03 or 2005; or name the field \
                 holding the dates with --date-field",
                self.unread
            ));
        }
        notes
    }
}

/// Picks a document's value for each grouping (see [`DocFields::grouper`]).
#[derive(Debug, Clone)]
pub struct Grouper {
    cols: Vec<Option<usize>>,
    date: Option<(Period, usize)>,
    has_period: bool,
    period: String,
    dates: DateTally,
}

impl Grouper {
    /// The documents whose date gave no period, so far.
    pub fn dates(&self) -> &DateTally {
        &self.dates
    }

    /// A document's value for each grouping ([`DocFields::groupings`]
    /// order), from its column values and film decision: `""` for a
    /// missing field, or a date missing, not understood or (by month) a
    /// year alone; all three are counted ([`Grouper::dates`]).
    pub fn values<'a>(&'a mut self, columns: &'a [Option<String>], about_film: bool) -> Vec<&'a str> {
        let value = |c: Option<usize>| c.and_then(|i| columns.get(i)).and_then(|v| v.as_deref());
        self.period.clear();
        if let Some((p, c)) = self.date {
            let date = value(Some(c)).filter(|d| !d.trim().is_empty());
            match date.map(|d| (d, p.read(d))) {
                None => self.dates.undated += 1,
                Some((_, DateRead::Period(found))) => self.period = found,
                Some((d, DateRead::YearOnly)) => {
                    self.dates.year_only += 1;
                    self.dates.first_year_only.get_or_insert_with(|| DateTally::example(d));
                }
                Some((d, DateRead::Unread)) => {
                    self.dates.unread += 1;
                    self.dates.first_unread.get_or_insert_with(|| DateTally::example(d));
                }
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
            ("March 2005", "2005-03"),
            ("Mar 2005", "2005-03"),
            ("March 1 2005", "2005-03"),
            ("Mon, 03 Mar 2005 10:00:00 GMT", "2005-03"),
            ("Mon, 3 Mar 2005", "2005-03"),
            ("Thursday, 3 March 2005", "2005-03"),
            ("Mon,3 Mar 2005", "2005-03"),
        ];
        for (v, want) in cases {
            assert_eq!(Period::Month.of(v).as_deref(), Some(want), "{v}");
            assert_eq!(Period::Year.of(v).as_deref(), Some("2005"), "{v}");
        }
        // Found by a trial: a month and a year were read as a day and a
        // two-digit year ("March 2021" in the year 21).
        for bad in [
            "",
            "yesterday",
            "2005-13",
            "13/13/2005",
            "20050",
            "0000",
            "March 21",
            "March 1, 21",
            "1 March 205",
            "205/03/01",
            "1 March 0205",
            "Mon, yesterday",
            "Mon,",
        ] {
            assert_eq!(Period::Year.of(bad), None, "{bad}");
            assert_eq!(Period::Month.read(bad), DateRead::Unread, "{bad}");
        }
    }

    /// A weekday is read over once: a value of many of them is no date,
    /// and no deep recursion (a review).
    #[test]
    fn many_weekdays_are_no_date() {
        let v = "Mon, ".repeat(100_000) + "3 Mar 2005";
        assert_eq!(Period::Year.of(&v), None);
    }

    /// Regression: by month, a bare year was put in January of that year.
    #[test]
    fn a_year_alone_is_in_its_year_but_in_no_month() {
        assert_eq!(Period::Year.of(" 2005 ").as_deref(), Some("2005"));
        assert_eq!(Period::Month.of(" 2005 "), None);
        assert_eq!(Period::Month.read("2005"), DateRead::YearOnly);
        assert_eq!(Period::Month.read("2005-01"), DateRead::Period("2005-01".into()));
        assert_eq!(Period::Year.read("2005"), DateRead::Period("2005".into()));
    }

    #[test]
    fn dates_that_give_no_period_are_counted_with_the_first() {
        let labels = ["director", "producer", "both", "none"].map(String::from);
        let month = DocFields::new(vec![], vec![], vec![], Some((Period::Month, "date".into())), &labels);
        let mut g = month.unwrap().grouper();
        let long = "x".repeat(100);
        for (date, want) in [
            (Some("2019"), ""),
            (Some("someday"), ""),
            (None, ""),
            (Some("  "), ""),
            (Some("2019-04-02"), "2019-04"),
            (Some("1999"), ""),
            (Some(long.as_str()), ""),
        ] {
            let cols = [date.map(String::from)];
            assert_eq!(g.values(&cols, false), [want, "false"], "{date:?}");
        }
        let t = g.dates().clone();
        assert_eq!((t.year_only, t.first_year_only.as_deref()), (2, Some("2019")));
        assert_eq!((t.unread, t.first_unread.as_deref()), (2, Some("someday")));
        // A field missing (None) or blank: no date, counted too.
        assert_eq!(t.undated, 2);
        let notes = t.notes(Period::Month, "date");
        assert_eq!(notes.len(), 3);
        assert!(
            notes[0].starts_with("--date-field \"date\": 2 document(s) have no date there"),
            "{}",
            notes[0]
        );
        assert!(notes[1].contains("2 document(s) have a year but no month") && notes[1].contains("\"2019\""));
        assert!(notes[2].contains("2 document(s) have a date rolecall cannot read (first: \"someday\")"));
        assert!(notes[2].contains("2005-03-01"), "what to do: {}", notes[2]);
        // By year, a year alone is a year; an example is cut.
        let year = DocFields::new(vec![], vec![], vec![], Some((Period::Year, "date".into())), &labels);
        let mut g = year.unwrap().grouper();
        assert_eq!(g.values(&[Some("2019".into())], true), ["2019", "true"]);
        g.values(&[Some(long.clone())], true);
        assert_eq!(g.dates().year_only, 0);
        assert_eq!(g.dates().first_unread.as_deref(), Some(format!("{}…", &long[..40]).as_str()));
        assert_eq!(DateTally::default().notes(Period::Year, "date"), Vec::<String>::new());
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
        // How many folders each direction has to count.
        assert_eq!((i.folders(1), i.folders(-1)), (2, 5));
        assert_eq!((given.folders(1), given.folders(-1)), (0, 2));
        assert_eq!((input("-", 0).folders(1), input("-", 0).folders(-1)), (0, 0));
        // Regression: the root of an absolute path was counted as a folder,
        // so a note said "3 folder(s) in its path, for top=-3" of a path
        // whose third folder from the end is none.
        let absolute = input("/data/news/1.txt", "/data/news/".len());
        assert_eq!((absolute.folder(-2), absolute.folder(-3)), ("data", ""));
        assert_eq!((absolute.folders(-3), absolute.folders(1)), (2, 0));
        // Regression: the lowest N (`--path-field x=-2147483648`) overflowed
        // when negated (a panic in a debug build).
        assert_eq!((i.folder(i32::MIN), i.folder(i32::MAX)), ("", ""));
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
