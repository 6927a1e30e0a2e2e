//! Table and regression tests of the segmenter.

use super::chars::is_ascii_space;
use super::*;

#[test]
fn word_straddling_a_fullwidth_stop_does_not_panic() {
    // Found by the segment fuzz target.
    let text = "\"\\ wa at n\u{3002}ight. Was that a problem?\n\nFor the schedulThee,, it ";
    let mut spans = Vec::new();
    super::segment(text, super::UnitMode::Sentence, &mut spans);
    assert!(spans.iter().all(|s| s.end <= text.len()));
    assert!(spans.len() >= 3);
}

fn units(text: &str, mode: UnitMode) -> Vec<&str> {
    let mut out = Vec::new();
    segment(text, mode, &mut out);
    out.iter().map(|s| &text[s.range()]).collect()
}

#[test]
fn table() {
    let cases: &[(&str, &str, &[&str])] = &[
        ("simple", "He left. She stayed.", &["He left.", "She stayed."]),
        ("question and bang", "Why? Because! Yes.", &["Why?", "Because!", "Yes."]),
        ("titles", "Mr. Smith and Dr. Jones met St. Clair.", &["Mr. Smith and Dr. Jones met St. Clair."]),
        ("vs", "Kramer vs. Kramer won.", &["Kramer vs. Kramer won."]),
        ("initials", "The book by J. R. R. Tolkien sold well.", &["The book by J. R. R. Tolkien sold well."]),
        ("name initial", "Jonas E. Smith spoke.", &["Jonas E. Smith spoke."]),
        (
            "initial after by",
            "A 1936 film directed by D. Ross Lederman.",
            &["A 1936 film directed by D. Ross Lederman."],
        ),
        (
            "initial after producer",
            "It had producer J. Gordon Edwards.",
            &["It had producer J. Gordon Edwards."],
        ),
        ("letter ends", "They chose plan B. Then they left.", &["They chose plan B.", "Then they left."]),
        (
            "initial after a name and `and`",
            "It was written by Derrickson and C. Robert Cargill, who produced it.",
            &["It was written by Derrickson and C. Robert Cargill, who produced it."],
        ),
        (
            "you and I",
            "A good team, you and I. Did you see it?",
            &["A good team, you and I.", "Did you see it?"],
        ),
        (
            "a name and I",
            "It was just Mike and I. The director was Spielberg.",
            &["It was just Mike and I.", "The director was Spielberg."],
        ),
        (
            "initials after a name and `and`",
            "It was directed by Chris Hegedus and D. A. Pennebaker in 1993.",
            &["It was directed by Chris Hegedus and D. A. Pennebaker in 1993."],
        ),
        (
            "initial after a person noun",
            "The novel by author J. Smith was filmed.",
            &["The novel by author J. Smith was filmed."],
        ),
        ("money", "It cost $1.5m. The studio paid.", &["It cost $1.5m.", "The studio paid."]),
        ("decimal", "It scored 3.5 out of 5.", &["It scored 3.5 out of 5."]),
        ("company", "He joined Acme Inc. last year.", &["He joined Acme Inc. last year."]),
        ("company end", "He joined Acme Inc. The firm grew.", &["He joined Acme Inc.", "The firm grew."]),
        ("us", "In the U.S. Government offices.", &["In the U.S. Government offices."]),
        ("us end", "He lives in the U.S. He likes it.", &["He lives in the U.S.", "He likes it."]),
        ("am", "At 5 a.m. the crew arrived.", &["At 5 a.m. the crew arrived."]),
        ("quote close", "\"It works.\" She smiled.", &["\"It works.\"", "She smiled."]),
        ("quote said", "\"It works,\" she said. Then left.", &["\"It works,\" she said.", "Then left."]),
        ("curly quote", "\u{201c}Cut.\u{201d} He sat.", &["\u{201c}Cut.\u{201d}", "He sat."]),
        ("bracket", "It ended (finally.) The end.", &["It ended (finally.)", "The end."]),
        ("ellipsis", "Wait... Then go.", &["Wait...", "Then go."]),
        ("ellipsis lower", "Wait... then go.", &["Wait... then go."]),
        ("unicode ellipsis", "Wait\u{2026} Then go.", &["Wait\u{2026}", "Then go."]),
        ("paragraphs", "No stop here\n\nNext para", &["No stop here", "Next para"]),
        (
            "soft wrap",
            "The film was directed\nby Jane and produced by Jan.",
            &["The film was directed\nby Jane and produced by Jan."],
        ),
        (
            "credits block",
            "Directed by Jane Campion\nProduced by Jan Chapman\nDirector of Photography  Stuart Dryburgh",
            &[
                "Directed by Jane Campion",
                "Produced by Jan Chapman",
                "Director of Photography  Stuart Dryburgh",
            ],
        ),
        (
            "credits colon",
            "Director: Ann Lee\nProducers: Bo Li, Cy Ma",
            &["Director: Ann Lee", "Producers: Bo Li, Cy Ma"],
        ),
        (
            "heading then body",
            "Studio buys rights\nThe studio bought the rights to the novel on Monday.",
            &["Studio buys rights", "The studio bought the rights to the novel on Monday."],
        ),
        (
            "runs on",
            "The first line of this paragraph is the longest.\nIt was produced by\nBo Li.",
            &["The first line of this paragraph is the longest.", "It was produced by\nBo Li."],
        ),
        ("dash list", "Crew:\n- a director\n- a producer", &["Crew:", "- a director", "- a producer"]),
        (
            "numbered inline",
            "1. The first item 2. The second item",
            &["1. The first item", "2. The second item"],
        ),
        ("lettered inline", "a. One b. Two", &["a. One", "b. Two"]),
        ("not a list", "As payment for 1. above and 2. below.", &["As payment for 1. above and 2. below."]),
        (
            "footnotes",
            "It was a saint.[1] The emperor ruled.12 Then he died.",
            &["It was a saint.[1]", "The emperor ruled.12", "Then he died."],
        ),
        ("time of day", "He left at 6 p.m. Travelers stayed.", &["He left at 6 p.m.", "Travelers stayed."]),
        ("dash aside", "Mix it and -- voila! -- cake.", &["Mix it and -- voila! -- cake."]),
        ("full-width stops", "One\u{ff0e}Two\u{ff0e}", &["One\u{ff0e}", "Two\u{ff0e}"]),
        ("paren list", "(i) One thing.\n(ii) Two things.", &["(i) One thing.", "(ii) Two things."]),
        ("crlf", "One.\r\nTwo.\r\n", &["One.", "Two."]),
        ("trailing dots join", "It ended. . . .", &["It ended. . . ."]),
        ("empty", "", &[]),
        ("only space", " \n\t\n", &[]),
    ];
    for (name, text, want) in cases {
        assert_eq!(units(text, UnitMode::Sentence), *want, "case {name}");
    }
}

