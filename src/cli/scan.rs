//! `rolecall scan`: tag every unit of the inputs, write the CSV (or Parquet) outputs.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rolecall::Error;
use rolecall::input::fields::{DocFields, PathField, Period};
use rolecall::input::records::Format;
use rolecall::output::{Offsets, OutputFormat, RowFormat, SentenceRows};
use rolecall::scan::{ScanOptions, StdoutRows, scan};
use rolecall::text::segment::UnitMode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files or folders to scan (folders recursively, hidden entries skipped); `-` reads stdin.
    #[arg(required_unless_present = "files_from", value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Also scan the paths listed in this file (`-`: standard input), one per line, after any PATH.
    #[arg(long, value_name = "LIST")]
    files_from: Option<PathBuf>,
    /// Output folder [default: rolecall-out, or none with --stdout].
    #[arg(short, long, alias = "output", value_name = "DIR")]
    out: Option<PathBuf>,
    /// Folder of lexicon CSVs replacing the built-in ones.
    #[arg(short, long, value_name = "DIR")]
    lexicons: Option<PathBuf>,
    /// Input format of every input [default: from each file name: .jsonl/.ndjson, .json (an
    /// array of objects), .csv, .tsv, .warc/.wet, .html/.htm/.xhtml, each optionally .gz; anything
    /// else is text].
    #[arg(long, value_enum, value_name = "FORMAT")]
    input_format: Option<Format>,
    /// CSV and TSV inputs: the character between fields, in place of `,` (csv) or a tab (tsv):
    /// `;` for the semicolon-separated exports of spreadsheets in many locales, `|`, or `\t`.
    /// Applies to every CSV and TSV input of the scan.
    #[arg(long, value_name = "CHAR")]
    delimiter: Option<String>,
    /// Character encoding of text, CSV, TSV, JSON and JSON Lines inputs, as a WHATWG label
    /// (windows-1252, latin1, iso-8859-2, koi8-r, shift_jis, gbk, euc-kr…), or `auto`: each
    /// file as UTF-8 when its first MiB is valid UTF-8, else in the encoding its bytes suggest
    /// (chardetng; a row in errors.csv names it) [default: utf-8]. Also `.html` files that
    /// declare no charset. A byte-order mark wins; WARC records and HTML keep their declared
    /// charsets. Spans then index the decoded UTF-8 text.
    #[arg(long, value_name = "LABEL")]
    encoding: Option<String>,
    /// Follow symbolic links found inside input folders (by default they
    /// are counted and left alone; a link given as PATH is always followed).
    #[arg(short = 'L', long)]
    follow: bool,
    /// Read only the files below input folders whose path (relative to the
    /// folder given) matches GLOB; repeatable. `*` crosses `/`: `*.txt`
    /// matches in every sub-folder. Paths given themselves are always read.
    #[arg(long, value_name = "GLOB")]
    include: Vec<String>,
    /// Leave out the files and folders below input folders whose relative
    /// path matches GLOB; repeatable; wins over --include.
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// JSON Lines and JSON arrays: the field holding the text (a dotted path for nested
    /// fields); CSV/TSV: the column. Several, comma-separated (title,body), are tagged
    /// together: units never cross from one to the next, and sentences.csv, matches.csv and
    /// mentions.csv gain a `field` column, their spans counted from the start of that field.
    #[arg(long, visible_alias = "text-column", value_name = "NAME", default_value = "text")]
    text_field: String,
    /// JSON Lines and JSON arrays: the field holding the document id (dotted path); CSV/TSV:
    /// the column [default: id, and records without it are numbered by line (JSON arrays: by
    /// 0-based element index)]. When given, a record or header without it is an error that
    /// lists the fields. A JSON number is kept as written; a value that is no id (an object,
    /// an array, a boolean, "", null, an empty cell) gives the line number, with a note in errors.csv.
    /// Ids are written as PATH#ID.
    #[arg(long, visible_alias = "id-column", value_name = "NAME")]
    id_field: Option<String>,
    /// Copy this record field into documents.csv as a column of its name, or of NAME with
    /// NAME=FIELD (JSON: a dotted path for nested fields; CSV/TSV: a column); repeatable. A
    /// record without it gets an empty cell; a field no record has is an error listing the
    /// fields seen.
    #[arg(long, value_name = "[NAME=]FIELD")]
    keep_field: Vec<String>,
    /// Name a folder of each input's path as a field NAME (a documents.csv column): N=1 is the
    /// first folder below the input folder given (bbc-news/tech/1.txt → tech), N=-1 the folder
    /// holding the file; repeatable.
    #[arg(long, value_name = "NAME=N")]
    path_field: Vec<PathField>,
    /// Write label shares with 95% Wilson intervals per value of this field (a --path-field
    /// name, or a record field, then kept too) to groups.csv; repeatable. groups.csv always
    /// has the grouping by the document-level film decision (about_film).
    #[arg(long, value_name = "FIELD")]
    group_by: Vec<String>,
    /// Also group by the year or month of the date in --date-field (ISO 8601, RFC 2822,
    /// "1 March 2005", "March 1, 2005", "March 2005", "2005/03/01", "2005-03", "2005"; anything else
    /// counts under an empty value).
    #[arg(long, value_enum, value_name = "PERIOD")]
    period: Option<Period>,
    /// The record field holding each document's date, for --period.
    #[arg(long, value_name = "NAME", default_value = "date", requires = "period")]
    date_field: String,
    /// Also write matches.csv to the output folder: one row per lexicon match (term, role,
    /// kind, byte span, status: counted, excluded, needs:SET, discounted:SET with its cue,
    /// repeated; weight).
    #[arg(long)]
    matches: bool,
    /// Also write mentions.csv (one row per person named in the director or producer role:
    /// the name's span, name, role, evidence) and people.csv (per name and role: mentions,
    /// documents). See the README's "Who is named".
    #[arg(long)]
    people: bool,
    /// Spans in sentences.csv, matches.csv, mentions.csv and --stdout rows: bytes of the original
    /// document (columns start, end), or code points of its decoded text (start_char,
    /// end_char: what Python and R slice strings by).
    #[arg(long, value_enum, default_value_t = Offsets::Bytes, value_name = "UNIT")]
    offsets: Offsets,
    /// Stream these rows to stdout as input is read (for pipes, Hadoop Streaming, Spark's RDD.pipe).
    /// `mentions` turns on --people.
    #[arg(long, value_enum, value_name = "ROWS")]
    stdout: Option<StdoutRows>,
    /// Format of the --stdout rows [default: csv] (the tables in --out take --output-format).
    #[arg(long, value_enum)]
    format: Option<RowFormat>,
    /// Worker threads [default: one per core; 0 means the same].
    #[arg(short = 'j', long, value_name = "N", default_value_t = 0, hide_default_value = true)]
    threads: usize,
    /// What a unit is.
    #[arg(long, value_enum, default_value_t = UnitMode::Sentence)]
    unit: UnitMode,
    /// Which units to write to sentences.csv.
    #[arg(long, value_enum, default_value_t = SentenceRows::Tagged)]
    sentences: SentenceRows,
    /// Write CSV cells that a spreadsheet would run as a formula (beginning with =, +, -, @, tab
    /// or carriage return) with a ' in front, in every CSV output and the --stdout CSV rows. Off
    /// by default: cells are the exact text, as spans index it.
    #[arg(long)]
    csv_safe: bool,
    /// Format of the tables in the output folder: NAME.csv, or NAME.parquet (typed columns,
    /// Zstd compressed). --stdout rows stay CSV or JSON Lines [default: csv].
    #[arg(long, value_enum, value_name = "FORMAT")]
    output_format: Option<OutputFormat>,
    /// Replace the outputs of an earlier run in --out.
    #[arg(long)]
    force: bool,
    /// No progress bar, no summary line and no end-of-run notes (with -o, they stay in
    /// run.json's notes); each input's problems, warnings and errors are still said.
    #[arg(short, long)]
    quiet: bool,
}

