//! `httpwire chunked`: a chunked body (RFC 9112 §7.1), its data and its trailer fields; and the
//! chunked bodies of `httpwire request` and `httpwire response`.

use crate::{Decoded, Failure, Input, Refusal, latin1, show};
use chunked::{Config, Decoder, Error, ErrorKind, Event};
use http1::{FieldStorage, Leniency};
use serde_json::{Value, json};
use std::borrow::Cow;
use std::fmt::Write as _;

/// Trailer field storage and limits, as generous as the CLI's heads: people feed it whatever
/// they captured, and want to hear about its grammar rather than a server's budgets.
const MAX_TRAILER_FIELDS: usize = 1024;
const MAX_TRAILER_BYTES: usize = 1 << 20;
const MAX_EXTENSION_BYTES: u64 = 1 << 20;

/// The leniency of the chunked decoder itself, by the name `--lenient` takes.
pub(crate) const BWS_IN_EXTENSIONS: &str = "bws_in_extensions";

/// The decoder's configuration: `bws` for [`BWS_IN_EXTENSIONS`], and http1's leniencies for the
/// trailer section's field lines.
pub(crate) fn config(bws: bool, trailers: Leniency) -> Config {
    Config::new()
        .max_extension_bytes(MAX_EXTENSION_BYTES)
        .bws_in_extensions(bws)
        .trailers(
            http1::Config::new()
                .lenient(trailers)
                .max_fields(MAX_TRAILER_FIELDS)
                .max_head_len(MAX_TRAILER_BYTES),
        )
}

/// The options named by `--lenient`: [`BWS_IN_EXTENSIONS`] and http1's, for the trailers.
fn options(names: &[String]) -> Result<Config, Failure> {
    let mut bws = false;
    let mut lenient = Leniency::default();
    for name in names {
        if name == BWS_IN_EXTENSIONS {
            bws = true;
        } else if !lenient.enable(name) {
            let mut known = vec![BWS_IN_EXTENSIONS];
            known.extend_from_slice(Leniency::NAMES);
            return Err(Failure::Usage(format!(
                "unknown leniency {name:?}; known: {}",
                known.join(", ")
            )));
        }
    }
    Ok(config(bws, lenient))
}

/// A chunked body, decoded.
pub(crate) struct Body<'b> {
    /// Chunks with data (the last, zero-size chunk is not counted).
    pub(crate) chunks: usize,
    /// Their data, concatenated.
    pub(crate) data: Vec<u8>,
    /// The raw extensions of the chunks that have some: the chunk's number (from 1; the last
    /// chunk is `chunks + 1`) and the extensions from their first `;`.
    extensions: Vec<(usize, &'b [u8])>,
    /// The trailer fields, in order.
    pub(crate) trailers: Vec<(&'b [u8], &'b [u8])>,
    /// The body's bytes, up to and including the trailer section's empty line.
    pub(crate) len: usize,
}

/// Why a chunked body could not be decoded.
pub(crate) enum Stop {
    /// The decoder refused it.
    Refused(Error),
    /// The input ended first.
    Incomplete,
}

impl Stop {
    /// The refusal, for a body that starts at `base` in an input of `input_len` bytes: offsets
    /// count from the start of the input.
    pub(crate) fn refusal(self, base: usize, input_len: usize) -> Failure {
        let refusal = match self {
            Stop::Refused(e) => {
                let offset = usize::try_from(e.offset)
                    .ok()
                    .and_then(|o| o.checked_add(base))
                    .unwrap_or(usize::MAX);
                Refusal {
                    kind: kind_name(e.kind),
                    offset: Some(offset),
                    message: kind_message(e.kind),
                    within: Vec::new(),
                }
            }
            Stop::Incomplete => Refusal {
                kind: "incomplete".into(),
                offset: Some(input_len),
                message: "input ended before the chunked body did".into(),
                within: Vec::new(),
            },
        };
        Failure::Refused(refusal)
    }
}

/// A `snake_case` name for an error kind; a trailer section's error is http1's name after
/// `trailer_` (`trailer_missing_colon`).
fn kind_name(kind: ErrorKind) -> Cow<'static, str> {
    let name = match kind {
        ErrorKind::InvalidSize => "invalid_size",
        ErrorKind::SizeTooLarge => "size_too_large",
        ErrorKind::InvalidExtension => "invalid_extension",
        ErrorKind::ExtensionsTooLarge => "extensions_too_large",
        ErrorKind::LineEnding => "line_ending",
        ErrorKind::DataEnding => "data_ending",
        ErrorKind::Overhead => "overhead",
        ErrorKind::Trailer(k) => return format!("trailer_{}", k.name()).into(),
        ErrorKind::ResumedShorter => "resumed_shorter",
        ErrorKind::Finished => "finished",
        // A kind added later (the enum is non-exhaustive): its variant's name in snake_case.
        other => return snake_case(&format!("{other:?}")).into(),
    };
    name.into()
}

