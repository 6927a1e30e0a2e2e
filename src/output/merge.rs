//! The `merge` command: the outputs of several scans ("shards") combined
//! into what one scan over all their inputs would have written.
//!
//! `documents.csv`, `errors.csv` and `sentences.csv` rows are merged in
//! document order: a scan writes documents in path order (folders walked
//! in sorted order), so the shards' rows are merged by their path (compared
//! component by component, as the walk does), each shard's own order kept.
//! `terms.csv`, `summary.csv` and `groups.csv` are sums, with the shares
//! (and intervals) recomputed.
//! Shards must come from the same lexicon and cover different files, each
//! scanned in path order (as a folder, or a sorted list of files).
//!
//! Shards written as Parquet (`--output-format parquet`) are read back as
//! CSV rows ([`crate::output::parquet::ParquetCsv`]) and merged by the
//! same rules into Parquet tables; shards of both formats are refused.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use crate::error::Error;
use crate::output::groups::Groups;
use crate::output::parquet::open_as_csv;
use crate::output::schema::{
    self, CSV_FILES, DOCUMENTS, ERRORS, GROUPS, MATCHES, MENTIONS, PEOPLE, RUN_JSON, SENTENCES, SUMMARY,
    TERMS,
};
use crate::output::table::{OutputFormat, TableFile, read_as_csv};
use crate::output::{self, AtomicFile, RowOptions, RunInfo};
use crate::scan::{prepare_out_dir, same_dir};

