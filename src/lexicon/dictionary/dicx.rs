//! LIWC-22 `.dicx` files: the dictionary as a CSV table.
//!
//! ```text
//! DicTerm,directing,producing
//! directed by,X,
//! film*,X,X
//! ```
//!
//! The header's first cell names the term column (LIWC-22 writes
//! `DicTerm`; any name is taken), each further cell a category. A term's
//! row marks its categories: `X` (any case) is a member, a positive
//! number is a member with that weight (LIWC-22's weighted dictionaries),
//! an empty cell or `0` is not. Any other cell is reported. The format
//! has no comments.

use super::{Dictionary, Entry, err};
use crate::error::Error;

/// Reads a `.dicx` file's text (see the module doc).
///
/// # Errors
/// A CSV error, a header with no category column, or an empty or repeated
/// category name: [`Error::Lexicon`] with the line.
pub fn read(file: &str, text: &str) -> Result<Dictionary, Error> {
    let mut rdr = csv::ReaderBuilder::new().flexible(true).has_headers(true).from_reader(text.as_bytes());
    let headers = rdr.headers().map_err(|e| csv_err(file, &e))?.clone();
    let mut d = Dictionary::default();
    if headers.len() < 2 {
        return Err(err(
            file,
            1,
            "not a LIWC-22 .dicx file: the header needs a term column and at least one category column (DicTerm,CATEGORY,…)".into(),
        ));
    }
    for (i, name) in headers.iter().enumerate().skip(1) {
        let name = name.trim();
        if name.is_empty() {
            return Err(err(file, 1, format!("column {} of the header has no category name", i + 1)));
        }
        if d.categories.iter().any(|c| c == name) {
            return Err(err(file, 1, format!("category {name:?} is in the header twice")));
        }
        d.category(name);
    }
    for rec in rdr.records() {
        let rec = rec.map_err(|e| csv_err(file, &e))?;
        let line = rec.position().map_or(0, |p| p.line());
        let term = rec.get(0).unwrap_or("").trim().to_string();
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if rec.len() > headers.len() {
            d.issue(
                line,
                format!(
                    "term {term:?}: {} cells, the header has {}; the extra cells ignored",
                    rec.len(),
                    headers.len()
                ),
            );
        }
        let mut any = false;
        for (i, cell) in rec.iter().enumerate().skip(1).take(d.categories.len()) {
            let category = i - 1;
            let cell = cell.trim();
            let weight = match cell {
                "" => continue,
                c if c.eq_ignore_ascii_case("x") => 1.0,
                c => match c.parse::<f64>() {
                    Ok(0.0) => continue,
                    Ok(w) if w.is_finite() && w > 0.0 => w,
                    Ok(_) => {
                        d.issue(
                            line,
                            format!(
                                "term {term:?}, category {:?}: weight {c} is not a positive number (rolecall has no negative weights); not taken",
                                d.categories[category]
                            ),
                        );
                        continue;
                    }
                    Err(_) => {
                        d.issue(
                            line,
                            format!(
                                "term {term:?}, category {:?}: cell {c:?} is not X, a number or empty; not taken",
                                d.categories[category]
                            ),
                        );
                        continue;
                    }
                },
            };
            any = true;
            d.entries.push(Entry { term: term.clone(), category, weight, line });
        }
        if !any && !rec.iter().skip(1).any(|c| !c.trim().is_empty()) {
            d.issue(line, format!("term {term:?} is in no category"));
        }
    }
    Ok(d)
}

fn csv_err(file: &str, e: &csv::Error) -> Error {
    err(file, e.position().map_or(0, |p| p.line()), format!("bad CSV: {e}"))
}

/// Writes `categories` and `terms` (each a term and the indexes of its
/// categories) as a `.dicx` table: header `DicTerm,CATEGORY…`, `X` in a
/// term's categories, empty cells elsewhere, `\n` line ends.
pub fn write(categories: &[String], terms: &[(String, Vec<usize>)]) -> String {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    let mut row: Vec<&str> = vec!["DicTerm"];
    row.extend(categories.iter().map(String::as_str));
    // Writing to memory cannot fail.
    let _ = w.write_record(&row);
    for (term, cats) in terms {
        let mut row: Vec<&str> = vec![term.as_str()];
        row.extend((0..categories.len()).map(|i| if cats.contains(&i) { "X" } else { "" }));
        let _ = w.write_record(&row);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_marks_weights_and_quoted_terms() {
        let d = read(
            "a.dicx",
            "DicTerm,directing,money\ndirected by,X,\n\"film*\",x,0.5\nbudget,,1\nnothing,,0\n\n",
        )
        .unwrap();
        assert_eq!(d.categories, ["directing", "money"]);
        let got: Vec<(&str, usize, f64, u64)> =
            d.entries.iter().map(|e| (e.term.as_str(), e.category, e.weight, e.line)).collect();
        assert_eq!(
            got,
            [("directed by", 0, 1.0, 2), ("film*", 0, 1.0, 3), ("film*", 1, 0.5, 3), ("budget", 1, 1.0, 4)]
        );
        assert_eq!(d.issues.len(), 0, "{:?}", d.issues);
    }

    #[test]
    fn reports_bad_cells_with_lines() {
        let d = read("a.dicx", "Entry,a\nx,yes\ny,-1\nz\n").unwrap();
        let got: Vec<u64> = d.issues.iter().map(|i| i.line).collect();
        assert_eq!(got, [2, 3, 4], "{:?}", d.issues);
        assert!(d.issues[0].message.contains("\"yes\" is not X"));
        assert!(d.issues[1].message.contains("not a positive number"));
        assert!(d.issues[2].message.contains("in no category"));
    }

    #[test]
    fn bad_headers_are_errors() {
        assert!(
            read("a.dicx", "DicTerm\nx\n").unwrap_err().to_string().starts_with("a.dicx:1: not a LIWC-22")
        );
        assert!(read("a.dicx", "DicTerm,a,a\n").unwrap_err().to_string().contains("twice"));
        assert!(read("a.dicx", "DicTerm,a,\n").unwrap_err().to_string().contains("column 3"));
    }

    #[test]
    fn writes_what_it_reads() {
        let cats = vec!["a".to_string(), "b, c".to_string()];
        let text = write(&cats, &[("x y".into(), vec![1]), ("z*".into(), vec![0, 1])]);
        assert_eq!(text, "DicTerm,a,\"b, c\"\nx y,,X\nz*,X,X\n");
        let d = read("a.dicx", &text).unwrap();
        assert_eq!(d.categories, cats);
        assert_eq!(d.entries.len(), 3);
    }
}
