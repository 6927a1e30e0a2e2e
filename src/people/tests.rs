//! Table tests: one or more invented sentences per construction.

use super::*;
use crate::Tagger;
use crate::text::segment::UnitMode;

/// The mentions found in `text` (tagged as a document with the built-in
/// lexicon), and that lexicon.
fn mentions(text: &str) -> (Vec<Mention>, Lexicon) {
    let lex = Lexicon::builtin();
    let tagger = Tagger::new(lex.clone(), UnitMode::Sentence).unwrap();
    let doc = tagger.tag_text(text);
    let mut out = Vec::new();
    People::new(&lex).find(text, &doc, &lex, &mut Scratch::default(), &mut out);
    (out, lex)
}

/// The (name as written, role, pattern) triples found in `text`.
fn found(text: &str) -> Vec<(String, String, &'static str)> {
    let (out, lex) = mentions(text);
    out.iter()
        .map(|m| {
            (text[m.span.range()].to_string(), lex.role_name(m.role).to_string(), m.evidence.pattern.name())
        })
        .collect()
}

fn pairs(text: &str) -> Vec<(String, String)> {
    found(text).into_iter().map(|(n, r, _)| (n, r)).collect()
}

fn check(cases: &[(&str, &[(&str, &str)])]) {
    let mut wrong = Vec::new();
    for (text, want) in cases {
        let got = pairs(text);
        let want: Vec<(String, String)> = want.iter().map(|(n, r)| (n.to_string(), r.to_string())).collect();
        let (mut g, mut w) = (got.clone(), want.clone());
        g.sort();
        w.sort();
        if g != w {
            wrong.push(format!("{text:?}\n   got  {got:?}\n   want {want:?}"));
        }
    }
    assert!(wrong.is_empty(), "{} of {} wrong:\n{}", wrong.len(), cases.len(), wrong.join("\n"));
}

const D: &str = "director";
const P: &str = "producer";

#[test]
fn passive_by_and_lists() {
    check(&[
        ("The Glass Orchard is a 1987 drama film directed by Hanna Welk.", &[("Hanna Welk", D)]),
        (
            "It was produced by Tomas Reyes, Ada Lindqvist and Priya Nair.",
            &[("Tomas Reyes", P), ("Ada Lindqvist", P), ("Priya Nair", P)],
        ),
        (
            "The short was produced by Ola Berg and Kim Sato for the festival.",
            &[("Ola Berg", P), ("Kim Sato", P)],
        ),
        ("Directed by Mara Quist\n", &[("Mara Quist", D)]),
        ("Produced by: Lena Otto, Jon Brill", &[("Lena Otto", P), ("Jon Brill", P)]),
        ("The comedy, directed by Ben Horn and starring Ivy Dale, opened in May.", &[("Ben Horn", D)]),
        ("Helmed by Rosa Ferre, the thriller was shot in Lisbon.", &[("Rosa Ferre", D)]),
        ("The western was helmed by Rosa Ferre in 1952.", &[("Rosa Ferre", D)]),
        ("The series is a film by Inés Okafor.", &[("Inés Okafor", D)]),
        ("Shot under the direction of Karl Brandt, the film ran long.", &[("Karl Brandt", D)]),
    ]);
}

#[test]
fn one_person_in_both_roles() {
    check(&[
        (
            "The drama was written, produced and directed by Wendell Ames.",
            &[("Wendell Ames", D), ("Wendell Ames", P)],
        ),
        (
            "Dust Road is a 1961 film directed and produced by Ida Marsh.",
            &[("Ida Marsh", D), ("Ida Marsh", P)],
        ),
        (
            "A 1950 comedy written, produced, directed by, and starring Leo Brandt.",
            &[("Leo Brandt", D), ("Leo Brandt", P)],
        ),
        ("The director and producer Nina Vale spoke to us.", &[("Nina Vale", D), ("Nina Vale", P)]),
    ]);
}

#[test]
fn credit_lines() {
    check(&[
        ("Arlo Penn, Producer", &[("Arlo Penn", P)]),
        ("Arlo Penn and Bea Kurz, Producers", &[("Arlo Penn", P), ("Bea Kurz", P)]),
        ("Best Picture: Tidewater - Maya Rowe, Owen Hart, Producers", &[("Maya Rowe", P), ("Owen Hart", P)]),
        ("Tidewater – Maya Rowe and Owen Hart, Producers", &[("Maya Rowe", P), ("Owen Hart", P)]),
        // A suffix after a comma, read backward from the title.
        ("Ward L. Tobin, Jr., Producer", &[("Ward L. Tobin, Jr.", P)]),
        ("Ines Hart and Cole B. Marsh, Jr., Producers", &[("Ines Hart", P), ("Cole B. Marsh, Jr.", P)]),
        ("Producer: Carla Mendes", &[("Carla Mendes", P)]),
        ("Director: Yusuf Demir; Producer: Hal Ober", &[("Yusuf Demir", D), ("Hal Ober", P)]),
        ("Art Direction: Otto Renn; Set Decoration: Mae Fisk", &[]),
        ("Sound Department, Ray T. Hollis, Sound Director", &[]),
        // An award list's "Category: Work - Name": the title before the
        // dash is not a name; a name of two words before it still is
        // (lists put either first).
        ("Best Director: Tidewater - Samuel Ortiz", &[("Samuel Ortiz", D)]),
        ("Best Director: The Long Road – Marta Ruiz", &[("Marta Ruiz", D)]),
        ("Best Director: Ang Lee – Brokeback Mountain", &[("Ang Lee", D)]),
        ("Director: Marta Ruiz - a first feature", &[("Marta Ruiz", D)]),
        // (Review: an honorific before a full name; one word, or no name,
        // after the dash.)
        ("Best Director: Sir Ridley Scott - Gladiator", &[("Ridley Scott", D)]),
        ("Best Director: Spielberg – Schindler's List", &[("Spielberg", D)]),
        ("Director: Spielberg - Amblin Entertainment", &[("Spielberg", D)]),
        ("Director: Ann Lee; Producer: Bo Ek", &[("Ann Lee", D), ("Bo Ek", P)]),
        // A category heading in the gerund, as "Director: A".
        ("Directing: Tidewater - Samuel Ortiz", &[("Samuel Ortiz", D)]),
        ("Producing: Maya Rowe and Owen Hart", &[("Maya Rowe", P), ("Owen Hart", P)]),
        ("Directing: a guide for beginners", &[]),
        ("Directing: Theory and Practice", &[]),
        ("Directing : Samuel Ortiz", &[("Samuel Ortiz", D)]),
        ("Her directing: Samuel Ortiz would not approve.", &[]),
    ]);
}

#[test]
fn prose_titles() {
    check(&[
        ("Director Felix Amundsen's new drama opens on Friday.", &[("Felix Amundsen", D)]),
        ("The film's executive producer Dora Blum said costs had risen.", &[("Dora Blum", P)]),
        ("We spoke to the director, Pavel Hruby (a former actor).", &[("Pavel Hruby", D)]),
        ("Director and co-writer Selma Ruiz keeps the pace brisk.", &[("Selma Ruiz", D)]),
        ("British film director Sir Tobias Grant has been knighted.", &[("Tobias Grant", D)]),
        ("Nora Quill, the director of Salt Flats, was in town.", &[("Nora Quill", D)]),
        ("Nora Quill, the film's director, was in town.", &[("Nora Quill", D)]),
        ("We met the film's director, Nora Quill, in Oslo.", &[("Nora Quill", D)]),
        ("The producer/director Remy Doss cut the trailer.", &[("Remy Doss", D), ("Remy Doss", P)]),
        ("Lena Dahl won the prize for best director in Berlin.", &[("Lena Dahl", D)]),
        ("Ravi Nair received nods for best director and best screenplay.", &[("Ravi Nair", D)]),
        ("Ann Cole won an award for best director of photography.", &[]),
        ("Jane Fonda received the award for best director Greta Lind.", &[("Greta Lind", D)]),
        ("Emma Dow collected the award for best director on behalf of Yorgos Pappas.", &[]),
        ("A best director prize for Omar Haddad is expected.", &[("Omar Haddad", D)]),
        // A nominee before the award, the work after it.
        ("Mike Leigh is up for the best director award for Vera Drake.", &[("Mike Leigh", D)]),
        ("Leigh was nominated for best director for Vera Drake.", &[("Leigh", D)]),
        ("The film is up for the best director prize for Nora Quill.", &[("Nora Quill", D)]),
        ("The producers axed him after one film.", &[]),
        ("It was a childhood favourite of the director's, Mel Ortiz's.", &[]),
    ]);
}

