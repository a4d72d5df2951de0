//! `httpwire`: decode HTTP wire bytes for people and for test harnesses.
//!
//! Every decoding subcommand follows one contract:
//!
//! * it reads FILE, or standard input when FILE is absent or `-`;
//! * exit status 0 when the input decodes, 1 when it is refused, 2 on a usage or I/O error;
//! * human-readable output by default; with `--json`, standard output holds exactly one JSON
//!   object, `{"ok": true, ...}` or
//!   `{"ok": false, "error": {"kind": "snake_case", "offset": N|null, "message": "..."}}`,
//!   where the error of an input of several parts says after `message` which part it is in
//!   (`hpack`: `"block": N, "line": N`);
//! * byte strings in JSON are strings whose code points U+0000–U+00FF stand for bytes
//!   0x00–0xFF, so any bytes round-trip.

mod cmd;

use clap::error::ErrorKind;
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use serde_json::{Map, Value, json};
use std::borrow::Cow;
use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The contract of the decoding subcommands, as a literal (for `concat!`).
macro_rules! contract {
    () => {
        "\
Exit status: 0 decoded, 1 refused, 2 usage or I/O error.
--json prints exactly one JSON object on stdout; byte strings use the Latin-1 mapping."
    };
}

/// Shown under every `--help`: the contract of the decoding subcommands.
const CONTRACT: &str = contract!();

