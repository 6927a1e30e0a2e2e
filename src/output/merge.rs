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

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use crate::error::Error;
use crate::output::groups::Groups;
use crate::output::schema::{
    self, CSV_FILES, DOCUMENTS, ERRORS, GROUPS, RUN_JSON, SENTENCES, SUMMARY, TERMS,
};
use crate::output::{self, AtomicFile, RunInfo};
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
        for f in CSV_FILES {
            if !dir.join(f).is_file() {
                return Err(Error::Invalid(format!(
                    "{}: not the output of a finished scan (no {f})",
                    dir.display()
                )));
            }
        }
        if same_dir(dir, out) {
            return Err(Error::Invalid(format!("{}: the output folder is also a shard", out.display())));
        }
    }
    let _lock = prepare_out_dir(out, force)?;
    let stop = || match cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
        true => Err(Error::Interrupted),
        false => Ok(()),
    };
    let files = |name: &str| -> Vec<PathBuf> { shards.iter().map(|d| d.join(name)).collect() };

    // The lexicon check (terms.csv) first: shards of another lexicon are
    // refused as such, before their rows are compared.
    let terms = sum_terms(&files(TERMS), out)?;
    let (summary, totals) = sum_summary(&files(SUMMARY), out)?;
    stop()?;
    let documents = merge_rows(&files(DOCUMENTS), out, DOCUMENTS)?;
    stop()?;
    let sentences = merge_rows(&files(SENTENCES), out, SENTENCES)?;
    stop()?;
    let errors = merge_rows(&files(ERRORS), out, ERRORS)?;
    stop()?;
    let groups = sum_groups(&files(GROUPS), out)?;

    let from_runs = |key: &str| shards.iter().map(|d| run_json_count(&d.join(RUN_JSON), key)).sum();
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
    };
    let run_json = output::write_run_json(out, &run)?;
    output::commit_all([sentences, documents, errors, terms, summary, groups, run_json])?;
    Ok(run)
}

/// Sums the shards' `groups.csv` (see [`Groups::merge_csv`]); the label
/// names come from the first shard's header, which every shard must share.
fn sum_groups(paths: &[PathBuf], out: &Path) -> Result<AtomicFile, Error> {
    let mut labels: Vec<String> = Vec::new();
    let mut groups = Groups::new(Vec::new(), 0);
    for (i, p) in paths.iter().enumerate() {
        let data = std::fs::read(p).map_err(|e| Error::io(p, e))?;
        if i == 0 {
            let mut r = csv::ReaderBuilder::new().has_headers(true).from_reader(data.as_slice());
            let h = r.headers().map_err(|e| Error::csv(p, e))?;
            let n = h.len().saturating_sub(4) / 4;
            labels = h.iter().skip(4).take(n).map(String::from).collect();
            groups = Groups::new(Vec::new(), n);
        }
        groups.merge_csv(&data, &labels).map_err(|e| {
            Error::Invalid(format!(
                "{}: {e}; shards must come from scans with the same lexicon and --group-by/--period",
                p.display()
            ))
        })?;
    }
    let mut file = AtomicFile::create(out, GROUPS)?;
    file.write_all(&output::csv_bytes(|w| groups.write_csv(w, &labels)))?;
    Ok(file)
}

/// A count from a shard's run.json (0 when absent).
fn run_json_count(path: &Path, key: &str) -> u64 {
    std::fs::read(path)
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .and_then(|v| v.get(key).and_then(|n| n.as_u64()))
        .unwrap_or(0)
}

fn reader(path: &Path) -> Result<csv::Reader<std::fs::File>, Error> {
    let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    Ok(csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(f))
}

fn writer(file: &mut AtomicFile) -> csv::Writer<&mut AtomicFile> {
    csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).flexible(true).from_writer(file)
}