fn styles(text: &str) -> Vec<(Style, bool)> {
    let (mut out, mut paras) = (Vec::new(), Vec::new());
    Segmenter::default().segment_paragraphs(text, UnitMode::Sentence, &mut out, &mut paras);
    paras.iter().map(|p| (p.style, p.lower_case)).collect()
}

/// One table per style: (name, text, units, style of the first paragraph).
/// Long because it is data: one entry per case.
#[test]
fn styles_table() {
    use Style::*;
    let cases: &[(&str, &str, &[&str], Style)] = &[
        // Standard prose.
        (
            "prose",
            "The crew flew to Malta. Filming began on Monday.",
            &["The crew flew to Malta.", "Filming began on Monday."],
            Prose,
        ),
        // Lower-case prose: a full stop before a lower-case word ends a sentence.
        (
            "lower case",
            "the editor worked nights. the producer paid overtime. nobody slept.",
            &["the editor worked nights.", "the producer paid overtime.", "nobody slept."],
            Prose,
        ),
        (
            "lower case abbreviations",
            "she met mr. lowe at 9 a.m. and flew to the u.s. later. the shoot went well.",
            &["she met mr. lowe at 9 a.m. and flew to the u.s. later.", "the shoot went well."],
            Prose,
        ),
        (
            "lower case acronym before a sentence",
            "they shot it in the u.k. the weather was awful.",
            &["they shot it in the u.k.", "the weather was awful."],
            Prose,
        ),
        (
            "lower case e.g.",
            "some scenes, e.g. the chase, were reshot.",
            &["some scenes, e.g. the chase, were reshot."],
            Prose,
        ),
        (
            "lower case with the pronoun I and a name",
            "i saw it twice. the second time Ana came too. I liked it more. she did not.",
            &["i saw it twice.", "the second time Ana came too.", "I liked it more.", "she did not."],
            Prose,
        ),
        (
            "wrapped lines that happen to end in stops",
            "\"Cut! Cut! Wait!\nno, go on. Keep rolling.\nGood.\"",
            &["\"Cut!", "Cut!", "Wait!\nno, go on.", "Keep rolling.", "Good.\""],
            Prose,
        ),
        // One sentence per line, tokenised and lower case.
        (
            "line per sentence tokenised",
            "the sequel is louder than the original , and dumber .\nmr . hale plays the villain with a grin .\nit was filmed in the u . s . and canada .\nthe ending , though \nsurprised me .\n",
            &[
                "the sequel is louder than the original , and dumber .",
                "mr . hale plays the villain with a grin .",
                "it was filmed in the u . s . and canada .",
                "the ending , though",
                "surprised me .",
            ],
            LinePerSentence,
        ),
        (
            "line per sentence with capitals",
            "The studio wanted a comedy.\nThe director wanted a war film\nShe won.\nThe result was neither.",
            &[
                "The studio wanted a comedy.",
                "The director wanted a war film",
                "She won.",
                "The result was neither.",
            ],
            LinePerSentence,
        ),
        (
            "tokenised quote and comma",
            "she screams \" run , now ! \" , and nobody moves .",
            &["she screams \" run , now ! \" , and nobody moves ."],
            Prose,
        ),
        // Hard-wrapped prose at a narrow and a wide width.
        (
            "wrapped narrow",
            "The second unit shot the\nhorse chase near Almeria\nin four days. Nobody was\nhurt.",
            &["The second unit shot the\nhorse chase near Almeria\nin four days.", "Nobody was\nhurt."],
            Wrapped,
        ),
        (
            "wrapped, not greedily: a word that would fit still wraps",
            "Funding came from a broadcaster in Hamburg and a bank in\nLyon that had backed the producer's two earlier films\nabout the river. Shooting took nine weeks.",
            &[
                "Funding came from a broadcaster in Hamburg and a bank in\nLyon that had backed the producer's two earlier films\nabout the river.",
                "Shooting took nine weeks.",
            ],
            Wrapped,
        ),
        // Headings and title lines.
        ("heading alone", "Coming Soon", &["Coming Soon"], Heading),
        (
            "title case heading over a short body",
            "Night Shoot Ends Early\nRain stopped it.",
            &["Night Shoot Ends Early", "Rain stopped it."],
            Heading,
        ),
        (
            "sentence case heading over body",
            "Festival jury named\nThe jury will be led by a Danish director who won the prize in 2011.",
            &["Festival jury named", "The jury will be led by a Danish director who won the prize in 2011."],
            Heading,
        ),
        (
            "capitals heading",
            "BOX OFFICE REPORT\nThe sequel took $42m in its first weekend, well ahead of studio forecasts.",
            &[
                "BOX OFFICE REPORT",
                "The sequel took $42m in its first weekend, well ahead of studio forecasts.",
            ],
            Heading,
        ),
        // Credit blocks.
        (
            "credits with abbreviations",
            "Dir. Maren Holt\nProd. Ivo Sand\nCo-prod. Lia Berg\nCinematog. Rui Costa",
            &["Dir. Maren Holt", "Prod. Ivo Sand", "Co-prod. Lia Berg", "Cinematog. Rui Costa"],
            Credits,
        ),
        (
            "title-case credit lines over a closing sentence",
            "Directed by Ines Marlow\nProduced by Paul Acker\nRunning time: 112 min.",
            &["Directed by Ines Marlow", "Produced by Paul Acker", "Running time: 112 min."],
            Heading,
        ),
        (
            "tokenised with capitals",
            "The film , directed by Mr . Lee , opens Friday .\nIt runs two hours .\nCritics are divided .",
            &[
                "The film , directed by Mr . Lee , opens Friday .",
                "It runs two hours .",
                "Critics are divided .",
            ],
            LinePerSentence,
        ),
        // Lists.
        (
            "short lines",
            "casting\nlocations\npost production",
            &["casting", "locations", "post production"],
            List,
        ),
        (
            "lettered items in lower case",
            "We need three things. a. a script b. a star c. money",
            &["We need three things.", "a. a script", "b. a star", "c. money"],
            Prose,
        ),
        (
            "bracketed items",
            "(a) Shoot the pilot. (b) Sell the series.",
            &["(a) Shoot the pilot.", "(b) Sell the series."],
            Prose,
        ),
        (
            "bullet items under a title",
            "Festival prizes\n\u{2022} Best Film: The Quiet Road\n\u{2022} Best Director: Lena Holm",
            &["Festival prizes", "\u{2022} Best Film: The Quiet Road", "\u{2022} Best Director: Lena Holm"],
            List,
        ),
        (
            "dash items",
            "Before the shoot:\n- cast the lead\n- book the crew",
            &["Before the shoot:", "- cast the lead", "- book the crew"],
            List,
        ),
    ];
    for (name, text, want, style) in cases {
        assert_eq!(units(text, UnitMode::Sentence), *want, "case {name}");
        assert_eq!(styles(text)[0].0, *style, "style of {name}");
    }
    assert_eq!(styles("the end.\n\nThe End."), [(Prose, true), (Prose, false)]);
    // Starts in lower case, but capitals open its sentences: not lower case.
    assert!(!styles("e.g. this one. It has capitals. So does this.")[0].1);
}

