//! `httpwire`: decode HTTP wire bytes for people and for test harnesses.
//!
//! Every decoding subcommand follows one contract:
//!
//! * it reads FILE, or standard input when FILE is absent or `-`;
//! * exit status 0 when the input decodes, 1 when it is refused, 2 on a usage or I/O error;
//! * human-readable output by default; with `--json`, standard output holds exactly one JSON
//!   object, `{"ok": true, ...}` or
//!   `{"ok": false, "error": {"kind": "snake_case", "offset": N|null, "message": "..."}}`;
//! * byte strings in JSON are strings whose code points U+0000–U+00FF stand for bytes
//!   0x00–0xFF, so any bytes round-trip.

mod cmd;
mod json;

use json::Value;
use std::io::{Read, Write};
use std::process::ExitCode;

const USAGE: &str = "\
httpwire: decode HTTP wire bytes

usage:
  httpwire [demo [DIR]]                 run every decoder on the bundled samples (DIR defaults
                                        to the repository's testdata/)
  httpwire status CODE [--json]         look a status code up in the registry
  httpwire status-line [--json] [--lenient NAME]... [FILE]
                                        parse one status line (FILE or stdin)
  httpwire request [--json] [--lenient NAME]... [FILE]
                                        parse an HTTP/1 request head, its framing and body
  httpwire response [--json] [--method M] [--lenient NAME]... [FILE]
                                        the same for a response (to a M request, default GET)
  httpwire help                         this text

exit status: 0 decoded, 1 refused, 2 usage or I/O error.
--json prints exactly one JSON object on stdout; byte strings use the Latin-1 mapping.";

/// What a subcommand produced from its input.
pub(crate) struct Decoded {
    /// Lines for people.
    pub(crate) human: String,
    /// The fields of the JSON object after `"ok": true`.
    pub(crate) json: Vec<(&'static str, Value)>,
}

/// Why an input was refused (exit status 1).
pub(crate) struct Refusal {
    pub(crate) kind: &'static str,
    pub(crate) offset: Option<usize>,
    pub(crate) message: String,
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

/// The parsed command line of a decoding subcommand.
pub(crate) struct Args {
    pub(crate) json: bool,
    pub(crate) lenient: Vec<String>,
    pub(crate) method: Option<String>,
    pub(crate) positional: Vec<String>,
}

impl Args {
    /// Parses flags; `takes` lists the value-taking flags this subcommand accepts.
    fn parse(raw: &[String], takes: &[&str]) -> Result<Args, Failure> {
        let mut args = Args {
            json: false,
            lenient: Vec::new(),
            method: None,
            positional: Vec::new(),
        };
        let mut it = raw.iter();
        while let Some(a) = it.next() {
            match a.as_str() {
                "--json" => args.json = true,
                flag @ ("--lenient" | "--method") => {
                    if !takes.contains(&flag) {
                        return Err(Failure::Usage(format!("unknown option {flag}")));
                    }
                    let Some(v) = it.next() else {
                        return Err(Failure::Usage(format!("{flag} needs a value")));
                    };
                    if flag == "--lenient" {
                        args.lenient.push(v.clone());
                    } else {
                        args.method = Some(v.clone());
                    }
                }
                "-" => args.positional.push(a.clone()),
                s if s.starts_with('-') && s.parse::<i64>().is_err() => {
                    return Err(Failure::Usage(format!("unknown option {s}")));
                }
                _ => args.positional.push(a.clone()),
            }
        }
        Ok(args)
    }

    /// Reads FILE (the single positional argument) or standard input.
    pub(crate) fn read_input(&self) -> Result<Vec<u8>, Failure> {
        match self.positional.as_slice() {
            [] => read_stdin(),
            [p] if p == "-" => read_stdin(),
            [p] => std::fs::read(p).map_err(|e| Failure::Io(format!("{p}: {e}"))),
            _ => Err(Failure::Usage("expected at most one FILE".into())),
        }
    }
}

fn read_stdin() -> Result<Vec<u8>, Failure> {
    let mut buf = Vec::new();
    std::io::stdin()
        .read_to_end(&mut buf)
        .map_err(|e| Failure::Io(format!("stdin: {e}")))?;
    Ok(buf)
}

fn main() -> ExitCode {
    let raw: Vec<String> = std::env::args().skip(1).collect();
    let (sub, rest) = match raw.split_first() {
        Some((s, rest)) => (s.as_str(), rest),
        None => ("demo", &[][..]),
    };
    let json_wanted = rest.iter().any(|a| a == "--json");
    let result =
        match sub {
            "demo" => return cmd::demo::run(rest),
            "help" | "--help" | "-h" => {
                emit(USAGE);
                return ExitCode::SUCCESS;
            }
            "--version" | "-V" => {
                emit(concat!("httpwire ", env!("CARGO_PKG_VERSION")));
                return ExitCode::SUCCESS;
            }
            "status" => Args::parse(rest, &[]).and_then(|a| cmd::status::code(&a).map(|d| (a, d))),
            "request" => Args::parse(rest, &["--lenient"])
                .and_then(|a| cmd::http1::request(&a).map(|d| (a, d))),
            "response" => Args::parse(rest, &["--lenient", "--method"])
                .and_then(|a| cmd::http1::response(&a).map(|d| (a, d))),
            "status-line" => Args::parse(rest, &["--lenient"])
                .and_then(|a| cmd::status::line(&a).map(|d| (a, d))),
            other => Err(Failure::Usage(format!("unknown subcommand {other:?}"))),
        };
    match result {
        Ok((args, decoded)) => {
            if args.json {
                let mut fields = vec![("ok", Value::Bool(true))];
                fields.extend(decoded.json);
                emit(&Value::Obj(fields).render());
            } else {
                emit(decoded.human.trim_end());
            }
            ExitCode::SUCCESS
        }
        Err(failure) => report_failure(failure, json_wanted),
    }
}

/// Prints the failure the way the contract says and returns its exit status.
fn report_failure(failure: Failure, json: bool) -> ExitCode {
    let (code, refusal) = match failure {
        Failure::Refused(r) => (1, r),
        Failure::Usage(message) => {
            if !json {
                eprintln!("httpwire: {message}\n\n{USAGE}");
                return ExitCode::from(2);
            }
            let kind = "usage";
            (
                2,
                Refusal {
                    kind,
                    offset: None,
                    message,
                },
            )
        }
        Failure::Io(message) => (
            2,
            Refusal {
                kind: "io",
                offset: None,
                message,
            },
        ),
    };
    if json {
        let error = Value::Obj(vec![
            ("kind", Value::str(refusal.kind)),
            ("offset", Value::opt_num(refusal.offset.map(|o| o as u64))),
            ("message", Value::str(&refusal.message)),
        ]);
        emit(&Value::Obj(vec![("ok", Value::Bool(false)), ("error", error)]).render());
    } else {
        let at = refusal
            .offset
            .map(|o| format!(" at byte {o}"))
            .unwrap_or_default();
        let verb = if code == 1 { "refused" } else { "error" };
        eprintln!("{verb}: {} ({}){at}", refusal.message, refusal.kind);
    }
    ExitCode::from(code)
}

/// Writes one line to stdout, ignoring a closed pipe (`httpwire ... | head`).
fn emit(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{text}");
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
