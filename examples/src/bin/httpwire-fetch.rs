//! `httpwire-fetch`: fetch URLs in order over kept-alive connections (see
//! `httpwire_examples::client`).

use std::fs;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use httpwire_examples::client::{Client, Response};

const HELP: &str = "\
httpwire-fetch: fetch http:// URLs in order, reusing one connection per host:port

USAGE:
    httpwire-fetch [OPTIONS] URL...

OPTIONS:
    -X, --method METHOD     request method [default: GET]
    -H, --header 'NAME: VALUE'
                            a field sent with every request (repeat for more)
    -d, --data TEXT         request body (sent with Content-Length) for every URL
    --data-file FILE        request body from a file
    -o, --output FILE       write the next URL's body to FILE (repeat: one per URL, in order)
    --out-dir DIR           write each body to DIR/<last path segment, or index>
    --json                  one JSON object per response on stderr instead of text
    -h, --help              this text

Bodies go to stdout unless -o or --out-dir says otherwise. Status, framing, trailers and
whether the connection was reused go to stderr. Exit status 1 when a request failed.
";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("httpwire-fetch: {e}");
            ExitCode::from(2)
        }
    }
}

/// One URL to fetch and where its body goes.
struct Job {
    url: String,
    output: Option<PathBuf>,
}

fn run(args: Vec<String>) -> Result<bool, String> {
    let mut method = String::from("GET");
    let mut data: Option<Vec<u8>> = None;
    let mut out_dir: Option<PathBuf> = None;
    let mut json = false;
    let mut jobs: Vec<Job> = Vec::new();
    let mut fields: Vec<(String, Vec<u8>)> = Vec::new();
    let mut pending_output: Option<PathBuf> = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let mut value = |flag: &str| {
            args.next()
                .ok_or_else(|| format!("{flag} needs a value (see --help)"))
        };
        match arg.as_str() {
            "-h" | "--help" => {
                print!("{HELP}");
                return Ok(true);
            }
            "-X" | "--method" => method = value(&arg)?,
            "-H" | "--header" => {
                let line = value(&arg)?;
                let (name, v) = line
                    .split_once(':')
                    .ok_or_else(|| format!("{arg} {line}: expected 'NAME: VALUE'"))?;
                fields.push((
                    name.to_string(),
                    v.trim_matches([' ', '\t']).as_bytes().to_vec(),
                ));
            }
            "-d" | "--data" => data = Some(value(&arg)?.into_bytes()),
            "--data-file" => {
                let path = value(&arg)?;
                data = Some(fs::read(&path).map_err(|e| format!("{path}: {e}"))?);
            }
            "-o" | "--output" => pending_output = Some(PathBuf::from(value(&arg)?)),
            "--out-dir" => out_dir = Some(PathBuf::from(value(&arg)?)),
            "--json" => json = true,
            flag if flag.starts_with('-') => {
                return Err(format!("unknown option {flag} (see --help)"));
            }
            url => jobs.push(Job {
                url: url.to_string(),
                output: pending_output.take(),
            }),
        }
    }
    if jobs.is_empty() {
        return Err("no URL (see --help)".into());
    }
    let mut client = Client::new();
    client.fields = fields;
    let mut all_ok = true;
    let stdout = std::io::stdout();
    for job in jobs {
        match client.request(&method, &job.url, data.as_deref()) {
            Ok(response) => {
                let target = job.output.or_else(|| {
                    out_dir
                        .as_ref()
                        .map(|dir| dir.join(file_name_for(&job.url)))
                });
                match &target {
                    Some(path) => fs::write(path, &response.body)
                        .map_err(|e| format!("{}: {e}", path.display()))?,
                    None => {
                        let mut out = stdout.lock();
                        out.write_all(&response.body)
                            .and_then(|()| out.flush())
                            .map_err(|e| format!("stdout: {e}"))?;
                    }
                }
                if json {
                    eprintln!("{}", json_line(&job.url, &response));
                } else {
                    report(&job.url, &response);
                }
            }
            Err(e) => {
                all_ok = false;
                if json {
                    eprintln!(
                        "{{\"url\":{},\"error\":{}}}",
                        json_string(job.url.as_bytes()),
                        json_string(e.to_string().as_bytes())
                    );
                } else {
                    eprintln!("{}: {e}", job.url);
                }
            }
        }
    }
    Ok(all_ok)
}

/// The last path segment of a URL, or `index`.
fn file_name_for(url: &str) -> String {
    let path = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest)
        .split(['?', '#'])
        .next()
        .unwrap_or_default();
    match path.rsplit('/').next() {
        Some(last) if !last.is_empty() && last != "." && last != ".." && path.contains('/') => {
            last.to_string()
        }
        _ => "index".to_string(),
    }
}

fn report(url: &str, r: &Response) {
    eprintln!(
        "{url}: {} {} ({}, {} bytes, {} connection{})",
        r.status,
        String::from_utf8_lossy(&r.reason),
        r.framing.name(),
        r.body.len(),
        if r.reused { "reused" } else { "new" },
        if r.keep_alive {
            ", kept alive"
        } else {
            ", closed"
        },
    );
    for (name, value) in &r.trailers {
        eprintln!(
            "  trailer {}: {}",
            String::from_utf8_lossy(name),
            String::from_utf8_lossy(value)
        );
    }
}

fn json_line(url: &str, r: &Response) -> String {
    let trailers: Vec<String> = r
        .trailers
        .iter()
        .map(|(n, v)| format!("[{},{}]", json_string(n), json_string(v)))
        .collect();
    format!(
        "{{\"url\":{},\"status\":{},\"reason\":{},\"framing\":\"{}\",\"body_bytes\":{},\
         \"reused\":{},\"keep_alive\":{},\"interim\":{:?},\"trailers\":[{}]}}",
        json_string(url.as_bytes()),
        r.status,
        json_string(&r.reason),
        r.framing.name(),
        r.body.len(),
        r.reused,
        r.keep_alive,
        r.interim,
        trailers.join(",")
    )
}

/// A JSON string of `bytes` read as UTF-8 (invalid sequences become U+FFFD), escaped.
fn json_string(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut s = String::with_capacity(text.len() + 2);
    s.push('"');
    for c in text.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            '\n' => s.push_str("\\n"),
            '\r' => s.push_str("\\r"),
            '\t' => s.push_str("\\t"),
            c if u32::from(c) < 0x20 || c == '\u{7f}' => {
                s.push_str(&format!("\\u{:04x}", u32::from(c)));
            }
            c => s.push(c),
        }
    }
    s.push('"');
    s
}
