//! A minimal JSON writer for the CLI's `--json` output.
//!
//! Byte strings are written as JSON strings whose code points U+0000–U+00FF stand for the bytes
//! 0x00–0xFF (the Latin-1 mapping), so any bytes round-trip: a reader recovers them by taking
//! each code point of the decoded string as one byte.

use std::fmt::Write as _;

/// A JSON value. Object keys keep their insertion order.
#[derive(Debug, Clone)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    Num(u64),
    /// A byte string, written with the Latin-1 mapping.
    Bytes(Vec<u8>),
    Arr(Vec<Value>),
    Obj(Vec<(&'static str, Value)>),
}

impl Value {
    pub(crate) fn str(s: &str) -> Value {
        Value::Bytes(s.as_bytes().to_vec())
    }

    pub(crate) fn bytes(b: &[u8]) -> Value {
        Value::Bytes(b.to_vec())
    }

    pub(crate) fn opt_num(n: Option<u64>) -> Value {
        n.map_or(Value::Null, Value::Num)
    }

    /// The value as one line of JSON text.
    pub(crate) fn render(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Num(n) => {
                let _ = write!(out, "{n}");
            }
            Value::Bytes(b) => write_latin1(out, b),
            Value::Arr(items) => {
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    v.write(out);
                }
                out.push(']');
            }
            Value::Obj(fields) => {
                out.push('{');
                for (i, (k, v)) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_latin1(out, k.as_bytes());
                    out.push(':');
                    v.write(out);
                }
                out.push('}');
            }
        }
    }
}

fn write_latin1(out: &mut String, bytes: &[u8]) {
    out.push('"');
    for &b in bytes {
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x00..=0x1f | 0x7f => {
                let _ = write!(out, "\\u{b:04x}");
            }
            _ => out.push(char::from(b)),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::Value;

    #[test]
    fn every_byte_maps_to_its_code_point() {
        let all: Vec<u8> = (0..=255).collect();
        let text = Value::bytes(&all).render();
        let parsed: String = serde_json::from_str(&text).unwrap();
        let back: Vec<u8> = parsed
            .chars()
            .map(|c| u8::try_from(u32::from(c)).unwrap())
            .collect();
        assert_eq!(back, all);
    }

    #[test]
    fn objects_and_arrays() {
        let v = Value::Obj(vec![
            ("ok", Value::Bool(true)),
            ("n", Value::Num(7)),
            ("none", Value::Null),
            ("s", Value::str("a\"b")),
            ("m", Value::opt_num(Some(1))),
            ("a", Value::Arr(vec![Value::Null, Value::Num(2)])),
        ]);
        assert_eq!(
            v.render(),
            r#"{"ok":true,"n":7,"none":null,"s":"a\"b","m":1,"a":[null,2]}"#
        );
    }
}
