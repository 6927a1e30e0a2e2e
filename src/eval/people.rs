//! Measuring who is named ([`crate::people`]) against hand annotations.
//!
//! The gold file is JSON Lines, one sentence per line (the format of
//! `../shared/eval/people_dev.jsonl`): `id`, `source`, `text` and `people`,
//! a list of `{"name", "role"}` (names as written, white space collapsed).
//! A line may give a `ref` (the format of `../shared/eval/README.md`)
//! instead of its `text`, so that a gold file need not copy the corpus;
//! [`fill_people_texts`] then takes the text from the document.
//! Each text is tagged alone (cut into units as `scan` cuts it) and its
//! (name, role) pairs are compared as sets with the gold ones, names as
//! `mentions.csv` writes them: white space collapsed, a one-word mention
//! linked to the full name earlier or later in the text ("directed by
//! Seltzer" after "Aaron Seltzer" is Aaron Seltzer, as the gold copies the
//! first full mention): precision, recall and F1 over all
//! pairs (micro), overall and per `source`.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use crate::error::Error;
use crate::lexicon::Lexicon;
use crate::output::{AtomicFile, csv_bytes};
use crate::people::{People, Scratch};
use crate::tag::Tagger;
use crate::text::normalize::collapse_whitespace_into;

/// A (name, role) pair.
pub type Pair = (String, String);

/// One annotated sentence.
#[derive(Debug, Clone)]
pub struct PeopleRow {
    /// `id`.
    pub id: String,
    /// `source` (the stratum it was drawn from; empty when absent).
    pub source: String,
    /// `text` (empty until [`fill_people_texts`] when the line gave only a `ref`).
    pub text: String,
    /// `ref`, where the line has one.
    pub reference: Option<String>,
    /// The gold pairs.
    pub gold: BTreeSet<Pair>,
}

/// Reads a gold JSON Lines file. Roles are the roles of `lexicon`, matched
/// without regard to case (`"Director"` is `director`) and kept as the
/// lexicon writes them, as found pairs are.
///
/// # Errors
/// The file cannot be read or is not UTF-8 (the message gives the line and
/// byte, the encoding it looks like and how to convert it, as for `eval`'s
/// gold CSV); a line is not a JSON object with a string
/// `text` (or a string `ref`) and a list `people` of objects with string
/// `name` and `role`, or a role is not one of the lexicon's (the error
/// names the line and what to fix). Blank lines are skipped.
pub fn read_people_gold(path: &Path, lexicon: &Lexicon) -> Result<Vec<PeopleRow>, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    // Not read lossily: a Latin-1 name would be compared with U+FFFD in it.
    super::gold::check_utf8(path, &bytes)?;
    let text = std::str::from_utf8(&bytes).unwrap_or_default();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bad = |what: &str| {
            Error::Invalid(format!(
                "{}:{}: {what}; each line must be a JSON object with \"text\" and \"people\": [{{\"name\", \"role\"}}]",
                path.display(),
                i + 1
            ))
        };
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| bad(&format!("not JSON ({e})")))?;
        let reference = v.get("ref").and_then(|r| r.as_str()).map(str::to_string);
        let text = match (v.get("text").and_then(|t| t.as_str()), &reference) {
            (Some(t), _) => t,
            (None, Some(_)) => "",
            (None, None) => return Err(bad("no string \"text\" (nor a \"ref\" to take it from)")),
        };
        let people = v.get("people").and_then(|p| p.as_array()).ok_or_else(|| bad("no list \"people\""))?;
        let mut gold = BTreeSet::new();
        for p in people {
            let name = p
                .get("name")
                .and_then(|n| n.as_str())
                .ok_or_else(|| bad("a person without a string \"name\""))?;
            let role = p
                .get("role")
                .and_then(|n| n.as_str())
                .ok_or_else(|| bad("a person without a string \"role\""))?;
            let role = known_role(role, lexicon).ok_or_else(|| {
                Error::Invalid(format!(
                    "{}:{}: unknown role {role:?} (of {name:?}); the lexicon's roles are {} (case does not matter)",
                    path.display(),
                    i + 1,
                    lexicon.roles().join(", ")
                ))
            })?;
            gold.insert((folded(name), role.to_string()));
        }
        let id = match v.get("id") {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(other) if !other.is_null() => other.to_string(),
            _ => (i + 1).to_string(),
        };
        let source = v.get("source").and_then(|s| s.as_str()).unwrap_or("").to_string();
        rows.push(PeopleRow { id, source, text: text.to_string(), reference, gold });
    }
    Ok(rows)
}

