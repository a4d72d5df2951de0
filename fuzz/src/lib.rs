//! What the fuzz targets share: the request and response parser checks, written once.

use http1::{
    Config, Error, FieldStorage, Leniency, Outcome, RequestParser, ResponseParser, parse_request,
    parse_response,
};

/// A head as owned values: the start line's parts, the fields, the head length.
type Owned<S> = (S, Vec<u8>, Vec<(Vec<u8>, Vec<u8>)>, usize);

/// One kind of head parser: one-shot, and resumed after a first call on `data[..cut]`.
pub trait HeadParser {
    /// The start line's first part as an owned value (method bytes, or status code).
    type First: Clone + PartialEq + core::fmt::Debug;
    /// The one-shot parse.
    fn one_shot(data: &[u8], cfg: &Config) -> Result<Option<Owned<Self::First>>, Error>;
    /// The resumable parser fed `data[..cut]`, then `data`.
    fn resumed(data: &[u8], cut: usize, cfg: &Config) -> Result<Option<Owned<Self::First>>, Error>;
    /// One resumable parser fed `data[..len]` for each of `lens` in turn (growing or not):
    /// the result of every call.
    fn prefixes(
        data: &[u8],
        lens: &[usize],
        cfg: &Config,
    ) -> Vec<Result<Option<Owned<Self::First>>, Error>>;
}

fn fields(f: &http1::Fields<'_, '_>) -> Vec<(Vec<u8>, Vec<u8>)> {
    f.iter()
        .map(|f| (f.name.to_vec(), f.value.to_vec()))
        .collect()
}

/// Request heads.
pub struct Requests;

impl HeadParser for Requests {
    type First = Vec<u8>;

    fn one_shot(data: &[u8], cfg: &Config) -> Result<Option<Owned<Vec<u8>>>, Error> {
        let mut storage = FieldStorage::<64>::new();
        Ok(parse_request(data, &mut storage, cfg)?
            .complete()
            .map(|r| own_request(&r)))
    }

    fn resumed(data: &[u8], cut: usize, cfg: &Config) -> Result<Option<Owned<Vec<u8>>>, Error> {
        let mut storage = FieldStorage::<64>::new();
        let mut p = RequestParser::new(&mut storage, *cfg);
        if let Outcome::Complete(r) = p.parse(&data[..cut])? {
            return Ok(Some(own_request(&r)));
        }
        Ok(p.parse(data)?.complete().map(|r| own_request(&r)))
    }

    fn prefixes(
        data: &[u8],
        lens: &[usize],
        cfg: &Config,
    ) -> Vec<Result<Option<Owned<Vec<u8>>>, Error>> {
        let mut storage = FieldStorage::<64>::new();
        let mut p = RequestParser::new(&mut storage, *cfg);
        lens.iter()
            .map(|&n| Ok(p.parse(&data[..n])?.complete().map(|r| own_request(&r))))
            .collect()
    }
}

fn own_request(r: &http1::Request<'_, '_>) -> Owned<Vec<u8>> {
    (
        r.method.to_vec(),
        r.target.to_vec(),
        fields(&r.fields),
        r.head_len,
    )
}

/// Response heads.
pub struct Responses;

impl HeadParser for Responses {
    type First = u16;

    fn one_shot(data: &[u8], cfg: &Config) -> Result<Option<Owned<u16>>, Error> {
        let mut storage = FieldStorage::<64>::new();
        Ok(parse_response(data, &mut storage, cfg)?
            .complete()
            .map(|r| own_response(&r)))
    }

    fn resumed(data: &[u8], cut: usize, cfg: &Config) -> Result<Option<Owned<u16>>, Error> {
        let mut storage = FieldStorage::<64>::new();
        let mut p = ResponseParser::new(&mut storage, *cfg);
        if let Outcome::Complete(r) = p.parse(&data[..cut])? {
            return Ok(Some(own_response(&r)));
        }
        Ok(p.parse(data)?.complete().map(|r| own_response(&r)))
    }

    fn prefixes(
        data: &[u8],
        lens: &[usize],
        cfg: &Config,
    ) -> Vec<Result<Option<Owned<u16>>, Error>> {
        let mut storage = FieldStorage::<64>::new();
        let mut p = ResponseParser::new(&mut storage, *cfg);
        lens.iter()
            .map(|&n| Ok(p.parse(&data[..n])?.complete().map(|r| own_response(&r))))
            .collect()
    }
}

fn own_response(r: &http1::Response<'_, '_>) -> Owned<u16> {
    (
        r.status.as_u16(),
        r.reason.to_vec(),
        fields(&r.fields),
        r.head_len,
    )
}

/// The parser `P` on arbitrary bytes, strict and with every leniency, one-shot and resumed at
/// a split point taken from the input. Checks: no panic; a complete head lies inside the input;
/// strict acceptance implies lenient acceptance of the same head; the resumed parse equals the
/// one-shot parse.
pub fn check_head_parser<P: HeadParser>(data: &[u8]) {
    let strict = Config::new();
    let lenient = Config::new().lenient(Leniency::all());
    let s = P::one_shot(data, &strict);
    let l = P::one_shot(data, &lenient);
    for head in [&s, &l].into_iter().flatten().flatten() {
        assert!(head.3 <= data.len());
    }
    if let Ok(Some(head)) = &s {
        assert_eq!(l.as_ref().ok(), Some(&Some(head.clone())));
    }
    let cut = data.first().map_or(0, |&b| b as usize % (data.len() + 1));
    assert_eq!(P::resumed(data, cut, &strict), s);
    assert_eq!(P::resumed(data, cut, &lenient), l);
}

/// The parser `P` at every SIMD level this CPU has, fed prefixes of `data` of the lengths
/// `lens` in turn, growing and shrinking. Checks every call against what the API promises: no
/// panic; after an error, the same error; after `Complete`, the same head, or `Incomplete`
/// for fewer bytes than the head; an incomplete parse given fewer bytes than the last call is
/// `ResumedShorter` at the new length; otherwise the one-shot result on the same prefix.
pub fn check_prefix_sequence<P: HeadParser>(data: &[u8], lens: &[usize], cfg: &Config) {
    for level in http1::simd::Level::ALL
        .into_iter()
        .filter(|l| l.is_available())
    {
        let cfg = cfg.simd(level);
        let got = P::prefixes(data, lens, &cfg);
        // The state the calls so far have left: the last incomplete length, a head, an error.
        let mut last_len = 0;
        let mut done: Option<Result<Owned<P::First>, Error>> = None;
        for (&n, got) in lens.iter().zip(got) {
            let want = match &done {
                Some(Err(e)) => Err(*e),
                Some(Ok(head)) if n >= head.3 => Ok(Some(head.clone())),
                Some(Ok(_)) => Ok(None),
                None if n < last_len => Err(http1::Error {
                    kind: http1::ErrorKind::ResumedShorter,
                    offset: n,
                }),
                None => P::one_shot(&data[..n], &cfg),
            };
            assert_eq!(got, want, "{} after {lens:?} at {n}", level.name());
            match got {
                Ok(None) => last_len = n,
                Ok(Some(head)) if done.is_none() => done = Some(Ok(head)),
                Err(e) => done = Some(Err(e)),
                Ok(Some(_)) => {}
            }
        }
    }
}