#[test]
fn prose_verbs_and_debut() {
    check(&[
        ("Weiss, who directed two westerns, said the studio balked.", &[("Weiss", D)]),
        ("Alma Ruiz directed the film in 1999.", &[("Alma Ruiz", D)]),
        ("Greta Holm produced the documentary on a small budget.", &[("Greta Holm", P)]),
        ("Mona Lind's directorial debut won the top prize.", &[("Mona Lind", D)]),
        ("The film was the directorial debut of Sami Kaur.", &[("Sami Kaur", D)]),
        ("Kit Berne made her directorial debut with the thriller.", &[("Kit Berne", D)]),
        ("Ivo Lanz and Petra Suhr directed the documentary together.", &[("Ivo Lanz", D), ("Petra Suhr", D)]),
        ("Spielmann will direct the sequel next year.", &[("Spielmann", D)]),
    ]);
}

#[test]
fn exclusions_hold() {
    check(&[
        ("The director of photography Lars Bek lit the night scenes.", &[]),
        ("Casting director Amy Nolan found the lead.", &[]),
        ("The film was produced and distributed by Harbour Film Company.", &[]),
        ("The thriller was produced by Miramax.", &[]),
        ("Said Dr Ian Colt, managing director of Brightway.", &[]),
        ("The record producer Dex Mayo worked on the album.", &[]),
        ("Capra's documentary series was shown on television.", &[]),
        ("Martin Bay's film opened the festival.", &[]),
        ("The stage director Ruth Ames staged the opera at the theatre.", &[]),
        ("The film was written by Ada Voss and starred Len Ray.", &[]),
    ]);
}

#[test]
fn name_shapes_and_non_ascii_letters() {
    check(&[
        ("The film was directed by J. J. Morrow.", &[("J. J. Morrow", D)]),
        ("It was directed by Guillermo del Campo.", &[("Guillermo del Campo", D)]),
        ("The film was directed by Pieter van der Berg.", &[("Pieter van der Berg", D)]),
        (
            "It is directed by Liam O'Dowd and produced by Ana Dornan-Price.",
            &[("Liam O'Dowd", D), ("Ana Dornan-Price", P)],
        ),
        ("The feature was produced by Rupert Hale Jr. in 1971.", &[("Rupert Hale Jr.", P)]),
        ("La película fue dirigida... directed by Begoña Ibáñez.", &[("Begoña Ibáñez", D)]),
        ("The film was directed by Zoë Łukasiewicz.", &[("Zoë Łukasiewicz", D)]),
        ("Director Søren Ågård spoke after the screening.", &[("Søren Ågård", D)]),
        ("Directed by Yōko Ōta", &[("Yōko Ōta", D)]),
        // A Latin-1 file repaired to UTF-8: the name is not cut at U+FFFD.
        ("It was directed by Jos\u{fffd} Garc\u{fffd}a.", &[("Jos\u{fffd} Garc\u{fffd}a", D)]),
        ("Directed by Ren\u{fffd} Clair", &[("Ren\u{fffd} Clair", D)]),
        ("The film was directed by Jean-Luc Darnay.", &[("Jean-Luc Darnay", D)]),
        ("Murdered director Bram von Stade's film was pulled.", &[("Bram von Stade", D)]),
        ("The 1934 film was directed by Gus Nolan, Jr., from a novel.", &[("Gus Nolan, Jr.", D)]),
        ("It was director Del Lord's last short.", &[("Del Lord", D)]),
        ("The cast includes director John \"Bud\" Carver as a guard.", &[("John \"Bud\" Carver", D)]),
        ("A 1916 drama directed by William C. deMarco and written by Ann Fay.", &[("William C. deMarco", D)]),
        ("The cartoon was produced by Filmation.", &[]),
        ("It was produced by Paramount Players and Nickelodeon Movies.", &[]),
        ("The sequel was produced by Disney MovieToons.", &[]),
        ("It was released by Metro Goldwyn Mayer and produced by Metro Goldwyn Mayer.", &[]),
        ("It was distributed and produced by Deutsche Universal.", &[]),
        (
            "The short was produced by Walt Disney and Tiffany Haddish.",
            &[("Walt Disney", P), ("Tiffany Haddish", P)],
        ),
        ("The feature was produced by Paramount and directed by Ivo Marsh.", &[("Ivo Marsh", D)]),
        ("Well produced, but it lacks a heart.", &[]),
        ("Whoever directed this should be ashamed.", &[]),
        ("The remake, to be directed by Broken Hearts' Ivo Marsh, starts in May.", &[("Ivo Marsh", D)]),
        ("The drama is to be directed by Danish-born Eva Lund.", &[("Eva Lund", D)]),
        ("Picks: Film - Cold Water; director - Rosa Lind; actor - Ken Ode.", &[("Rosa Lind", D)]),
        ("The comedy, which Actor Ben Roux also co-produced, was a hit.", &[("Ben Roux", P)]),
        ("A farewell for director Kurt Vance, Samson and Delilah is a mess.", &[("Kurt Vance", D)]),
        ("Said Joan Reed, director of products at the retailer.", &[]),
        ("Joan Reed, director of The Long Walk, was there.", &[("Joan Reed", D)]),
        ("Knowing who directed it, I expected more.", &[]),
        ("The Romans produced many roads.", &[]),
    ]);
}

#[test]
fn short_mentions_link_to_full_names() {
    let lex = Lexicon::builtin();
    let tagger = Tagger::new(lex.clone(), UnitMode::Sentence).unwrap();
    let text = "The drama is directed by Jane Harrow. Later, Harrow, who directed two other films, spoke.";
    let doc = tagger.tag_text(text);
    let mut out = Vec::new();
    People::new(&lex).find(text, &doc, &lex, &mut Scratch::default(), &mut out);
    let got: Vec<(&str, &str)> = out.iter().map(|m| (&text[m.span.range()], m.name.as_str())).collect();
    assert_eq!(got, [("Jane Harrow", "Jane Harrow"), ("Harrow", "Jane Harrow")]);
    // A full name elsewhere in the text, in no role.
    let text = "Tom Pell's first feature opened. Pell, who directed it in a month, was pleased.";
    let doc = tagger.tag_text(text);
    let mut out = Vec::new();
    People::new(&lex).find(text, &doc, &lex, &mut Scratch::default(), &mut out);
    assert_eq!(out.len(), 1);
    assert_eq!(&text[out[0].span.range()], "Pell");
    assert_eq!(out[0].name, "Tom Pell");
}

#[test]
fn evidence_names_pattern_and_term() {
    let lex = Lexicon::builtin();
    let tagger = Tagger::new(lex.clone(), UnitMode::Sentence).unwrap();
    let text = "Directed by Mara Quist";
    let doc = tagger.tag_text(text);
    let mut out = Vec::new();
    People::new(&lex).find(text, &doc, &lex, &mut Scratch::default(), &mut out);
    assert_eq!(out[0].evidence.code(&lex), "by:directed by");
    assert_eq!(found("Arlo Penn, Producer")[0].2, "credit");
}