/// Merges the scan outputs in `shards` into `out`; returns the figures
/// written to its `run.json`. The folder is locked for the run
/// ([`output::OutLock`]); `cancel` set (by a Ctrl-C handler) stops the
/// merge between files with [`Error::Interrupted`], its temporary files
/// removed and any earlier outputs left whole.
pub fn merge(
    shards: &[PathBuf],
    out: &Path,
    force: bool,
    cancel: Option<&AtomicBool>,
) -> Result<RunInfo, Error> {
    let started = Instant::now();
    if shards.is_empty() {
        return Err(Error::Invalid("merge: no shard folders given".into()));
    }
    for dir in shards {
        if !dir.is_dir() {
            let what = if dir.exists() { "not a folder" } else { "no such folder" };
            return Err(Error::Invalid(format!(
                "{}: {what}; give the output folders of the shards' scans",
                dir.display()
            )));
        }
        // Its format by its sentences table (run.json's is checked below).
        let format = match dir.join(OutputFormat::Parquet.file(SENTENCES)).is_file() {
            true => OutputFormat::Parquet,
            false => OutputFormat::Csv,
        };
        for f in CSV_FILES {
            if !dir.join(format.file(f)).is_file() {
                return Err(Error::Invalid(format!(
                    "{}: not the output of a finished scan (no {})",
                    dir.display(),
                    format.file(f)
                )));
            }
        }
        if same_dir(dir, out) {
            return Err(Error::Invalid(format!("{}: the output folder is also a shard", out.display())));
        }
    }
    // (Before the inputs are compared: a shard given twice would be
    // refused as sharing every input with itself.)
    for (i, dir) in shards.iter().enumerate() {
        if let Some(first) = shards[..i].iter().find(|d| same_dir(d, dir)) {
            let also = if first == dir { String::new() } else { format!(" (as {})", first.display()) };
            return Err(Error::Invalid(format!(
                "{}: this shard is given twice{also}; give each shard once",
                dir.display()
            )));
        }
    }
    // The lexicon and options first (run.json): shards of another lexicon
    // or other options are refused as such, before their rows are compared.
    // Their format too: shards of both formats are refused there.
    let (lexicon, options, runs) = same_scans(shards)?;
    let format = OutputFormat::from_name(&options.output_format).ok_or_else(|| {
        Error::Invalid(format!(
            "{}: output_format {:?} is not one rolecall writes (csv or parquet)",
            shards[0].join(RUN_JSON).display(),
            options.output_format
        ))
    })?;
    for dir in shards {
        for f in CSV_FILES {
            if !dir.join(format.file(f)).is_file() {
                return Err(Error::Invalid(format!(
                    "{}: its run.json says --output-format {} but it has no {}; not the output of a finished scan",
                    dir.display(),
                    format.name(),
                    format.file(f)
                )));
            }
        }
    }
    let _lock = prepare_out_dir(out, force)?;
    let stop = || match cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
        true => Err(Error::Interrupted),
        false => Ok(()),
    };
    let files = |name: &str| -> Vec<PathBuf> { shards.iter().map(|d| d.join(format.file(name))).collect() };

    let terms = sum_terms(&files(TERMS), out, format)?;
    let (summary, totals) = sum_summary(&files(SUMMARY), out, format)?;
    let safe = options.csv_safe;
    stop()?;
    let documents = merge_rows(&files(DOCUMENTS), out, DOCUMENTS, safe, format)?;
    stop()?;
    let sentences = merge_rows(&files(SENTENCES), out, SENTENCES, safe, format)?;
    stop()?;
    let errors = merge_rows(&files(ERRORS), out, ERRORS, safe, format)?;
    stop()?;
    let groups = sum_groups(shards, out, safe, format)?;
    // matches.csv (`scan --matches`): all shards have it, or none.
    let matches_file = format.file(MATCHES);
    let with_matches: Vec<&PathBuf> = shards.iter().filter(|d| d.join(&matches_file).is_file()).collect();
    let matches = match with_matches.len() {
        0 => None,
        n if n == shards.len() => {
            stop()?;
            Some(merge_rows(&files(MATCHES), out, MATCHES, safe, format)?)
        }
        _ => {
            let without = shards.iter().find(|d| !d.join(&matches_file).is_file()).expect("one lacks it");
            return Err(Error::Invalid(format!(
                "{} has {matches_file} but {} has none: scan every shard with --matches, or none",
                with_matches[0].display(),
                without.display()
            )));
        }
    };

    // mentions.csv and people.csv (`scan --people`, recorded in run.json's
    // options, which `same_scans` compared): all shards have them, or none.
    let (mentions, people) = if options.people {
        let (m, p) = (format.file(MENTIONS), format.file(PEOPLE));
        if let Some(d) = shards.iter().find(|d| !d.join(&m).is_file() || !d.join(&p).is_file()) {
            return Err(Error::Invalid(format!(
                "{}: scanned with --people but {m} or {p} is missing: rescan this shard",
                d.display()
            )));
        }
        stop()?;
        let mentions = merge_rows(&files(MENTIONS), out, MENTIONS, safe, format)?;
        (Some(mentions), Some(sum_people(&files(PEOPLE), out, safe, format)?))
    } else {
        (None, None)
    };
    let (people, people_counts) = people.unzip();

    let mut notes = shard_notes(shards, &runs);
    let unknown_rule = "--period month: no shard's run.json records how a date that is a year alone was counted \
                        (scans by an earlier rolecall, which put it in January, as these month groups do); rescan \
                        the shards to count it in no month";
    let month = options.period.as_deref() == Some("month");
    if month && options.period_rule.is_none() && !notes.iter().any(|n| n.ends_with(unknown_rule)) {
        notes.push(unknown_rule.to_string());
    }
    let from_runs = |key: &str| runs.iter().filter_map(|v| v.get(key).and_then(|n| n.as_u64())).sum();
    // A count that only some scans record (by their options, or not at all
    // before a version): summed when every shard has it. When one lacks it
    // (a scan by an earlier rolecall, or without the option) the total is
    // unknown, so it is left out rather than given too low.
    let from_runs_if =
        |key: &str| runs.iter().all(|v| v.get(key).is_some_and(|n| n.is_u64())).then(|| from_runs(key));
    let elapsed = started.elapsed().as_secs_f64();
    let run = RunInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        threads: 1,
        inputs: from_runs("inputs"),
        documents: totals[0],
        documents_skipped: totals[1],
        documents_repaired: from_runs("documents_repaired"),
        bytes: totals[2],
        sentences: totals[3],
        elapsed_seconds: elapsed,
        mb_per_second: if elapsed > 0.0 { totals[2] as f64 / 1e6 / elapsed } else { 0.0 },
        peak_rss_bytes: output::peak_rss_bytes(),
        shards: Some(shards.len()),
        lexicon,
        options,
        notes,
        encoding: shard_encodings(&runs),
        dates_unread: from_runs_if("dates_unread"),
        dates_year_only: from_runs_if("dates_year_only"),
        path_fields_empty: from_runs_if("path_fields_empty"),
        mentions: people_counts.as_ref().map(output::PeopleCounts::mentions),
        people: people_counts.as_ref().map(output::PeopleCounts::pairs),
    };
    let run_json = output::write_run_json(out, &run)?;
    let stale = output::table::stale_outputs(out, format, matches.is_some(), mentions.is_some());
    let files = [sentences, documents, errors, terms, summary, groups].into_iter().chain(matches);
    let files = files.chain(mentions).chain(people);
    output::commit_replacing(files.chain([run_json]), &stale)?;
    Ok(run)
}

