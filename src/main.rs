//! The `rolecall` command: parses arguments, runs the library, maps the
//! result to messages on stderr and an exit code (0 ok, 1 some inputs
//! skipped, 2 error).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use rolecall::scan::{ScanOptions, scan};
use rolecall::segment::UnitMode;
use rolecall::write::SentenceRows;
use rolecall::{Error, Lexicon};

/// Tag film writing and credits sentence by sentence as director, producer, both or none.
#[derive(Parser, Debug)]
#[command(name = "rolecall", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Tag every sentence of the inputs and write CSV summaries into --out.
    Scan(ScanArgs),
    /// Measure the tags against a hand-labelled CSV (one text per row).
    Eval(EvalArgs),
    /// Show how a text is tagged: units, matches, context cues, and why.
    Explain(ExplainArgs),
    /// Work on lexicons.
    #[command(subcommand)]
    Lexicon(LexiconCommand),
    /// Combine the output folders of several scans into the outputs of one scan over all their inputs.
    Merge(MergeArgs),
    /// Write a deterministic article-like corpus for benchmarks (same seed, same bytes).
    GenCorpus(GenArgs),
}

#[derive(clap::Args, Debug)]
struct GenArgs {
    /// Total size in MB (10^6 bytes).
    #[arg(long, value_name = "N")]
    mb: f64,
    /// Seed of the generator.
    #[arg(long, value_name = "S", default_value_t = 1)]
    seed: u64,
    /// Output folder (new or empty).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Target size of one file in kB (10^3 bytes); 2 gives news-sized files.
    #[arg(long, value_name = "K", default_value_t = 2.0)]
    file_kb: f64,
    /// Write the same articles as records of one JSON Lines file, DIR/corpus.jsonl.
    #[arg(long)]
    jsonl: bool,
}

