//! A dictionary and a text from any bytes (split at the first 0xFF): the dictionary parses or
//! is refused, never a panic; when it parses, the cut of the text (read lossily) gives back the
//! text, piece by piece, with no empty piece.
#![no_main]

use _core::features::segment::Dictionary;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let at = data.iter().position(|&b| b == 0xFF).unwrap_or(data.len());
    let (dict, rest) = data.split_at(at);
    let text = String::from_utf8_lossy(rest.get(1..).unwrap_or_default());
    let Ok(dictionary) = Dictionary::from_dict_txt(dict) else { return };
    let pieces = dictionary.cut(&text);
    assert!(pieces.iter().all(|p| !p.is_empty()));
    assert_eq!(pieces.concat(), text);
});
