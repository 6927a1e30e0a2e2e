//! Shared by the record-reader targets: reads every record of `data`.

use rolecall::input::records::{Fields, Format, RecordReader, extract};

/// Reads `data` as `format`, extracting every record; asserts that nothing
/// follows a fatal error.
pub fn read_all(format: Format, data: &[u8]) {
    let fields = Fields::default();
    let mut fatal = false;
    for item in RecordReader::new(format, Box::new(data), &fields) {
        assert!(!fatal, "a record after a fatal error");
        match item {
            Ok(raw) => {
                let _ = extract(raw, &fields);
            }
            Err(e) => fatal = e.fatal(),
        }
    }
}
