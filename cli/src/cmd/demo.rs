//! `httpwire demo [DIR]`: every available decoder on the bundled samples.
//!
//! Samples live in `DIR/<decoder>/`; `DIR/chunked/` holds chunked bodies (`*.chunked`) and
//! whole messages with a chunked body (`*.http`, decoded as requests); `DIR/hpack/` holds
//! header blocks in hex, one per line, as `httpwire hpack decode` reads them (`*.hex`; the
//! header lists they were encoded from are beside them). A file whose name starts
//! with `ok-` must decode and one that starts with `bad-` must be refused; other files (the
//! benchmark inputs, which are heads without their bodies) are shown without an expectation. The demo prints what each sample
//! decoded to, or why it was refused, and exits 1 if any sample did not behave as its name
//! says.

use crate::{Decoded, Failure, emit, show};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Where the repository's testdata/ was at build time.
const DEFAULT_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../testdata");

type Decoder = fn(&[u8]) -> Result<Decoded, Failure>;

fn status_line(input: &[u8]) -> Result<Decoded, Failure> {
    let line = super::status::parse(input, status_lines::ParseOptions::strict())?;
    Ok(super::status::describe(&line))
}

fn request(input: &[u8]) -> Result<Decoded, Failure> {
    super::http1::decode_request(input, &super::http1::strict())
}

fn response(input: &[u8]) -> Result<Decoded, Failure> {
    super::http1::decode_response(input, b"GET", &super::http1::strict())
}

fn chunked_body(input: &[u8]) -> Result<Decoded, Failure> {
    super::chunked::describe(input, super::chunked::strict())
}

fn hpack_blocks(input: &[u8]) -> Result<Decoded, Failure> {
    super::hpack::decode_lines(input, super::hpack::INITIAL_TABLE_SIZE)
}

/// (folder, the extension of its files to take (all when `None`), title, decoder), in the
/// order the demo runs them.
const DECODERS: &[(&str, Option<&str>, &str, Decoder)] = &[
    (
        "status-lines",
        None,
        "status-lines: status-line parser (strict)",
        status_line,
    ),
    (
        "requests",
        None,
        "http1: request head, framing and body (strict)",
        request,
    ),
    (
        "responses",
        None,
        "http1: response head, framing and body, to GET (strict)",
        response,
    ),
    (
        "chunked",
        Some("chunked"),
        "chunked: chunked body decoder (strict)",
        chunked_body,
    ),
    (
        "chunked",
        Some("http"),
        "http1 + chunked: a request and its chunked body (strict)",
        request,
    ),
    (
        "hpack",
        Some("hex"),
        "hpack: header blocks, one per line, in one decoding context (strict)",
        hpack_blocks,
    ),
];

/// Runs the demo on the samples under `dir`, the repository's testdata/ by default.
pub(crate) fn run(dir: Option<PathBuf>) -> ExitCode {
    let dir = dir.unwrap_or_else(|| PathBuf::from(DEFAULT_DIR));
    let mut out = String::new();
    let mut surprises = 0;
    let mut total = 0;
    for &(folder, ext, title, decode) in DECODERS {
        let sub = dir.join(folder);
        if !sub.is_dir() {
            continue;
        }
        let files = match samples(&sub, ext) {
            Ok(files) => files,
            Err(e) => {
                eprintln!("{}: {e}", sub.display());
                return ExitCode::from(2);
            }
        };
        // A folder shared by two decoders: no section for the one that has no files there.
        if ext.is_some() && files.is_empty() {
            continue;
        }
        let _ = writeln!(out, "== {title} ==");
        for path in files {
            let Ok(bytes) = std::fs::read(&path) else {
                eprintln!("cannot read {}", path.display());
                return ExitCode::from(2);
            };
            total += 1;
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let name = name.unwrap_or_default();
            let shown = &bytes[..bytes.len().min(160)];
            let more = if bytes.len() > shown.len() { "..." } else { "" };
            let _ = writeln!(out, "\n-- {name}: {}{more}", show(shown));
            let accepted = match decode(&bytes) {
                Ok(d) => {
                    for line in d.human.lines() {
                        let _ = writeln!(out, "   {line}");
                    }
                    true
                }
                Err(Failure::Refused(r)) => {
                    let _ = writeln!(out, "   refused: {}", r.describe());
                    false
                }
                Err(_) => false,
            };
            let expected = if name.starts_with("ok-") {
                Some(true)
            } else if name.starts_with("bad-") {
                Some(false)
            } else {
                None
            };
            if let Some(want) = expected
                && want != accepted
            {
                surprises += 1;
                let want = if want { "accepted" } else { "refused" };
                let _ = writeln!(out, "   !! expected this sample to be {want}");
            }
        }
        out.push('\n');
    }
    let _ = write!(out, "{total} samples, {surprises} not as expected");
    emit(&out);
    if total == 0 {
        eprintln!("no samples under {}", dir.display());
        return ExitCode::from(2);
    }
    if surprises == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// The sample files of one decoder (those ending in `.ext`, when given), sorted by name.
fn samples(dir: &Path, ext: Option<&str>) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .filter(|p| ext.is_none_or(|ext| p.extension().is_some_and(|e| e == ext)))
        .collect();
    files.sort();
    Ok(files)
}
