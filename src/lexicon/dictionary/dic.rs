//! LIWC `.dic` files (LIWC2001–LIWC2015; LIWC-22 reads them too).
//!
//! (tabs shown as spaces)
//!
//! ```text
//! %
//! 1    directing
//! 2    producing
//! %
//! directed by    1
//! film*    1    2
//! ```
//!
//! A line holding only `%` opens the category table, whose lines are a
//! category number, white space and the category's name; a second `%`
//! line closes it. Each later line is a term (a word, a phrase, `*` at the
//! end for a prefix) and the numbers of its categories, separated by tabs
//! (a term without tabs: its trailing numbers are the categories, so a
//! phrase may hold spaces). Indentation of the category lines (LIWC2015's
//! hierarchy) is ignored: categories are flat. LIWC2007's conditional
//! codes (`134(02 02)131/125`) and `<of>` tags are reported, not read.
//! The format has no comments.

use super::{Dictionary, err, numbered_lines};
use crate::error::Error;

/// Reads a `.dic` file's text (see the module doc).
///
/// # Errors
/// No `%` line, no closing `%`, a category line that is not a number and
/// a name, or a category number or name given twice: [`Error::Lexicon`]
/// with the line.
pub fn read(file: &str, text: &str) -> Result<Dictionary, Error> {
    let mut d = Dictionary::default();
    let mut lines = numbered_lines(text);
    // Text before the table: LIWC has none; other tools write a title.
    let mut open = None;
    for (n, line) in lines.by_ref() {
        if line.trim() == "%" {
            open = Some(n);
            break;
        }
        if !line.trim().is_empty() {
            d.issue(n, format!("text before the category table ignored: {:?}", line.trim()));
        }
    }
    let Some(open) = open else {
        return Err(err(
            file,
            1,
            "not a LIWC .dic file: no line holding only '%' (the start of the category table); give --format if the file is of another format".into(),
        ));
    };
    let mut ids: Vec<(u64, usize)> = Vec::new();
    let mut defined_at: Vec<u64> = Vec::new();
    let mut closed = false;
    for (n, line) in lines.by_ref() {
        let line = line.trim();
        if line == "%" {
            closed = true;
            break;
        }
        if line.is_empty() {
            continue;
        }
        let (id, name) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let (name, id) = (name.trim(), id.parse::<u64>());
        let Ok(id) = id else {
            return Err(err(
                file,
                n,
                format!(
                    "a category line is a number, a tab and a name; found {line:?} (is the closing '%' line missing?)"
                ),
            ));
        };
        if name.is_empty() {
            return Err(err(file, n, format!("category {id} has no name")));
        }
        if let Some(&(_, i)) = ids.iter().find(|(k, _)| *k == id) {
            return Err(err(
                file,
                n,
                format!("category number {id} is given twice (first at line {})", defined_at[i]),
            ));
        }
        if let Some(i) = d.categories.iter().position(|c| c == name) {
            return Err(err(
                file,
                n,
                format!("category name {name:?} is given twice (first at line {})", defined_at[i]),
            ));
        }
        ids.push((id, d.category(name)));
        defined_at.push(n);
    }
    if !closed {
        return Err(err(file, open, "the category table opened here has no closing '%' line".into()));
    }
    for (n, raw) in lines {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let (term, codes): (String, Vec<&str>) = if line.contains('\t') {
            let mut fields = line.split('\t').map(str::trim).filter(|f| !f.is_empty());
            let term = fields.next().unwrap_or_default().to_string();
            (term, fields.flat_map(str::split_whitespace).collect())
        } else {
            let words: Vec<&str> = line.split_whitespace().collect();
            let first_code =
                words.iter().rposition(|w| !w.bytes().all(|b| b.is_ascii_digit())).map_or(0, |i| i + 1);
            // A line of numbers alone is a term that is a number.
            let first_code = first_code.max(1);
            (words[..first_code].join(" "), words[first_code..].to_vec())
        };
        if codes.is_empty() {
            d.issue(n, format!("term {term:?} has no category number"));
            continue;
        }
        if let Some(bad) = codes.iter().find(|c| c.parse::<u64>().is_err()) {
            d.issue(
                n,
                format!("term {term:?}: {bad:?} is not a category number (conditional codes and <of> tags of LIWC2007 are not supported); line skipped"),
            );
            continue;
        }
        for code in codes {
            let id: u64 = code.parse().unwrap_or(u64::MAX);
            match ids.iter().find(|(k, _)| *k == id) {
                Some(&(_, category)) => {
                    d.entries.push(super::Entry { term: term.clone(), category, weight: 1.0, line: n })
                }
                None => {
                    d.issue(n, format!("term {term:?}: category number {id} is not in the category table"))
                }
            }
        }
    }
    Ok(d)
}