#[test]
fn long_units_are_read_around_the_term() {
    let filler = "and then the long scene went on in the rain ".repeat(20);
    let text = format!(
        "In the second act {filler}the film, directed by Ana Ruiz and produced by Bo Lind, {filler}ends."
    );
    assert_eq!(
        pairs(&text),
        [("Ana Ruiz".to_string(), D.to_string()), ("Bo Lind".to_string(), P.to_string())]
    );
    let w = window(&text, Span::new(0, text.len()), Span::new(900, 911));
    assert!(w.start >= 900 - WINDOW_BEFORE && w.end <= 911 + WINDOW_AFTER, "{w:?}");
    assert!(text.as_bytes()[w.start - 1] == b' ' && text.as_bytes()[w.end] == b' ');
}

#[test]
fn examples_after_a_role_noun() {
    check(&[
        (
            "I admire the great directors, like Ozu, Lean, Varda, Kubrick and others.",
            &[("Ozu", D), ("Lean", D), ("Varda", D), ("Kubrick", D)],
        ),
        ("It needs directors such as Mira Olsen and Tad Brook.", &[("Mira Olsen", D), ("Tad Brook", D)]),
        ("Film-makers including Ruth Kane, Aldo Bruni have signed.", &[("Ruth Kane", D), ("Aldo Bruni", D)]),
        ("A book like this needs an ambitious director like Ivo Panek.", &[("Ivo Panek", D)]),
        ("Producers like to cut costs.", &[]),
        ("Directors such as these are rare.", &[]),
    ]);
}

#[test]
fn words_between_the_role_and_the_name() {
    check(&[
        ("She came with her director husband Theo Marsh.", &[("Theo Marsh", D)]),
        ("It was a musical produced by resident schlockmeister extraordinaire Sid Kahn.", &[("Sid Kahn", P)]),
        (
            "A documentary directed by Disney film producer Dan Hale and produced by Hale and former Disney executive Pia Stone.",
            // (as written: "Hale" links to "Dan Hale")
            &[("Dan Hale", D), ("Dan Hale", P), ("Hale", P), ("Pia Stone", P)],
        ),
        ("The short was directed by acclaimed newcomer Lina Broz.", &[("Lina Broz", D)]),
        ("The film was directed by Ada Moss and stars Ben Hurd.", &[("Ada Moss", D)]),
        ("It was directed by the man who calls himself Zed.", &[]),
        ("The film was produced by Ida Wren and starring Cole Vance.", &[("Ida Wren", P)]),
    ]);
}

#[test]
fn credits_and_subjects_without_by() {
    check(&[
        ("Directed Karin Holt I thought this was a dull film.", &[("Karin Holt", D)]),
        ("Produced Ola Berg, the short opened in May.", &[("Ola Berg", P)]),
        ("Executive produced Ola Berg and Kim Sato", &[("Ola Berg", P), ("Kim Sato", P)]),
        // Not the bare verb: a product's name opens the unit.
        ("Direct Connect lets users share films over the network.", &[]),
        ("Alma Tosh, producer of TV show Night Owls, spoke.", &[("Alma Tosh", P)]),
        ("The rights were sold, with Rory Vance set to direct.", &[("Rory Vance", D)]),
        ("He worked with Rory Vance on the script that Vance directed.", &[("Vance", D)]),
        ("Quill is described as a \"blogger, guerrilla film-maker, poet\".", &[("Quill", D)]),
        ("Tessa Rand was a producer on the first two films.", &[("Tessa Rand", P)]),
        ("This is a director at the height of her powers.", &[]),
        // A job done in the role: its subject.
        ("Hana Sato does a fine job directing this tense thriller.", &[("Hana Sato", D)]),
        ("Omar Reyes has done a really solid job of producing it.", &[("Omar Reyes", P)]),
        ("Ida Berg did a grand job producing and directing it.", &[("Ida Berg", D), ("Ida Berg", P)]),
        ("Ann Cole had a tough job directing the crowd scenes.", &[]),
        ("It was a tough job directing the crowd scenes.", &[]),
    ]);
}

#[test]
fn stage_shows_and_surnames_of_occupations() {
    check(&[
        ("The musical was staged by theatre impresario Sir Ned Pole and directed by Ruth Crane.", &[]),
        ("The stage version was directed by Ruth Crane for Broadway.", &[]),
        ("The film of the Broadway hit was directed by Ruth Crane.", &[("Ruth Crane", D)]),
        ("The film noir was directed by Irwin Rapper and starring Dana Cole.", &[("Irwin Rapper", D)]),
        ("Bryce Singer directed the sequel.", &[("Bryce Singer", D)]),
        // Nationalities and adjectives as surnames.
        (
            "The serial was directed by William Witney and John English.",
            &[("William Witney", D), ("John English", D)],
        ),
        (
            "It was produced by Ann German and directed by Carl Young.",
            &[("Ann German", P), ("Carl Young", D)],
        ),
        ("Its director, Harold Young, left early.", &[("Harold Young", D)]),
        ("John English directed the serial.", &[("John English", D)]),
        ("Robert M. Young directed it.", &[("Robert M. Young", D)]),
        ("It was directed by Robert M. Young.", &[("Robert M. Young", D)]),
        ("It was directed by Roger Young Jr. in 1990.", &[("Roger Young Jr.", D)]),
        ("It was produced by John English, Jr. for Republic.", &[("John English, Jr.", P)]),
        // It closes the name: not before another name word, nor before
        // the name.
        ("It was directed by Jean Rouch French New Wave style.", &[("Jean Rouch", D)]),
        ("It was directed by Ida Young van Berg.", &[("Ida Young", D)]),
        ("The film was directed by English director Ken Loach.", &[("Ken Loach", D)]),
        ("Young director Ada Moss won.", &[("Ada Moss", D)]),
        ("Rent the Producers Cut if you can.", &[]),
    ]);
}

#[test]
fn constructions_of_the_third_sample() {
    check(&[
        // Initials after "by" open a name, not a new sentence.
        ("It is a 1936 drama film directed by D. Ross Lederman.", &[("D. Ross Lederman", D)]),
        ("A 1918 film directed by J. Gordon Eddy and starring Theda Bara.", &[("J. Gordon Eddy", D)]),
        // A plural role noun before a list.
        (
            "Seasoned film-makers Roger Mitch, Mike Lee and Pavel Pavlik compete.",
            &[("Roger Mitch", D), ("Mike Lee", D), ("Pavel Pavlik", D)],
        ),
        ("Producers Ada Moss, Ben Hurd and Cy Ma met.", &[("Ada Moss", P), ("Ben Hurd", P), ("Cy Ma", P)]),
        // (The singular stays one name: "director Kurt Vance, Samson and Delilah", above.)
        // A name, `as`, the bare role noun.
        ("The project had Liam Neal in the lead and John Frank as director.", &[("John Frank", D)]),
        ("With Ida Wren as producer, the series went ahead.", &[("Ida Wren", P)]),
        ("The comedy stars Ben Hurd as a director in crisis.", &[]),
        ("The film starring Ben Hurd as director of the school flopped.", &[]),
        // An adverb between the verb and `by`.
        ("The film, written and directed entirely by Tony Waller, is tense.", &[("Tony Waller", D)]),
        // An adjective of origin before an apposed name.
        ("A prize went to its director, Tunisian-born Abdel Kechi, and its star.", &[("Abdel Kechi", D)]),
        // The subject of a verb before `to` and the role's verb.
        ("Soderberg returns to direct the sequel.", &[("Soderberg", D)]),
        ("Mara Quist has agreed to produce the remake.", &[("Mara Quist", P)]),
        ("Lena Otto's decision to direct surprised fans.", &[]),
        ("The studio hopes to produce more films.", &[]),
        // A bracketed aside between the subject and its verb.
        ("And Dave Schwim (Ross) directed during his time on the show.", &[("Dave Schwim", D)]),
        ("The Matrix (1999) directed the genre for a decade.", &[]),
        // A quoted nickname in single quotes, of several words.
        (
            "The remake (directed by Irvin 'Empire Strikes Back' Kersh) is good.",
            &[("Irvin 'Empire Strikes Back' Kersh", D)],
        ),
        // A pronoun's contraction is no name.
        ("It was directed by Jon Landis, a filmmaker I'm not familiar with.", &[("Jon Landis", D)]),
        // An event, not a film, before the term.
        ("Last year's Meltdown festival, directed by the ex-Smiths star Morrison, was a hit.", &[]),
        ("The play, directed by Ruth Crane, opens tonight.", &[]),
        (
            "It is a 1935 film of William Shakespeare's play, directed by Max Rein and starring Jim Cagey.",
            &[("Max Rein", D)],
        ),
        (
            "A documentary film about the 1969 Harlem Festival, directed by Ahmir Tomson.",
            &[("Ahmir Tomson", D)],
        ),
    ]);
}