/// Abbreviations by rule: credit roles, capital acronyms, times of day.
#[test]
fn abbreviations_table() {
    let cases: &[(&str, &[&str])] = &[
        (
            "The film opened in the U.S. Audiences there were cool on it.",
            &["The film opened in the U.S.", "Audiences there were cool on it."],
        ),
        ("She left the U.K. Critics followed her.", &["She left the U.K.", "Critics followed her."]),
        ("The U.S. Army film unit made it.", &["The U.S. Army film unit made it."]),
        ("It went to the U.S. Senate committee.", &["It went to the U.S. Senate committee."]),
        ("He moved to the U.S. It suited him.", &["He moved to the U.S.", "It suited him."]),
        (
            "Trade rules give U.S. Firms privileged access.",
            &["Trade rules give U.S. Firms privileged access."],
        ),
        (
            "Tickets cost two dollars (about 90 U.K. Pence) each.",
            &["Tickets cost two dollars (about 90 U.K. Pence) each."],
        ),
        (
            "The Long Shore (dir. Oona Vell; prod. Dax Mirren) opens on Friday.",
            &["The Long Shore (dir. Oona Vell; prod. Dax Mirren) opens on Friday."],
        ),
        (
            "Exec. Prod. Lena Varga signed off on the budget.",
            &["Exec. Prod. Lena Varga signed off on the budget."],
        ),
        ("Co-prod. Ana Ruiz joined late.", &["Co-prod. Ana Ruiz joined late."]),
        (
            "A debut (cinematog. Tom Reyes, ed. Ida Lunde) of real polish.",
            &["A debut (cinematog. Tom Reyes, ed. Ida Lunde) of real polish."],
        ),
        ("Assoc. Prod. Kim Berg flew in.", &["Assoc. Prod. Kim Berg flew in."]),
        (
            "The anthology (ed. Mira Cole) collects essays. Cole wrote the introduction.",
            &["The anthology (ed. Mira Cole) collects essays.", "Cole wrote the introduction."],
        ),
        (
            "It premiered in the U.S. Netflix bought it a week later.",
            &["It premiered in the U.S.", "Netflix bought it a week later."],
        ),
        // Whole words that start a role word still end sentences.
        (
            "They finished the edit. The studio liked it.",
            &["They finished the edit.", "The studio liked it."],
        ),
        ("It was a fine product. Buyers agreed.", &["It was a fine product.", "Buyers agreed."]),
        ("He worked as director. Nobody minded.", &["He worked as director.", "Nobody minded."]),
        ("At 6 a.m. Mr. Okafor was already on set.", &["At 6 a.m. Mr. Okafor was already on set."]),
        ("By 7 a.m. Lena had the shot.", &["By 7 a.m. Lena had the shot."]),
        ("The crew left at 6 p.m. Mr. Okafor stayed.", &["The crew left at 6 p.m.", "Mr. Okafor stayed."]),
    ];
    for (text, want) in cases {
        assert_eq!(units(text, UnitMode::Sentence), *want, "{text}");
    }
}