/// The lexicon hash and row options of the shards, which must be the same
/// in every shard's `run.json`: an error names the two shards and what
/// differs. An option that a shard's `run.json` does not record
/// ([`output::UNRECORDED`]) is unknown, and differs from no value: each
/// option is compared with the first shard that records it. `--date-field`
/// is compared only between shards with a `--period` (without one it does
/// nothing, and the `--period` differs). With them, each shard's
/// `run.json` as read (for its counts, notes and encoding).
fn same_scans(shards: &[PathBuf]) -> Result<(String, RowOptions, Vec<serde_json::Value>), Error> {
    let mut first: Option<(String, RowOptions)> = None;
    let mut runs = Vec::with_capacity(shards.len());
    // Each shard's rule for a year alone under --period month.
    let mut rules: Vec<Option<String>> = Vec::with_capacity(shards.len());
    // Each option's value in the first shard that records it, and that shard.
    let mut known: HashMap<&'static str, (usize, String)> = HashMap::new();
    // A shard with a --period whose run.json does not record its --date-field.
    let mut date_field_unrecorded = false;
    for (k, dir) in shards.iter().enumerate() {
        let path = dir.join(RUN_JSON);
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        let v: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| {
            Error::Invalid(format!(
                "{}: not a run.json rolecall writes ({e}); rescan this shard",
                path.display()
            ))
        })?;
        let lexicon = v.get("lexicon").and_then(|l| l.as_str()).map(String::from);
        let options = v.get("options").and_then(|o| serde_json::from_value::<RowOptions>(o.clone()).ok());
        runs.push(v);
        let (Some(lexicon), Some(options)) = (lexicon, options) else {
            return Err(Error::Invalid(format!(
                "{}: no lexicon hash or row options (a scan by an earlier rolecall): rescan this shard, so that merge can check that the shards were tagged alike",
                path.display()
            )));
        };
        rules.push(month_rule(&options, &runs[runs.len() - 1]));
        date_field_unrecorded |= options.period.is_some() && options.date_field.is_none();
        if let Some((lex0, _)) = &first {
            if *lex0 != lexicon {
                return Err(Error::Invalid(format!(
                    "{} and {} come from different lexicons ({} vs {}: their terms, kinds, weights, needs/unless rules, context cues or topic words differ); shards must come from scans with the same lexicon",
                    shards[0].join(RUN_JSON).display(),
                    path.display(),
                    short(lex0),
                    short(&lexicon)
                )));
            }
        }
        // (An option left unset is named as such, not as an empty gap.)
        let shown = |v: &str| if v.is_empty() { "(none)" } else { v }.to_string();
        // What differs, with the shard it differs from.
        let mut differ: Vec<(usize, String)> = Vec::new();
        for (name, value) in options.named() {
            if value == output::UNRECORDED || (name == "--date-field" && options.period.is_none()) {
                continue;
            }
            match known.get(name) {
                None => {
                    known.insert(name, (k, value));
                }
                Some((_, was)) if *was == value => {}
                Some((j, was)) => {
                    // (Scans of several text fields before run.json listed
                    // them all recorded only the first.)
                    let first_only = |a: &str, b: &str| !a.contains(',') && b.split(',').next() == Some(a);
                    // The shard that recorded one field of the other's list.
                    let single = if first_only(was, &value) {
                        Some(&shards[*j])
                    } else if first_only(&value, was) {
                        Some(dir)
                    } else {
                        None
                    };
                    let why = match single.filter(|_| name == "--text-field") {
                        Some(d) => format!(
                            " (if {} was scanned with several text fields by an earlier rolecall, which recorded only the first, rescan it)",
                            d.display()
                        ),
                        None => String::new(),
                    };
                    differ.push((*j, format!("{name} {} vs {}{why}", shown(was), shown(&value))))
                }
            }
        }
        if let Some(&(j, _)) = differ.first() {
            let differ: Vec<String> = differ.into_iter().filter(|(i, _)| *i == j).map(|(_, d)| d).collect();
            return Err(Error::Invalid(format!(
                "{} and {} come from scans with different options ({}); shards must come from scans with the same options",
                shards[j].join(RUN_JSON).display(),
                path.display(),
                differ.join(", ")
            )));
        }
        if first.is_none() {
            first = Some((lexicon, options));
        }
    }
    let (lexicon, mut options) = first.expect("one shard at least");
    // --path-field is recorded only when every shard recorded it (an
    // earlier version's shard did not: then it is unknown).
    if runs.iter().any(|v| v.get("options").is_some_and(|o| o.get("path_field").is_none())) {
        options.path_field = None;
    }
    // --date-field likewise, when a shard with a --period did not record it
    // (merged by an earlier rolecall, which drops it).
    if date_field_unrecorded {
        options.date_field = None;
    }
    // (The options are equal by now: --period too.)
    if options.period.as_deref() == Some("month") {
        if let Some(i) = rules.iter().position(|r| *r != rules[0]) {
            let said =
                |i: usize| format!("{}: {}", shards[i].join(RUN_JSON).display(), rule_in_words(&rules[i]));
            let old = if rules[i].is_none() { i } else { 0 };
            return Err(Error::Invalid(format!(
                "{} and {} come from scans with --period month that count a date that is a year alone (2019) \
                 differently ({}; {}), so their month groups cannot be added up; rescan {} with this rolecall",
                shards[0].join(RUN_JSON).display(),
                shards[i].join(RUN_JSON).display(),
                said(0),
                said(i),
                shards[old].display()
            )));
        }
        // Recorded in the merge's run.json, also when it was implied.
        options.period_rule = rules[0].clone();
    }
    Ok((lexicon, options, runs))
}

