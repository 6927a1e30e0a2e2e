//! The warc record reader on any bytes: every record extracted or reported,
//! never a panic; a fatal error ends the file.
#![no_main]
use libfuzzer_sys::fuzz_target;
use rolecall::records::{Fields, Format, RecordReader, extract};

fuzz_target!(|data: &[u8]| {
    let fields = Fields::default();
    let mut fatal = false;
    for item in RecordReader::new(Format::Warc, Box::new(data), &fields) {
        assert!(!fatal, "a record after a fatal error");
        match item {
            Ok(raw) => {
                let _ = extract(raw, &fields);
            }
            Err(e) => fatal = e.fatal,
        }
    }
});