#[test]
fn quotes_table() {
    let cases: &[(&str, &[&str])] = &[
        ("She said, 'Cut! We go again!' and sat down.", &["She said, 'Cut! We go again!' and sat down."]),
        ("Who paid? - The studio did.", &["Who paid?", "- The studio did."]),
        // A full stop run into the next sentence.
        ("It wrapped.Then it sold.Mr. Lee paid.", &["It wrapped.", "Then it sold.", "Mr. Lee paid."]),
        (
            "Write to Ana.Ruiz@example.com or see St.Louis.",
            &["Write to Ana.Ruiz@example.com or see St.Louis."],
        ),
        ("It was a hit -- who knew? -- in May.", &["It was a hit -- who knew? -- in May."]),
        (
            "The cut (why? nobody knows) ran long. Then it sold.",
            &["The cut (why? nobody knows) ran long.", "Then it sold."],
        ),
        // HTML line breaks (web reviews) stay with the sentence before them.
        (
            "It dragged.<br /><br />The cast saved it. <BR>Go.",
            &["It dragged.<br /><br />", "The cast saved it. <BR>", "Go."],
        ),
        ("'Cut!' she said. 'Again!' We did.", &["'Cut!' she said.", "'Again!'", "We did."]),
        ("\"Why?\" He shrugged.", &["\"Why?\"", "He shrugged."]),
        ("The kids' film won! Its producer cried.", &["The kids' film won!", "Its producer cried."]),
    ];
    for (text, want) in cases {
        assert_eq!(units(text, UnitMode::Sentence), *want, "{text}");
    }
}

