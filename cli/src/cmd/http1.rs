//! `httpwire request` and `httpwire response`: an HTTP/1 head, its framing, and the body when
//! the framing lets it be read from the input (a chunked body decoded).

use super::chunked::{self as chunked_cmd, BWS_IN_EXTENSIONS};
use crate::{Decoded, Failure, Input, MessageArgs, Refusal, emit_outcome, latin1, show, text};
use http1::{
    BodyFraming, Config, FieldStorage, Fields, FramingOptions, Leniency, MessageInfo, Outcome,
    Version, framing,
};
use serde_json::{Value, json};
use std::borrow::Cow;
use std::fmt::Write as _;

/// Field storage for the CLI: generous, since people feed it whatever they captured.
const MAX_FIELDS: usize = 1024;

/// How a message is decoded: its head, its framing, a chunked body.
pub(crate) struct Options {
    head: Config,
    framing: FramingOptions,
    chunked: chunked::Config,
    /// `--head-only`: the body is not read.
    head_only: bool,
}

/// The options named by `--lenient`: http1's parser leniencies (for the head and a chunked
/// body's trailers), its framing options, and the chunked decoder's.
fn options(names: &[String]) -> Result<Options, Failure> {
    let mut lenient = Leniency::default();
    let mut framing = FramingOptions::new();
    let mut bws = false;
    for name in names {
        if name == BWS_IN_EXTENSIONS {
            bws = true;
        } else if !lenient.enable(name) && !framing.enable(name) {
            let mut known: Vec<&str> = Leniency::NAMES.to_vec();
            known.extend_from_slice(FramingOptions::NAMES);
            known.push(BWS_IN_EXTENSIONS);
            return Err(Failure::Usage(format!(
                "unknown leniency {name:?}; known: {}",
                known.join(", ")
            )));
        }
    }
    let head = Config::new()
        .lenient(lenient)
        .max_fields(MAX_FIELDS)
        .max_head_len(1 << 20);
    Ok(Options {
        head,
        framing,
        chunked: chunked_cmd::config(bws, lenient),
        head_only: false,
    })
}

