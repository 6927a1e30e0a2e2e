//! `rolecall lexicon …`: work on lexicon folders: check them, import
//! dictionaries of other tools into them, export them for those tools.

use std::path::{Path, PathBuf};

use rolecall::Error;
use rolecall::input::{self, Entry};
use rolecall::lexicon::dictionary::{self, Format, import::Mapping};
use rolecall::output::{AtomicFile, commit_all, commit_replacing};

use super::stdio::say;

#[derive(clap::Subcommand, Debug)]
pub enum Command {
    /// Look for problems: shadowed terms, terms that never match, wide wildcards (exit 1 if any).
    Check(CheckArgs),
    /// Make a lexicon folder from a LIWC (.dic, .dicx), quanteda (YAML) or WordStat (.cat) dictionary (exit 1 if some terms could not be imported).
    Import(ImportArgs),
    /// Write a lexicon (default: the built-in one) as a LIWC, quanteda or WordStat dictionary.
    Export(ExportArgs),
}

/// A dictionary format on the command line.
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum FormatArg {
    /// LIWC .dic (category table between % lines, then terms and category numbers).
    #[value(alias = "dic")]
    Liwc,
    /// LIWC-22 .dicx (CSV: DicTerm, then one column per category marked X).
    Dicx,
    /// quanteda YAML (nested keys are categories, lists their terms).
    #[value(alias = "yml")]
    Yaml,
    /// WordStat .cat (categories, indented terms with weights in parentheses).
    #[value(alias = "cat")]
    Wordstat,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Liwc => Format::Liwc,
            FormatArg::Dicx => Format::Dicx,
            FormatArg::Yaml => Format::Yaml,
            FormatArg::Wordstat => Format::WordStat,
        }
    }
}

#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    /// The dictionary file (.dic, .dicx, .yml/.yaml, .cat).
    file: PathBuf,
    /// The lexicon folder to write (created when missing): one ROLE.csv per role.
    #[arg(short, long, value_name = "DIR")]
    out: PathBuf,
    /// The dictionary's format [default: from the file's extension].
    #[arg(long, value_enum, value_name = "FORMAT")]
    format: Option<FormatArg>,
    /// Map a category (nested ones by path: film.director) and those below it to a role; KIND is role (default), activity or exclude. Repeat for each category; others are dropped.
    #[arg(long = "role", value_name = "CATEGORY=ROLE[:KIND]", value_parser = parse_mapping)]
    roles: Vec<Mapping>,
    /// Replace the lexicon files already in DIR (its other *.csv files are removed).
    #[arg(long)]
    force: bool,
}

fn parse_mapping(s: &str) -> Result<Mapping, String> {
    s.parse()
}

#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    /// Lexicon folder (default: the built-in lexicons).
    dir: Option<PathBuf>,
    /// The dictionary format [default: from --out's extension].
    #[arg(long, value_enum, value_name = "FORMAT")]
    format: Option<FormatArg>,
    /// The file to write [default: standard output]. Formats without comments (liwc, dicx, wordstat) get a side note FILE.notes.txt of what they cannot express.
    #[arg(short, long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Replace FILE (and its side note) if there.
    #[arg(long)]
    force: bool,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Lexicon folder (default: the built-in lexicons).
    dir: Option<PathBuf>,
    /// Sample text files or folders for the wildcard check (default: corpus/ when present).
    #[arg(long, value_name = "PATH")]
    sample: Vec<PathBuf>,
    /// Distinct words a wildcard may match in the sample before it is reported.
    #[arg(long, value_name = "N", default_value_t = 15)]
    max_wildcard_words: usize,
}

pub fn run(cmd: Command) -> Result<u8, Error> {
    match cmd {
        Command::Check(args) => check(args),
        Command::Import(args) => import(args),
        Command::Export(args) => export(args),
    }
}

/// The `*.csv` files of a lexicon folder (not hidden), sorted.
fn lexicon_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut found = Vec::new();
    for e in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let path = e.map_err(|e| Error::io(dir, e))?.path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if !name.starts_with('.') && path.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv")) {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}

fn names(paths: &[PathBuf]) -> String {
    paths.iter().map(|p| p.file_name().unwrap_or_default().to_string_lossy()).collect::<Vec<_>>().join(", ")
}

