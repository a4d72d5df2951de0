//! `httpwire hpack decode` and `httpwire hpack encode`: HPACK header blocks (RFC 7541), one
//! per line, all in one context (as on one HTTP/2 connection).
//!
//! Both read the same kind of input, line by line: a header block (hex, for `decode`) or a
//! header list (a JSON array of `[name, value]` pairs, for `encode`); `table-size N`, a
//! SETTINGS_HEADER_TABLE_SIZE acknowledged before the next block; comments (`#`) and blank
//! lines, skipped. `encode` writes what `decode` reads: a block in hex per header list, and the
//! `table-size` lines where they were.

use crate::{Decoded, Failure, HpackInput, Refusal, latin1, show};
use hpack::{Config, Decoder, Encoder, Error, Field};
use serde_json::{Value, json};
use std::fmt::Write as _;

/// The SETTINGS_HEADER_TABLE_SIZE both sides start from (RFC 9113 §6.5.2).
pub(crate) const INITIAL_TABLE_SIZE: u32 = 4096;

/// The largest table size the CLI takes (the decoder allocates the table's room when a size is
/// acknowledged): 1 MiB, 16 times what browsers and servers use.
pub(crate) const MAX_TABLE_SIZE: u32 = 1 << 20;

/// Limits as generous as the CLI's heads: people feed it whatever they captured, and want to
/// hear about its encoding rather than a server's budgets.
const MAX_STRING_LEN: u32 = 64 * 1024;
const MAX_HEADER_LIST_SIZE: u32 = 1 << 20;
const MAX_FIELDS: u32 = 4096;

/// How an empty block is written: an empty line would be skipped.
const EMPTY_BLOCK: &str = "-";

/// The decoder's configuration, with the SETTINGS value `table_size` before the first block.
fn config(table_size: u32) -> Config {
    Config::new()
        .table_size(table_size)
        .max_string_len(MAX_STRING_LEN)
        .max_header_list_size(MAX_HEADER_LIST_SIZE)
        .max_fields(MAX_FIELDS)
}

/// A line of the input that counts.
enum Line<'a> {
    /// `table-size N`.
    TableSize(u32),
    /// A block (hex) or a header list (JSON), trimmed.
    Item(&'a [u8]),
}

/// The lines that count, with their numbers (from 1): not blank, not a comment.
fn lines(input: &[u8]) -> impl Iterator<Item = (usize, Result<Line<'_>, String>)> {
    input
        .split(|&b| b == b'\n')
        .map(<[u8]>::trim_ascii)
        .enumerate()
        .filter(|(_, line)| !line.is_empty() && !line.starts_with(b"#"))
        .map(|(i, line)| (i + 1, parse_line(line)))
}

/// `table-size N`, or an item.
fn parse_line(line: &[u8]) -> Result<Line<'_>, String> {
    let Some(rest) = line.strip_prefix(b"table-size") else {
        return Ok(Line::Item(line));
    };
    let digits = rest.trim_ascii_start();
    let size =
        (digits.len() < rest.len() && !digits.is_empty() && digits.iter().all(u8::is_ascii_digit))
            .then(|| std::str::from_utf8(digits).ok()?.parse::<u32>().ok())
            .flatten();
    match size {
        Some(n) if n <= MAX_TABLE_SIZE => Ok(Line::TableSize(n)),
        _ => Err(format!(
            "\"{}\" is not \"table-size N\" with N at most {MAX_TABLE_SIZE}",
            show(line)
        )),
    }
}

/// A line that is not what it should be.
fn bad_line(line: usize, block: usize, message: &str) -> Failure {
    Failure::Refused(Refusal {
        kind: "bad_line".into(),
        offset: None,
        message: message.to_owned(),
        within: vec![("block", block), ("line", line)],
    })
}

/// A block the decoder refused: block `block`, on line `line`.
fn refused(e: Error, line: usize, block: usize) -> Failure {
    Failure::Refused(Refusal {
        kind: e.kind.name().into(),
        offset: Some(usize::try_from(e.offset).unwrap_or(usize::MAX)),
        message: e.kind.message().into(),
        within: vec![("block", block), ("line", line)],
    })
}

