//! `httpwire status CODE` and `httpwire status-line [FILE]`.

use crate::{Decoded, Failure, Input, Refusal, latin1, show, text};
use serde_json::{Value, json};
use status_lines::{
    Outcome, ParseOptions, Reason, StatusCode, StatusLine, Version, parse_status_line_with,
    registration, write_status_line,
};
use std::borrow::Cow;

/// Looks a code up: registration, class and the HTTP/1.1 line the writer produces.
pub(crate) fn code(arg: &str) -> Result<Decoded, Failure> {
    let refuse = |kind, message: String| {
        Failure::Refused(Refusal {
            kind: Cow::Borrowed(kind),
            offset: None,
            message,
            within: Vec::new(),
        })
    };
    let n: u16 = if !arg.is_empty() && arg.bytes().all(|b| b.is_ascii_digit()) {
        arg.parse().unwrap_or(u16::MAX)
    } else {
        return Err(refuse(
            "not_a_number",
            format!("{arg:?} is not a decimal number"),
        ));
    };
    let Some(code) = StatusCode::new(n) else {
        return Err(refuse(
            "out_of_range",
            format!("{arg} is not a three-digit status code (100-999)"),
        ));
    };
    let mut buf = [0u8; 64];
    let len = write_status_line(&mut buf, Version::HTTP_11, code, Reason::Canonical)
        .map_err(|e| Failure::Io(format!("internal: {e}")))?;
    let line = &buf[..len];
    let reg = registration(n);
    let reason = code.canonical_reason();
    let status = reg.map(|r| match r.status {
        status_lines::RegistrationStatus::Active => "active",
        status_lines::RegistrationStatus::Unused => "unused",
        status_lines::RegistrationStatus::Obsoleted => "obsoleted",
    });
    let human = format!(
        "code        {n}\nreason      {}\nclass       {}\nregistry    {}\nline        {}\n",
        reason.unwrap_or("(none)"),
        code.class().name(),
        match reg {
            Some(r) => format!("{} ({})", status.unwrap_or(""), r.reference),
            None => "not registered".to_string(),
        },
        show(line),
    );
    let json = vec![
        ("code", json!(n)),
        ("reason", reason.map_or(Value::Null, text)),
        ("class", text(code.class().name())),
        ("registered", Value::Bool(reg.is_some())),
        ("registration", status.map_or(Value::Null, text)),
        ("reference", reg.map_or(Value::Null, |r| text(r.reference))),
        ("line", latin1(line)),
    ];
    Ok(Decoded { human, json })
}

/// Builds parser options from `--lenient` names.
pub(crate) fn options(names: &[String]) -> Result<ParseOptions, Failure> {
    let mut opts = ParseOptions::strict();
    for name in names {
        if !opts.enable(name) {
            return Err(Failure::Usage(format!(
                "unknown leniency {name:?}; known: {}",
                ParseOptions::NAMES.join(", ")
            )));
        }
    }
    Ok(opts)
}

/// Parses the status line at the start of the input.
pub(crate) fn line(args: &Input) -> Result<Decoded, Failure> {
    let opts = options(&args.lenient)?;
    let input = args.read()?;
    let line = parse(&input, opts)?;
    Ok(describe(&line))
}

/// Parses a status line or says why not.
pub(crate) fn parse(input: &[u8], opts: ParseOptions) -> Result<StatusLine<'_>, Failure> {
    match parse_status_line_with(input, opts) {
        Ok(Outcome::Complete(line)) => Ok(line),
        Ok(Outcome::Incomplete) => Err(Failure::Refused(Refusal {
            kind: "incomplete".into(),
            offset: Some(input.len()),
            message: "input ended before the status line did".into(),
            within: Vec::new(),
        })),
        Err(e) => Err(Failure::Refused(Refusal {
            kind: e.kind.name().into(),
            offset: Some(e.offset),
            message: e.kind.message().into(),
            within: Vec::new(),
        })),
    }
}

/// Human and JSON forms of a parsed status line.
pub(crate) fn describe(line: &StatusLine<'_>) -> Decoded {
    let version = line.version.wire();
    let code = line.code;
    let human = format!(
        "version     {}\nstatus      {} ({})\nreason      \"{}\"\nconsumed    {} bytes\n",
        show(&version),
        code.as_u16(),
        code.class().name(),
        show(line.reason),
        line.len,
    );
    let json = vec![
        ("version", latin1(&version)),
        ("status", json!(code.as_u16())),
        ("reason", latin1(line.reason)),
        ("class", text(code.class().name())),
        ("consumed", json!(line.len)),
    ];
    Decoded { human, json }
}
