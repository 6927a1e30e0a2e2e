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
    #[arg(short, long, value_name = "DIR", default_value = "rolecall-eval")]
    out: PathBuf,
    /// Folder of lexicon CSVs replacing the built-in ones.
    #[arg(short, long, value_name = "DIR")]
    lexicons: Option<PathBuf>,
    /// Replace the outputs of an earlier eval-people in --out.
    #[arg(long)]
    force: bool,
    /// Exit with 1 when F1 over all pairs is below this.
    #[arg(long, value_name = "X")]
    min_f1: Option<f64>,
}

pub fn run(args: Args) -> Result<u8, Error> {
    let mut out = super::stdio::Data::open("eval-people")?;
    let tagger = Tagger::new(super::load_lexicon(args.lexicons.as_ref())?, UnitMode::Sentence)?;
    super::check_out_dir("-o/--out", &args.out)?;
    let rows = people::read_people_gold(&args.gold)?;
    if rows.is_empty() {
        return Err(Error::Invalid(format!("{}: no rows to measure", args.gold.display())));
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
