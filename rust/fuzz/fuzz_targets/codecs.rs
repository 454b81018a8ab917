//! Any bytes through the core's GB18030 and Big5-HKSCS decoders: no panic; the GB18030 text
//! (whole, or up to the first bad sequence, which lies in the input) and the Big5 text
//! (replaced) are UTF-8 with the number of characters each decoder reports.
#![no_main]

use _core::{big5hkscs, gb18030};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut out = Vec::new();
    let chars = match gb18030::decode(data, &mut out) {
        Ok(chars) => chars,
        Err((at, chars)) => {
            assert!(at < data.len(), "a bad sequence at {at}, past the input's end");
            chars
        }
    };
    let text = std::str::from_utf8(&out).expect("GB18030 decodes to UTF-8");
    assert_eq!(text.chars().count(), chars);
    let chars = big5hkscs::decode_replace(data, &mut out);
    let text = std::str::from_utf8(&out).expect("Big5-HKSCS decodes to UTF-8");
    assert_eq!(text.chars().count(), chars);
});