/// Worker threads allowed per core (`-j` above it is capped).
const MAX_THREADS_PER_CORE: usize = 8;

pub fn run(args: Args) -> Result<u8, Error> {
    // First: a signal from here on stops the run cleanly.
    let cancel = super::interrupt::on_interrupt();
    if args.stdout.is_some() {
        super::stdio::require_stdout("--stdout")?;
    }
    if let (None, Some(rows)) = (&args.out, args.stdout) {
        folder_only(&args, rows)?;
    }
    let lexicon = super::load_lexicon(args.lexicons.as_ref())?;
    let out = match (&args.out, args.stdout) {
        (Some(dir), _) => Some(dir.clone()),
        (None, Some(_)) => None,
        (None, None) => Some(PathBuf::from("rolecall-out")),
    };
    if let Some(dir) = &out {
        super::check_out_dir("-o/--out", dir)?;
    }
    let mut paths = args.paths;
    let mut listed = Vec::new();
    if let Some(list) = &args.files_from {
        listed = read_list(list, &paths)?;
        paths.extend(listed.iter().map(|(p, _)| p.clone()));
        if paths.is_empty() {
            return Err(Error::Invalid(format!("--files-from {}: lists no paths", list.display())));
        }
        stdin_once(list, &paths, &listed)?;
    }
    let mut opts = ScanOptions::new(paths, PathBuf::new(), lexicon);
    opts.out = out;
    opts.input_format = args.input_format;
    opts.encoding = super::encoding_option(args.encoding.as_deref())?;
    opts.follow = args.follow;
    opts.include = args.include;
    opts.exclude = args.exclude;
    // `--text-field title,body`: several text fields, tagged together.
    opts.fields =
        super::record_fields(&args.text_field, args.id_field, args.delimiter.as_deref(), args.input_format)?;
    let labels = rolecall::tag::label_names(&opts.lexicon);
    let period = args.period.map(|p| (p, args.date_field));
    opts.matches = args.matches;
    // Streaming the mentions finds the people: the folder, if any, keeps
    // them too (mentions.csv, people.csv), as `--people` would.
    opts.people = args.people || args.stdout == Some(StdoutRows::Mentions);
    opts.offsets = args.offsets;
    opts.doc_fields = DocFields::new(args.keep_field, args.path_field, args.group_by, period, &labels)?;
    opts.stdout = args.stdout;
    // (Checked here, not by clap's `requires`: its message named only the
    // missing --stdout, not what --format is for; a new user's trial.)
    if let (Some(f), None) = (args.format, args.stdout) {
        let f = clap::ValueEnum::to_possible_value(&f).map_or_else(String::new, |v| v.get_name().to_string());
        return Err(Error::Invalid(format!(
            "--format {f} sets the format of the --stdout rows, and no --stdout was given: add --stdout \
             sentences, documents or mentions, or, for the tables in the output folder, use --output-format"
        )));
    }
    opts.stdout_format = args.format.unwrap_or(RowFormat::Csv);
    opts.cancel = Some(cancel);
    // Threads beyond a few per core only cost their start (100,000 took
    // over a minute to start on a 9 KB corpus).
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    opts.threads = args.threads.min(MAX_THREADS_PER_CORE * cores);
    if opts.threads < args.threads && !args.quiet {
        super::stdio::say!(
            "rolecall: note: -j {} capped at {} ({MAX_THREADS_PER_CORE} per core)",
            args.threads,
            opts.threads
        );
    }
    opts.force = args.force;
    opts.csv_safe = args.csv_safe;
    opts.output_format = args.output_format.unwrap_or(OutputFormat::Csv);
    opts.unit = args.unit;
    opts.sentences = args.sentences;
    let visible = !args.quiet && std::io::stderr().is_terminal();
    opts.observer = Some(Arc::new(super::progress::Bar::new(visible)));
    let report = scan(&opts).map_err(|e| place_in_list(e, args.files_from.as_deref(), &listed))?;
    if let (true, Some(dir)) = (report.stdout_gone, &opts.out) {
        // Said even with --quiet: what stdout's reader got is not all there is.
        super::stdio::say!(
            "rolecall: note: the reader of standard output went away (broken pipe); the scan went on without it and finished {}",
            dir.display()
        );
    }
    if !args.quiet {
        for note in &report.notes {
            super::stdio::say!("rolecall: note: {note}");
        }
        super::stdio::say!("{}", report.one_line());
    }
    Ok(report.exit_code())
}

