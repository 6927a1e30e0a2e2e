//! The JSON array reader on any bytes: every element extracted or reported,
//! never a panic; a fatal error ends the file; and an input that is a valid
//! array of objects is read as exactly its elements, in order.
#![no_main]
use libfuzzer_sys::fuzz_target;
use rolecall::input::records::{Fields, Format, Payload, RecordReader};

mod read_records;

fuzz_target!(|data: &[u8]| {
    read_records::read_all(Format::Json, data);
    type Objects = Vec<serde_json::Map<String, serde_json::Value>>;
    if let Ok(want) = serde_json::from_slice::<Objects>(data) {
        let got: Objects = RecordReader::new(Format::Json, Box::new(data), &Fields::default())
            .map(|r| match r.expect("a valid array reads without faults").payload {
                Payload::Json(b) => serde_json::from_slice(&b).expect("each element is an object"),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(got, want);
    }
});
