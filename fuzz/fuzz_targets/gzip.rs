//! Gzip'd input (any bytes, read through the decompressor) into the WARC
//! and JSON Lines readers: truncated or corrupt streams end the file cleanly.
#![no_main]
use libfuzzer_sys::fuzz_target;
use rolecall::input::open::gunzip;
use rolecall::input::records::{Fields, Format, RecordReader, extract};

fuzz_target!(|data: &[u8]| {
    let fields = Fields::default();
    for format in [Format::Warc, Format::Jsonl] {
        for item in RecordReader::new(format, gunzip(data), &fields) {
            if let Ok(raw) = item {
                let _ = extract(raw, &fields);
            }
        }
    }
});