/// Shown under `request --help` and `response --help`: what becomes of the body.
const MESSAGE_HELP: &str = concat!(
    "\
The body, as the framing says (RFC 9112 §6.3):
  content-length  the N bytes after the head; refused (incomplete) when the input holds fewer
  chunked         decoded: \"body\" is the chunks' data, \"trailers\" the trailer fields as
                  [name, value] pairs; refused with the decoder's error, whose offset counts from
                  the start of the input (the head's length plus the offset in the body), or
                  (incomplete) when the input ends before the body does. --lenient takes
                  bws_in_extensions for it, and bare_lf applies to its trailer section too
  close           the rest of the input (responses)
  none            empty
  tunnel          not HTTP: \"body\" is null
\"trailers\" is null but for a chunked body. \"consumed\" is the message's length, head and body:
the input may go on after it (a pipelined message).
--head-only reads no body: the head and its framing only (\"body\" and \"trailers\" null,
\"consumed\" the head's length).
--batch (with --json) reads many inputs, one per line in hex ('#' comments and blank lines
skipped, '-' an empty input), and prints one JSON object per line, each what --json prints for
that input alone; exit status 0 when every line was read (each object says ok or not), 2 with
one more object (kind bad_line, and its \"line\") when a line is not hex.

",
    contract!()
);

/// Shown under `chunked --help`.
const CHUNKED_HELP: &str = concat!(
    "\
--json: {\"ok\":true,\"chunks\":N,\"body\":S,\"trailers\":[[NAME,VALUE],...],\"consumed\":N}
  chunks    the chunks that carry data: the last, zero-size chunk is not counted
  body      their data, concatenated
  trailers  the trailer section's fields, in order
  consumed  the body's length, up to and including the trailer section's empty line; the
            input may go on after it (a pipelined message)
Refused: {\"ok\":false,\"error\":{\"kind\":K,\"offset\":N,\"message\":M}}, N counted from the body's
first byte; a trailer section's error is http1's kind after \"trailer_\". An input that ends
before the body does is refused too (kind \"incomplete\", at the input's length).

Leniencies (--lenient NAME): bws_in_extensions (whitespace around the ';' and '=' of chunk
extensions), and http1's names for the trailer section, which its field-line parser reads as
a request head's fields: bare_lf applies there; obs_fold, space_before_colon (responses only),
multiple_spaces and missing_reason_space (start lines) are accepted and change nothing.

",
    contract!()
);

/// Shown under `hpack decode --help`.
const HPACK_DECODE_HELP: &str = concat!(
    "\
Input, line by line (one decoding context for the whole input, as on one connection):
  8286 8441 0f77 ...  a header block in hex (spaces allowed); '-' is an empty block
  table-size N        SETTINGS_HEADER_TABLE_SIZE N was acknowledged before the next block
  # ...               a comment; blank lines are skipped too
--table-size N is the SETTINGS value before the first block (4096, the protocol's initial one).

--json: {\"ok\":true,\"blocks\":[{\"headers\":[[NAME,VALUE],...],\"never_indexed\":[I,...],
         \"table_size\":N},...]}
  headers        the block's fields, in order
  never_indexed  the indices in headers of the fields sent as never indexed (RFC 7541 §6.2.3)
  table_size     the dynamic table's size (RFC 7541 §4.1) after the block
Refused: the first block the decoder refuses ends the run:
  {\"ok\":false,\"error\":{\"kind\":K,\"offset\":N,\"message\":M,\"block\":B,\"line\":L}}
  K is the decoder's error (index, integer, truncated, huffman_padding, huffman_eos,
  size_update_missing, ...), N the offset in block B (blocks count from 0, the other lines
  not counted) and L its line (from 1). A line that is neither hex nor 'table-size N' (N at
  most 1048576) is refused the same way, with kind bad_line and offset null: the input is
  wrong, not the command line.
Limits beyond any real peer's: strings of 64 KiB, header lists of 1 MiB, 4096 fields a block.

",
    contract!()
);

/// Shown under `hpack encode --help`.
const HPACK_ENCODE_HELP: &str = concat!(
    "\
Input, line by line (one encoding context for the whole input, as on one connection):
  [[\"name\",\"value\"],...]  a header list: a JSON array of [name, value] pairs, each string
                          bytes by the Latin-1 mapping (code points above U+00FF are refused)
  table-size N            the peer's SETTINGS_HEADER_TABLE_SIZE N was acknowledged before the
                          next block: that block starts with the size updates it calls for
  # ...                   a comment; blank lines are skipped too
--table-size N is the peer's SETTINGS value before the first block (4096, the protocol's
initial one). The encoder's table is at most 4096 bytes; its default policy never indexes
authorization, proxy-authorization and short cookie values, and does not index :path,
content-length and other values that seldom repeat. Strings are Huffman-coded when shorter.

Output: one line per input line that counts: the block in hex ('-' for an empty block) or the
'table-size N' line, which is the input of 'hpack decode' (with the same --table-size).
--json: {\"ok\":true,\"blocks\":[HEX,...],\"table_sizes\":[{\"block\":B,\"size\":N},...]}
  table_sizes  the 'table-size N' lines: N was acknowledged before block B
Refused: a line that is not a header list or 'table-size N' (N at most 1048576) ends the run:
  {\"ok\":false,\"error\":{\"kind\":\"bad_line\",\"offset\":null,\"message\":M,\"block\":B,\"line\":L}}

",
    contract!()
);

/// The help of `--json`, which every decoding subcommand takes.
const JSON_HELP: &str = "Print exactly one JSON object on stdout";

/// Decode HTTP wire bytes.
///
/// Without a subcommand, runs the demo.
#[derive(Parser)]
#[command(name = "httpwire", bin_name = "httpwire", version, after_help = CONTRACT)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run every decoder on the bundled samples
    Demo {
        /// Folder of samples, one subfolder per decoder [default: the repository's testdata/]
        dir: Option<PathBuf>,
    },
    /// Look a status code up in the registry
    #[command(after_help = CONTRACT, allow_negative_numbers = true, args_override_self = true)]
    Status {
        /// The status code, 100-999
        code: String,
        #[arg(long, help = JSON_HELP)]
        json: bool,
    },
    /// Parse one status line (FILE or stdin)
    #[command(after_help = CONTRACT, allow_negative_numbers = true, args_override_self = true)]
    StatusLine(Input),
    /// Parse an HTTP/1 request head, its framing and body
    #[command(after_help = MESSAGE_HELP, allow_negative_numbers = true, args_override_self = true)]
    Request {
        #[command(flatten)]
        input: Input,
        #[command(flatten)]
        message: MessageArgs,
    },
    /// Parse an HTTP/1 response head, its framing and body (to a M request, default GET)
    #[command(after_help = MESSAGE_HELP, allow_negative_numbers = true, args_override_self = true)]
    Response {
        #[command(flatten)]
        input: Input,
        /// The method of the request this response answers
        #[arg(long, value_name = "M", default_value = "GET")]
        method: String,
        #[command(flatten)]
        message: MessageArgs,
    },
    /// Decode a chunked body (FILE or stdin): its data, trailers and length
    #[command(after_help = CHUNKED_HELP, allow_negative_numbers = true, args_override_self = true)]
    Chunked(Input),
    /// Decode or encode HPACK header blocks (RFC 7541), one per line
    #[command(subcommand, after_help = CONTRACT)]
    Hpack(Hpack),
}

#[derive(Subcommand)]
enum Hpack {
    /// Decode header blocks in hex (FILE or stdin), one per line, in one context
    #[command(after_help = HPACK_DECODE_HELP, allow_negative_numbers = true, args_override_self = true)]
    Decode(HpackInput),
    /// Encode header lists in JSON (FILE or stdin), one per line, in one context
    #[command(after_help = HPACK_ENCODE_HELP, allow_negative_numbers = true, args_override_self = true)]
    Encode(HpackInput),
}

/// The options and input of `hpack decode` and `hpack encode`.
#[derive(Args)]
pub(crate) struct HpackInput {
    #[arg(long, help = JSON_HELP)]
    json: bool,
    /// SETTINGS_HEADER_TABLE_SIZE before the first block
    #[arg(
        long,
        value_name = "N",
        default_value_t = 4096,
        value_parser = clap::value_parser!(u32).range(..=i64::from(cmd::hpack::MAX_TABLE_SIZE)),
    )]
    pub(crate) table_size: u32,
    /// The input; standard input when absent or '-'
    file: Option<PathBuf>,
}

/// The options that only `request` and `response` take.
#[derive(Args, Clone, Copy)]
pub(crate) struct MessageArgs {
    /// Read no body: report the head and its framing only ("body" and "trailers" null,
    /// "consumed" the head's length)
    #[arg(long)]
    pub(crate) head_only: bool,
    /// Many inputs: one per line in hex ('#' comments and blank lines skipped), one JSON
    /// object per line out, each what --json prints for that input alone (needs --json)
    #[arg(long, requires = "json")]
    pub(crate) batch: bool,
}

/// The options and input of a decoding subcommand.
#[derive(Args)]
pub(crate) struct Input {
    #[arg(long, help = JSON_HELP)]
    json: bool,
    /// Accept one deviation from the strict grammar, by name (repeatable)
    #[arg(long, value_name = "NAME")]
    pub(crate) lenient: Vec<String>,
    /// The input; standard input when absent or '-'
    file: Option<PathBuf>,
}

impl Input {
    /// Reads FILE or standard input.
    pub(crate) fn read(&self) -> Result<Vec<u8>, Failure> {
        read(self.file.as_deref())
    }
}

impl HpackInput {
    /// Reads FILE or standard input.
    pub(crate) fn read(&self) -> Result<Vec<u8>, Failure> {
        read(self.file.as_deref())
    }
}

/// Reads `file`, or standard input when it is absent or `-`.
fn read(file: Option<&Path>) -> Result<Vec<u8>, Failure> {
    match file {
        Some(p) if p != Path::new("-") => {
            std::fs::read(p).map_err(|e| Failure::Io(format!("{}: {e}", p.display())))
        }
        _ => {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| Failure::Io(format!("stdin: {e}")))?;
            Ok(buf)
        }
    }
}

/// What a subcommand produced from its input.
pub(crate) struct Decoded {
    /// Lines for people.
    pub(crate) human: String,
    /// The fields of the JSON object after `"ok": true`, in order.
    pub(crate) json: Vec<(&'static str, Value)>,
}

/// Why an input was refused (exit status 1).
pub(crate) struct Refusal {
    /// A `snake_case` name.
    pub(crate) kind: Cow<'static, str>,
    pub(crate) offset: Option<usize>,
    pub(crate) message: String,
    /// Where else it is, for inputs of several parts (`("block", 2)`): more fields of the
    /// JSON error object, after `message`, in order. Usually empty.
    pub(crate) within: Vec<(&'static str, usize)>,
}

impl Refusal {
    /// For people: `message (kind) at byte N (block 2, line 3)`.
    pub(crate) fn describe(&self) -> String {
        let mut s = format!("{} ({})", self.message, self.kind);
        if let Some(o) = self.offset {
            s.push_str(&format!(" at byte {o}"));
        }
        if !self.within.is_empty() {
            let within: Vec<String> = self
                .within
                .iter()
                .map(|(k, v)| format!("{k} {v}"))
                .collect();
            s.push_str(&format!(" ({})", within.join(", ")));
        }
        s
    }
}

/// How a subcommand can fail.
pub(crate) enum Failure {
    /// The input is not acceptable: exit 1.
    Refused(Refusal),
    /// Bad command line: exit 2.
    Usage(String),
    /// Reading the input failed: exit 2.
    Io(String),
}

fn main() -> ExitCode {
    let raw: Vec<OsString> = std::env::args_os().collect();
    let mut command = Cli::command();
    let (cli, matches) = match command
        .try_get_matches_from_mut(&raw)
        .and_then(|m| Ok((Cli::from_arg_matches(&m)?, m)))
    {
        Ok(parsed) => parsed,
        Err(e) => return command_line_error(&e, json_wanted(&raw)),
    };
    let (json, result) = match cli.command {
        None => return cmd::demo::run(None),
        Some(Command::Demo { dir }) => return cmd::demo::run(dir),
        Some(Command::Status { code, json }) => (json, cmd::status::code(&code)),
        Some(Command::StatusLine(input)) => (input.json, cmd::status::line(&input)),
        Some(Command::Request { input, message }) if message.batch => {
            return batch(cmd::http1::request_batch(&input, message));
        }
        Some(Command::Request { input, message }) => {
            (input.json, cmd::http1::request(&input, message))
        }
        Some(Command::Response {
            input,
            method,
            message,
        }) if message.batch => return batch(cmd::http1::response_batch(&input, &method, message)),
        Some(Command::Response {
            input,
            method,
            message,
        }) => (input.json, cmd::http1::response(&input, &method, message)),
        Some(Command::Chunked(input)) => (input.json, cmd::chunked::run(&input)),
        Some(Command::Hpack(Hpack::Decode(input))) => (input.json, cmd::hpack::decode(&input)),
        Some(Command::Hpack(Hpack::Encode(input))) => (input.json, cmd::hpack::encode(&input)),
    };
    match result {
        Ok(decoded) if json => {
            emit(&decoded_json(decoded).to_string());
            ExitCode::SUCCESS
        }
        Ok(decoded) => {
            emit(decoded.human.trim_end());
            ExitCode::SUCCESS
        }
        // Said the way clap says its own usage errors, with the subcommand's usage line.
        Err(Failure::Usage(message)) if !json => {
            let sub = matches.subcommand_name().unwrap_or_default();
            let error = match command.find_subcommand_mut(sub) {
                Some(sub) => sub.error(ErrorKind::ValueValidation, message),
                None => command.error(ErrorKind::ValueValidation, message),
            };
            command_line_error(&error, false)
        }
        Err(failure) => report_failure(failure, json),
    }
}

/// The JSON object of an input that decoded: `{"ok": true, ...}`.
fn decoded_json(decoded: Decoded) -> Value {
    let mut object = Map::new();
    object.insert("ok".into(), Value::Bool(true));
    object.extend(decoded.json.into_iter().map(|(k, v)| (k.to_owned(), v)));
    Value::Object(object)
}

/// The JSON object of a refusal: `{"ok": false, "error": {...}}`.
fn refusal_json(refusal: &Refusal) -> Value {
    let mut error = Map::new();
    error.insert("kind".into(), text(&refusal.kind));
    error.insert("offset".into(), json!(refusal.offset));
    error.insert("message".into(), text(&refusal.message));
    for &(key, n) in &refusal.within {
        error.insert(key.into(), json!(n));
    }
    json!({"ok": false, "error": error})
}

/// Ends a `--batch` run: the objects of the inputs are printed already, one per line, as they
/// were decoded; a failure of the run itself (I/O, a line that is not hex, a usage error) is
/// one more object, and exit status 2.
fn batch(result: Result<(), Failure>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Refused(r)) => {
            // A refusal of the run (not of an input) is the run's error: exit 2.
            emit(&refusal_json(&r).to_string());
            ExitCode::from(2)
        }
        Err(failure) => report_failure(failure, true),
    }
}

/// One `--batch` input's outcome, printed as its line of output.
pub(crate) fn emit_outcome(result: Result<Decoded, Failure>) -> Result<(), Failure> {
    match result {
        Ok(decoded) => emit(&decoded_json(decoded).to_string()),
        Err(Failure::Refused(r)) => emit(&refusal_json(&r).to_string()),
        Err(other) => return Err(other),
    }
    Ok(())
}

/// Whether `--json` was asked for, judged from the raw arguments when clap refused them: any
/// argument after the subcommand's name (the demo has no JSON output).
fn json_wanted(raw: &[OsString]) -> bool {
    match raw.get(1..) {
        Some([sub, rest @ ..]) => sub != "demo" && rest.iter().any(|a| a == "--json"),
        _ => false,
    }
}

/// Prints an error (or the help or version text) from clap and returns its exit status: 0 for
/// `--help` and `--version`, 2 for usage errors. With `json`, a usage error is the one JSON
/// object on stdout instead.
fn command_line_error(error: &clap::Error, json: bool) -> ExitCode {
    if json && error.use_stderr() {
        let rendered = error.render().to_string();
        let message = rendered.strip_prefix("error: ").unwrap_or(&rendered);
        let message = message.trim_end();
        return report_failure(Failure::Usage(message.to_owned()), true);
    }
    let _ = error.print();
    ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2))
}

/// Prints the failure the way the contract says and returns its exit status.
fn report_failure(failure: Failure, json: bool) -> ExitCode {
    let (code, refusal) = match failure {
        Failure::Refused(r) => (1, r),
        Failure::Usage(message) => (
            2,
            Refusal {
                kind: "usage".into(),
                offset: None,
                message,
                within: Vec::new(),
            },
        ),
        Failure::Io(message) => (
            2,
            Refusal {
                kind: "io".into(),
                offset: None,
                message,
                within: Vec::new(),
            },
        ),
    };
    if json {
        emit(&refusal_json(&refusal).to_string());
    } else {
        let verb = if code == 1 { "refused" } else { "error" };
        eprintln!("{verb}: {}", refusal.describe());
    }
    ExitCode::from(code)
}

/// Writes one line to stdout, ignoring a closed pipe (`httpwire ... | head`).
fn emit(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{text}");
}

/// A byte string for JSON: each byte becomes the code point of the same value (Latin-1).
pub(crate) fn latin1(bytes: &[u8]) -> Value {
    Value::String(bytes.iter().map(|&b| char::from(b)).collect())
}

/// Text for JSON: its UTF-8 bytes by the Latin-1 mapping, like every string in the output, so a
/// reader can take any string back to bytes the same way.
pub(crate) fn text(s: &str) -> Value {
    latin1(s.as_bytes())
}

/// Bytes for people: printable ASCII as is, everything else escaped.
pub(crate) fn show(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len());
    for &b in bytes {
        match b {
            b'\r' => s.push_str("\\r"),
            b'\n' => s.push_str("\\n"),
            b'\t' => s.push_str("\\t"),
            b'\\' => s.push_str("\\\\"),
            0x20..=0x7e => s.push(char::from(b)),
            _ => s.push_str(&format!("\\x{b:02x}")),
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::{CHUNKED_HELP, Cli, MESSAGE_HELP, latin1};
    use clap::CommandFactory;

    #[test]
    fn help_names_every_leniency_of_chunked_bodies() {
        for name in http1::Leniency::NAMES
            .iter()
            .chain([&crate::cmd::chunked::BWS_IN_EXTENSIONS])
        {
            assert!(CHUNKED_HELP.contains(name), "{name}");
        }
        assert!(MESSAGE_HELP.contains(crate::cmd::chunked::BWS_IN_EXTENSIONS));
    }

    #[test]
    fn command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_byte_maps_to_its_code_point() {
        let all: Vec<u8> = (0..=255).collect();
        let text = latin1(&all).to_string();
        let parsed: String = serde_json::from_str(&text).unwrap();
        let back: Vec<u8> = parsed
            .chars()
            .map(|c| u8::try_from(u32::from(c)).unwrap())
            .collect();
        assert_eq!(back, all);
    }

    #[test]
    fn objects_keep_their_field_order() {
        let v = serde_json::json!({
            "ok": true,
            "n": 7,
            "none": null,
            "s": latin1(b"a\"b"),
            "m": Some(1),
            "a": [null, 2],
        });
        assert_eq!(
            v.to_string(),
            r#"{"ok":true,"n":7,"none":null,"s":"a\"b","m":1,"a":[null,2]}"#
        );
    }
}
