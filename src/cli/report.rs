//! `rolecall report`: one self-contained HTML page of an output folder.

use std::path::PathBuf;

use rolecall::Error;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Output folder of `rolecall scan` or `rolecall merge`.
    #[arg(value_name = "OUT")]
    dir: PathBuf,
    /// Where to write the page [default: OUT/report.html]. An earlier report there is
    /// replaced; any other file is left as it is, with an error.
    #[arg(short, long, visible_alias = "out", value_name = "FILE")]
    output: Option<PathBuf>,
    /// No line saying where the report went.
    #[arg(short, long)]
    quiet: bool,
    /// Not an option of report (groupings are made by scan): taken only to
    /// say so.
    #[arg(long, hide = true, value_name = "FIELD")]
    group_by: Vec<String>,
}

pub fn run(args: Args) -> Result<u8, Error> {
    if let Some(field) = args.group_by.first() {
        return Err(Error::Invalid(format!(
            "report has no --group-by (found --group-by {field}): it draws every grouping in {}; \
             run `rolecall scan --group-by {field} ...` to add one",
            args.dir.join("groups.csv").display()
        )));
    }
    let path = rolecall::report::write(&args.dir, args.output.as_deref())?;
    if !args.quiet {
        super::stdio::say!("rolecall: report of {} written to {}", args.dir.display(), path.display());
    }
    Ok(0)
}
