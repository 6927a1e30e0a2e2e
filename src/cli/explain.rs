//! `rolecall explain`: how one text is tagged, and why.

use std::io::Read;
use std::path::PathBuf;

use rolecall::text::segment::UnitMode;
use rolecall::{Error, Tagger};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The text to explain (read from stdin when absent and no --file).
    #[arg(conflicts_with = "file")]
    text: Option<String>,
    /// Explain the text of this file (UTF-8; bad bytes shown as U+FFFD).
    #[arg(short, long, value_name = "PATH")]
    file: Option<PathBuf>,
    /// Folder of lexicon CSVs replacing the built-in ones.
    #[arg(short, long, value_name = "DIR")]
    lexicons: Option<PathBuf>,
    /// What a unit is.
    #[arg(long, value_enum, default_value_t = UnitMode::Sentence)]
    unit: UnitMode,
}

pub fn run(args: Args) -> Result<u8, Error> {
    let mut out = super::stdio::Data::open("explain")?;
    let tagger = Tagger::new(super::load_lexicon(args.lexicons.as_ref())?, args.unit)?;
    let text = match (args.text, &args.file) {
        (_, Some(path)) => {
            let bytes = std::fs::read(path).map_err(|e| match e.kind() {
                // (Said as `scan` says it.)
                std::io::ErrorKind::NotFound => Error::NoSuchInput { path: path.clone() },
                _ => Error::io(path, e),
            })?;
            String::from_utf8_lossy(&bytes).into_owned()
        }
        (Some(t), None) => {
            if !t.contains(char::is_whitespace) && std::path::Path::new(&t).is_file() {
                super::stdio::say!(
                    "rolecall: note: {t:?} is also a file's path; explaining these words themselves (--file {t} explains the file)"
                );
            }
            t
        }
        (None, None) => {
            let mut buf = Vec::new();
            std::io::stdin().read_to_end(&mut buf).map_err(|e| Error::io("-", e))?;
            String::from_utf8_lossy(&buf).into_owned()
        }
    };
    out.print(&rolecall::tag::explain::explain(&tagger, &text))?;
    Ok(0)
}
