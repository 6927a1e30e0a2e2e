//! The warc record reader on any bytes: every record extracted or reported,
//! never a panic; a fatal error ends the file.
#![no_main]
use libfuzzer_sys::fuzz_target;

mod read_records;

fuzz_target!(|data: &[u8]| read_records::read_all(rolecall::input::records::Format::Warc, data));