fn refused(kind: &'static str, offset: Option<usize>, message: impl Into<String>) -> Failure {
    Failure::Refused(Refusal {
        kind: Cow::Borrowed(kind),
        offset,
        message: message.into(),
        within: Vec::new(),
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
    /// A chunked body, decoded (then `bytes` is `None`).
    chunked: Option<chunked_cmd::Body<'a>>,
    consumed: usize,
}

/// Reads the body that the framing describes from what follows the head.
fn body<'a>(
    input: &'a [u8],
    head_len: usize,
    info: &MessageInfo,
    opts: &Options,
) -> Result<Body<'a>, Failure> {
    let rest = &input[head_len..];
    let plain = |bytes, consumed| Body {
        bytes,
        chunked: None,
        consumed,
    };
    if opts.head_only {
        return Ok(plain(None, head_len));
    }
    let cfg = opts.chunked;
    Ok(match info.body {
        BodyFraming::ContentLength(n) => {
            let n = usize::try_from(n).unwrap_or(usize::MAX);
            match rest.get(..n) {
                Some(b) => plain(Some(b), head_len + n),
                None => return Err(incomplete(input.len(), "Content-Length body")),
            }
        }
        BodyFraming::Chunked => {
            let body = chunked_cmd::decode(rest, cfg)
                .map_err(|stop| stop.refusal(head_len, input.len()))?;
            Body {
                bytes: None,
                consumed: head_len + body.len,
                chunked: Some(body),
            }
        }
        BodyFraming::CloseDelimited => plain(Some(rest), input.len()),
        BodyFraming::None => plain(Some(&[]), head_len),
        // A tunnel's bytes are not HTTP: the message ends with its head.
        BodyFraming::Tunnel => plain(None, head_len),
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
    match (body.bytes, &body.chunked) {
        (_, Some(chunked)) => chunked.human(human),
        (Some(b), None) => {
            let _ = writeln!(human, "body        {} bytes: \"{}\"", b.len(), show(b));
        }
        (None, None) if info.body == BodyFraming::Tunnel => {
            human.push_str("body        (tunnel)\n");
        }
        (None, None) => human.push_str("body        (not read: --head-only)\n"),
    }
    let _ = writeln!(human, "consumed    {} bytes", body.consumed);

    json.push(("headers", fields_json(fields)));
    json.push(("head_len", json!(head_len)));
    json.push(("framing", framing_json(info)));
    json.push(("keep_alive", Value::Bool(info.keep_alive)));
    json.push(("upgrade", Value::Bool(info.upgrade)));
    json.push(("expect_continue", Value::Bool(info.expect_continue)));
    match &body.chunked {
        Some(chunked) => {
            json.push(("body", latin1(&chunked.data)));
            json.push(("trailers", chunked.trailers_json()));
        }
        None => {
            json.push(("body", body.bytes.map_or(Value::Null, latin1)));
            json.push(("trailers", Value::Null));
        }
    }
    json.push(("consumed", json!(body.consumed)));
}

/// Decodes one request from `input`.
pub(crate) fn decode_request(input: &[u8], opts: &Options) -> Result<Decoded, Failure> {
    let mut storage = FieldStorage::<MAX_FIELDS>::new();
    let req = match http1::parse_request(input, &mut storage, &opts.head) {
        Ok(Outcome::Complete(r)) => r,
        Ok(Outcome::Incomplete) => return Err(incomplete(input.len(), "head")),
        Err(e) => return Err(head_error(e)),
    };
    let info = framing::request_framing_with(&req, &opts.framing).map_err(framing_error)?;
    let authority =
        http1::authority::request_authority_with(&req, &opts.framing).map_err(framing_error)?;
    let body = body(input, req.head_len, &info, opts)?;
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
    opts: &Options,
) -> Result<Decoded, Failure> {
    let mut storage = FieldStorage::<MAX_FIELDS>::new();
    let resp = match http1::parse_response(input, &mut storage, &opts.head) {
        Ok(Outcome::Complete(r)) => r,
        Ok(Outcome::Incomplete) => return Err(incomplete(input.len(), "head")),
        Err(e) => return Err(head_error(e)),
    };
    let info =
        framing::response_framing_with(&resp, method, &opts.framing).map_err(framing_error)?;
    let body = body(input, resp.head_len, &info, opts)?;
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

/// The options of `request` and `response`: `--lenient` names and `--head-only`.
fn message_options(args: &Input, message: MessageArgs) -> Result<Options, Failure> {
    let mut opts = options(&args.lenient)?;
    opts.head_only = message.head_only;
    Ok(opts)
}

/// `--method M`, checked.
fn method_token(method: &str) -> Result<&[u8], Failure> {
    if !framing::is_token(method.as_bytes()) {
        return Err(Failure::Usage(format!(
            "--method {method:?} is not a token"
        )));
    }
    Ok(method.as_bytes())
}

/// `httpwire request [--json] [--lenient NAME]... [--head-only] [FILE]`
pub(crate) fn request(args: &Input, message: MessageArgs) -> Result<Decoded, Failure> {
    let opts = message_options(args, message)?;
    let input = args.read()?;
    decode_request(&input, &opts)
}

/// `httpwire response [--json] [--method M] [--lenient NAME]... [--head-only] [FILE]`
pub(crate) fn response(
    args: &Input,
    method: &str,
    message: MessageArgs,
) -> Result<Decoded, Failure> {
    let opts = message_options(args, message)?;
    let method = method_token(method)?;
    let input = args.read()?;
    decode_response(&input, method, &opts)
}

/// Runs `decode` on every input of a `--batch` file (hex, one per line), printing one JSON
/// object per input. A line that is not hex stops the run (kind `bad_line`, exit status 2).
fn batch(
    args: &Input,
    mut decode: impl FnMut(&[u8]) -> Result<Decoded, Failure>,
) -> Result<(), Failure> {
    let file = args.read()?;
    for (number, line) in file.split(|&b| b == b'\n').enumerate() {
        let line = line.trim_ascii();
        if line.is_empty() || line.starts_with(b"#") {
            continue;
        }
        let input = super::hpack::unhex(line).map_err(|_| {
            Failure::Refused(Refusal {
                kind: Cow::Borrowed("bad_line"),
                offset: None,
                message: format!("\"{}\" is not an input in hex", show(line)),
                within: vec![("line", number + 1)],
            })
        })?;
        emit_outcome(decode(&input))?;
    }
    Ok(())
}

/// `httpwire request --json --batch [--lenient NAME]... [--head-only] [FILE]`
pub(crate) fn request_batch(args: &Input, message: MessageArgs) -> Result<(), Failure> {
    let opts = message_options(args, message)?;
    batch(args, |input| decode_request(input, &opts))
}

/// `httpwire response --json --batch [--method M] [--lenient NAME]... [--head-only] [FILE]`
pub(crate) fn response_batch(
    args: &Input,
    method: &str,
    message: MessageArgs,
) -> Result<(), Failure> {
    let opts = message_options(args, message)?;
    let method = method_token(method)?;
    batch(args, |input| decode_response(input, method, &opts))
}

/// Strict options, for the demo.
pub(crate) fn strict() -> Options {
    options(&[]).unwrap_or_else(|_| Options {
        head: Config::new(),
        framing: FramingOptions::new(),
        chunked: chunked_cmd::strict(),
        head_only: false,
    })
}