/// Reads a dictionary, maps its categories to roles and writes the
/// lexicon folder; the terms it could not import are listed on stderr
/// (exit 1 when there are any).
fn import(args: ImportArgs) -> Result<u8, Error> {
    let file = &args.file;
    let format: Format = match args.format {
        Some(f) => f.into(),
        None => Format::from_path(file).ok_or_else(|| {
            Error::Invalid(format!(
                "{}: cannot tell the dictionary format from the file name; give --format liwc, dicx, yaml or wordstat",
                file.display()
            ))
        })?,
    };
    if file.is_dir() {
        return Err(Error::Invalid(format!("{}: a folder; give the dictionary file", file.display())));
    }
    super::check_out_dir("--out", &args.out)?;
    let existing = if args.out.is_dir() { lexicon_files(&args.out)? } else { Vec::new() };
    if !existing.is_empty() && !args.force {
        return Err(Error::Invalid(format!(
            "--out {}: holds a lexicon already ({}); pass --force to replace it",
            args.out.display(),
            names(&existing)
        )));
    }
    let bytes = std::fs::read(file).map_err(|e| Error::io(file, e))?;
    let name = file.display().to_string();
    let dict = dictionary::read(format, &name, &bytes)?;
    let imported = dictionary::import::import(&dict, &name, format, &args.roles)?;
    for issue in &imported.lost {
        match issue.line {
            0 => say!("{name}: {}", issue.message),
            n => say!("{name}:{n}: {}", issue.message),
        }
    }
    let total: usize = imported.counts.iter().map(|c| c.1).sum();
    if total == 0 {
        return Err(Error::Invalid(format!(
            "{name}: no term of the mapped categories could be imported ({} not taken, listed above); nothing written",
            super::count(imported.lost.len() as u64, "entry", "entries")
        )));
    }
    std::fs::create_dir_all(&args.out).map_err(|e| Error::io(&args.out, e))?;
    let mut files = Vec::new();
    for (file_name, text) in &imported.files {
        let mut f = AtomicFile::create(&args.out, file_name)?;
        f.write_all(text.as_bytes())?;
        files.push(f);
    }
    let stale: Vec<PathBuf> =
        existing.into_iter().filter(|p| !files.iter().any(|f| f.path() == p.as_path())).collect();
    commit_replacing(files, &stale)?;
    let counts: Vec<String> = imported.counts.iter().map(|(r, n)| format!("{r} {n}")).collect();
    say!(
        "rolecall: {} of {name} ({}) imported into {}: {}",
        super::count(total as u64, "term", "terms"),
        dictionary::format_name(format),
        args.out.display(),
        counts.join(", ")
    );
    if !imported.dropped.is_empty() {
        let dropped: Vec<String> = imported.dropped.iter().map(|(c, n)| format!("{c} ({n})")).collect();
        say!(
            "note: categories mapped to no role were dropped (terms): {}; map one with --role CATEGORY=ROLE",
            dropped.join(", ")
        );
    }
    if imported.lost.is_empty() {
        Ok(0)
    } else {
        say!(
            "rolecall: {} of {name} {} not imported (listed above); rewrite them in the dictionary, or add rolecall terms for them to {} by hand (lexicons/README.md)",
            super::count(imported.lost.len() as u64, "entry", "entries"),
            if imported.lost.len() == 1 { "was" } else { "were" },
            args.out.display()
        );
        Ok(1)
    }
}

