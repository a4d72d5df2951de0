//! `httpwire-server`: the example HTTP/1.1 server (see `httpwire_examples::server`).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use httpwire_examples::server::{Config, Routes, Server};

const HELP: &str = "\
httpwire-server: a blocking HTTP/1.1 server built on httpwire's codecs

USAGE:
    httpwire-server [OPTIONS]

OPTIONS:
    --addr ADDR                   listen address [default: 127.0.0.1:8080]
    --root DIR                    serve GET /files/<name> from DIR [default: none, 404]
    --max-head-bytes N            request head limit, else 431 [default: 65536]
    --max-fields N                header field limit, else 431 [default: 100]
    --max-target-bytes N          request-target limit, else 414 [default: 8192]
    --max-body-bytes N            request body limit, else 413 [default: 16777216]
    --max-requests-per-conn N     requests per connection before it closes [default: 1000]
    --max-connections N           connections at once, else 503 [default: 256]
    --read-timeout-ms N           read timeout, 0 for none [default: 10000]
    --write-timeout-ms N          write timeout, 0 for none [default: 10000]
    -h, --help                    this text

ROUTES:
    GET|HEAD /                    hello
    GET|HEAD /files/<name>        a file under --root
    POST|PUT /echo                the request body back (X-Trailer-Count when it had trailers)
    GET|HEAD /chunked?size=N&chunk=M
                                  N pattern bytes, chunked, trailers X-Body-Length, X-Checksum
    GET|HEAD /bytes?n=N           N pattern bytes with Content-Length
";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("httpwire-server: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Vec<String>) -> Result<(), String> {
    let mut config = Config::default();
    let mut addr = String::from("127.0.0.1:8080");
    let mut root = None;
    let mut args = args.into_iter();
    while let Some(flag) = args.next() {
        if flag == "-h" || flag == "--help" {
            print!("{HELP}");
            return Ok(());
        }
        let value = args
            .next()
            .ok_or_else(|| format!("{flag} needs a value (see --help)"))?;
        let number = || -> Result<u64, String> {
            value
                .parse::<u64>()
                .map_err(|_| format!("{flag}: {value:?} is not a number"))
        };
        let size = || -> Result<usize, String> {
            usize::try_from(number()?).map_err(|_| format!("{flag}: {value} is too large"))
        };
        match flag.as_str() {
            "--addr" => addr = value.clone(),
            "--root" => root = Some(PathBuf::from(&value)),
            "--max-head-bytes" => config.max_head_len = size()?,
            "--max-fields" => config.max_fields = size()?,
            "--max-target-bytes" => config.max_target_len = size()?,
            "--max-body-bytes" => config.max_body_len = number()?,
            "--max-requests-per-conn" => config.max_requests_per_connection = size()?.max(1),
            "--max-connections" => config.max_connections = size()?.max(1),
            "--read-timeout-ms" => config.read_timeout = Duration::from_millis(number()?),
            "--write-timeout-ms" => config.write_timeout = Duration::from_millis(number()?),
            _ => return Err(format!("unknown option {flag} (see --help)")),
        }
    }
    let server = Server::bind(&addr, config, Routes::new(root))
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let local = server.local_addr().map_err(|e| e.to_string())?;
    eprintln!("httpwire-server: listening on http://{local}/");
    server.serve().map_err(|e| e.to_string())
}
