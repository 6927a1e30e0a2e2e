//! `rolecall explain`: how one text is tagged, and why.

use std::io::Read;
use std::path::PathBuf;

use rolecall::text::segment::UnitMode;
use rolecall::{Error, Tagger};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The text to explain (read from stdin when absent).
    text: Option<String>,
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
    let text = match args.text {
        Some(t) => t,
        None => {
            let mut buf = Vec::new();
            std::io::stdin().read_to_end(&mut buf).map_err(|e| Error::io("-", e))?;
            String::from_utf8_lossy(&buf).into_owned()
        }
    };
    out.print(&rolecall::tag::explain::explain(&tagger, &text))?;
    Ok(0)
}