/// Writes a lexicon in a dictionary format, to --out or standard output.
fn export(args: ExportArgs) -> Result<u8, Error> {
    let format: Format = match (args.format, &args.out) {
        (Some(f), _) => f.into(),
        (None, Some(out)) => Format::from_path(out).ok_or_else(|| {
            Error::Invalid(format!(
                "--out {}: cannot tell the dictionary format from the file name; give --format liwc, dicx, yaml or wordstat",
                out.display()
            ))
        })?,
        (None, None) => {
            return Err(Error::Invalid(
                "--format: needed when writing to standard output (liwc, dicx, yaml or wordstat)".into(),
            ));
        }
    };
    let lexicon = super::load_lexicon_as("DIR", args.dir.as_ref())?;
    let source = match &args.dir {
        Some(d) => format!("The lexicon folder {}", d.display()),
        None => "The built-in lexicon".to_string(),
    };
    let exported = dictionary::export::export(&lexicon, format, &source);
    let Some(out) = &args.out else {
        let mut data = super::stdio::Data::open("lexicon export")?;
        data.print(&exported.text)?;
        if !format.has_comments() {
            say!("note: {}; give --out FILE to have them listed in FILE.notes.txt", exported.summary);
        }
        return Ok(0);
    };
    let note = (!format.has_comments()).then(|| {
        let mut p = out.as_os_str().to_owned();
        p.push(".notes.txt");
        PathBuf::from(p)
    });
    for path in std::iter::once(out).chain(note.as_ref()) {
        if path.is_dir() {
            return Err(Error::Invalid(format!("--out {}: a folder; give a file name", path.display())));
        }
        if path.exists() && !args.force {
            return Err(Error::Invalid(format!(
                "--out {}: exists; pass --force to replace it",
                path.display()
            )));
        }
    }
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let file_name = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut files = Vec::new();
    if let Some(note) = &note {
        let mut f = AtomicFile::create(parent, &file_name(note))?;
        f.write_all((exported.lost.join("\n") + "\n").as_bytes())?;
        files.push(f);
    }
    let mut f = AtomicFile::create(parent, &file_name(out))?;
    f.write_all(exported.text.as_bytes())?;
    files.push(f);
    commit_all(files)?;
    // (A built-in term such as `<money>` and a term with a word class have
    // no dictionary form: the notes say so.)
    let written = lexicon.terms().iter().filter(|t| t.is_plain_text()).count();
    say!(
        "rolecall: {} written to {}{}",
        super::count(written as u64, "term", "terms"),
        out.display(),
        note.map(|n| format!("; what the format cannot express: {}", n.display())).unwrap_or_default()
    );
    Ok(0)
}

/// Prints the lexicon's sizes and every problem found (on stdout: it is the
/// command's data); exit code 1 when there is any.
fn check(args: CheckArgs) -> Result<u8, Error> {
    let mut out = super::stdio::Data::open("lexicon check")?;
    if let Some(d) = &args.dir {
        super::check_lexicon_dir("DIR", d)?;
    }
    let loaded = match &args.dir {
        Some(d) => rolecall::Lexicon::load_dir(d),
        None => Ok(rolecall::Lexicon::builtin()),
    };
    // A lexicon with problems is this command's finding (exit 1), not an error.
    let lexicon = match loaded {
        Ok(l) => l,
        Err(e @ Error::Lexicon { .. }) => {
            out.print(&format!("problem: {e}\n"))?;
            return Ok(1);
        }
        Err(e) => return Err(e),
    };
    let mut paths = args.sample;
    if paths.is_empty() && Path::new("corpus").is_dir() {
        paths.push(PathBuf::from("corpus"));
    }
    let mut samples = Vec::new();
    for entry in input::discover(&paths)? {
        if let Entry::Input(input) = entry {
            if let Ok(doc) = input::load(&input, input::Charset::Utf8) {
                samples.push(doc.text);
            }
        }
    }
    let findings = rolecall::lexicon::check::check(&lexicon, &samples, args.max_wildcard_words);
    let wild = lexicon.terms().iter().filter(|t| t.wildcard).count();
    out.print(&format!(
        "{}, {} ({} wildcard), {}; wildcard sample: {} document(s)\n",
        super::count(lexicon.roles().len() as u64, "role", "roles"),
        super::count(lexicon.terms().len() as u64, "term", "terms"),
        wild,
        super::count(lexicon.cues().len() as u64, "context cue", "context cues"),
        samples.len()
    ))?;
    for f in &findings {
        out.print(&format!("{}: {}: {}\n", f.origin, f.kind, f.message))?;
    }
    if wild > 0 && samples.is_empty() {
        let why = if paths.is_empty() {
            "no corpus/ folder here; give --sample PATH"
        } else {
            "no readable text in --sample"
        };
        out.print(&format!("note: wide wildcards not checked: {why}\n"))?;
    }
    if findings.is_empty() {
        out.print("no problems found\n")?;
        Ok(0)
    } else {
        out.print(&format!("{} problem(s)\n", findings.len()))?;
        Ok(1)
    }
}