/// Gives every row without a text the text its `ref` points to under the
/// documents' root, white space collapsed. Returns `(id, problem)` for each
/// row whose text could not be found; those keep an empty text.
pub fn fill_people_texts(rows: &mut [PeopleRow], docs: &mut super::Documents) -> Vec<(String, String)> {
    super::documents::fill_from_refs(rows, docs)
}

impl super::documents::RefRow for PeopleRow {
    fn parts(&mut self) -> (&str, Option<&str>, &mut String) {
        (&self.id, self.reference.as_deref(), &mut self.text)
    }
}

/// The lexicon's role named `role`, white space trimmed and case ignored.
fn known_role<'a>(role: &str, lexicon: &'a Lexicon) -> Option<&'a str> {
    let role = role.trim().to_lowercase();
    lexicon.roles().iter().find(|r| r.to_lowercase() == role).map(String::as_str)
}

fn folded(s: &str) -> String {
    let mut out = String::new();
    collapse_whitespace_into(s.trim(), &mut out);
    out
}

/// One sentence, judged.
#[derive(Debug, Clone)]
pub struct PeopleJudged {
    /// The gold row.
    pub row: PeopleRow,
    /// The pairs found, each with its evidence ([`crate::people::Evidence::code`]).
    pub found: Vec<(Pair, String)>,
}

impl PeopleJudged {
    fn found_set(&self) -> BTreeSet<Pair> {
        self.found.iter().map(|(p, _)| p.clone()).collect()
    }
}

/// Counts of pairs: true positives, false positives, false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Found and in the gold.
    pub tp: u64,
    /// Found, not in the gold.
    pub fp: u64,
    /// In the gold, not found.
    pub fn_: u64,
}

impl Counts {
    /// tp / (tp + fp); 1 when nothing was found.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// tp / (tp + fn); 1 when the gold has no pair.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// The harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// Every sentence, judged.
#[derive(Debug, Clone)]
pub struct PeopleEvaluation {
    /// In file order.
    pub rows: Vec<PeopleJudged>,
}

/// Finds the people of each row's text with `tagger`'s lexicon.
pub fn evaluate_people(rows: Vec<PeopleRow>, tagger: &Tagger) -> PeopleEvaluation {
    let lexicon = tagger.lexicon();
    let people = People::new(lexicon);
    let mut scratch = Scratch::default();
    let mut mentions = Vec::new();
    let rows = rows
        .into_iter()
        .map(|row| {
            let doc = tagger.tag_text(&row.text);
            mentions.clear();
            people.find(&row.text, &doc, lexicon, &mut scratch, &mut mentions);
            let mut found: Vec<(Pair, String)> = Vec::new();
            for m in &mentions {
                // The linked name (`mentions.csv`'s `name`): the gold copies
                // the first full mention of a person in the sentence.
                let pair = (folded(&m.name), lexicon.role_name(m.role).to_string());
                if !found.iter().any(|(p, _)| *p == pair) {
                    found.push((pair, m.evidence.code(lexicon)));
                }
            }
            PeopleJudged { row, found }
        })
        .collect();
    PeopleEvaluation { rows }
}

impl PeopleEvaluation {
    /// The counts over the rows whose source is `source` (all with `None`).
    pub fn counts(&self, source: Option<&str>) -> Counts {
        let mut c = Counts::default();
        for j in self.rows.iter().filter(|j| source.is_none_or(|s| j.row.source == s)) {
            let found = j.found_set();
            c.tp += found.intersection(&j.row.gold).count() as u64;
            c.fp += found.difference(&j.row.gold).count() as u64;
            c.fn_ += j.row.gold.difference(&found).count() as u64;
        }
        c
    }

    /// The sources, sorted.
    pub fn sources(&self) -> Vec<String> {
        let s: BTreeSet<&str> = self.rows.iter().map(|j| j.row.source.as_str()).collect();
        s.into_iter().map(String::from).collect()
    }

    /// The figures as a text table: all rows, then each source.
    pub fn table(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "people (name, role) pairs over {} sentence(s)\n{:<16} {:>5} {:>4} {:>4} {:>4} {:>9} {:>6} {:>6}",
            self.rows.len(),
            "source",
            "rows",
            "tp",
            "fp",
            "fn",
            "precision",
            "recall",
            "f1"
        );
        let mut line = |name: &str, source: Option<&str>| {
            let c = self.counts(source);
            let n = self.rows.iter().filter(|j| source.is_none_or(|x| j.row.source == x)).count();
            let _ = writeln!(
                s,
                "{name:<16} {n:>5} {:>4} {:>4} {:>4} {:>9.3} {:>6.3} {:>6.3}",
                c.tp,
                c.fp,
                c.fn_,
                c.precision(),
                c.recall(),
                c.f1()
            );
        };
        line("all", None);
        for src in self.sources() {
            line(&src, Some(&src));
        }
        s
    }
}