/// The bytes of a block written in hex, spaces and tabs allowed anywhere; `-` is empty.
pub(crate) fn unhex(line: &[u8]) -> Result<Vec<u8>, String> {
    if line == EMPTY_BLOCK.as_bytes() {
        return Ok(Vec::new());
    }
    let mut bytes = Vec::with_capacity(line.len() / 2);
    let mut high = None;
    for (column, &b) in line.iter().enumerate() {
        if b == b' ' || b == b'\t' {
            continue;
        }
        let Some(digit) = char::from(b).to_digit(16) else {
            return Err(format!(
                "'{}' (column {}) is not a hex digit, and the line is not \"table-size N\"",
                show(&[b]),
                column + 1
            ));
        };
        // (A hex digit is below 16.)
        let digit = digit as u8;
        match high.take() {
            None => high = Some(digit),
            Some(h) => bytes.push(h << 4 | digit),
        }
    }
    if high.is_some() {
        return Err("an odd number of hex digits".into());
    }
    Ok(bytes)
}

/// Bytes in lowercase hex, without spaces; `-` for none.
fn hex(bytes: &[u8]) -> String {
    if bytes.is_empty() {
        return EMPTY_BLOCK.into();
    }
    let mut s = String::with_capacity(2 * bytes.len());
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// Decodes the blocks of `input` in one context whose SETTINGS value is `table_size` before
/// the first block.
pub(crate) fn decode_lines(input: &[u8], table_size: u32) -> Result<Decoded, Failure> {
    let mut decoder = Decoder::with_config(config(table_size));
    let mut human = String::new();
    let mut blocks = Vec::new();
    for (number, line) in lines(input) {
        let index = blocks.len();
        let block = match line.map_err(|m| bad_line(number, index, &m))? {
            Line::TableSize(size) => {
                decoder
                    .set_table_size(size)
                    .map_err(|e| refused(e, number, index))?;
                let _ = writeln!(human, "table-size {size} (SETTINGS_HEADER_TABLE_SIZE)");
                continue;
            }
            Line::Item(item) => unhex(item).map_err(|m| bad_line(number, index, &m))?,
        };
        let mut headers = Vec::new();
        let mut never_indexed = Vec::new();
        let mut shown = String::new();
        decoder
            .decode_block(&block, |field| {
                let mark = if field.never_indexed {
                    never_indexed.push(headers.len());
                    "  (never indexed)"
                } else {
                    ""
                };
                let _ = writeln!(shown, "  {}: {}{mark}", show(field.name), show(field.value));
                headers.push(json!([latin1(field.name), latin1(field.value)]));
            })
            .map_err(|e| refused(e, number, index))?;
        let size = decoder.table().size();
        let _ = writeln!(
            human,
            "block {index} ({} bytes, table size {size})",
            block.len()
        );
        if headers.is_empty() {
            human.push_str("  (no fields)\n");
        }
        human.push_str(&shown);
        blocks.push(json!({
            "headers": headers,
            "never_indexed": never_indexed,
            "table_size": size,
        }));
    }
    if blocks.is_empty() {
        human.push_str("no header blocks\n");
    }
    let json = vec![("blocks", Value::Array(blocks))];
    Ok(Decoded { human, json })
}

/// A header list's fields: names and values.
type HeaderList = Vec<(Vec<u8>, Vec<u8>)>;

/// A header list: a JSON array of `[name, value]` pairs of strings, each code point a byte.
fn header_list(line: &[u8]) -> Result<HeaderList, String> {
    let value: Value = serde_json::from_slice(line).map_err(|e| {
        // The line is the whole JSON text: its column says where.
        let text = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        let what = text.strip_suffix(&suffix).unwrap_or(&text);
        format!("not JSON ({what} at column {})", e.column())
    })?;
    let Value::Array(pairs) = value else {
        return Err("not a JSON array of [name, value] pairs".into());
    };
    let bytes = |s: &str, i: usize, which: &str| -> Result<Vec<u8>, String> {
        let bytes = s
            .chars()
            .map(|c| {
                u8::try_from(u32::from(c)).map_err(|_| {
                    format!(
                        "the {which} of pair {i} has U+{:04X}: strings are bytes by the \
                         Latin-1 mapping, U+0000 to U+00FF",
                        u32::from(c)
                    )
                })
            })
            .collect::<Result<Vec<u8>, String>>()?;
        // (HPACK cannot carry 4 GiB; the encoder would panic.)
        if u32::try_from(bytes.len()).is_err() {
            return Err(format!("the {which} of pair {i} is 4 GiB long or longer"));
        }
        Ok(bytes)
    };
    pairs
        .iter()
        .enumerate()
        .map(|(i, pair)| match pair.as_array().map(Vec::as_slice) {
            Some([Value::String(name), Value::String(value)]) => {
                Ok((bytes(name, i, "name")?, bytes(value, i, "value")?))
            }
            _ => Err(format!(
                "pair {i} is not a [name, value] pair of strings: {pair}"
            )),
        })
        .collect()
}

/// Encodes the header lists of `input` in one context whose peer's SETTINGS value is
/// `table_size` before the first block.
pub(crate) fn encode_lines(input: &[u8], table_size: u32) -> Result<Decoded, Failure> {
    let mut encoder = Encoder::new().peer_table_size(table_size);
    let mut human = String::new();
    let mut blocks = Vec::new();
    let mut table_sizes = Vec::new();
    let mut block = Vec::new();
    for (number, line) in lines(input) {
        let index = blocks.len();
        let list = match line.map_err(|m| bad_line(number, index, &m))? {
            Line::TableSize(size) => {
                encoder.set_peer_table_size(size);
                let _ = writeln!(human, "table-size {size}");
                table_sizes.push(json!({"block": index, "size": size}));
                continue;
            }
            Line::Item(item) => header_list(item).map_err(|m| bad_line(number, index, &m))?,
        };
        block.clear();
        let fields = list.iter().map(|(name, value)| Field {
            name,
            value,
            never_indexed: false,
        });
        encoder.encode(fields, &mut block);
        let line = hex(&block);
        human.push_str(&line);
        human.push('\n');
        // (In JSON an empty block is the empty string.)
        blocks.push(Value::String(if block.is_empty() {
            String::new()
        } else {
            line
        }));
    }
    let json = vec![
        ("blocks", Value::Array(blocks)),
        ("table_sizes", Value::Array(table_sizes)),
    ];
    Ok(Decoded { human, json })
}

/// `httpwire hpack decode [--json] [--table-size N] [FILE]`
pub(crate) fn decode(args: &HpackInput) -> Result<Decoded, Failure> {
    let input = args.read()?;
    decode_lines(&input, args.table_size)
}

/// `httpwire hpack encode [--json] [--table-size N] [FILE]`
pub(crate) fn encode(args: &HpackInput) -> Result<Decoded, Failure> {
    let input = args.read()?;
    encode_lines(&input, args.table_size)
}

#[cfg(test)]
mod tests {
    use super::{Line, hex, parse_line, unhex};

    #[test]
    fn hex_both_ways() {
        assert_eq!(
            unhex(b"8286 84BE\t58").unwrap(),
            [0x82, 0x86, 0x84, 0xbe, 0x58]
        );
        assert_eq!(unhex(b"-").unwrap(), b"");
        assert!(unhex(b"828").is_err());
        assert!(unhex(b"82 x6").unwrap_err().contains("column 4"));
        assert_eq!(hex(&[0x00, 0x0f, 0xff]), "000fff");
        assert_eq!(hex(&[]), "-");
    }

    #[test]
    fn table_size_lines() {
        assert!(matches!(
            parse_line(b"table-size 256"),
            Ok(Line::TableSize(256))
        ));
        assert!(matches!(
            parse_line(b"table-size \t0"),
            Ok(Line::TableSize(0))
        ));
        assert!(matches!(parse_line(b"8286"), Ok(Line::Item(b"8286"))));
        for bad in [
            &b"table-size"[..],
            b"table-size256",
            b"table-size -1",
            b"table-size 1 2",
            b"table-size 0x10",
            b"table-size 1048577",
            b"table-size 99999999999",
        ] {
            assert!(parse_line(bad).is_err(), "{}", String::from_utf8_lossy(bad));
        }
    }
}