#[test]
fn constructions_of_the_fourth_sample() {
    check(&[
        // An award of the role for a person.
        ("Nadia Orr won best director and best editing at the ceremony.", &[("Nadia Orr", D)]),
        (
            "Critics say the best director award will be a tight race between Holm and Rita Vasquez.",
            &[("Holm", D), ("Rita Vasquez", D)],
        ),
        ("The film was nominated for best director Oona Pike.", &[("Oona Pike", D)]),
        ("The Piano Room won best director and best film.", &[]),
        ("The best director prize was handed out between Cannes and Venice.", &[]),
        // A verb after a name apposed to the role's noun opening the unit.
        ("The director, Malin Sorby has made a tense and lean thriller.", &[("Malin Sorby", D)]),
        ("Unlike the director, Tomas has never been to Rome.", &[]),
        // Adjectives between a possessive and `directorial`.
        ("This is surely one of Otto Brem's finest directorial efforts.", &[("Otto Brem", D)]),
        ("It shows Otto Brem's most daring directorial choices.", &[]),
        // A credit of the role.
        ("It was the second director credit for Ilse Vang.", &[("Ilse Vang", D)]),
        ("Rafe Dunn fought the studio for a year, and won a producer's credit.", &[("Rafe Dunn", P)]),
        ("Later Rafe Dunn earned a producer credit on the sequel.", &[("Rafe Dunn", P)]),
        ("The director credit for Nightfall went to a pseudonym.", &[]),
        ("The producers' credits were cut.", &[]),
        // A role's noun after an article and adjectives, or a verb of growth and `as`.
        ("The studio head said: \"Ruben (Okoye) is a hugely gifted film-maker.\"", &[("Ruben (Okoye)", D)]),
        ("I felt that Aldous had grown and matured as a filmmaker.", &[("Aldous", D)]),
        ("Bo Lind starred as a film-maker in the comedy.", &[]),
        // A gerund of the role before a work's noun: the list shares it.
        (
            "The drama marked the writing and producing debuts of Hal Ober and Ines Vy.",
            &[("Hal Ober", P), ("Ines Vy", P)],
        ),
        ("The film is the directing debut of Kasia Wren.", &[("Kasia Wren", D)]),
        ("The film is about the producing of cheese by Kasia Wren's family.", &[]),
        // A title of another job.
        ("The squad thanked performance director Elsa Tamm and her team.", &[]),
        ("The club's technical director Juan Roda left.", &[]),
        // A work's title before a person noun after `by`.
        ("It was directed by Salt Flats film-maker Remy Doss.", &[("Remy Doss", D)]),
        // A company whose last word is `Plays`.
        ("The film was produced by Harbour Plays and released in May.", &[]),
    ]);
}

#[test]
fn constructions_of_the_fifth_sample() {
    check(&[
        // A middle initial that is also a word, and initials of two letters.
        ("The Quiet Bay is a 1938 drama directed by Harold I. Webb.", &[("Harold I. Webb", D)]),
        ("It was a 1951 western directed by Lew A. Mayo, starring Ray Dunn.", &[("Lew A. Mayo", D)]),
        ("The 1944 thriller was produced by A. B. Torrance.", &[("A. B. Torrance", P)]),
        // A stage word inside a film's title, after a year and a genre.
        ("Back Of Broadway is a 1941 drama directed by Carl Henning.", &[("Carl Henning", D)]),
        ("Opera Night is a 1936 comedy film produced by Ada Kell.", &[("Ada Kell", P)]),
        ("The Broadway revival, directed by Ruth Crane, opens tonight.", &[]),
        // An award of the role won with other verbs, and the runner-up.
        ("Veteran Tom Ashby took the best director prize for Long Night.", &[("Tom Ashby", D)]),
        ("Mia Sorel collected best director at the ceremony.", &[("Mia Sorel", D)]),
        ("Mia Sorel picked up the best director award on Sunday.", &[("Mia Sorel", D)]),
        ("Ivo Lenz pipped Ana Roth to best director.", &[("Ivo Lenz", D), ("Ana Roth", D)]),
        ("Ivo Lenz beat Ana Roth to the best director prize.", &[("Ivo Lenz", D), ("Ana Roth", D)]),
        ("The drama won best film and Lenz pipped Roth to best director.", &[("Lenz", D), ("Roth", D)]),
        ("The prize went to Red Sails and Lenz pipped the rest.", &[]),
        ("Critics had Ivo Lenz tipped to take the best director award.", &[("Ivo Lenz", D)]),
        ("The best director prize went to Kim Oduya for Tides.", &[("Kim Oduya", D)]),
        ("Red Sails pipped Blue Moon to best picture.", &[]),
        // The role's noun as a predicate after will be, act as, serve as.
        ("Music mogul Ron Tate, who ran a label, will be co-executive producer.", &[("Ron Tate", P)]),
        ("Lia Grant is also expected to act as executive producer for the show.", &[("Lia Grant", P)]),
        ("Lia Grant will serve as a producer on the new series.", &[("Lia Grant", P)]),
        ("It was agreed that Mr Tolan's name has appeared as a producer on the film.", &[("Tolan", P)]),
        ("Jo Kent acts as director of the charity.", &[]),
        ("Jo Kent will be director Ada Moss's assistant.", &[("Ada Moss", D)]),
        // The subject of a coordinated verb after an intervening clause.
        (
            "Scottish-born Abbott moved to London in 1971 and directed TV series such as The Cops.",
            &[("Abbott", D)],
        ),
        ("Ray Dunn trained as an actor and produced three films.", &[("Ray Dunn", P)]),
        ("Ray Dunn said he liked the script and directed it himself.", &[]),
        ("Ray Dunn met the star, and produced nothing.", &[]),
        ("After the hit, Ozu was a surprise choice to direct the sequel.", &[("Ozu", D)]),
        ("Kim Lee was the obvious choice to produce the series.", &[("Kim Lee", P)]),
        ("Lena Otto has been hired to direct the remake.", &[("Lena Otto", D)]),
        // Role nouns as titles.
        ("Fans of auteur Tsai Lung will know what to expect.", &[("Tsai Lung", D)]),
        ("It was directed by \"Blue Harbour\" co-helmer Andy Liu and stars Mei.", &[("Andy Liu", D)]),
        ("Veteran helmer Rolf Arne returns.", &[("Rolf Arne", D)]),
        // A surname that is also a function word.
        ("Fans of auteur Wai To and his crew will like it.", &[("Wai To", D)]),
        ("It was directed by Kam On, and it shows.", &[("Kam On", D)]),
        ("It was directed by Kam Lo In 1990.", &[("Kam Lo", D)]),
        // `direction by`.
        (
            "The film suffers from awful direction (by Tim Reed and Jo Paige).",
            &[("Tim Reed", D), ("Jo Paige", D)],
        ),
        ("The film has sharp direction by Nora Hale and a good cast.", &[("Nora Hale", D)]),
        ("The film took a new direction by adding songs.", &[]),
        // A quoted title after `director of`; a name in brackets after the noun.
        ("Geoff Walt, the director of \"Stone Dogs\", moves Hamlet to Sydney.", &[("Geoff Walt", D)]),
        ("It makes sense in the world the filmmaker (Mick Parr) creates.", &[("Mick Parr", D)]),
        ("The producer (Sony) cut the film.", &[]),
        // A list with an article or adjective before a later name.
        (
            "It is a 1949 drama directed by Emil Kraft and an uncredited Ida Lund and starring Sal Ford.",
            &[("Emil Kraft", D), ("Ida Lund", D)],
        ),
        (
            "It was produced by Emil Kraft and the un-credited Ida Lund.",
            &[("Emil Kraft", P), ("Ida Lund", P)],
        ),
        // A chain of participles closed by `and starring`.
        (
            "Written, directed, and starring Alan Brook, the film also stars Mary Strand.",
            &[("Alan Brook", D)],
        ),
        (
            "The Loud Voice is a 1967 comedy produced, directed, co-written, and starring Jed Lowe.",
            &[("Jed Lowe", D), ("Jed Lowe", P)],
        ),
        ("The film he directed, starring Mary Strand, flopped.", &[]),
        // An organisation's director, a stage producer, a company's name.
        ("\"It was a strong year,\" said BAFA founder and director Ellis Grant.", &[]),
        ("The festival's chairman and director Ellis Grant spoke.", &[]),
        ("The 1946 movie is being turned into a £5m musical by producer Jon Tate.", &[]),
        ("The 1946 movie is being turned into a stage play by director Jon Tate.", &[]),
        ("The novel is being turned into a TV series by producer Jon Tate.", &[("Jon Tate", P)]),
        ("Bet Direct and Sky Bet also tip The Aviator to win.", &[]),
    ]);
}

