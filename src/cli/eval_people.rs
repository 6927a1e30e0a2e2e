//! `rolecall eval-people`: who is named, measured against annotated sentences.

use std::path::PathBuf;

use rolecall::eval::people;
use rolecall::text::segment::UnitMode;
use rolecall::{Error, Tagger};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The gold JSON Lines file: `id`, `source`, `text`, `people` [{`name`, `role`}].
    #[arg(value_name = "GOLD.jsonl")]
    gold: PathBuf,
    /// Folder for people_eval.csv and people_mistakes.csv.
    #[arg(short, long, alias = "output", value_name = "DIR", default_value = "rolecall-eval")]
    out: PathBuf,
    /// Folder of lexicon CSVs replacing the built-in ones.
    #[arg(short, long, value_name = "DIR")]
    lexicons: Option<PathBuf>,
    /// Replace the outputs of an earlier eval-people in --out.
    #[arg(long)]
    force: bool,
    /// Exit with 1 when F1 over all pairs is below this: a number from 0 to 1.
    #[arg(long, value_name = "X", value_parser = super::zero_to_one, allow_negative_numbers = true)]
    min_f1: Option<f64>,
    /// Take the text of each line that has none from its `ref`, under this
    /// folder (e.g. ../shared/data).
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<u8, Error> {
    let mut out = super::stdio::Data::open("eval-people")?;
    let tagger = Tagger::new(super::load_lexicon(args.lexicons.as_ref())?, UnitMode::Sentence)?;
    super::check_out_dir("-o/--out", &args.out)?;
    let mut rows = people::read_people_gold(&args.gold, tagger.lexicon())?;
    if rows.is_empty() {
        return Err(Error::Invalid(format!("{}: no rows to measure", args.gold.display())));
    }
    if let Some(first) = rows.iter().find(|r| r.text.is_empty()) {
        let Some(dir) = &args.data else {
            return Err(Error::Invalid(format!(
                "{}: row {} has a ref but no text: give --data DIR, the folder its refs are relative to (for ../shared/eval, ../shared/data)",
                args.gold.display(),
                first.id
            )));
        };
        let problems = people::fill_people_texts(&mut rows, &mut rolecall::eval::Documents::new(dir));
        for (id, problem) in &problems {
            super::stdio::say!(
                "rolecall: {}: row {id} left out: its text was not found: {problem}",
                args.gold.display()
            );
        }
        rows.retain(|r| !r.text.is_empty());
        if rows.is_empty() {
            return Err(Error::Invalid(format!(
                "--data {}: no row's ref of {} leads to a document under it; give the folder the refs are relative to",
                dir.display(),
                args.gold.display()
            )));
        }
    }
    let earlier: Vec<&str> =
        people::PEOPLE_EVAL_FILES.into_iter().filter(|f| args.out.join(f).exists()).collect();
    if !earlier.is_empty() && !args.force {
        return Err(Error::OutputExists { dir: args.out.clone(), files: earlier.join(", ") });
    }
    let ev = people::evaluate_people(rows, &tagger);
    out.print(&ev.table())?;
    people::write_people_outputs(&args.out, &ev)?;
    let f1 = ev.counts(None).f1();
    if let Some(min) = args.min_f1.filter(|&m| f1 < m) {
        super::stdio::say!("rolecall: F1 {f1:.3} is below --min-f1 {min}");
        return Ok(1);
    }
    Ok(0)
}