/// The rule for a date that is a year alone under `--period month` that
/// a shard's `run.json` (`v`, its options `o`) records, or implies: a scan
/// by a version that counted `dates_year_only` (the same change) but did not
/// record the rule follows [`output::MONTH_RULE`]. `None`: no rule known
/// (a scan by an earlier rolecall, which put such a date in January).
fn month_rule(o: &RowOptions, v: &serde_json::Value) -> Option<String> {
    let implied = v.get("dates_year_only").is_some_and(serde_json::Value::is_u64);
    o.period_rule.clone().or_else(|| implied.then(|| output::MONTH_RULE.to_string()))
}

/// A shard's month rule ([`month_rule`]) in words, for a message.
fn rule_in_words(rule: &Option<String>) -> String {
    match rule.as_deref() {
        Some(output::MONTH_RULE) => "in no month (the empty month)".into(),
        Some(other) => format!("by the rule {other:?}, not one this rolecall knows"),
        None => "no rule recorded (a scan by an earlier rolecall, which put it in January)".into(),
    }
}

/// A lexicon hash, shortened for a message.
fn short(hash: &str) -> &str {
    hash.get(..19).unwrap_or(hash)
}

/// Sums the shards' `groups.csv` (see [`Groups::merge_csv`]); the label
/// names come from the first shard's header, which every shard must share;
/// `safe` is the shards' `--csv-safe`.
fn sum_groups(shards: &[PathBuf], out: &Path, safe: bool, format: OutputFormat) -> Result<AtomicFile, Error> {
    let mut labels: Vec<String> = Vec::new();
    let mut groups = Groups::new(Vec::new(), 0);
    for (i, dir) in shards.iter().enumerate() {
        let p = &dir.join(format.file(GROUPS));
        check_whole(p)?;
        let data = read_as_csv(dir, GROUPS, format)?;
        if i == 0 {
            let mut r = csv::ReaderBuilder::new().has_headers(true).from_reader(data.as_slice());
            let h = r.headers().map_err(|e| Error::csv(p, e))?;
            let n = h.len().saturating_sub(4) / 4;
            labels = h.iter().skip(4).take(n).map(String::from).collect();
            groups = Groups::new(Vec::new(), n);
        }
        groups.merge_csv(&data, &labels, safe).map_err(|e| {
            Error::Invalid(format!(
                "{}: {e}; shards must come from scans with the same lexicon and --group-by/--period",
                p.display()
            ))
        })?;
    }
    let mut file = TableFile::create(out, GROUPS, format)?;
    file.write_all(&output::csv_bytes(|w| groups.write_csv(w, &labels, safe)))?;
    file.finish()
}

/// The `notes` of the shards' `run.json` (`runs`, read from `shards`), in
/// shard order, each once, said with the shards it comes from: a note is
/// true of its own shard ("no input is a record file"), and a count in it
/// is that shard's, not the merge's ("shards a, b, each: 1 document(s)
/// have a year but no month" is two documents). A single shard's notes
/// are kept as they are.
fn shard_notes(shards: &[PathBuf], runs: &[serde_json::Value]) -> Vec<String> {
    let of = |v: &serde_json::Value| -> Vec<String> {
        let notes = v.get("notes").and_then(|n| n.as_array());
        notes.into_iter().flatten().filter_map(|n| n.as_str().map(String::from)).collect()
    };
    let each: Vec<Vec<String>> = runs.iter().map(of).collect();
    let mut notes: Vec<String> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for n in each.iter().flatten() {
        if seen.contains(&n.as_str()) {
            continue;
        }
        seen.push(n);
        let from: Vec<String> = each
            .iter()
            .zip(shards)
            .filter(|(e, _)| e.contains(n))
            .map(|(_, d)| d.display().to_string())
            .collect();
        match from.as_slice() {
            _ if runs.len() == 1 => notes.push(n.clone()),
            [one] => notes.push(format!("shard {one}: {n}")),
            many => notes.push(format!("shards {}, each: {n}", many.join(", "))),
        }
    }
    notes
}

/// The shards' `encoding` values (`UTF-8` where absent) of their `run.json`
/// (`runs`), in shard order, each once, joined by `, `; `None` when no
/// shard has one.
fn shard_encodings(runs: &[serde_json::Value]) -> Option<String> {
    let given: Vec<Option<&str>> = runs.iter().map(|v| v.get("encoding").and_then(|e| e.as_str())).collect();
    if given.iter().all(Option::is_none) {
        return None;
    }
    let mut found: Vec<&str> = Vec::new();
    for e in given.into_iter().map(|e| e.unwrap_or("UTF-8")) {
        if !found.contains(&e) {
            found.push(e);
        }
    }
    Some(found.join(", "))
}

/// A shard's table read as CSV rows (a Parquet table rendered as CSV).
type Reader = csv::Reader<Box<dyn std::io::Read>>;

fn reader(path: &Path) -> Result<Reader, Error> {
    Ok(counted_reader(path)?.0)
}