/// The files [`write_people_outputs`] writes.
pub const PEOPLE_EVAL_FILES: [&str; 2] = ["people_eval.csv", "people_mistakes.csv"];

/// Writes `people_eval.csv` (`source, rows, tp, fp, fn, precision,
/// recall, f1`; first `all`) and `people_mistakes.csv` (`id, source, kind,
/// name, role, evidence, text`: each pair missed or found wrongly) into
/// `dir` (created), atomically together.
///
/// # Errors
/// The folder or a file cannot be written.
pub fn write_people_outputs(dir: &Path, ev: &PeopleEvaluation) -> Result<(), Error> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut figures = AtomicFile::create(dir, PEOPLE_EVAL_FILES[0])?;
    let mut sources = vec![None];
    let names = ev.sources();
    sources.extend(names.iter().map(|s| Some(s.as_str())));
    figures.write_all(&csv_bytes(|w| {
        w.write_record(["source", "rows", "tp", "fp", "fn", "precision", "recall", "f1"])?;
        for src in sources {
            let c = ev.counts(src);
            let n = ev.rows.iter().filter(|j| src.is_none_or(|x| j.row.source == x)).count();
            w.write_record([
                src.unwrap_or("all").to_string(),
                n.to_string(),
                c.tp.to_string(),
                c.fp.to_string(),
                c.fn_.to_string(),
                format!("{:.6}", c.precision()),
                format!("{:.6}", c.recall()),
                format!("{:.6}", c.f1()),
            ])?;
        }
        Ok(())
    }))?;
    let mut mistakes = AtomicFile::create(dir, PEOPLE_EVAL_FILES[1])?;
    mistakes.write_all(&csv_bytes(|w| {
        w.write_record(["id", "source", "kind", "name", "role", "evidence", "text"])?;
        for j in &ev.rows {
            let found = j.found_set();
            for ((name, role), evidence) in &j.found {
                if !j.row.gold.contains(&(name.clone(), role.clone())) {
                    w.write_record([&j.row.id, &j.row.source, "extra", name, role, evidence, &j.row.text])?;
                }
            }
            for (name, role) in j.row.gold.difference(&found) {
                w.write_record([&j.row.id, &j.row.source, "missed", name, role, "", &j.row.text])?;
            }
        }
        Ok(())
    }))?;
    crate::output::commit_all([figures, mistakes])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: a Latin-1 gold file was read lossily ("Fran\u{FFFD}ois"
    /// compared with the names found); now it is refused with its line and
    /// byte, the encoding it looks like and how to convert it.
    #[test]
    fn a_gold_file_not_in_utf8_is_refused_with_its_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gold.jsonl");
        let good = "{\"id\": \"1\", \"text\": \"Directed by Ann Lee.\", \"people\": []}\n";
        let bad = b"{\"id\": \"2\", \"text\": \"Directed by Fran\xe7ois Ozon.\", \"people\": [{\"name\": \"Fran\xe7ois Ozon\", \"role\": \"director\"}]}\n";
        let mut bytes = good.as_bytes().to_vec();
        bytes.extend_from_slice(bad);
        std::fs::write(&path, &bytes).unwrap();
        let at = good.len() + "{\"id\": \"2\", \"text\": \"Directed by Fran".len();
        let err = read_people_gold(&path, &Lexicon::builtin()).unwrap_err().to_string();
        let shown = path.display();
        assert!(err.starts_with(&format!("{shown}:2: not UTF-8 (byte 0xE7 at byte offset {at})")), "{err}");
        assert!(err.contains("windows-1252 (Latin-1)"), "{err}");
        let utf8 = dir.path().join("gold-utf8.jsonl");
        assert!(
            err.contains(&format!("iconv -f windows-1252 -t UTF-8 {shown} > {}", utf8.display())),
            "{err}"
        );
        // The same file in UTF-8 (with a byte-order mark) is read.
        let fixed = format!("\u{feff}{good}{}", String::from_utf8_lossy(bad).replace('\u{fffd}', "ç"));
        std::fs::write(&path, fixed).unwrap();
        let rows = read_people_gold(&path, &Lexicon::builtin()).unwrap();
        assert_eq!(rows[1].gold.iter().next().map(|p| p.0.as_str()), Some("François Ozon"));
    }
}
