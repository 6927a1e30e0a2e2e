//! HTML to text on any bytes (as the body of a WARC response record).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = rolecall::input::records::html_to_text(data);
    let _ = String::from_utf8_lossy(&text);
});