/// [`reader`], with the count of the `"` read so far ([`QuoteCount`]).
fn counted_reader(path: &Path) -> Result<(Reader, std::rc::Rc<std::cell::Cell<u64>>), Error> {
    check_whole(path)?;
    let quotes = std::rc::Rc::new(std::cell::Cell::new(0));
    let input = QuoteCount { inner: open_as_csv(path)?, quotes: std::rc::Rc::clone(&quotes) };
    let r = csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(Box::new(input) as Box<_>);
    Ok((r, quotes))
}

/// Refuses a CSV table that was cut short (a partial copy, a full disk):
/// rolecall writes a header and ends every row with `\r\n`, so the file
/// is empty or does not end with `\r\n`. Its last row could still parse
/// (a text cut before its closing quote) and lose the rest in silence. A
/// Parquet table is checked by its own reader. See also [`QuoteCount`].
fn check_whole(path: &Path) -> Result<(), Error> {
    use std::io::{Read, Seek, SeekFrom};
    if path.extension().is_some_and(|e| e == "parquet") {
        return Ok(());
    }
    let mut f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let len = f.metadata().map_err(|e| Error::io(path, e))?.len();
    let mut tail = [0u8; 2];
    if len >= 2 {
        f.seek(SeekFrom::End(-2)).and_then(|_| f.read_exact(&mut tail)).map_err(|e| Error::io(path, e))?;
    }
    let why = match len {
        0 => "the file is empty (a table has a header at least)",
        _ if tail != *b"\r\n" => "the file ends inside a row (its last bytes are not a line end)",
        _ => return Ok(()),
    };
    Err(cut_short(path, len, why))
}

/// A table's bytes as they are read, counting its `"`: a CSV table
/// whose quotes do not balance was cut inside a quoted field, and may end
/// with `\r\n` and rows that parse when the cut is just after a line break
/// in it (a kept field may hold one; found by a review). Counted as the
/// rows are read, so the file is read once; [`merge_rows`] checks the count
/// after the rows ([`check_row`] names the line of a quote left open
/// inside the file first).
struct QuoteCount<R> {
    inner: R,
    quotes: std::rc::Rc<std::cell::Cell<u64>>,
}

impl<R: std::io::Read> std::io::Read for QuoteCount<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.quotes.set(self.quotes.get() + memchr::memchr_iter(b'"', &buf[..n]).count() as u64);
        Ok(n)
    }
}

fn cut_short(path: &Path, len: u64, why: &str) -> Error {
    Error::Invalid(format!(
        "{} ({len} bytes): {why}: it was cut short, not a whole rolecall table; copy the shard again or rescan it",
        path.display()
    ))
}

fn writer(file: &mut TableFile) -> csv::Writer<&mut TableFile> {
    csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).flexible(true).from_writer(file)
}

/// The header of `path`, which must equal the first shard's.
fn header(
    r: &mut Reader,
    path: &Path,
    first: Option<(&csv::ByteRecord, &Path)>,
) -> Result<csv::ByteRecord, Error> {
    let h = r.byte_headers().map_err(|e| Error::csv(path, e))?.clone();
    if let Some((want, from)) = first {
        if &h != want {
            return Err(Error::Invalid(format!(
                "{}: its columns differ from {}'s; shards must come from scans with the same lexicon \
                 and the same options that shape rows (--text-field, --keep-field, --path-field, --group-by, --offsets)",
                path.display(),
                from.display()
            )));
        }
    }
    Ok(h)
}

/// Where column `name` is in `header` (of the file at `path`).
fn column(header: &csv::ByteRecord, name: &str, path: &Path) -> Result<usize, Error> {
    header.iter().position(|c| c == name.as_bytes()).ok_or_else(|| {
        Error::Invalid(format!("{}: no column {name:?}; not the output of a rolecall scan", path.display()))
    })
}

/// The order key of a row: the path of its first field (a document id, or
/// the path of a problem), escapes decoded ([`crate::input::id::split`]),
/// so rows sort as the scan walked their files. A file's records are in
/// one shard, in its order: their record ids are never compared.
/// With `safe` (`--csv-safe` shards) the `'` written before a formula-like
/// id is not part of it.
fn key(row: &csv::ByteRecord, safe: bool) -> PathBuf {
    let first = String::from_utf8_lossy(row.get(0).unwrap_or_default());
    let id = match first.strip_prefix('\'') {
        Some(rest) if safe && output::rows::formula_like(rest) => rest,
        _ => &first,
    };
    crate::input::id::split(id).0
}

/// Where a row is, for a message: `PATH:LINE` of a CSV file, `PATH: row N`
/// of a Parquet table (N counted from 1, the header not counted).
fn place(row: &csv::ByteRecord, path: &Path) -> String {
    if path.extension().is_some_and(|e| e == "parquet") {
        let n = row.position().map_or(0, |p| p.record());
        return format!("{}: row {n}", path.display());
    }
    format!("{}:{}", path.display(), line_of(row, path))
}