/// The header of `path`, which must equal the first shard's.
fn header(
    r: &mut csv::Reader<std::fs::File>,
    path: &Path,
    first: Option<(&csv::ByteRecord, &Path)>,
) -> Result<csv::ByteRecord, Error> {
    let h = r.byte_headers().map_err(|e| Error::csv(path, e))?.clone();
    if let Some((want, from)) = first {
        if &h != want {
            return Err(Error::Invalid(format!(
                "{}: its columns differ from {}'s; shards must come from scans with the same lexicon \
                 and the same --keep-field/--path-field options",
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

/// The order key of a row: its first field (document id or path) as a path.
fn key(row: &csv::ByteRecord) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(row.get(0).unwrap_or_default()).into_owned())
}

/// Merges the rows of `paths` (one per shard) into `out/name` by [`key`].
/// For `documents.csv`, a document found in two shards (the same input
/// scanned twice: the totals would count it twice) is an error naming it.
fn merge_rows(paths: &[PathBuf], out: &Path, name: &str) -> Result<AtomicFile, Error> {
    let mut file = AtomicFile::create(out, name)?;
    let mut readers = Vec::with_capacity(paths.len());
    let mut head = None;
    for p in paths {
        let mut r = reader(p)?;
        let h = header(&mut r, p, head.as_ref().map(|h| (h, paths[0].as_path())))?;
        head.get_or_insert(h);
        readers.push(r);
    }
    let write_err = |e: csv::Error| Error::csv(out.join(name), e);
    {
        let mut w = writer(&mut file);
        w.write_byte_record(head.as_ref().expect("one shard at least")).map_err(write_err)?;
        let mut rows: Vec<csv::ByteRecord> = vec![csv::ByteRecord::new(); readers.len()];
        let mut heap = BinaryHeap::new();
        let mut next =
            |i: usize, rows: &mut Vec<csv::ByteRecord>, heap: &mut BinaryHeap<Reverse<(PathBuf, usize)>>| {
                match readers[i].read_byte_record(&mut rows[i]) {
                    Ok(true) => {
                        heap.push(Reverse((key(&rows[i]), i)));
                        Ok(())
                    }
                    Ok(false) => Ok(()),
                    Err(e) => Err(Error::csv(&paths[i], e)),
                }
            };
        for i in 0..paths.len() {
            next(i, &mut rows, &mut heap)?;
        }
        let unique = name == DOCUMENTS;
        let mut last: Option<(csv::ByteRecord, usize)> = None;
        while let Some(Reverse((_, i))) = heap.pop() {
            if let Some((doc, shard)) = last.as_ref().filter(|(_, s)| unique && *s != i) {
                if doc.get(0) == rows[i].get(0) {
                    return Err(Error::Invalid(format!(
                        "document {} is in two shards ({} and {}): shards must cover different inputs",
                        String::from_utf8_lossy(doc.get(0).unwrap_or_default()),
                        paths[*shard].display(),
                        paths[i].display()
                    )));
                }
            }
            w.write_byte_record(&rows[i]).map_err(write_err)?;
            if unique {
                last = Some((rows[i].clone(), i));
            }
            next(i, &mut rows, &mut heap)?;
        }
        w.flush().map_err(|e| Error::io(out.join(name), e))?;
    }
    Ok(file)
}

/// Adds up `terms.csv`: the same terms in the same order in every shard.
fn sum_terms(paths: &[PathBuf], out: &Path) -> Result<AtomicFile, Error> {
    let mut rows: Vec<csv::StringRecord> = Vec::new();
    let mut sums: Vec<[u64; 2]> = Vec::new();
    let mut head = None;
    for (s, p) in paths.iter().enumerate() {
        let mut r = reader(p)?;
        let h = header(&mut r, p, head.as_ref().map(|h| (h, paths[0].as_path())))?;
        let [role, kind, term, hits_at, docs_at] = schema::TERMS_HEADER.map(|c| column(&h, c, p));
        let (key, hits_at, docs_at) = ([role?, kind?, term?], hits_at?, docs_at?);
        head.get_or_insert(h);
        let mut n = 0;
        for rec in r.records() {
            let rec = rec.map_err(|e| Error::csv(p, e))?;
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
    let mut file = AtomicFile::create(out, TERMS)?;
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
    Ok(file)
}

/// Adds up `summary.csv` (counts summed, shares recomputed); returns the
/// file and the sums of [`schema::SUMMARY_COUNTS`] (documents, skipped,
/// bytes, sentences). Count columns are those not named `…_share`; each
/// share is its label's count over `sentences`.
fn sum_summary(paths: &[PathBuf], out: &Path) -> Result<(AtomicFile, [u64; 4]), Error> {
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
        row.push(format!("{:.6}", if units == 0 { 0.0 } else { n as f64 / units as f64 }));
    }
    let mut file = AtomicFile::create(out, SUMMARY)?;
    {
        let mut w = writer(&mut file);
        let err = |e| Error::csv(out.join(SUMMARY), e);
        w.write_byte_record(&head).map_err(err)?;
        w.write_record(&row).map_err(err)?;
        w.flush().map_err(|e| Error::io(out.join(SUMMARY), e))?;
    }
    Ok((file, [documents, skipped, bytes, units]))
}