/// `CamelCase` to `camel_case`.
fn snake_case(camel: &str) -> String {
    let mut s = String::with_capacity(camel.len() + 4);
    for (i, c) in camel.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i != 0 {
                s.push('_');
            }
            s.push(c.to_ascii_lowercase());
        } else if c.is_ascii_alphanumeric() {
            s.push(c);
        }
    }
    s
}

/// A sentence for people.
fn kind_message(kind: ErrorKind) -> String {
    match kind {
        ErrorKind::Trailer(k) => format!("invalid trailer section: {}", k.message()),
        other => other.to_string(),
    }
}

/// Decodes the chunked body at the start of `input` (which may go on after it).
pub(crate) fn decode(input: &[u8], cfg: Config) -> Result<Body<'_>, Stop> {
    let mut storage = FieldStorage::<MAX_TRAILER_FIELDS>::new();
    let mut dec = Decoder::new(&mut storage, cfg);
    let mut body = Body {
        chunks: 0,
        data: Vec::new(),
        extensions: Vec::new(),
        trailers: Vec::new(),
        len: 0,
    };
    let mut at = 0;
    loop {
        let step = dec.decode(&input[at..]).map_err(Stop::Refused)?;
        at += step.consumed;
        match step.event {
            Event::Chunk {
                size,
                extensions,
                data,
            } => {
                if size != 0 {
                    body.chunks += 1;
                }
                if !extensions.is_empty() {
                    let number = body.chunks + usize::from(size == 0);
                    body.extensions.push((number, extensions));
                }
                body.data.extend_from_slice(data);
            }
            Event::Data(data) => body.data.extend_from_slice(data),
            Event::End { trailers } => {
                body.trailers = trailers.iter().map(|f| (f.name, f.value)).collect();
                body.len = at;
                return Ok(body);
            }
            // The whole input was handed over: nothing more will come.
            Event::NeedMore => return Err(Stop::Incomplete),
        }
    }
}

impl Body<'_> {
    /// The trailer fields for JSON: `[name, value]` pairs.
    pub(crate) fn trailers_json(&self) -> Value {
        self.trailers
            .iter()
            .map(|&(name, value)| json!([latin1(name), latin1(value)]))
            .collect()
    }

    /// Lines for people: chunks, extensions, body, trailers.
    pub(crate) fn human(&self, out: &mut String) {
        let _ = writeln!(
            out,
            "chunks      {} (not counting the last, zero-size chunk)",
            self.chunks
        );
        for &(number, ext) in &self.extensions {
            let which = if number > self.chunks {
                "last chunk".to_owned()
            } else {
                format!("chunk {number}")
            };
            let _ = writeln!(out, "extensions  {which}: {}", show(ext));
        }
        let _ = writeln!(
            out,
            "body        {} bytes: \"{}\"",
            self.data.len(),
            show(&self.data)
        );
        if self.trailers.is_empty() {
            out.push_str("trailers    none\n");
        }
        for &(name, value) in &self.trailers {
            let _ = writeln!(out, "trailer     {}: {}", show(name), show(value));
        }
    }
}

/// Decodes a whole input as a chunked body, for people and for JSON.
pub(crate) fn describe(input: &[u8], cfg: Config) -> Result<Decoded, Failure> {
    let body = decode(input, cfg).map_err(|stop| stop.refusal(0, input.len()))?;
    let mut human = String::new();
    body.human(&mut human);
    let _ = writeln!(human, "consumed    {} bytes", body.len);
    let json = vec![
        ("chunks", json!(body.chunks)),
        ("body", latin1(&body.data)),
        ("trailers", body.trailers_json()),
        ("consumed", json!(body.len)),
    ];
    Ok(Decoded { human, json })
}

/// `httpwire chunked [--json] [--lenient NAME]... [FILE]`
pub(crate) fn run(args: &Input) -> Result<Decoded, Failure> {
    let cfg = options(&args.lenient)?;
    let input = args.read()?;
    describe(&input, cfg)
}

/// Strict options, for the demo.
pub(crate) fn strict() -> Config {
    config(false, Leniency::default())
}

#[cfg(test)]
mod tests {
    use super::snake_case;

    #[test]
    fn variant_names_in_snake_case() {
        assert_eq!(snake_case("Incomplete"), "incomplete");
        assert_eq!(snake_case("SizeTooLarge"), "size_too_large");
    }
}