/// The line a row starts on. The csv crate counts a CRLF line end's `\n` as
/// the start of the next row, one line early for files with CRLF line
/// ends (as rolecall writes them); the file's first line end tells.
fn line_of(row: &csv::ByteRecord, path: &Path) -> u64 {
    use std::io::Read;
    let line = row.position().map_or(0, |p| p.line());
    let mut head = Vec::new();
    let crlf = std::fs::File::open(path)
        .and_then(|f| f.take(1 << 16).read_to_end(&mut head))
        .is_ok_and(|_| head.iter().position(|&b| b == b'\n').is_some_and(|i| i > 0 && head[i - 1] == b'\r'));
    line + u64::from(crlf)
}

/// What a column of a shard's CSV may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cell {
    /// Anything (ids, paths, lexicon terms, kept fields).
    Free,
    /// Text without a line break (rolecall never writes one there).
    OneLine,
    /// A whole number.
    Count,
    /// `true` or `false`.
    Flag,
}

/// The kind of each column of `header`, in the file `name`.
fn cell_kinds(header: &csv::ByteRecord, name: &str) -> Vec<Cell> {
    // documents.csv: the kept fields come after film_signals.
    let kept_from = header.iter().position(|c| c == b"film_signals").filter(|_| name == DOCUMENTS);
    header
        .iter()
        .enumerate()
        .map(|(i, c)| match c {
            b"doc" | b"path" | b"role" | b"kind" | b"term" => Cell::Free,
            b"label" | b"terms" | b"statuses" | b"status" | b"text" | b"problem" => Cell::OneLine,
            b"name" | b"evidence" => Cell::OneLine,
            b"cue" | b"weight" | b"field" => Cell::Free,
            b"about_film" if name == DOCUMENTS => Cell::Flag,
            _ if kept_from.is_some_and(|f| i > f) => Cell::Free,
            _ => Cell::Count,
        })
        .collect()
}

/// Refuses a row that rolecall does not write: a field count other than
/// the header's, a count column that is not a whole number (a negative
/// one included), a start after its end, or a line break in a column that
/// never holds one (what an unbalanced quote swallows). `kinds` are the
/// columns' ([`cell_kinds`]), `name` the file's name, `path` the shard's file.
fn check_row(
    row: &csv::ByteRecord,
    header: &csv::ByteRecord,
    kinds: &[Cell],
    name: &str,
    path: &Path,
) -> Result<(), Error> {
    let bad = |what: String| {
        Error::Invalid(format!(
            "{}: {what}; not a row of a rolecall {name} (the shard is damaged or was edited): rescan it",
            place(row, path)
        ))
    };
    if row.len() != header.len() {
        return Err(bad(format!("{} fields, the header has {}", row.len(), header.len())));
    }
    let mut start = None;
    for ((col, value), kind) in header.iter().zip(row.iter()).zip(kinds) {
        let said = || (String::from_utf8_lossy(col), String::from_utf8_lossy(value));
        match kind {
            Cell::Free => {}
            Cell::OneLine => {
                if value.contains(&b'\n') || value.contains(&b'\r') {
                    let (col, _) = said();
                    return Err(bad(format!("a line break in column {col} (an unbalanced quote?)")));
                }
            }
            Cell::Flag => {
                if value != b"true" && value != b"false" {
                    let (col, v) = said();
                    return Err(bad(format!("column {col} is {v:?}, not true or false")));
                }
            }
            Cell::Count => {
                let n: u64 =
                    std::str::from_utf8(value).ok().and_then(|v| v.parse().ok()).ok_or_else(|| {
                        let (col, v) = said();
                        bad(format!("column {col} is {v:?}, not a count"))
                    })?;
                match col {
                    b"start" => start = Some(n),
                    b"end" if start.is_some_and(|s| s > n) => {
                        return Err(bad(format!("start {} after end {n}", start.unwrap_or_default())));
                    }
                    _ => {}
                }
            }
        }
    }
    Ok(())
}

