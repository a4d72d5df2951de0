//! `httpwire request` and `httpwire response`: an HTTP/1 head, its framing, and the body when
//! the framing lets it be read from the input.

use crate::{Decoded, Failure, Input, Refusal, latin1, show, text};
use http1::{
    BodyFraming, Config, FieldStorage, Fields, FramingOptions, Leniency, MessageInfo, Outcome,
    Version, framing,
};
use serde_json::{Value, json};
use std::fmt::Write as _;

/// Field storage for the CLI: generous, since people feed it whatever they captured.
const MAX_FIELDS: usize = 1024;

/// The parser and framing options named by `--lenient`.
fn options(names: &[String]) -> Result<(Config, FramingOptions), Failure> {
    let mut lenient = Leniency::default();
    let mut framing = FramingOptions::new();
    for name in names {
        if !lenient.enable(name) && !framing.enable(name) {
            let mut known: Vec<&str> = Leniency::NAMES.to_vec();
            known.extend_from_slice(FramingOptions::NAMES);
            return Err(Failure::Usage(format!(
                "unknown leniency {name:?}; known: {}",
                known.join(", ")
            )));
        }
    }
    let cfg = Config::new()
        .lenient(lenient)
        .max_fields(MAX_FIELDS)
        .max_head_len(1 << 20);
    Ok((cfg, framing))
}

fn refused(kind: &'static str, offset: Option<usize>, message: impl Into<String>) -> Failure {
    Failure::Refused(Refusal {
        kind,
        offset,
        message: message.into(),
    })
}

fn head_error(e: http1::Error) -> Failure {
    refused(e.kind.name(), Some(e.offset), e.kind.message())
}

fn framing_error(e: http1::FramingError) -> Failure {
    refused(e.kind.name(), Some(e.offset), e.kind.message())
}

fn incomplete(len: usize, what: &str) -> Failure {
    refused(
        "incomplete",
        Some(len),
        format!("input ended before the {what} did"),
    )
}

/// The body, as far as the input holds it, and the bytes of the whole message.
struct Body<'a> {
    bytes: Option<&'a [u8]>,
    consumed: usize,
}

/// Reads the body that the framing describes from what follows the head.
fn body<'a>(input: &'a [u8], head_len: usize, info: &MessageInfo) -> Result<Body<'a>, Failure> {
    let rest = &input[head_len..];
    Ok(match info.body {
        BodyFraming::ContentLength(n) => {
            let n = usize::try_from(n).unwrap_or(usize::MAX);
            match rest.get(..n) {
                Some(b) => Body {
                    bytes: Some(b),
                    consumed: head_len + n,
                },
                None => return Err(incomplete(input.len(), "Content-Length body")),
            }
        }
        BodyFraming::CloseDelimited => Body {
            bytes: Some(rest),
            consumed: input.len(),
        },
        BodyFraming::None => Body {
            bytes: Some(&[]),
            consumed: head_len,
        },
        // Chunked bodies are decoded once the chunked crate lands; a tunnel's bytes are not
        // HTTP. Either way the message as far as this command knows ends with its head.
        _ => Body {
            bytes: None,
            consumed: head_len,
        },
    })
}

fn framing_json(info: &MessageInfo) -> Value {
    let (kind, length) = match info.body {
        BodyFraming::None => ("none", None),
        BodyFraming::ContentLength(n) => ("content-length", Some(n)),
        BodyFraming::Chunked => ("chunked", None),
        BodyFraming::CloseDelimited => ("close", None),
        BodyFraming::Tunnel => ("tunnel", None),
    };
    json!({"kind": text(kind), "length": length})
}

fn fields_json(fields: &Fields<'_, '_>) -> Value {
    fields
        .iter()
        .map(|f| json!([latin1(f.name), latin1(f.value)]))
        .collect()
}

fn version_text(v: Version) -> [u8; 8] {
    v.wire()
}