#[test]
fn constructions_of_the_sixth_sample() {
    check(&[
        // `such` a role's noun `as` names.
        (
            "The event drew such Hollywood directors as Ada Moss and Tom Reyes.",
            &[("Ada Moss", D), ("Tom Reyes", D)],
        ),
        ("It has lured such producers as Kim Oduya to the island.", &[("Kim Oduya", P)]),
        (
            "Such great film-makers as Ivo Lenz, Ana Roth and Mia Sorel came.",
            &[("Ivo Lenz", D), ("Ana Roth", D), ("Mia Sorel", D)],
        ),
        ("The festival needs such directors as these.", &[]),
        ("He wanted such stars as Ada Moss in the film.", &[]),
        // A gerund's award; the winner before an appositive or `who`,
        // negation before the verb.
        ("Ada Moss earned the directing award for Salt Flats.", &[("Ada Moss", D)]),
        ("The directing prize went to Ivo Lenz.", &[("Ivo Lenz", D)]),
        // (review) the award word before punctuation.
        ("Ada Moss earned the directing award.", &[("Ada Moss", D)]),
        // (review) a quoted clause and its source are no fronted appositive.
        ("The director is confident, Ana Roth said.", &[]),
        ("The producer was arrested, Deadline reported.", &[]),
        // (review) a title-case headline is no company name; a month after a
        // name is no surname.
        ("Jane Campion Directs New Film", &[("Jane Campion", D)]),
        ("The film was made, said producer Ana Roth Monday.", &[("Ana Roth", P)]),
        ("The producing prize went to Red Sails.", &[]),
        ("The film's directing won praise from Ada Moss.", &[]),
        (
            "The critic praised Lenz, who beat Ana Roth to the best director award.",
            &[("Lenz", D), ("Ana Roth", D)],
        ),
        ("Ana Roth has never won the best director prize.", &[("Ana Roth", D)]),
        ("Tom Reyes did not win best director, despite the buzz.", &[]),
        ("Mia Sorel has still not won best director.", &[("Mia Sorel", D)]),
        (
            "Ada Moss and Ivo Lenz, both former winners of the Kestrel Prize, won best director nominations.",
            &[("Ada Moss", D), ("Ivo Lenz", D)],
        ),
        ("Ada Moss, each year a favourite, won best director.", &[("Ada Moss", D)]),
        ("The film starred Ada Moss and Ivo Lenz, both newcomers, and won best director.", &[]),
        // `directing by` A, and a noun coordinated with the gerund.
        ("The directing by Kim Oduya is sure-footed.", &[("Kim Oduya", D)]),
        ("The directing and lead performance by the great Ivo Lenz shine.", &[("Ivo Lenz", D)]),
        ("The directing and the music by Tom Reyes are fine.", &[]),
        ("I liked the directing and the story.", &[]),
        // `St.` inside a name, but not a street before a new sentence.
        ("It is a 1926 comedy directed by Malcolm St. Clair.", &[("Malcolm St. Clair", D)]),
        ("Ralph St. John produced the 1950 western.", &[("Ralph St. John", P)]),
        ("The film was directed by Ana Roth on Main St. Then it was cut.", &[("Ana Roth", D)]),
        ("St. Clair directed the 1926 comedy.", &[("St. Clair", D)]),
        ("The film was shot in St. Louis last spring, and Ana Roth directed.", &[("Ana Roth", D)]),
        // A clause's subject after `and`, and `executive produces`.
        ("The studio's heads served as producers and Ray Dunn executive produced.", &[("Ray Dunn", P)]),
        ("Ana Roth wrote the script, and Tom Reyes directed.", &[("Tom Reyes", D)]),
        ("Ray Dunn executive produces the new series.", &[("Ray Dunn", P)]),
        ("The series is executive-produced by Ray Dunn.", &[("Ray Dunn", P)]),
        ("The film stars Ada Moss and Ivo Lenz directed.", &[]),
        // A list of the subject's verbs with commas (a trial); a lone
        // comma, or a comma between names, is no list.
        ("Ana Roth wrote, directed and produced the film.", &[("Ana Roth", D), ("Ana Roth", P)]),
        ("Ana Roth co-wrote, edited, and directed it for Miramax.", &[("Ana Roth", D)]),
        ("The maker of Ana Roth, directs this film.", &[]),
        ("Ana Roth, Tom Reyes directed it.", &[("Tom Reyes", D)]),
        // A capitalised industry word and a descriptor after `by`.
        ("Directed by Bollywood veteran Ravi Anand, the film is set in Goa.", &[("Ravi Anand", D)]),
        ("It was produced by Hollywood newcomer Ana Roth.", &[("Ana Roth", P)]),
        ("It was directed by Hollywood, not by Ana Roth.", &[]),
        // A fronted appositive with the role's noun.
        (
            "One of the most original filmmakers of the last 30 years, Ana Roth has made nine films.",
            &[("Ana Roth", D)],
        ),
        ("As a producer, Ray Dunn has backed risky films.", &[("Ray Dunn", P)]),
        ("A director of rare talent, Ivo Lenz returned to Rome.", &[("Ivo Lenz", D)]),
        ("Unlike most directors of his age, Ivo Lenz has no agent.", &[]),
        ("As a director, Ivo Lenz's new film is odd.", &[]),
        ("The director of the festival, Ivo Lenz said the films were good.", &[]),
    ]);
}

