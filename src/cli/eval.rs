//! `rolecall eval`: the tags measured against hand labels, each row alone
//! and, with `--data`, inside its source document.

use std::path::PathBuf;

use rolecall::eval;
use rolecall::text::segment::UnitMode;
use rolecall::{Error, Tagger};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The gold CSV file.
    #[arg(value_name = "GOLD.csv")]
    gold: PathBuf,
    /// Column holding the text.
    #[arg(long, default_value = "text")]
    text_column: String,
    /// Column holding the hand label.
    #[arg(long, default_value = "label")]
    label_column: String,
    /// Folder for eval.csv, mistakes.csv and predictions.csv.
    #[arg(short, long, alias = "output", value_name = "DIR", default_value = "rolecall-eval")]
    out: PathBuf,
    /// Folder of lexicon CSVs replacing the built-in ones.
    #[arg(short, long, value_name = "DIR")]
    lexicons: Option<PathBuf>,
    /// Exit with 1 when macro-F1 is below this (each view): a number from 0 to 1.
    #[arg(long, value_name = "X", value_parser = super::zero_to_one, allow_negative_numbers = true)]
    min_macro_f1: Option<f64>,
    /// Replace the outputs of an earlier eval in --out.
    #[arg(long)]
    force: bool,
    /// Also tag each row inside its source document, found through the
    /// file's `ref` column under this folder (e.g. ../shared/data).
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
    /// Film topic threshold (for cross-validating it; see the topic module).
    #[arg(long, value_name = "X", default_value_t = rolecall::tag::topic::TOPIC_THRESHOLD, allow_negative_numbers = true)]
    topic_threshold: f32,
    /// Sense threshold: the document film topic score below which a word of
    /// business or industry sense is read in that sense (for
    /// cross-validating it; -1000 turns the rule off; see the topic module).
    #[arg(long, value_name = "X", default_value_t = rolecall::tag::topic::SENSE_THRESHOLD, allow_negative_numbers = true)]
    sense_threshold: f32,
}

pub fn run(args: Args) -> Result<u8, Error> {
    let mut out = super::stdio::Data::open("eval")?;
    let tagger = Tagger::new(super::load_lexicon(args.lexicons.as_ref())?, UnitMode::Sentence)?
        .with_topic_threshold(args.topic_threshold)
        .with_sense_threshold(args.sense_threshold);
    let cols = eval::GoldColumns { text: args.text_column.clone(), label: args.label_column.clone() };
    for (option, x) in
        [("--topic-threshold", args.topic_threshold), ("--sense-threshold", args.sense_threshold)]
    {
        if !x.is_finite() {
            return Err(Error::Invalid(format!("{option}: {x} is not a finite number")));
        }
    }
    super::check_out_dir("-o/--out", &args.out)?;
    // (Before the rows are read: rows without text take it from here.)
    if let Some(dir) = args.data.as_ref().filter(|d| !d.is_dir()) {
        return Err(Error::Invalid(format!("--data {}: not a folder", dir.display())));
    }
    let rows = gold_rows(&args, &cols, &tagger)?;
    let in_doc = match &args.data {
        None => None,
        Some(dir) => {
            if rows.iter().all(|r| r.reference.is_none()) {
                return Err(Error::Invalid(format!(
                    "--data given, but {} has no `ref` column (or it is empty): rows cannot be placed in documents",
                    args.gold.display()
                )));
            }
            let mut docs = eval::Documents::new(dir);
            let ev = eval::evaluate_in_documents(rows.clone(), &tagger, &mut docs);
            if let (true, Some((id, problem))) = (ev.rows.is_empty(), ev.left_out.first()) {
                return Err(Error::Invalid(format!(
                    "--data {}: no row's ref leads to a document under it (first: row {id}: {problem}); give the folder the refs are relative to (for ../shared/eval, ../shared/data)",
                    dir.display()
                )));
            }
            Some(ev)
        }
    };
    // Inputs checked, outputs next: an earlier eval is kept unless --force.
    let earlier: Vec<&str> = eval::EVAL_FILES.into_iter().filter(|f| args.out.join(f).exists()).collect();
    if !earlier.is_empty() && !args.force {
        return Err(Error::OutputExists { dir: args.out.clone(), files: earlier.join(", ") });
    }
    let alone = eval::evaluate(rows, &tagger);
    out.print(&alone.table())?;
    let mut evs = vec![&alone];
    if let Some(d) = &in_doc {
        out.print(&format!("\n{}", d.table()))?;
        for (id, problem) in &d.left_out {
            super::stdio::say!(
                "rolecall: {}: row {id} left out of the in-document view: {problem}",
                args.gold.display()
            );
        }
        if !d.text_differs.is_empty() {
            super::stdio::say!(
                "rolecall: {}: {} row(s) differ from their ref's text (first: {})",
                args.gold.display(),
                d.text_differs.len(),
                d.text_differs[0]
            );
        }
        if !d.partial.is_empty() {
            super::stdio::say!(
                "rolecall: {}: {} row(s) are part of a unit, judged by the matches inside them (first: {})",
                args.gold.display(),
                d.partial.len(),
                d.partial[0]
            );
        }
        evs.push(d);
    }
    if let Some(table) = eval::source_table(&alone, in_doc.as_ref()) {
        out.print(&format!("\n{table}"))?;
    }
    eval::write_outputs(&args.out, &evs, &tagger)?;
    if out.gone() {
        super::stdio::say!(
            "rolecall: note: standard output's reader went away before the tables were printed; {} was written",
            args.out.display()
        );
    }
    let mut code = 0;
    for ev in &evs {
        let f1 = ev.macro_f1();
        if let Some(min) = args.min_macro_f1.filter(|&m| f1 < m) {
            super::stdio::say!(
                "rolecall: macro-F1 {f1:.3} ({}) is below --min-macro-f1 {min}",
                ev.view.name()
            );
            code = 1;
        }
    }
    Ok(code)
}

