//! WordStat `.cat` dictionaries (Provalis Research).
//!
//! (tabs shown as spaces)
//!
//! ```text
//! DIRECTING
//!     DIRECTED BY (1)
//!     HELM* (1)
//! MONEY
//!     FINANCE
//!         BOX OFFICE (1)
//! ```
//!
//! A line ending in a number in parentheses is a term and its weight; any
//! other line is a category. Indentation (tabs; runs of spaces are taken
//! too) nests them: a term belongs to the nearest category above it that
//! is indented less, and a nested category is named by its path
//! (`MONEY.FINANCE`). WordStat writes terms in capitals; rolecall matches
//! without regard to case. The format has no comments.

use super::{Dictionary, Entry, Nested, numbered_lines};
use crate::error::Error;

/// Reads a `.cat` file's text (see the module doc).
///
/// # Errors
/// None for any text: lines that cannot be placed (a term before any
/// category, a weight that is not a positive number) are
/// [`super::Issue`]s. The `Result` keeps the readers' shape.
pub fn read(_file: &str, text: &str) -> Result<Dictionary, Error> {
    let mut d = Dictionary::default();
    // Open categories: (indentation width, path, index).
    let mut open: Vec<(usize, String, usize)> = Vec::new();
    for (n, raw) in numbered_lines(text) {
        let body = raw.trim_end();
        let trimmed = body.trim_start();
        if trimmed.is_empty() {
            continue;
        }
        let indent: usize =
            body[..body.len() - trimmed.len()].chars().map(|c| if c == '\t' { 8 } else { 1 }).sum();
        while open.last().is_some_and(|o| o.0 >= indent) {
            open.pop();
        }
        match split_weight(trimmed) {
            Some((term, weight)) => {
                let Some((_, path, category)) = open.last() else {
                    d.issue(n, format!("term {term:?} is not under any category; skipped"));
                    continue;
                };
                match weight.parse::<f64>() {
                    Ok(w) if w.is_finite() && w > 0.0 => {
                        d.entries.push(Entry {
                            term: term.to_string(),
                            category: *category,
                            weight: w,
                            line: n,
                        });
                    }
                    _ => d.issue(
                        n,
                        format!(
                            "term {term:?} in {path:?}: weight ({weight}) is not a positive number; skipped"
                        ),
                    ),
                }
            }
            None => {
                let path = match open.last() {
                    Some((_, p, _)) => format!("{p}.{trimmed}"),
                    None => trimmed.to_string(),
                };
                let category = d.category(&path);
                open.push((indent, path, category));
            }
        }
    }
    Ok(d)
}

/// `TERM (W)` → `(TERM, W)`, when the line ends in a parenthesised number.
fn split_weight(line: &str) -> Option<(&str, &str)> {
    let inner = line.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let weight = inner[open + 1..].trim();
    let number =
        !weight.is_empty() && weight.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+'));
    let term = inner[..open].trim_end();
    (number && !term.is_empty()).then_some((term, weight))
}

/// Writes a two-level dictionary as a `.cat` file: `groups` are
/// `(outer category, [(inner category, [(term, weight)])])`, nested with
/// tabs, `\r\n` line ends (WordStat is a Windows program). Weights are
/// written as given (`1`, `0.5`).
pub fn write(groups: &Nested<(String, f64)>) -> String {
    let mut out = String::new();
    for (outer, inner) in groups {
        out.push_str(&format!("{outer}\r\n"));
        for (key, terms) in inner {
            out.push_str(&format!("\t{key}\r\n"));
            for (term, weight) in terms {
                out.push_str(&format!("\t\t{term} ({weight})\r\n"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_nesting_weights_and_spaces() {
        let text = "DIRECTING\n\tDIRECTED BY (1)\n\tHELM* (2)\nMONEY\n\tFINANCE\n\t\tBOX OFFICE (1)\n    BUDGET (0.5)\n";
        let d = read("a.cat", text).unwrap();
        assert_eq!(d.categories, ["DIRECTING", "MONEY", "MONEY.FINANCE"]);
        let got: Vec<(&str, usize, f64, u64)> =
            d.entries.iter().map(|e| (e.term.as_str(), e.category, e.weight, e.line)).collect();
        assert_eq!(
            got,
            [
                ("DIRECTED BY", 0, 1.0, 2),
                ("HELM*", 0, 2.0, 3),
                ("BOX OFFICE", 2, 1.0, 6),
                ("BUDGET", 1, 0.5, 7)
            ]
        );
        assert!(d.issues.is_empty(), "{:?}", d.issues);
    }

    #[test]
    fn reports_orphans_and_bad_weights() {
        let d = read("a.cat", "LOOSE (1)\nA\n\tX (-1)\n\tY (0)\n\tSTAR (WARS)\n").unwrap();
        let lines: Vec<u64> = d.issues.iter().map(|i| i.line).collect();
        assert_eq!(lines, [1, 3, 4], "{:?}", d.issues);
        // "(WARS)" is not a weight: the line is a category.
        assert!(d.categories.contains(&"A.STAR (WARS)".to_string()), "{:?}", d.categories);
    }

    #[test]
    fn writes_what_it_reads() {
        let text = write(&[(
            "director".into(),
            vec![("role".into(), vec![("directed by".into(), 1.0), ("tone".into(), 0.5)])],
        )]);
        assert_eq!(text, "director\r\n\trole\r\n\t\tdirected by (1)\r\n\t\ttone (0.5)\r\n");
        let d = read("a.cat", &text).unwrap();
        assert_eq!(d.categories, ["director", "director.role"]);
        assert_eq!(d.entries[1].weight, 0.5);
    }
}