/// Merges the rows of `paths` (one per shard) into `out/name` by [`key`].
/// For `documents.csv`, a document found in two shards (the same input
/// scanned twice: the totals would count it twice) is an error naming it.
/// Every row is checked ([`check_row`]); `safe` is the shards' `--csv-safe`.
fn merge_rows(
    paths: &[PathBuf],
    out: &Path,
    name: &'static str,
    safe: bool,
    format: OutputFormat,
) -> Result<AtomicFile, Error> {
    let mut file = TableFile::create(out, name, format)?;
    let mut readers = Vec::with_capacity(paths.len());
    let mut quotes = Vec::with_capacity(paths.len());
    let mut head = None;
    for p in paths {
        let (mut r, q) = counted_reader(p)?;
        let h = header(&mut r, p, head.as_ref().map(|h| (h, paths[0].as_path())))?;
        head.get_or_insert(h);
        readers.push(r);
        quotes.push(q);
    }
    let write_err = |e: csv::Error| Error::csv(out.join(name), e);
    let header = head.as_ref().expect("one shard at least");
    let kinds = cell_kinds(header, name);
    {
        let mut w = writer(&mut file);
        w.write_byte_record(header).map_err(write_err)?;
        let mut rows: Vec<csv::ByteRecord> = vec![csv::ByteRecord::new(); readers.len()];
        let mut heap = BinaryHeap::new();
        let mut next =
            |i: usize, rows: &mut Vec<csv::ByteRecord>, heap: &mut BinaryHeap<Reverse<(PathBuf, usize)>>| {
                match readers[i].read_byte_record(&mut rows[i]) {
                    Ok(true) => {
                        check_row(&rows[i], header, &kinds, name, &paths[i])?;
                        heap.push(Reverse((key(&rows[i], safe), i)));
                        Ok(())
                    }
                    Ok(false) => Ok(()),
                    Err(e) => Err(Error::csv(&paths[i], e)),
                }
            };
        for i in 0..paths.len() {
            next(i, &mut rows, &mut heap)?;
        }
        // An input in two shards would be counted twice. Rows come out
        // by input (a record file's rows all from one shard, then the next
        // shard's), so an input that two shards hold shows as the same key
        // from two shards one after the other: compared by input, not by
        // the whole id, or a record file's last record in one shard and
        // first in the other ("f#w299", "f#w0") would pass.
        let unique = name == DOCUMENTS;
        let mut last: Option<(PathBuf, usize)> = None;
        while let Some(Reverse((k, i))) = heap.pop() {
            if let Some((input, shard)) = last.as_ref().filter(|(_, s)| unique && *s != i) {
                if *input == k {
                    return Err(Error::Invalid(format!(
                        "input {} is in two shards ({} and {}): shards must cover different inputs",
                        input.display(),
                        paths[*shard].display(),
                        paths[i].display()
                    )));
                }
            }
            w.write_byte_record(&rows[i]).map_err(write_err)?;
            if unique {
                last = Some((k, i));
            }
            next(i, &mut rows, &mut heap)?;
        }
        // Every reader is at its end: a table whose quotes do not balance
        // was cut inside a quoted field ([`QuoteCount`]).
        for ((p, q), r) in paths.iter().zip(&quotes).zip(&readers) {
            if q.get() % 2 == 1 {
                let len = r.position().byte();
                return Err(cut_short(
                    p,
                    len,
                    "the file ends inside a quoted field (its quotes are unbalanced)",
                ));
            }
        }
        w.flush().map_err(|e| Error::io(out.join(name), e))?;
    }
    file.finish()
}

/// Adds up `people.csv`: the counts of each (name, role) summed over the
/// shards, rows ordered as a scan orders them; with the counts written.
fn sum_people(
    paths: &[PathBuf],
    out: &Path,
    safe: bool,
    format: OutputFormat,
) -> Result<(AtomicFile, output::PeopleCounts), Error> {
    let mut people = output::PeopleCounts::default();
    let mut head = None;
    for p in paths {
        let mut r = reader(p)?;
        let h = header(&mut r, p, head.as_ref().map(|h| (h, paths[0].as_path())))?;
        let [name, role, mentions, docs] = schema::PEOPLE_HEADER.map(|c| column(&h, c, p));
        let (name, role, mentions, docs) = (name?, role?, mentions?, docs?);
        let h = head.get_or_insert(h);
        let kinds = cell_kinds(h, PEOPLE);
        for rec in r.records() {
            let rec = rec.map_err(|e| Error::csv(p, e))?;
            check_row(rec.as_byte_record(), h, &kinds, PEOPLE, p)?;
            let count = |c: usize| rec.get(c).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
            people.add_counts(
                rec.get(name).unwrap_or(""),
                rec.get(role).unwrap_or(""),
                count(mentions),
                count(docs),
            );
        }
    }
    Ok((output::write_people(out, &people, safe, format)?, people))
}

