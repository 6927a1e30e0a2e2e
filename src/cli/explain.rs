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
    /// Explain the text of this file, read as `scan` reads a text file: gzip is decompressed,
    /// UTF-16 with a byte-order mark decoded, bad UTF-8 bytes shown as U+FFFD (with a note), a
    /// binary file refused. Records formats (JSONL, CSV, WARC) are explained as their raw text.
    #[arg(short, long, value_name = "PATH")]
    file: Option<PathBuf>,
    /// Character encoding of the --file (or standard input), as scan's --encoding: a WHATWG
    /// label, or `auto` [default: utf-8].
    #[arg(long, value_name = "LABEL")]
    encoding: Option<String>,
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
    let encoding = super::encoding_option(args.encoding.as_deref())?;
    let text = match (args.text, &args.file) {
        (_, Some(path)) => {
            let bytes = std::fs::read(path).map_err(|e| match e.kind() {
                // (Said as `scan` says it.)
                std::io::ErrorKind::NotFound => Error::NoSuchInput { path: path.clone() },
                _ => Error::io(path, e),
            })?;
            file_text(path, bytes, encoding)?
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
            match encoding {
                rolecall::input::Charset::Utf8 => String::from_utf8_lossy(&buf).into_owned(),
                charset => {
                    let doc = rolecall::input::decode_as("-", buf, charset)
                        .map_err(|p| Error::Invalid(format!("standard input: {}", p.kind)))?;
                    if let Some(p) = &doc.repaired {
                        super::stdio::say!("rolecall: note: standard input: {}", p.kind);
                    }
                    doc.text
                }
            }
        }
    };
    out.print(&rolecall::tag::explain::explain(&tagger, &text))?;
    Ok(0)
}

/// The text of `--file PATH` from its `bytes`: decompressed when gzip,
/// then decoded as `scan` decodes a text file in `encoding`
/// ([`rolecall::input::decode_as`]).
/// Errors: gzip data that cannot be read, a binary file (a NUL byte).
fn file_text(
    path: &std::path::Path,
    mut bytes: Vec<u8>,
    encoding: rolecall::input::Charset,
) -> Result<String, Error> {
    let shown = path.display().to_string();
    if rolecall::input::open::is_gzip(&bytes) {
        let mut plain = Vec::new();
        rolecall::input::open::gunzip(&bytes[..]).read_to_end(&mut plain).map_err(|e| {
            Error::Invalid(format!(
                "--file {shown}: gzip data that cannot be read after {} bytes of text ({e})",
                plain.len()
            ))
        })?;
        bytes = plain;
    }
    match rolecall::input::decode_as(&shown, bytes, encoding) {
        Ok(doc) => {
            if let Some(p) = &doc.repaired {
                super::stdio::say!("rolecall: note: {shown}: {}", p.kind);
            }
            Ok(doc.text)
        }
        Err(p) => Err(Error::Invalid(match p.kind {
            rolecall::input::ProblemKind::BinaryFile { offset } => {
                format!("--file {shown}: a binary file (NUL byte at offset {offset}); explain reads text")
            }
            other => format!("--file {shown}: {other}"),
        })),
    }
}
