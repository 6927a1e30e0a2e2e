//! WARC response blocks (HTTP head and body) on any bytes: chunked transfer
//! encoding, gzip/deflate content encoding, binary sniffing and charset
//! decoding. Never a panic; text that comes out is UTF-8 when it was
//! decoded from a charset, and the identified type is honoured.
#![no_main]
use libfuzzer_sys::fuzz_target;
use rolecall::input::records::response_text;

fuzz_target!(|data: &[u8]| {
    // The first byte picks a WARC-Identified-Payload-Type.
    let (pick, block) = data.split_first().map_or((0, data), |(p, b)| (*p, b));
    let identified = match pick % 4 {
        0 => None,
        1 => Some("text/html"),
        2 => Some("image/png"),
        _ => Some("text/plain"),
    };
    if let Ok(Some(body)) = response_text(block, identified) {
        assert!(identified != Some("image/png"), "an identified image was read as text");
        if body.transcoded.is_some() {
            assert!(std::str::from_utf8(&body.text).is_ok(), "decoded text is not UTF-8");
        }
    }
});
