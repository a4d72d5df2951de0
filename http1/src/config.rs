//! Limits and leniencies: everything a caller can configure about parsing.

use crate::simd::Level;

/// Size limits. Each breach is its own [`ErrorKind`](crate::ErrorKind).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// Most field lines in one head (default 128). The storage handed to the parser is a
    /// second limit: the smaller one applies. Breach: `TooManyFields`.
    pub max_fields: usize,
    /// Most bytes in one head, start line to the empty line inclusive (default 64 KiB, at most
    /// `u32::MAX`). Breach: `HeadTooLarge`.
    pub max_head_len: usize,
    /// Longest request-target (default 8 KiB). Breach: `TargetTooLong`.
    pub max_target_len: usize,
    /// Longest line, line ending included: the start line and each field line (a field with
    /// obs-fold counts as one line). Default 8 KiB, as Apache's `LimitRequestFieldSize` and
    /// nginx's `large_client_header_buffers`. Breach: `LineTooLong`.
    pub max_line_len: usize,
    /// Most empty lines (CRLF; LF alone too with the `bare_lf` leniency) skipped before a
    /// request line (default 2). RFC 9112 §2.2 asks a server to ignore at least one: old
    /// clients send one after a POST body, and a keep-alive connection from them would fail
    /// otherwise. They count in the head's length (`head_len`, `max_head_len`); 0 refuses
    /// them all. Responses are not affected. Breach: `TooManyEmptyLines`.
    pub max_empty_lines: usize,
}

impl Limits {
    /// The defaults: 128 fields, 64 KiB heads, 8 KiB targets, 8 KiB lines, 2 empty lines
    /// before a request line.
    pub const DEFAULT: Limits = Limits {
        max_fields: 128,
        max_head_len: 64 * 1024,
        max_target_len: 8 * 1024,
        max_line_len: 8 * 1024,
        max_empty_lines: 2,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

/// Leniencies, all off by default. Each says what it risks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Leniency {
    /// Accept a bare LF as a line ending (RFC 9112 §2.2 allows a recipient to).
    ///
    /// Risk: request smuggling when a proxy in front ends lines only at CRLF and so sees other
    /// message boundaries (CVE-2022-32214).
    pub bare_lf: bool,
    /// Responses only: accept obs-fold (a field line continued on the next line, which starts
    /// with SP or HTAB). The value is returned raw, CRLF and all; [`Field::is_folded`](crate::Field::is_folded)
    /// tells, and RFC 9112 §5.2 says to replace each fold with SP
    /// before interpreting it. Requests always refuse obs-fold (CVE-2022-32215).
    ///
    /// Risk: a value that different parsers split differently.
    pub obs_fold: bool,
    /// Responses only: accept whitespace between a field name and its colon (the whitespace is
    /// not part of the name).
    ///
    /// Risk: `Transfer-Encoding : chunked` is ignored by some peers and honoured by others, a
    /// classic framing disagreement (CVE-2021-22959 is the request form, which stays refused).
    pub space_before_colon: bool,
    /// Accept more than one SP between start-line parts.
    ///
    /// Risk: peers that disagree on where the target or version begins can disagree on the
    /// target; some caches key on it.
    pub multiple_spaces: bool,
    /// Responses only: accept a status line without the SP after the code (`HTTP/1.1 200\r\n`).
    ///
    /// Risk: none known for framing.
    pub missing_reason_space: bool,
}

impl Leniency {
    /// The option names, as [`Leniency::enable`] and the CLI's `--lenient` take them.
    pub const NAMES: &'static [&'static str] = &[
        "bare_lf",
        "obs_fold",
        "space_before_colon",
        "multiple_spaces",
        "missing_reason_space",
    ];

    /// Every leniency on.
    pub const fn all() -> Leniency {
        Leniency {
            bare_lf: true,
            obs_fold: true,
            space_before_colon: true,
            multiple_spaces: true,
            missing_reason_space: true,
        }
    }

    /// Turns on the leniency called `name`; `false` if there is none by that name.
    pub fn enable(&mut self, name: &str) -> bool {
        let flag = match name {
            "bare_lf" => &mut self.bare_lf,
            "obs_fold" => &mut self.obs_fold,
            "space_before_colon" => &mut self.space_before_colon,
            "multiple_spaces" => &mut self.multiple_spaces,
            "missing_reason_space" => &mut self.missing_reason_space,
            _ => return false,
        };
        *flag = true;
        true
    }
}

/// Everything configurable about parsing a head.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Config {
    /// Size limits.
    pub limits: Limits,
    /// Leniencies (none by default).
    pub lenient: Leniency,
    /// Force a SIMD level (for tests and benches); `None` uses the detected one. A level the
    /// CPU cannot run is ignored.
    pub simd: Option<Level>,
}

impl Config {
    /// Strict parsing with the default limits.
    pub const fn new() -> Config {
        Config {
            limits: Limits::DEFAULT,
            lenient: Leniency {
                bare_lf: false,
                obs_fold: false,
                space_before_colon: false,
                multiple_spaces: false,
                missing_reason_space: false,
            },
            simd: None,
        }
    }

    /// Sets the limits.
    pub const fn limits(mut self, limits: Limits) -> Config {
        self.limits = limits;
        self
    }

    /// Sets the leniencies.
    pub const fn lenient(mut self, lenient: Leniency) -> Config {
        self.lenient = lenient;
        self
    }

    /// Sets [`Limits::max_fields`].
    pub const fn max_fields(mut self, n: usize) -> Config {
        self.limits.max_fields = n;
        self
    }

    /// Sets [`Limits::max_head_len`].
    pub const fn max_head_len(mut self, n: usize) -> Config {
        self.limits.max_head_len = n;
        self
    }

    /// Sets [`Limits::max_line_len`].
    pub const fn max_line_len(mut self, n: usize) -> Config {
        self.limits.max_line_len = n;
        self
    }

    /// Sets [`Limits::max_empty_lines`].
    pub const fn max_empty_lines(mut self, n: usize) -> Config {
        self.limits.max_empty_lines = n;
        self
    }

    /// Sets [`Limits::max_target_len`].
    pub const fn max_target_len(mut self, n: usize) -> Config {
        self.limits.max_target_len = n;
        self
    }

    /// Forces a SIMD level (ignored when the CPU cannot run it).
    pub const fn simd(mut self, level: Level) -> Config {
        self.simd = Some(level);
        self
    }
}