#[test]
fn constructions_of_the_seventh_sample() {
    check(&[
        // `one of` the role's plural noun, a negation before an
        // adjective, a perfect copula.
        ("Ana Roth has become one of Brazil's most famous and admired directors.", &[("Ana Roth", D)]),
        ("Ivo Lenz is one of the busiest producers in Europe.", &[("Ivo Lenz", P)]),
        ("Tom Reyes is not the worst director of the decade.", &[("Tom Reyes", D)]),
        ("Mia Sorel has been a producer since 1990.", &[("Mia Sorel", P)]),
        ("Tom Reyes is not the director.", &[]),
        ("Ana Roth is one of the actors the directors trust.", &[]),
        ("The prize is one of Europe's most coveted for directors.", &[]),
        ("Ana Roth met one of the best producers.", &[]),
        ("Ivo Lenz's film is one of the stage directors' favourites.", &[]),
        // An indefinite article and adjectives before an apposed role
        // noun, or a dash after it.
        ("The film shows a new director, Kim Oduya, at her best.", &[("Kim Oduya", D)]),
        ("Also of note is the director- Ray Dunn, best known for comedies.", &[("Ray Dunn", D)]),
        ("The studio hired a young producer – Ada Moss – for the sequel.", &[("Ada Moss", P)]),
        ("Its talented young director, Ivo Lenz, keeps it moving.", &[("Ivo Lenz", D)]),
        ("The stage director, Ana Roth, was booed.", &[]),
        ("She met a director, an actor and Tom Reyes.", &[]),
        ("A fellow producer, Mia Sorel, bought the studio.", &[]),
        ("The former director - Ana Roth - runs the bank now.", &[]),
        // `direction from` a name.
        ("The direction from Tom Reyes is taut and sure.", &[("Tom Reyes", D)]),
        ("The film marks a change of direction from Tom Reyes.", &[]),
        ("The cast took direction from Ana Roth.", &[]),
        ("The direction from Ana Roth's script is unclear.", &[]),
        // An award's winner or nominee before the name after `by`.
        ("Directed by Oscar winner Ada Moss, it runs long.", &[("Ada Moss", D)]),
        ("Directed by Oscar-Winner:Ivo Lenz (Salt Flats), it runs long.", &[("Ivo Lenz", D)]),
        ("It was produced by Emmy nominee Ray Dunn.", &[("Ray Dunn", P)]),
    ]);
}

#[test]
fn constructions_of_the_seventh_sample_clauses_and_companies() {
    check(&[
        // A relative clause's verb coordinated with the role's verb.
        (
            "Ray Dunn, who not only starred in it, but also actually directed this mess, is bad.",
            &[("Ray Dunn", D)],
        ),
        ("Ana Roth, who wrote the novel and also produced the film, spoke.", &[("Ana Roth", P)]),
        ("Ana Roth, who loved the film that Tom Reyes wrote and directed, spoke.", &[("Tom Reyes", D)]),
        ("The film, which Ana Roth wrote, and also directed by Tom Reyes, flopped.", &[("Tom Reyes", D)]),
        // A plural role noun before one name and a plural verb: a company.
        ("In 2003 producers Morgan Creek were shelving the film.", &[]),
        (
            "The producers Ana Roth and Tom Reyes were shelving the film.",
            &[("Ana Roth", P), ("Tom Reyes", P)],
        ),
        ("In 2003 producer Ana Roth was shelving the film.", &[("Ana Roth", P)]),
    ]);
}

/// The tagger's proximity rule (a stage or music word next to a role term,
/// in a unit that also says film) changes the unit's label but not who is
/// named: [`crate::tag::Status::names_role`].
#[test]
fn a_role_term_discounted_only_by_a_cue_next_to_it_still_names() {
    let text = "The movie was shot in 2019, and rap artist Quavo helped produce it.";
    let lex = Lexicon::builtin();
    let tagger = Tagger::new(lex.clone(), UnitMode::Sentence).unwrap();
    let doc = tagger.tag_text(text);
    let codes: Vec<_> = doc.status_of(0).iter().map(|s| s.code(&lex).into_owned()).collect();
    assert!(codes.iter().any(|c| c == "discounted:music"), "{codes:?}");
    check(&[(text, &[("Quavo", P)])]);
    // A cue right before the term names the other job: nobody is named.
    check(&[("The movie features rock producer Ann Vale on the soundtrack.", &[])]);
    // Without a screen signal the old rule discounts it and nobody is named.
    check(&[("The rap artist Quavo helped produce the album.", &[])]);
}

/// Review fixes: "direction from" after a non-ASCII character (no panic),
/// and a negation before "one of" without an adjective names nobody.
#[test]
fn direction_from_after_non_ascii_and_negated_one_of() {
    check(&[
        ("The film\u{2019}s direction from Tom Reyes is taut.", &[("Tom Reyes", D)]),
        ("The film \u{2014} direction from Tom Reyes \u{2014} is taut.", &[("Tom Reyes", D)]),
        ("Ann Vale is not one of the producers.", &[]),
        // A no-break space before the term (the property test: the cut
        // for the word before it fell inside the two-byte space).
        ("directed by \u{a0}the directing debut of ", &[]),
        ("The fights are clear and John Woo's\u{a0}masterful direction holds it.", &[("John Woo", D)]),
        ("Her film has no\u{a0}direction at all.", &[]),
    ]);
}

/// Kinds of people sample 8 (read after it judged the sixth pass): "A's
/// direction", and a hyphenated given name with a lower-case syllable.
#[test]
fn possessive_direction_and_romanised_given_names() {
    check(&[
        // A possessive name before `direction`, up to two words between.
        ("The script is thin and Avildsen's direction brings out fine performances.", &[("Avildsen", D)]),
        ("The fights are clear and John Woo's masterful direction holds it.", &[("John Woo", D)]),
        ("Ji-woon Kim\u{2019}s direction is slow paced and gripping.", &[("Ji-woon Kim", D)]),
        // A course, another job, or no name: nobody.
        ("The movie marks Ann Vale's new direction as an actress.", &[]),
        ("The show gains from Tom Reyes's musical direction.", &[]),
        ("The film's direction is flat and the story drags.", &[]),
        // Lower-case syllables of a given name, either order.
        ("It was directed by Wong Kar-wai in 2000.", &[("Wong Kar-wai", D)]),
        ("Director Bong Joon-ho spoke to the press.", &[("Bong Joon-ho", D)]),
        ("Chan-wook Park directed the film.", &[("Chan-wook Park", D)]),
        // A hyphenated adjective still stands before the name.
        ("The film was directed by Oscar-winning Ann Vale.", &[("Ann Vale", D)]),
        ("Dutch-born director Paul Verhoeven made it.", &[("Paul Verhoeven", D)]),
    ]);
}

/// Kinds found in a `c100` audit of one-word names: a preposition's
/// object before the role's verb, a role noun inside a company's name.
#[test]
fn objects_of_place_prepositions_and_incorporated_companies() {
    check(&[
        ("Executives at Hemdale directed the film's recut.", &[]),
        ("Crews in Toronto produced the film's effects.", &[]),
        // A clause after `after` or `before` has its subject.
        ("After Ann Vale directed the film, she retired.", &[("Ann Vale", D)]),
        ("Before Tom Reyes produced the film, he sold cars.", &[("Tom Reyes", P)]),
        ("The film was produced and distributed by Associated Producers Incorporated.", &[]),
        ("The film was produced by Ann Vale Productions Limited.", &[]),
    ]);
}

/// PEOPLE.md's "X, who directed…" after a preposition that introduces a
/// person (c100: 117 such clauses, all missed before).
#[test]
fn relative_clauses_after_by_and_starring() {
    check(&[
        ("The film was written by Edward Chodorov, who also produced it.", &[("Edward Chodorov", P)]),
        ("It is a 1950 film starring Bette Davis, who also produced it.", &[("Bette Davis", P)]),
        ("It was based on a novel by Ann Vale, who later directed the film.", &[("Ann Vale", D)]),
        ("The film stars Alan Ladd, who co-produced it.", &[("Alan Ladd", P)]),
        // After `of` the antecedent is as often a title: nobody.
        ("It is the sequel of Titanic, who produced it.", &[]),
        // A company after `by` is not a person.
        ("It was released by Universal Pictures, who also produced it.", &[]),
    ]);
}

/// Kinds of a `c100` audit of missed "directed by" in Wikipedia leads.
#[test]
fn by_lists_after_starring_both_a_nationality_or_a_stop_word_given_name() {
    check(&[
        (
            "It is a 1916 comedy directed by and starring Ann Vale and Tom Reyes.",
            &[("Ann Vale", D), ("Tom Reyes", D)],
        ),
        ("It was directed by both Ann Vale and Tom Reyes.", &[("Ann Vale", D), ("Tom Reyes", D)]),
        ("The film was directed by American Virgil W. Vogel, and stars Ann Vale.", &[("Virgil W. Vogel", D)]),
        ("It is a 1926 film directed by Oscar Apfel.", &[("Oscar Apfel", D)]),
        ("A remake was directed by Will Cowan.", &[("Will Cowan", D)]),
        ("A 1916 film directed by Will S. Davis.", &[("Will S. Davis", D)]),
        // After a capitalised word "Oscar" is the award ("Best Director
        // Oscar Predictions", a headline).
        ("Best Director Oscar Predictions: Ann Vale leads the film race.", &[]),
        ("It was directed by the American Zoetrope team.", &[]),
        ("It is a 1920 film by the director Oscar Micheaux.", &[("Oscar Micheaux", D)]),
        ("It is directed by and stars Ann Vale as the lead.", &[("Ann Vale", D)]),
        // An award before its holder is no given name.
        ("The film was directed by Oscar winner Ann Vale.", &[("Ann Vale", D)]),
    ]);
}