#[derive(clap::Args, Debug)]
struct MergeArgs {
    /// Output folders of `rolecall scan` (shards).
    #[arg(required = true, value_name = "DIR")]
    shards: Vec<PathBuf>,
    /// Folder for the merged outputs.
    #[arg(short, long, value_name = "TOTAL")]
    out: PathBuf,
    /// Replace the outputs of an earlier run in --out.
    #[arg(long)]
    force: bool,
    /// No summary line.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Subcommand, Debug)]
enum LexiconCommand {
    /// Look for problems: shadowed terms, terms that never match, wide wildcards (exit 1 if any).
    Check(CheckArgs),
}

#[derive(clap::Args, Debug)]
struct CheckArgs {
    /// Lexicon folder (default: the built-in lexicons).
    dir: Option<PathBuf>,
    /// Sample text files or folders for the wildcard check (default: corpus/ when present).
    #[arg(long, value_name = "PATH")]
    sample: Vec<PathBuf>,
    /// Distinct words a wildcard may match in the sample before it is reported.
    #[arg(long, value_name = "N", default_value_t = 15)]
    max_wildcard_words: usize,
}

#[derive(clap::Args, Debug)]
struct ExplainArgs {
    /// The text to explain (read from stdin when absent).
    text: Option<String>,
    /// Folder of lexicon CSVs replacing the built-in ones.
    #[arg(short, long, value_name = "DIR")]
    lexicons: Option<PathBuf>,
    /// What a unit is.
    #[arg(long, value_enum, default_value_t = Unit::Sentence)]
    unit: Unit,
}

#[derive(clap::Args, Debug)]
struct EvalArgs {
    /// The gold CSV file.
    #[arg(value_name = "GOLD.csv")]
    gold: PathBuf,
    /// Column holding the text.
    #[arg(long, default_value = "text")]
    text_column: String,
    /// Column holding the hand label.
    #[arg(long, default_value = "label")]
    label_column: String,
    /// Folder for eval.csv and mistakes.csv.
    #[arg(short, long, value_name = "DIR", default_value = "rolecall-eval")]
    out: PathBuf,
    /// Folder of lexicon CSVs replacing the built-in ones.
    #[arg(short, long, value_name = "DIR")]
    lexicons: Option<PathBuf>,
    /// Exit with 1 when macro-F1 is below this (each view).
    #[arg(long, value_name = "X")]
    min_macro_f1: Option<f64>,
    /// Also tag each row inside its source document, found through the
    /// file's `ref` column under this folder (e.g. ../shared/data).
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
    /// Film topic threshold (for cross-validating it; see the topic module).
    #[arg(long, value_name = "X", default_value_t = rolecall::topic::TOPIC_THRESHOLD)]
    topic_threshold: f32,
}

#[derive(clap::Args, Debug)]
struct ScanArgs {
    /// Files or folders to scan (folders recursively, hidden entries skipped); `-` reads stdin.
    #[arg(required_unless_present = "files_from", value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Also scan the paths listed in this file, one per line, after any PATH.
    #[arg(long, value_name = "LIST")]
    files_from: Option<PathBuf>,
    /// Output folder [default: rolecall-out, or none with --stdout].
    #[arg(short, long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Folder of lexicon CSVs replacing the built-in ones.
    #[arg(short, long, value_name = "DIR")]
    lexicons: Option<PathBuf>,
    /// Input format of every input [default: from each file name: .jsonl/.ndjson, .csv, .tsv,
    /// .warc/.wet, each optionally .gz; anything else is text].
    #[arg(long, value_enum, value_name = "FORMAT")]
    input_format: Option<InputFormat>,
    /// JSON Lines: the field holding the text (a dotted path for nested fields);
    /// CSV/TSV: the column.
    #[arg(long, visible_alias = "text-column", value_name = "NAME", default_value = "text")]
    text_field: String,
    /// JSON Lines: the field holding the document id (dotted path); CSV/TSV: the column.
    /// Records without it are numbered by line. Ids are written as PATH#ID.
    #[arg(long, visible_alias = "id-column", value_name = "NAME", default_value = "id")]
    id_field: String,
    /// Stream these rows to stdout as input is read (for pipes, Hadoop Streaming, Spark's RDD.pipe).
    #[arg(long, value_enum, value_name = "ROWS")]
    stdout: Option<StdoutArg>,
    /// Format of the --stdout rows.
    #[arg(long, value_enum, default_value_t = OutFormat::Csv, requires = "stdout")]
    format: OutFormat,
    /// Worker threads (default: one per core).
    #[arg(short = 'j', long, value_name = "N", default_value_t = 0)]
    threads: usize,
    /// What a unit is.
    #[arg(long, value_enum, default_value_t = Unit::Sentence)]
    unit: Unit,
    /// Which units to write to sentences.csv.
    #[arg(long, value_enum, default_value_t = Rows::Tagged)]
    sentences: Rows,
    /// Replace the outputs of an earlier run in --out.
    #[arg(long)]
    force: bool,
    /// No progress bar and no summary line.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum Unit {
    /// Sentences; credit lines and headings are units of their own.
    Sentence,
    /// Every non-blank line, unsegmented.
    Line,
}

impl Unit {
    fn mode(self) -> UnitMode {
        match self {
            Unit::Sentence => UnitMode::Sentence,
            Unit::Line => UnitMode::Line,
        }
    }
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum InputFormat {
    /// One document per input.
    Text,
    /// JSON Lines, one document per line.
    Jsonl,
    /// CSV with a header row, one document per row.
    Csv,
    /// TSV with a header row, one document per row.
    Tsv,
    /// WARC or WET: response and conversion records.
    Warc,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum StdoutArg {
    /// Sentence rows (as sentences.csv).
    Sentences,
    /// Document rows (as documents.csv).
    Documents,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum OutFormat {
    /// CSV with a header row.
    Csv,
    /// JSON Lines, one object per row.
    Jsonl,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum Rows {
    /// Units labelled director, producer or both.
    Tagged,
    /// Every unit.
    All,
    /// No rows (header only).
    None,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(Error::Interrupted) => {
            eprintln!("rolecall: {}", Error::Interrupted);
            ExitCode::from(130)
        }
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::BrokenPipe => {
            // The reader of our output went away (`| head`): not an error.
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("rolecall: {err}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<u8, Error> {
    match cli.command {
        Command::Scan(args) => run_scan(args),
        Command::Eval(args) => run_eval(args),
        Command::Explain(args) => run_explain(args),
        Command::Lexicon(LexiconCommand::Check(args)) => run_check(args),
        Command::Merge(args) => run_merge(args),
        Command::GenCorpus(args) => run_gen(args),
    }
}

fn load_lexicon(dir: Option<&PathBuf>) -> Result<Lexicon, Error> {
    match dir {
        Some(d) => Lexicon::load_dir(d),
        None => Ok(Lexicon::builtin()),
    }
}

fn run_scan(args: ScanArgs) -> Result<u8, Error> {
    use rolecall::records::{Fields, Format};
    use rolecall::scan::StdoutRows;
    use rolecall::write::RowFormat;
    let lexicon = load_lexicon(args.lexicons.as_ref())?;
    let out = match (&args.out, args.stdout) {
        (Some(dir), _) => Some(dir.clone()),
        (None, Some(_)) => None,
        (None, None) => Some(PathBuf::from("rolecall-out")),
    };
    let mut paths = args.paths;
    if let Some(list) = &args.files_from {
        let text = std::fs::read_to_string(list).map_err(|e| Error::io(list, e))?;
        paths.extend(text.lines().filter(|l| !l.trim().is_empty()).map(PathBuf::from));
        if paths.is_empty() {
            return Err(Error::Invalid(format!("{}: lists no paths", list.display())));
        }
    }
    let mut opts = ScanOptions::new(paths, PathBuf::new(), lexicon);
    opts.out = out;
    opts.format = args.input_format.map(|f| match f {
        InputFormat::Text => Format::Text,
        InputFormat::Jsonl => Format::Jsonl,
        InputFormat::Csv => Format::Csv,
        InputFormat::Tsv => Format::Tsv,
        InputFormat::Warc => Format::Warc,
    });
    opts.fields = Fields { text: args.text_field, id: args.id_field };
    opts.stdout = args.stdout.map(|s| match s {
        StdoutArg::Sentences => StdoutRows::Sentences,
        StdoutArg::Documents => StdoutRows::Documents,
    });
    opts.stdout_format = match args.format {
        OutFormat::Csv => RowFormat::Csv,
        OutFormat::Jsonl => RowFormat::Jsonl,
    };
    opts.cancel = Some(on_interrupt(opts.out.clone()));
    opts.threads = args.threads;
    opts.force = args.force;
    opts.unit = args.unit.mode();
    opts.sentences = match args.sentences {
        Rows::Tagged => SentenceRows::Tagged,
        Rows::All => SentenceRows::All,
        Rows::None => SentenceRows::None,
    };
    opts.progress = !args.quiet && std::io::stderr().is_terminal();
    let report = scan(&opts)?;
    if !args.quiet {
        eprintln!("{}", report.one_line());
    }
    Ok(report.exit_code())
}

/// Ctrl-C sets the returned flag: the scan stops and removes its partial
/// outputs. If it has not ended a moment later (blocked on a read), the
/// handler removes them itself and exits with 130.
fn on_interrupt(out: Option<PathBuf>) -> std::sync::Arc<std::sync::atomic::AtomicBool> {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let flag = Arc::new(AtomicBool::new(false));
    let set = Arc::clone(&flag);
    // Without a handler Ctrl-C still ends the process; partial files keep their .partial names.
    let _ = ctrlc::set_handler(move || {
        if set.swap(true, Ordering::SeqCst) {
            rolecall::write::abandon(out.as_deref(), 130);
        }
        let out = out.clone();
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(1500));
            rolecall::write::abandon(out.as_deref(), 130);
        });
    });
    flag
}

fn run_eval(args: EvalArgs) -> Result<u8, Error> {
    use rolecall::eval;
    let tagger = rolecall::Tagger::new(load_lexicon(args.lexicons.as_ref())?, UnitMode::Sentence)
        .with_topic_threshold(args.topic_threshold);
    let cols = eval::GoldColumns { text: args.text_column, label: args.label_column };
    if !args.topic_threshold.is_finite() {
        return Err(Error::Invalid(format!(
            "--topic-threshold: {} is not a finite number",
            args.topic_threshold
        )));
    }
    let mut rows = eval::read_gold(&args.gold, &cols, &tagger)?;
    if rows.is_empty() {
        return Err(Error::Invalid(format!("{}: no rows to measure", args.gold.display())));
    }
    if rows.iter().any(|r| r.text.is_empty()) {
        let Some(dir) = &args.data else {
            return Err(Error::Invalid(format!(
                "{}: rows without text (no {:?} column, or empty cells): give --data DIR to take their texts from their refs",
                args.gold.display(),
                cols.text
            )));
        };
        let problems = eval::fill_texts(&mut rows, &mut eval::Documents::new(dir));
        if let Some((id, p)) = problems.first() {
            return Err(Error::Invalid(format!(
                "{}: {} row(s) without text whose ref gives none (first: row {id}: {p})",
                args.gold.display(),
                problems.len()
            )));
        }
    }
    let in_doc = match &args.data {
        None => None,
        Some(dir) => {
            if !dir.is_dir() {
                return Err(Error::Invalid(format!("--data {}: not a folder", dir.display())));
            }
            if rows.iter().all(|r| r.reference.is_none()) {
                return Err(Error::Invalid(format!(
                    "--data given, but {} has no `ref` column (or it is empty): rows cannot be placed in documents",
                    args.gold.display()
                )));
            }
            let mut docs = eval::Documents::new(dir);
            Some(eval::evaluate_in_documents(rows.clone(), &tagger, &mut docs))
        }
    };
    let alone = eval::evaluate(rows, &tagger);
    print!("{}", alone.table());
    let mut evs = vec![&alone];
    if let Some(d) = &in_doc {
        println!();
        print!("{}", d.table());
        for (id, problem) in &d.left_out {
            eprintln!(
                "rolecall: {}: row {id} left out of the in-document view: {problem}",
                args.gold.display()
            );
        }
        if !d.text_differs.is_empty() {
            eprintln!(
                "rolecall: {}: {} row(s) differ from their ref's text (first: {})",
                args.gold.display(),
                d.text_differs.len(),
                d.text_differs[0]
            );
        }
        evs.push(d);
    }
    if let Some(table) = eval::source_table(&alone, in_doc.as_ref()) {
        print!("\n{table}");
    }
    eval::write_outputs(&args.out, &evs, &tagger)?;
    let mut code = 0;
    for ev in &evs {
        let f1 = ev.macro_f1();
        if let Some(min) = args.min_macro_f1.filter(|&m| f1 < m) {
            eprintln!("rolecall: macro-F1 {f1:.3} ({}) is below --min-macro-f1 {min}", ev.view.name());
            code = 1;
        }
    }
    Ok(code)
}

fn run_explain(args: ExplainArgs) -> Result<u8, Error> {
    use std::io::Read;
    let tagger = rolecall::Tagger::new(load_lexicon(args.lexicons.as_ref())?, args.unit.mode());
    let text = match args.text {
        Some(t) => t,
        None => {
            let mut buf = Vec::new();
            std::io::stdin().read_to_end(&mut buf).map_err(|e| Error::io("-", e))?;
            String::from_utf8_lossy(&buf).into_owned()
        }
    };
    print!("{}", rolecall::explain::explain(&tagger, &text));
    Ok(0)
}

fn run_check(args: CheckArgs) -> Result<u8, Error> {
    let lexicon = match load_lexicon(args.dir.as_ref()) {
        Ok(l) => l,
        Err(e @ Error::Lexicon { .. }) => {
            println!("problem: {e}");
            return Ok(1);
        }
        Err(e) => return Err(e),
    };
    let mut paths = args.sample;
    if paths.is_empty() && std::path::Path::new("corpus").is_dir() {
        paths.push(PathBuf::from("corpus"));
    }
    let mut samples = Vec::new();
    for entry in rolecall::read::discover(&paths)? {
        if let rolecall::read::Entry::Input(input) = entry {
            if let Ok(doc) = rolecall::read::load(&input) {
                samples.push(doc.text);
            }
        }
    }
    let findings = rolecall::check::check(&lexicon, &samples, args.max_wildcard_words);
    let wild = lexicon.terms().iter().filter(|t| t.wildcard).count();
    println!(
        "{} roles, {} terms ({} wildcard), {} context cues; wildcard sample: {} document(s)",
        lexicon.roles().len(),
        lexicon.terms().len(),
        wild,
        lexicon.cues().len(),
        samples.len()
    );
    for f in &findings {
        println!("{}: {}: {}", f.origin, f.kind, f.message);
    }
    if findings.is_empty() {
        println!("no problems found");
        Ok(0)
    } else {
        println!("{} problem(s)", findings.len());
        Ok(1)
    }
}

fn run_merge(args: MergeArgs) -> Result<u8, Error> {
    let run = rolecall::merge::merge(&args.shards, &args.out, args.force)?;
    if !args.quiet {
        eprintln!(
            "rolecall: merged {} shards: {} documents, {} sentences, {} skipped, into {}",
            args.shards.len(),
            run.documents,
            run.sentences,
            run.documents_skipped,
            args.out.display()
        );
    }
    Ok(0)
}

fn run_gen(args: GenArgs) -> Result<u8, Error> {
    let opts = rolecall::generate::GenOptions {
        mb: args.mb,
        seed: args.seed,
        out: args.out,
        file_bytes: (args.file_kb * 1000.0).round().max(0.0) as usize,
        jsonl: args.jsonl,
    };
    let r = rolecall::generate::generate(&opts)?;
    if opts.jsonl {
        let path = opts.out.join("corpus.jsonl");
        eprintln!("rolecall: wrote {} records, {} bytes of text into {}", r.files, r.bytes, path.display());
    } else {
        eprintln!("rolecall: wrote {} files, {} bytes into {}", r.files, r.bytes, opts.out.display());
    }
    Ok(0)
}