/// The common tail of both commands: fields, framing, body, for people and for JSON.
fn tail(
    human: &mut String,
    json: &mut Vec<(&'static str, Value)>,
    fields: &Fields<'_, '_>,
    head_len: usize,
    info: &MessageInfo,
    body: &Body<'_>,
) {
    for f in fields.iter() {
        let _ = writeln!(human, "field       {}: {}", show(f.name), show(f.value));
    }
    let framing = match info.body {
        BodyFraming::ContentLength(n) => format!("content-length {n}"),
        BodyFraming::CloseDelimited => "close-delimited".into(),
        other => other.name().replace('_', "-"),
    };
    let _ = writeln!(human, "head        {head_len} bytes");
    let _ = writeln!(human, "framing     {framing}");
    let _ = writeln!(
        human,
        "keep-alive  {}",
        if info.keep_alive { "yes" } else { "no" }
    );
    if info.upgrade {
        human.push_str("upgrade     requested\n");
    }
    if info.expect_continue {
        human.push_str("expect      100-continue\n");
    }
    match body.bytes {
        Some(b) => {
            let _ = writeln!(human, "body        {} bytes: \"{}\"", b.len(), show(b));
        }
        None if info.body == BodyFraming::Chunked => {
            human.push_str("body        (chunked: not decoded yet)\n");
        }
        None => human.push_str("body        (tunnel)\n"),
    }
    let _ = writeln!(human, "consumed    {} bytes", body.consumed);

    json.push(("headers", fields_json(fields)));
    json.push(("head_len", json!(head_len)));
    json.push(("framing", framing_json(info)));
    json.push(("keep_alive", Value::Bool(info.keep_alive)));
    json.push(("upgrade", Value::Bool(info.upgrade)));
    json.push(("expect_continue", Value::Bool(info.expect_continue)));
    json.push(("body", body.bytes.map_or(Value::Null, latin1)));
    json.push(("trailers", Value::Null));
    json.push(("consumed", json!(body.consumed)));
}

/// Decodes one request from `input`.
pub(crate) fn decode_request(
    input: &[u8],
    cfg: &Config,
    fopts: &FramingOptions,
) -> Result<Decoded, Failure> {
    let mut storage = FieldStorage::<MAX_FIELDS>::new();
    let req = match http1::parse_request(input, &mut storage, cfg) {
        Ok(Outcome::Complete(r)) => r,
        Ok(Outcome::Incomplete) => return Err(incomplete(input.len(), "head")),
        Err(e) => return Err(head_error(e)),
    };
    let info = framing::request_framing_with(&req, fopts).map_err(framing_error)?;
    let authority = http1::authority::request_authority_with(&req, fopts).map_err(framing_error)?;
    let body = body(input, req.head_len, &info)?;
    let version = version_text(req.version);
    let mut human = format!(
        "request     {} {} {} ({}-form)\n",
        show(req.method),
        show(req.target),
        show(&version),
        req.target_form.name()
    );
    let _ = match authority {
        Some(a) => writeln!(
            human,
            "authority   {} (from {})",
            show(a.raw),
            a.source.name()
        ),
        None => writeln!(human, "authority   none"),
    };
    let mut json = vec![
        ("method", latin1(req.method)),
        ("target", latin1(req.target)),
        ("target_form", text(req.target_form.name())),
        ("version", latin1(&version)),
        (
            "authority",
            authority.map_or(Value::Null, |a| {
                json!({
                    "raw": latin1(a.raw),
                    "host": latin1(a.host),
                    "port": a.port,
                    "source": text(a.source.name()),
                })
            }),
        ),
    ];
    tail(
        &mut human,
        &mut json,
        &req.fields,
        req.head_len,
        &info,
        &body,
    );
    Ok(Decoded { human, json })
}

/// Decodes one response from `input`, as the answer to a `method` request.
pub(crate) fn decode_response(
    input: &[u8],
    method: &[u8],
    cfg: &Config,
    fopts: &FramingOptions,
) -> Result<Decoded, Failure> {
    let mut storage = FieldStorage::<MAX_FIELDS>::new();
    let resp = match http1::parse_response(input, &mut storage, cfg) {
        Ok(Outcome::Complete(r)) => r,
        Ok(Outcome::Incomplete) => return Err(incomplete(input.len(), "head")),
        Err(e) => return Err(head_error(e)),
    };
    let info = framing::response_framing_with(&resp, method, fopts).map_err(framing_error)?;
    let body = body(input, resp.head_len, &info)?;
    let version = version_text(resp.version);
    let mut human = format!(
        "response    {} {} \"{}\" (to {})\n",
        show(&version),
        resp.status.as_u16(),
        show(resp.reason),
        show(method)
    );
    let mut json = vec![
        ("version", latin1(&version)),
        ("status", json!(resp.status.as_u16())),
        ("reason", latin1(resp.reason)),
    ];
    tail(
        &mut human,
        &mut json,
        &resp.fields,
        resp.head_len,
        &info,
        &body,
    );
    Ok(Decoded { human, json })
}

/// `httpwire request [--json] [--lenient NAME]... [FILE]`
pub(crate) fn request(args: &Input) -> Result<Decoded, Failure> {
    let (cfg, fopts) = options(&args.lenient)?;
    let input = args.read()?;
    decode_request(&input, &cfg, &fopts)
}

/// `httpwire response [--json] [--method M] [--lenient NAME]... [FILE]`
pub(crate) fn response(args: &Input, method: &str) -> Result<Decoded, Failure> {
    let (cfg, fopts) = options(&args.lenient)?;
    if !framing::is_token(method.as_bytes()) {
        return Err(Failure::Usage(format!(
            "--method {method:?} is not a token"
        )));
    }
    let input = args.read()?;
    decode_response(&input, method.as_bytes(), &cfg, &fopts)
}

/// Strict options, for the demo.
pub(crate) fn strict() -> (Config, FramingOptions) {
    options(&[]).unwrap_or((Config::new(), FramingOptions::new()))
}