/// A role noun inside a hyphenated compound before the name (a `c100`
/// audit): the compound's head, or each part when the head is a role.
#[test]
fn role_nouns_inside_hyphenated_compounds() {
    check(&[
        ("It was made for producer-director Ann Vale in 1953.", &[("Ann Vale", D), ("Ann Vale", P)]),
        ("It was directed by director-producer Tom Reyes.", &[("Tom Reyes", D), ("Tom Reyes", P)]),
        ("Kudos to actor-turned-director Ann Vale for the job.", &[("Ann Vale", D)]),
        ("He met producer-turned-politician Tom Reyes.", &[]),
        // Another job's compound, and a compound opening the unit.
        ("The film had art-director Ann Vale on set.", &[]),
        ("The film stars record-producer Tom Reyes.", &[]),
        ("Director-producer Tom Reyes made the film.", &[("Tom Reyes", D), ("Tom Reyes", P)]),
        // A role noun that is also a given name, and a singular noun
        // before "A and B" (A's alone).
        ("The 1917 film was written by Helmer Walton Bergman.", &[]),
        ("The Danish helmer Ann Vale spoke.", &[("Ann Vale", D)]),
        ("It was written by director Ann Vale and Tom Reyes.", &[("Ann Vale", D)]),
        ("It was made by the directors Ann Vale and Tom Reyes.", &[("Ann Vale", D), ("Tom Reyes", D)]),
    ]);
}

/// More kinds of the `c100` audit of missed "directed by": two person
/// nouns joined by `and`, a film based on a stage work.
#[test]
fn described_pairs_origins_and_stage_sources() {
    check(&[
        ("It was directed by playwright and screenwriter Ann Vale.", &[("Ann Vale", D)]),
        ("Based on the 1946 stage musical, the film was directed by Ann Vale.", &[("Ann Vale", D)]),
        // The stage work itself names nobody.
        ("The Broadway play, based on a novel, was directed by Ann Vale.", &[]),
        ("The theatre production was directed by Ann Vale.", &[]),
        ("It is an adaptation of the stage musical Jumbo produced by Ann Vale.", &[]),
        (
            "Jones returns to produce this version, with the stage musical's producers Ann Vale and Tom Reyes.",
            &[],
        ),
        ("It was produced by the British studio Aardman Animations.", &[]),
    ]);
}

/// Kinds of a `c100` audit of IMDb reviews with a role word and a name
/// but no mention.
#[test]
fn review_constructions_of_the_c100_audit() {
    check(&[
        ("Full blame can go to Ann Vale, who wrote and directed this potboiler.", &[("Ann Vale", D)]),
        ("The film has great direction from the talented and funny Ann Vale.", &[("Ann Vale", D)]),
        ("The film is a confusing mess under the sloppy direction of Ann Vale.", &[("Ann Vale", D)]),
        ("The film got nominations for Ann Vale as Best Director.", &[("Ann Vale", D)]),
        ("In a way, the film's director -- Ann Vale -- takes an artistic approach.", &[("Ann Vale", D)]),
        ("The writer was thrilled to work with the director, named Tarsem, on the film.", &[("Tarsem", D)]),
        // A course, and a title after `of`, name nobody.
        ("The film moves under the direction of the script.", &[]),
        ("Ann Vale's direction of Tom Reyes's reading is fine.", &[("Ann Vale", D)]),
        ("Sorely missed is Ann Vale's wonderful directing of the first film.", &[("Ann Vale", D)]),
        ("The film's directing is weak.", &[]),
        ("The episode is about Tommy's love of directing.", &[]),
        ("These are scenes inside a movie that Fulci's character is directing.", &[]),
        ("It is the sequel of Titanic, who produced it.", &[]),
    ]);
}

#[test]
fn stage_word_prefilter_keeps_every_window_with_a_stage_token() {
    // Words standing alone, in any case, at either end, before punctuation.
    for yes in [
        "a Broadway revival",
        "THEATRE",
        "the stage's lights",
        "West End",
        "at the opera, directed",
        "panto season",
        "after the ballet",
        "the stageé", // a letter that is not ASCII after it: the tokens decide
    ] {
        assert!(stage_word_in(yes.as_bytes()), "{yes}");
    }
    // Inside longer words: no stage token can be there.
    for no in ["a western", "theatrical release", "the operation", "Stagecoach", "backstage", "no such word"]
    {
        assert!(!stage_word_in(no.as_bytes()), "{no}");
    }
    // Every such window reaches the token check: the same people either way.
    assert_eq!(
        pairs("The West End musical, directed by Jane Campion, opened."),
        Vec::<(String, String)>::new()
    );
}

/// (written, linked name, role) of every mention in `text`.
fn linked(text: &str) -> Vec<(String, String, String)> {
    let (out, lex) = mentions(text);
    out.iter()
        .map(|m| (text[m.span.range()].to_string(), m.name.clone(), lex.role_name(m.role).to_string()))
        .collect()
}

#[test]
fn links_keep_a_suffix_and_pass_over_headlines_and_partners_are_people() {
    let t = |w: &str, n: &str, r: &str| (w.to_string(), n.to_string(), r.to_string());
    // Siblings with one surname, in both roles of a chain: the one-word
    // name stays as written, and it is a producer too (no company).
    assert_eq!(
        linked("Dust Road is a 1984 film written, produced and directed by Ivo and Ada Brandt."),
        [
            t("Ivo", "Ivo", D),
            t("Ivo", "Ivo", P),
            t("Ada Brandt", "Ada Brandt", D),
            t("Ada Brandt", "Ada Brandt", P)
        ]
    );
    // A one-word producer after `by` with no such partner is a company.
    assert_eq!(
        linked("It was produced by Filmation and directed by Ada Brandt."),
        [t("Ada Brandt", "Ada Brandt", D)]
    );
    // A full name with a suffix: the short mention takes it whole.
    assert_eq!(
        linked("Producer Carl Odell Jr won a credit. Odell directed it too."),
        [t("Carl Odell Jr", "Carl Odell Jr", P), t("Odell", "Carl Odell Jr", D)]
    );
    assert_eq!(linked("Carl Odell, Jr. was there.\n\nOdell directed it.")[0].1, "Carl Odell, Jr.");
    // A capitalised word opening a headline is taken only when nothing else is found.
    assert_eq!(
        linked(
            "Comic Tarrant returns to TV\n\nComedian Lou Tarrant is back. Tarrant will direct the series."
        )[0]
        .1,
        "Lou Tarrant"
    );
    assert_eq!(
        linked("Comic Tarrant returns to TV\n\nTarrant will direct the series.")[0].1,
        "Comic Tarrant"
    );
    // "Mr." before a name opens no sentence.
    assert_eq!(
        linked("Said Mr. Lou Tarrant, no. Later Harry Tarrant left. Tarrant will direct the series.")[0].1,
        "Lou Tarrant"
    );
}