/// A gold row as a message names it: `id "7"` from an `id` column, else
/// the `line N` that [`eval::read_gold`] gives as its id.
fn row_name(id: &str, columns: &[String]) -> String {
    match columns.iter().any(|c| c == "id") {
        true => format!("id {id:?}"),
        false => id.to_string(),
    }
}

/// The gold rows, their texts taken from their refs under `--data` where
/// the file has none.
fn gold_rows(args: &Args, cols: &eval::GoldColumns, tagger: &Tagger) -> Result<Vec<eval::GoldRow>, Error> {
    let mut rows = eval::read_gold(&args.gold, cols, tagger)?;
    if rows.is_empty() {
        return Err(Error::Invalid(format!("{}: no rows to measure", args.gold.display())));
    }
    if rows.iter().any(|r| r.text.is_empty()) {
        let Some(dir) = &args.data else {
            let columns = eval::gold_header(&args.gold)?;
            if !columns.contains(&cols.text) {
                return Err(Error::Invalid(format!(
                    "{}:1: no column {:?} in the header (its columns: {}); give --data DIR to take the texts \
                     from the rows' refs, or --text-column with the column that holds the text",
                    args.gold.display(),
                    cols.text,
                    columns.join(", ")
                )));
            }
            let empty: Vec<&eval::GoldRow> = rows.iter().filter(|r| r.text.is_empty()).collect();
            let what = if columns.iter().any(|c| c == "ref") {
                "give --data DIR to take their texts from their refs"
            } else {
                "fill them in or leave those rows out (or give the file a ref column and --data DIR)"
            };
            return Err(Error::Invalid(format!(
                "{}: {} row(s) with an empty {:?} cell (first: {}): {what}",
                args.gold.display(),
                empty.len(),
                cols.text,
                row_name(&empty[0].id, &columns)
            )));
        };
        let problems = eval::fill_texts(&mut rows, &mut eval::Documents::new(dir));
        if let Some((id, p)) = problems.first() {
            let columns = eval::gold_header(&args.gold)?;
            return Err(Error::Invalid(format!(
                "{}: {} row(s) without text whose ref gives none (first: {}: {p})",
                args.gold.display(),
                problems.len(),
                row_name(id, &columns)
            )));
        }
    }
    Ok(rows)
}
