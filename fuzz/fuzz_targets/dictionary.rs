//! Dictionary files of any bytes, read as each format (LIWC `.dic`,
//! `.dicx`, quanteda YAML, WordStat `.cat`), then imported with their
//! first categories mapped to roles: read or refused with a message, never
//! a panic; an import that succeeds always gives files that load.
#![no_main]
use libfuzzer_sys::fuzz_target;
use rolecall::Lexicon;
use rolecall::lexicon::TermKind;
use rolecall::lexicon::dictionary::{Format, import, read};

fuzz_target!(|data: &[u8]| {
    for format in Format::ALL {
        let Ok(d) = read(format, "f", data) else { continue };
        for issue in &d.issues {
            assert!(issue.line as usize <= data.len() + 1);
        }
        let maps: Vec<import::Mapping> = d
            .categories
            .iter()
            .take(3)
            .enumerate()
            .map(|(i, c)| import::Mapping { category: c.clone(), role: format!("r{i}"), kind: TermKind::Role })
            .collect();
        if let Ok(imported) = import::import(&d, "f", format, &maps) {
            Lexicon::from_sources(imported.files).expect("imported files load");
        }
    }
});
