//! Technical award citations addressed to names in capitals: the matches
//! of the built-in cue `<to-capitals>` ([`crate::lexicon::BuiltinCue`]).
//!
//! The Academy's Scientific and Technical citations write their recipients
//! in capitals ("To JOHN ARNOLD of Metro-Goldwyn-Mayer Studio for the
//! M-G-M mobile camera crane"), its honorary citations in mixed case ("To
//! King Vidor for ..."). The studio or production word in such a citation
//! names an employer or a tool's field, not film work. The form is found
//! by code, at the start of each unit ([`super::Matcher::find_in_unit`]:
//! one prefix test per unit), and its match is the opening "To", before
//! every term of the unit, the addressee too ("To PARAMOUNT PICTURES").

/// Whether a unit opens as the Academy's Scientific and Technical award
/// citations do: "To", an optional "the", then a name in capitals: two
/// or more words in capitals or initials ("To C. R. DAILY and ...", "To
/// AL JENSEN, CHUCK HEADLEY ...", "To 20TH CENTURY-FOX FILM CORP. for
/// ..."), or one such word of four letters or more ("To ALIAS/WAVEFRONT
/// for ..."). A word in capitals has at least two letters and none in
/// lower case; an initial is one capital and a full stop ("C.", "R.H.").
/// False for the mixed-case names of honorary citations ("To King Vidor
/// for ...", "To D.A. Pennebaker") and for a short abbreviation before
/// lower-case words ("To UK critics, ...", "To BBC viewers").
/// The form of the cue [`crate::lexicon::BuiltinCue::ToCapitals`].
///
/// Limits: "To" must open the unit as written (not after a quote or a
/// bracket, not "TO"), initials need their full stops ("To J ROBERT RAY"
/// is not found), and a headline or a line
/// in capitals that opens "To" is taken for the form ("To ALL OUR FANS").
///
/// ```
/// use rolecall::matcher::addressee::capitals_addressee;
/// assert!(capitals_addressee("To C. R. DAILY and the STUDIO"));
/// assert!(!capitals_addressee("To King Vidor for his work."));
/// assert!(!capitals_addressee("To UK critics, the film was a triumph."));
/// ```
pub fn capitals_addressee(unit: &str) -> bool {
    let Some(rest) = unit.strip_prefix("To") else { return false };
    // "To" must be a word of its own.
    if !rest.starts_with(char::is_whitespace) {
        return false;
    }
    let mut words = rest.split_whitespace().peekable();
    if words.peek().is_some_and(|&w| w == "the" || w == "THE") {
        words.next();
    }
    // The name's words in capitals (initials count), up to the first other word.
    let (mut capitals, mut longest) = (0, 0);
    for word in words {
        // "C." or "R.H.": one capital before each full stop.
        let mut parts = word.strip_suffix('.').map(|w| w.split('.')).into_iter().flatten().peekable();
        if parts.peek().is_some() && parts.all(crate::people::name::is_initial) {
            capitals += 1;
            continue;
        }
        let bare = word.trim_end_matches([',', '.', ';', ':']);
        let letters = bare.chars().filter(|c| c.is_alphabetic()).count();
        if letters < 2 || bare.chars().any(char::is_lowercase) {
            break;
        }
        capitals += 1;
        longest = longest.max(letters);
        if capitals >= 2 {
            break;
        }
    }
    capitals >= 2 && longest >= 2 || capitals == 1 && longest >= 4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_addressee_finds_the_technical_citations_form() {
        for (unit, want) in [
            ("To C. R. DAILY and the STUDIO", true),
            ("To PARAMOUNT PICTURES, INC., and", true),
            ("To ALIAS/WAVEFRONT for the development", true),
            ("To the ENGINEERING DEPARTMENT", true),
            ("To R.H. SPIES of the studio", true),
            ("To  SVEN WOOP", true),
            ("To AL JENSEN, CHUCK HEADLEY", true),
            ("To ÉCLAIR LABS for", true),
            ("To 20TH CENTURY-FOX FILM CORP. for", true),
            ("To J ROBERT RAY", false),
            ("To King Vidor for his achievements.", false),
            ("To D.A. Pennebaker, who", false),
            ("To W. Howard Greene", false),
            ("To UK critics, the film", false),
            ("To BBC viewers", false),
            ("To A. B. for", false),
            ("To A for", false),
            ("To 1999 and beyond", false),
            ("To ... ALL", false),
            ("Tom HANKS", false),
            ("To", false),
            ("To ", false),
            ("to JOHN ARNOLD", false),
            ("The film, To DIE For", false),
        ] {
            assert_eq!(capitals_addressee(unit), want, "{unit:?}");
        }
    }
}