/// Refuses, for `--stdout ROWS` without `-o` (no output folder), the
/// options whose only work is on files of the folder: they would be
/// taken and do nothing (a new user's `--stdout documents --matches`
/// waited for a matches.csv that never came). `--group-by` and `--period`
/// also put their field on the `--stdout documents` rows, so they are
/// refused only with the other rows.
fn folder_only(args: &Args, rows: StdoutRows) -> Result<(), Error> {
    let given: [(bool, &str, &str, &str); 6] = [
        (args.matches, "--matches", "writes matches.csv to", ""),
        (
            args.people && rows != StdoutRows::Mentions,
            "--people",
            "writes mentions.csv and people.csv to",
            " (--stdout mentions streams the people named)",
        ),
        (
            !args.group_by.is_empty() && rows != StdoutRows::Documents,
            "--group-by",
            "writes groups.csv to",
            " (with --stdout documents it puts its field on the rows)",
        ),
        (
            args.period.is_some() && rows != StdoutRows::Documents,
            "--period",
            "writes groups.csv to",
            " (with --stdout documents it puts the date field on the rows)",
        ),
        (
            args.output_format.is_some(),
            "--output-format",
            "sets the format of the tables in",
            " (--format sets the format of the --stdout rows)",
        ),
        (args.force, "--force", "replaces an earlier run's outputs in", ""),
    ];
    match given.into_iter().find(|(on, ..)| *on) {
        Some((_, option, does, also)) => Err(Error::Invalid(format!(
            "{option} {does} the output folder, and --stdout without -o/--out writes no folder: \
             give -o DIR to have the folder too, or leave out {option}{also}"
        ))),
        None => Ok(()),
    }
}

