//! The stories of the public HPACK conformance corpus, hpack-test-case (MIT; read where it
//! lies, never copied into the repository): `../shared/hpack-test-case` beside the workspace,
//! or the directory `HPACK_TEST_CASE` names. Shared by the tests and the benches.

#![allow(unreachable_pub)] // shared with the benches, which include it as a module too

use std::path::PathBuf;

/// A header list: names and values, in order.
pub type Headers = Vec<(Vec<u8>, Vec<u8>)>;

/// One header block of a story.
pub struct Case {
    /// The SETTINGS_HEADER_TABLE_SIZE acknowledged before this block, when the story says
    /// (`header_table_size`; `null` or absent means no change, and 4,096 at the start).
    pub table_size: Option<u32>,
    /// The block's bytes (empty for raw-data, which lists only headers).
    pub wire: Vec<u8>,
    /// The header list, in order.
    pub headers: Headers,
}

/// A story: one connection's blocks, in order.
pub struct Story {
    /// `dir/story_NN.json`, for messages.
    pub name: String,
    pub cases: Vec<Case>,
}

/// Where the corpus is. Panics (loudly, naming the variable) when it is not there: its tests
/// must not pass by finding nothing.
pub fn corpus() -> PathBuf {
    let dir = std::env::var_os("HPACK_TEST_CASE").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/hpack-test-case"),
        PathBuf::from,
    );
    assert!(
        dir.join("nghttp2").is_dir(),
        "hpack-test-case not found at {} (set HPACK_TEST_CASE to its directory)",
        dir.display()
    );
    dir
}

/// The corpus's directories of encoded stories: every one but raw-data.
pub fn encoded_dirs() -> Vec<String> {
    let mut dirs: Vec<String> = std::fs::read_dir(corpus())
        .expect("hpack-test-case readable")
        .map(|e| e.expect("directory entry"))
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().into_string().expect("UTF-8 directory name"))
        .filter(|name| name != "raw-data" && !name.starts_with('.'))
        .collect();
    dirs.sort();
    dirs
}

/// The stories of directory `dir` of the corpus, in name order.
pub fn stories(dir: &str) -> Vec<Story> {
    let path = corpus().join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no stories in {}", path.display());
    files.iter().map(|f| story(dir, f)).collect()
}

fn story(dir: &str, file: &std::path::Path) -> Story {
    let name = format!("{dir}/{}", file.file_name().unwrap().to_string_lossy());
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{name}: {e}"));
    let json: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let cases = json["cases"]
        .as_array()
        .unwrap_or_else(|| panic!("{name}: no cases"))
        .iter()
        .map(|c| Case {
            table_size: c
                .get("header_table_size")
                .and_then(serde_json::Value::as_u64)
                .map(|n| u32::try_from(n).expect("table size fits u32")),
            wire: c
                .get("wire")
                .and_then(serde_json::Value::as_str)
                .map(hex)
                .unwrap_or_default(),
            headers: c["headers"]
                .as_array()
                .unwrap_or_else(|| panic!("{name}: a case without headers"))
                .iter()
                .flat_map(|h| h.as_object().expect("a header is an object"))
                .map(|(n, v)| {
                    let v = v.as_str().expect("a header value is a string");
                    (n.as_bytes().to_vec(), v.as_bytes().to_vec())
                })
                .collect(),
        })
        .collect();
    Story { name, cases }
}

/// The bytes that hex digits spell (whitespace between them ignored).
pub fn hex(s: &str) -> Vec<u8> {
    let digits: Vec<u8> = s.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    assert!(digits.len().is_multiple_of(2), "odd hex: {s}");
    digits
        .chunks(2)
        .map(|p| u8::from_str_radix(std::str::from_utf8(p).expect("ASCII"), 16).expect("hex"))
        .collect()
}
