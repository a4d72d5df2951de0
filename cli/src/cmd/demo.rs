//! `httpwire demo [DIR]`: every available decoder on the bundled samples.
//!
//! Samples live in `DIR/<decoder>/`. A file whose name starts with `ok-` must decode and one
//! that starts with `bad-` must be refused; the demo prints what each decoded to (or why it was
//! refused) and exits 1 if any sample did not behave as its name says.

use crate::{Failure, emit, show};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Where the repository's testdata/ was at build time.
const DEFAULT_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../testdata");

pub(crate) fn run(args: &[String]) -> ExitCode {
    let dir = match args {
        [] => PathBuf::from(DEFAULT_DIR),
        [d] if !d.starts_with('-') => PathBuf::from(d),
        _ => {
            eprintln!("usage: httpwire demo [DIR]");
            return ExitCode::from(2);
        }
    };
    let mut out = String::new();
    let mut surprises = 0;
    let mut total = 0;
    match samples(&dir.join("status-lines")) {
        Ok(files) => {
            out.push_str("== status-lines: status-line parser (strict) ==\n");
            for path in files {
                let Ok(bytes) = std::fs::read(&path) else {
                    eprintln!("cannot read {}", path.display());
                    return ExitCode::from(2);
                };
                total += 1;
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
                let name = name.unwrap_or_default();
                let expect_ok = name.starts_with("ok-");
                let _ = writeln!(out, "\n-- {name}: {}", show(&bytes));
                let ok = match super::status::parse(&bytes, status_lines::ParseOptions::strict()) {
                    Ok(line) => {
                        indent(&mut out, &super::status::describe(&line).human);
                        true
                    }
                    Err(Failure::Refused(r)) => {
                        let at = r
                            .offset
                            .map(|o| format!(" at byte {o}"))
                            .unwrap_or_default();
                        let _ = writeln!(out, "   refused: {} ({}){at}", r.message, r.kind);
                        false
                    }
                    Err(_) => false,
                };
                if ok != expect_ok {
                    surprises += 1;
                    let want = if expect_ok { "accepted" } else { "refused" };
                    let _ = writeln!(out, "   !! expected this sample to be {want}");
                }
            }
        }
        Err(e) => {
            eprintln!("{}: {e}", dir.display());
            return ExitCode::from(2);
        }
    }
    let _ = write!(out, "\n{total} samples, {surprises} not as expected");
    emit(&out);
    if surprises == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn indent(out: &mut String, text: &str) {
    for line in text.lines() {
        let _ = writeln!(out, "   {line}");
    }
}

/// The sample files of one decoder, sorted by name.
fn samples(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    Ok(files)
}