/// Adds up `terms.csv`: the same terms in the same order in every shard.
fn sum_terms(paths: &[PathBuf], out: &Path, format: OutputFormat) -> Result<AtomicFile, Error> {
    let mut rows: Vec<csv::StringRecord> = Vec::new();
    let mut sums: Vec<[u64; 2]> = Vec::new();
    let mut head = None;
    for (s, p) in paths.iter().enumerate() {
        let mut r = reader(p)?;
        let h = header(&mut r, p, head.as_ref().map(|h| (h, paths[0].as_path())))?;
        let [role, kind, term, hits_at, docs_at] = schema::TERMS_HEADER.map(|c| column(&h, c, p));
        let (key, hits_at, docs_at) = ([role?, kind?, term?], hits_at?, docs_at?);
        let h = head.get_or_insert(h);
        let kinds = cell_kinds(h, TERMS);
        let mut n = 0;
        for rec in r.records() {
            let rec = rec.map_err(|e| Error::csv(p, e))?;
            check_row(rec.as_byte_record(), h, &kinds, TERMS, p)?;
            let bad = || Error::Invalid(format!("{}: row {} is not a {TERMS} row", p.display(), n + 2));
            let hits: u64 = rec.get(hits_at).and_then(|v| v.parse().ok()).ok_or_else(bad)?;
            let docs: u64 = rec.get(docs_at).and_then(|v| v.parse().ok()).ok_or_else(bad)?;
            if s == 0 {
                rows.push(rec);
                sums.push([hits, docs]);
            } else {
                let same = rows.get(n).is_some_and(|first| key.iter().all(|&c| first.get(c) == rec.get(c)));
                if !same {
                    return Err(Error::Invalid(format!(
                        "{}: row {} is not the same term as in {}; shards must come from scans with the same lexicon",
                        p.display(),
                        n + 2,
                        paths[0].display()
                    )));
                }
                sums[n][0] += hits;
                sums[n][1] += docs;
            }
            n += 1;
        }
        if n != rows.len() {
            return Err(Error::Invalid(format!(
                "{}: {n} terms, {} has {}; shards must come from scans with the same lexicon",
                p.display(),
                paths[0].display(),
                rows.len()
            )));
        }
    }
    let head = head.expect("one shard at least");
    let (hits_at, docs_at) = (column(&head, "hits", &paths[0])?, column(&head, "documents", &paths[0])?);
    let mut file = TableFile::create(out, TERMS, format)?;
    {
        let mut w = writer(&mut file);
        let err = |e| Error::csv(out.join(TERMS), e);
        w.write_byte_record(&head).map_err(err)?;
        for (row, [hits, docs]) in rows.iter().zip(&sums) {
            let (hits, docs) = (hits.to_string(), docs.to_string());
            let fields = row.iter().enumerate().map(|(c, v)| match c {
                c if c == hits_at => hits.as_str(),
                c if c == docs_at => docs.as_str(),
                _ => v,
            });
            w.write_record(fields).map_err(err)?;
        }
        w.flush().map_err(|e| Error::io(out.join(TERMS), e))?;
    }
    file.finish()
}

/// Adds up `summary.csv` (counts summed, shares recomputed); returns the
/// file and the sums of [`schema::SUMMARY_COUNTS`] (documents, skipped,
/// bytes, sentences). Count columns are those not named `…_share`; each
/// share is its label's count over `sentences`, empty when that is 0.
/// The shards' share cells are not read (empty ones included).
fn sum_summary(paths: &[PathBuf], out: &Path, format: OutputFormat) -> Result<(AtomicFile, [u64; 4]), Error> {
    let mut head: Option<csv::ByteRecord> = None;
    let mut sums: Vec<u64> = Vec::new();
    for p in paths {
        let mut r = reader(p)?;
        let h = header(&mut r, p, head.as_ref().map(|h| (h, paths[0].as_path())))?;
        for c in schema::SUMMARY_COUNTS {
            column(&h, c, p)?;
        }
        let counts = h.iter().take_while(|c| !c.ends_with(schema::SHARE_SUFFIX.as_bytes())).count();
        head.get_or_insert(h);
        let rec = r
            .records()
            .next()
            .ok_or_else(|| Error::Invalid(format!("{}: no summary row", p.display())))?
            .map_err(|e| Error::csv(p, e))?;
        let columns = head.as_ref().map_or(0, |h| h.len());
        if rec.len() != columns {
            return Err(Error::Invalid(format!(
                "{}:2: {} fields, the header has {columns}; not a row of a rolecall {SUMMARY} (the shard is damaged or was edited): rescan it",
                p.display(),
                rec.len(),
            )));
        }
        sums.resize(counts, 0);
        for (c, sum) in sums.iter_mut().enumerate() {
            let v: u64 = rec.get(c).and_then(|v| v.parse().ok()).ok_or_else(|| {
                Error::Invalid(format!("{}: column {} of the summary row is not a count", p.display(), c + 1))
            })?;
            *sum += v;
        }
    }
    let head = head.expect("one shard at least");
    let first = &paths[0];
    let [documents, skipped, bytes, units] = schema::SUMMARY_COUNTS.map(|c| column(&head, c, first));
    let [documents, skipped, bytes, units] = [sums[documents?], sums[skipped?], sums[bytes?], sums[units?]];
    let mut row: Vec<String> = sums.iter().map(u64::to_string).collect();
    for name in head.iter().skip(sums.len()) {
        let label = name.strip_suffix(schema::SHARE_SUFFIX.as_bytes()).unwrap_or(name);
        let n = sums[column(&head, &String::from_utf8_lossy(label), first)?];
        // No units: no share, an empty cell (as a scan writes it).
        row.push(if units == 0 { String::new() } else { format!("{:.6}", n as f64 / units as f64) });
    }
    let mut file = TableFile::create(out, SUMMARY, format)?;
    {
        let mut w = writer(&mut file);
        let err = |e| Error::csv(out.join(SUMMARY), e);
        w.write_byte_record(&head).map_err(err)?;
        w.write_record(&row).map_err(err)?;
        w.flush().map_err(|e| Error::io(out.join(SUMMARY), e))?;
    }
    Ok((file.finish()?, [documents, skipped, bytes, units]))
}
