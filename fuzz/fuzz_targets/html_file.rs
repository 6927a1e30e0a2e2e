//! HTML files on any bytes: read whole (under the record limit) and reduced
//! to text as `scan` does for `.html` files; never a panic, and the text is
//! UTF-8 whenever the reduction succeeded.
#![no_main]
use libfuzzer_sys::fuzz_target;
use rolecall::input::records::{html_file_text, read_whole};

fuzz_target!(|data: &[u8]| {
    let mut input = data;
    let whole = read_whole(&mut input).expect("a slice does not fail").expect("under the limit");
    assert_eq!(whole, data);
    if let Ok(text) = html_file_text(&whole) {
        // The reduction falls back to the raw bytes only if the renderer panics.
        if text != data {
            assert!(std::str::from_utf8(&text).is_ok());
        }
    }
});
