//! The response parser on arbitrary bytes, strict and with every leniency, one-shot and
//! resumed at a split point taken from the input.
#![no_main]

use http1::{Config, FieldStorage, Leniency, Outcome, ResponseParser, parse_response};
use libfuzzer_sys::fuzz_target;

type Owned = (u16, Vec<u8>, Vec<(Vec<u8>, Vec<u8>)>, usize);

fn own(r: &http1::Response<'_, '_>) -> Owned {
    let fields = r
        .fields
        .iter()
        .map(|f| (f.name.to_vec(), f.value.to_vec()))
        .collect();
    (r.status.as_u16(), r.reason.to_vec(), fields, r.head_len)
}

fn one_shot(data: &[u8], cfg: &Config) -> Result<Option<Owned>, http1::Error> {
    let mut storage = FieldStorage::<64>::new();
    Ok(match parse_response(data, &mut storage, cfg)? {
        Outcome::Complete(r) => {
            assert!(r.head_len <= data.len());
            Some(own(&r))
        }
        Outcome::Incomplete => None,
    })
}

fn resumed(data: &[u8], cut: usize, cfg: &Config) -> Result<Option<Owned>, http1::Error> {
    let mut storage = FieldStorage::<64>::new();
    let mut p = ResponseParser::new(&mut storage, *cfg);
    if let Outcome::Complete(r) = p.parse(&data[..cut])? {
        return Ok(Some(own(&r)));
    }
    Ok(match p.parse(data)? {
        Outcome::Complete(r) => Some(own(&r)),
        Outcome::Incomplete => None,
    })
}

fuzz_target!(|data: &[u8]| {
    let strict = Config::new();
    let lenient = Config::new().lenient(Leniency::all());
    let s = one_shot(data, &strict);
    let l = one_shot(data, &lenient);
    if let Ok(Some(head)) = &s {
        assert_eq!(l.as_ref().ok(), Some(&Some(head.clone())));
    }
    let cut = data.first().map_or(0, |&b| b as usize % (data.len() + 1));
    assert_eq!(resumed(data, cut, &strict), s);
    assert_eq!(resumed(data, cut, &lenient), l);
});