/// Writes `categories` and `terms` (each a term and the indexes of its
/// categories) as a `.dic` file: categories numbered from 1, tabs
/// between fields, `\n` line ends.
pub fn write(categories: &[String], terms: &[(String, Vec<usize>)]) -> String {
    let mut out = String::from("%\n");
    for (i, c) in categories.iter().enumerate() {
        out.push_str(&format!("{}\t{c}\n", i + 1));
    }
    out.push_str("%\n");
    for (term, cats) in terms {
        out.push_str(term);
        for c in cats {
            out.push_str(&format!("\t{}", c + 1));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(d: &Dictionary) -> Vec<(String, String)> {
        d.entries.iter().map(|e| (e.term.clone(), d.categories[e.category].clone())).collect()
    }

    #[test]
    fn reads_header_terms_phrases_and_several_categories() {
        let d = read(
            "a.dic",
            "%\n1\tdirecting\n\t2   money talk\n%\ndirected by\t1\nfilm*\t1\t2\nbox office 2\n\nhelm* 1 2\n",
        )
        .unwrap();
        assert_eq!(d.categories, ["directing", "money talk"]);
        let want = [
            ("directed by", "directing"),
            ("film*", "directing"),
            ("film*", "money talk"),
            ("box office", "money talk"),
            ("helm*", "directing"),
            ("helm*", "money talk"),
        ];
        let want: Vec<(String, String)> = want.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        assert_eq!(terms(&d), want);
        assert_eq!(d.entries[3].line, 7);
        assert!(d.issues.is_empty(), "{:?}", d.issues);
    }

    #[test]
    fn reports_what_it_cannot_read_with_lines() {
        let d = read("a.dic", "%\n1\ta\n%\nlike\t1 134(02 02)131/125\nalone\nghost\t9\n").unwrap();
        assert!(d.entries.is_empty(), "{:?}", d.entries);
        let lines: Vec<u64> = d.issues.iter().map(|i| i.line).collect();
        assert_eq!(lines, [4, 5, 6], "{:?}", d.issues);
        assert!(d.issues[0].message.contains("conditional codes"));
        assert!(d.issues[1].message.contains("no category number"));
        assert!(d.issues[2].message.contains("not in the category table"));
    }

    #[test]
    fn malformed_headers_are_errors_with_lines() {
        let cases = [
            ("a\tb\n", "a.dic:1: not a LIWC .dic file"),
            ("%\n1\ta\n", "a.dic:1: the category table opened here has no closing"),
            ("%\nx\ta\n%\n", "a.dic:2: a category line is a number"),
            ("%\n1\ta\n1\tb\n%\n", "a.dic:3: category number 1 is given twice (first at line 2)"),
            ("%\n1\ta\n2\ta\n%\n", "a.dic:3: category name \"a\" is given twice"),
            ("%\n7\n%\n", "a.dic:2: category 7 has no name"),
        ];
        for (text, want) in cases {
            let got = read("a.dic", text).unwrap_err().to_string();
            assert!(got.starts_with(want), "{text:?}: want {want:?}, got {got:?}");
        }
    }

    #[test]
    fn writes_what_it_reads() {
        let cats = vec!["a".to_string(), "b c".to_string()];
        let terms_in = vec![("directed by".to_string(), vec![0]), ("film*".to_string(), vec![0, 1])];
        let text = write(&cats, &terms_in);
        assert_eq!(text, "%\n1\ta\n2\tb c\n%\ndirected by\t1\nfilm*\t1\t2\n");
        let d = read("a.dic", &text).unwrap();
        assert_eq!(d.categories, cats);
        assert_eq!(d.entries.len(), 3);
    }
}