#[test]
fn line_mode() {
    assert_eq!(units("a. b. c\n\n  d  \r\ne", UnitMode::Line), ["a. b. c", "d", "e"]);
}

#[test]
fn ascii_space_is_the_ascii_part_of_is_space() {
    for b in 0u8..128 {
        assert_eq!(is_ascii_space(b), is_space(char::from(b)), "{b}");
    }
    assert!(!is_ascii_space(0x85) && !is_ascii_space(0xa0));
}

#[test]
fn trim_agrees_with_trimming_chars() {
    let pieces = [" ", "\t", "\u{b}", "\u{a0}", "\u{3000}", "\u{feff}", "a", "\u{e9}", "\u{2026}", "\r\n"];
    let mut texts = vec![String::new()];
    for _ in 0..4 {
        let longer: Vec<String> =
            texts.iter().flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}"))).collect();
        texts.extend(longer);
    }
    for t in texts {
        let text = format!("x{t}y");
        let span = Span::new(1, text.len() - 1);
        let got = trim(&text, span);
        let want = t.trim_matches(is_space);
        assert_eq!(&text[got.range()], want, "{t:?}");
        if !want.is_empty() {
            assert_eq!(got.start, 1 + t.len() - t.trim_start_matches(is_space).len(), "{t:?}");
        } else {
            assert_eq!(got, Span::new(1, 1), "{t:?}");
        }
    }
}

#[test]
fn spans_are_trimmed_and_in_order() {
    let text = "  First one.   Second one!\n\n\u{a0}Third\u{a0}\n";
    let mut out = Vec::new();
    segment(text, UnitMode::Sentence, &mut out);
    for w in out.windows(2) {
        assert!(w[0].end <= w[1].start);
    }
    for s in &out {
        let t = &text[s.range()];
        assert_eq!(t, t.trim_matches(is_space));
        assert!(!t.is_empty());
    }
    assert_eq!(out.len(), 3);
}

/// The trackers read on from stop to stop agree with the whole-string
/// definitions, for every sentence start and every run of growing ends.
#[test]
fn open_quote_and_bracket_trackers_agree_with_their_definitions() {
    use super::chars::{OpenBrackets, OpenQuotes, bracket_open, quote_open};
    let parts = ["'", "a", " ", "(", ")", "[", "]", "\u{2018}", "\u{2019}", "x'", " 'b", "é", ".", "?"];
    // Every string of four parts, as a counter in base `parts.len()`.
    let n = parts.len();
    for code in 0..n.pow(4) {
        let (mut c, mut s) = (code, String::new());
        for _ in 0..4 {
            s.push_str(parts[c % n]);
            c /= n;
        }
        let bounds: Vec<usize> = (0..=s.len()).filter(|&k| s.is_char_boundary(k)).collect();
        for &from in &bounds {
            let (mut q, mut b) = (OpenQuotes::default(), OpenBrackets::default());
            for &to in bounds.iter().filter(|&&t| t >= from) {
                assert_eq!(q.open(&s, from, to), quote_open(&s[from..to]), "quotes {s:?} {from}..{to}");
                assert_eq!(b.open(&s, from, to), bracket_open(&s[from..to]), "brackets {s:?} {from}..{to}");
            }
        }
    }
}