/// The paths listed in `list` (`-`: standard input), one per line, blank
/// lines and a leading byte-order mark left out, with their line numbers.
fn read_list(list: &Path, paths: &[PathBuf]) -> Result<Vec<(PathBuf, usize)>, Error> {
    let text = if list == Path::new("-") {
        if paths.iter().any(|p| p == Path::new("-")) {
            return Err(Error::Invalid(
                "--files-from - and the path - both read standard input; give the list in a file".into(),
            ));
        }
        std::io::read_to_string(std::io::stdin())
            .map_err(|e| Error::Invalid(format!("--files-from -: cannot read standard input: {e}")))?
    } else {
        std::fs::read_to_string(list).map_err(|e| {
            Error::Invalid(format!(
                "--files-from {}: cannot read the list: {}",
                list.display(),
                rolecall::input::io_message(&e)
            ))
        })?
    };
    // A list saved by a Windows editor starts with a UTF-8 byte-order
    // mark: not part of the first path.
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut listed = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let path = line.trim();
        if path.is_empty() {
            continue;
        }
        listed.push((PathBuf::from(path), n + 1));
    }
    Ok(listed)
}

/// Refuses standard input listed in `list` when it is read already: by a
/// `-` before it (as a PATH or on an earlier line), or for the list itself
/// (`--files-from -`). Standard input can be read once; `-` twice among the
/// PATHs is the scan's own error.
fn stdin_once(list: &Path, paths: &[PathBuf], listed: &[(PathBuf, usize)]) -> Result<(), Error> {
    let dash = Path::new("-");
    let given = paths.len() - listed.len();
    let mut lines = listed.iter().filter(|(p, _)| p == dash).map(|(_, line)| line);
    let (why, line) = if list == dash {
        ("standard input holds the list itself", lines.next())
    } else if paths[..given].iter().any(|p| p == dash) {
        ("standard input is read already, for the PATH -", lines.next())
    } else {
        ("standard input is read already, for the - of an earlier line", lines.nth(1))
    };
    match line {
        Some(line) => Err(Error::Invalid(format!(
            "--files-from {}:{line}: -: {why}, and it can be read only once; give - once",
            list.display()
        ))),
        None => Ok(()),
    }
}

/// The scan's "no such input" for a path that came from `--files-from`,
/// said with the list's name and line (the scan checks every path once).
fn place_in_list(e: Error, list: Option<&Path>, listed: &[(PathBuf, usize)]) -> Error {
    match (e, list) {
        (Error::NoSuchInput { path }, Some(list)) => match listed.iter().find(|(p, _)| *p == path) {
            Some((_, line)) => Error::Invalid(format!(
                "--files-from {}:{line}: {}: no such file or folder; check the path (inputs are checked before any is read, so nothing was read)",
                list.display(),
                path.display()
            )),
            None => Error::NoSuchInput { path },
        },
        (e, _) => e,
    }
}