#[test]
fn a_title_discounted_by_a_cue_elsewhere_in_the_sentence() {
    // Kind of the studied people samples 6 and 7: the sentence holds a
    // music or stage cue and no screen signal, so the term did not count
    // for the label; "director" right before a full name still names the
    // role unless the cue modifies the title.
    check(&[
        (
            "The score is a lush musical pastiche, and the picture owes much to its director Mara Quist.",
            &[("Mara Quist", D)],
        ),
        ("The singer Dora Lind was the mother of director Per Lind.", &[("Per Lind", D)]),
        // The cue modifies the title: another job.
        ("The theatre's director Anna Hult resigned after the opera season.", &[]),
        ("Concert band director Olle Berg led the orchestra.", &[]),
        // A body's name before the title.
        ("But Fair Trials Abroad director Sam Kell said the court had erred.", &[]),
        // A producer: most often a record's or a show's.
        ("The band's third album was mixed in London, says producer Ola Berg.", &[]),
        // Other patterns do not take a discounted term.
        ("Mara Quist, the director, sang the lead in the concert.", &[]),
    ]);
}

#[test]
fn a_unit_opening_and_joins_no_list() {
    check(&[
        ("And Mara Lind, a sadly forgotten director and writer.", &[("Mara Lind", "director")]),
        ("And Mara Lind, an underrated director, made it.", &[("Mara Lind", "director")]),
    ]);
}

#[test]
fn phrases_between_the_participle_and_by_and_relations_after_by() {
    // Kinds of people samples 9 and 10 (read in the twelfth pass): a short
    // prepositional phrase before `by`; a possessive and a relation
    // between `by` and the name.
    check(&[
        ("Pale Harbour is a 1946 drama directed as his last feature by Ivo Marsh.", &[("Ivo Marsh", D)]),
        ("The cut we saw, directed with a sure hand by Lena Fors, kept me awake.", &[("Lena Fors", D)]),
        (
            "It is a short film produced in 2004 by Ada Kell and Oren B. Vail.",
            &[("Ada Kell", P), ("Oren B. Vail", P)],
        ),
        ("The western was directed on a low budget by Tom Rusk.", &[("Tom Rusk", D)]),
        (
            "It was directed by Ines Lowe and produced by her husband Bo Lowe.",
            &[("Ines Lowe", D), ("Bo Lowe", P)],
        ),
        ("It was produced by Ada Kell and his daughter Mia Kell.", &[("Ada Kell", P), ("Mia Kell", P)]),
        // The possessor is not the one named.
        ("The film was produced in 1961 by Quist's then-husband Per Holm.", &[("Per Holm", P)]),
        ("The film was produced by Quist's brother.", &[]),
        ("It was directed by Quist's husband, Per Holm.", &[("Per Holm", D)]),
        // A comma closes the verb's clause before the phrase.
        (
            "Ada Kell and Bo Lund direct, with segments co-written by Mia Vail.",
            &[("Ada Kell", D), ("Bo Lund", D)],
        ),
        ("The film was directed by Dr. Mia Quist's husband Per Holm.", &[("Per Holm", D)]),
        ("The film was directed by Mia Quist's late husband Per Holm.", &[("Per Holm", D)]),
        ("The film was directed by Mia Quist's brother-in-law Per Holm.", &[("Per Holm", D)]),
        ("The film was produced by Mia Quist's brother and Ola Berg.", &[("Ola Berg", P)]),
        // A possessive with no word of kinship: a company's name.
        ("The film was produced by her old friend Ola Berg.", &[("Ola Berg", P)]),
        ("The film was produced by her firm Berg Vail.", &[]),
        // A noun in the phrase owns the `by` (review of the twelfth pass).
        ("The film was directed with music by Ola Berg.", &[]),
        ("The film was directed on a script by Ola Berg.", &[]),
        ("The film was produced for a fee paid by Ola Berg.", &[]),
        ("The play was directed for the stage by Ola Berg before the film version.", &[]),
        // An active verb's subject is read as before.
        ("Mia Vail directed for a studio run by Ola Berg.", &[("Mia Vail", D)]),
    ]);
}

#[test]
fn with_a_name_and_the_gerund_and_the_role_in_brackets() {
    // Kinds of people sample 10 (read in the twelfth pass), each found in
    // a `c100` audit as well.
    check(&[
        ("It was adapted by Ada Kell and Bo Lund, with Lund directing.", &[("Lund", D)]),
        ("The cast seemed a winner, with Ola Berg directing, but it failed.", &[("Ola Berg", D)]),
        ("It was shot in Rome with Ola Berg producing.", &[("Ola Berg", P)]),
        ("Ada Kell (director) fell short of a good movie.", &[("Ada Kell", D)]),
        (
            "Film partners Ola Berg (producer) and Mia Vail (director) made the movie.",
            &[("Ola Berg", P), ("Mia Vail", D)],
        ),
        ("Other Works: Bo Lund (Writer and Director) has made many documentaries.", &[("Bo Lund", D)]),
        // Another job in the brackets, or words that are no credits.
        ("She hired Ola Berg (art director) for it.", &[]),
        ("The film starred Ola Berg (the director) and Mia Vail.", &[]),
        ("With Ola Berg directing, the film was a hit.", &[("Ola Berg", D)]),
        ("The film stars many, with Jon Lee directing a screenplay by Ann Ho.", &[("Jon Lee", D)]),
        // `with` not right before the name; the gerund's object no work.
        ("The film opened well, and great skill Ola Berg directing is a joy.", &[]),
        ("The film crew's team won the cup with Ola Berg directing play from midfield.", &[]),
        ("After the film, the wedding ran smoothly with Ola Berg directing the guests.", &[]),
        // A cast list's parts, a filmography's titles.
        ("The film's cast includes Ola Berg (Director), Mia Vail (Nurse) and Per Holm (Priest).", &[]),
        ("Her film credits include Night Train (director) and Blue Moon (producer).", &[]),
    ]);
}

/// Kinds of a new user's trial on Wikipedia leads (2026-12-05):
/// nationalities joined by hyphens read as a name ("Cuban-American",
/// "British-French-German"), and "Hollywood" as a surname after an
/// initial ("directed by Edwin L. Hollywood" named "Edwin"), and what a
/// review of that change found.
#[test]
fn nationality_compounds_are_no_names_and_hollywood_may_be_a_surname() {
    check(&[
        ("It was the directorial debut of Cuban-American graphic designer Ann Vale.", &[]),
        ("The film was a British-French-German co-production.", &[]),
        ("British-French-German co-produced the film.", &[]),
        ("It was directed by Italian-American filmmaker Ann Vale.", &[("Ann Vale", D)]),
        (
            "It is a 2009 documentary film directed by Swedish-Italian Erik Gandini about television.",
            &[("Erik Gandini", D)],
        ),
        ("It is a 1925 film directed by Edwin L. Hollywood.", &[("Edwin L. Hollywood", D)]),
        // Hyphenated names stay names; a compound needs a nationality last.
        ("It was directed by Jean-Pierre Melville.", &[("Jean-Pierre Melville", D)]),
        ("It was produced by Mary-Kate Olsen.", &[("Mary-Kate Olsen", P)]),
        ("It was directed by Anne-Marie Duff.", &[("Anne-Marie Duff", D)]),
        ("It was directed by Ann Lee-Vale.", &[("Ann Lee-Vale", D)]),
        // Double-barrelled surnames with a nationality's ending or name
        // stay names; every part of a compound must be a nationality
        // (found by a review).
        ("It was directed by Dawn Morgan-French.", &[("Dawn Morgan-French", D)]),
        ("It was directed by Kate Vaughan-English.", &[("Kate Vaughan-English", D)]),
        ("It was produced by Sally Finch-Irish.", &[("Sally Finch-Irish", P)]),
        ("It is a film directed by Italian-French Ann Vale.", &[("Ann Vale", D)]),
        ("It was the directorial debut of Greek-American graphic designer Ann Vale.", &[]),
        ("It was produced by Anglo-Irish Ann Vale about the war.", &[("Ann Vale", P)]),
        // "Hollywood" is a surname only after an initial.
        ("The film was produced by Old Hollywood.", &[]),
        ("It was directed by Ava DuVernay Hollywood style.", &[("Ava DuVernay", D)]),
    ]);
}
