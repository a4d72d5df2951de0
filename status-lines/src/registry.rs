//! The IANA "HTTP Status Code" registry (RFC 9110 §16.2.1), with the reason phrases of
//! RFC 9110 §15 and of the RFCs that registered the other codes.
//!
//! This module is the one home of the table. Everything else in the crate (pre-built lines,
//! the writer, `canonical_reason`) is derived from [`REGISTRY`] at compile time.
//!
//! # What is in the table
//!
//! * Every permanent registration, with its reason phrase as the registering document writes
//!   it (`413 Content Too Large`, `422 Unprocessable Content`, `421 Misdirected Request`,
//!   `103 Early Hints`, ...).
//! * `306` and `418` are registered as "(Unused)": the code is reserved, it has no reason
//!   phrase. They appear here with [`RegistrationStatus::Unused`];
//!   [`canonical_reason`](crate::canonical_reason) returns `None` for them, no pre-built line
//!   exists, and the writer gives them an empty reason, exactly as for an unregistered code.
//!   (A server that wants `418 I'm a teapot` can pass that reason explicitly.)
//! * `510 Not Extended` is registered as obsoleted (RFC 2774 moved to Historic). It keeps its
//!   reason phrase, because peers still send it, and is marked [`RegistrationStatus::Obsoleted`].
//! * Temporary registrations (RFC 7120 early allocations, e.g. `104` for resumable uploads) are
//!   **not** included: they expire, and a reason phrase that silently changes meaning when a
//!   registration lapses is worse than none. Such codes are written with an empty reason
//!   unless the caller supplies one.

/// How a code stands in the registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RegistrationStatus {
    /// A current registration with a reason phrase.
    Active,
    /// Registered as "(Unused)": reserved, no reason phrase (306, 418).
    Unused,
    /// Registered, but the defining document is obsolete (510). The phrase is kept.
    Obsoleted,
}

/// One row of the registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Registration {
    /// The three-digit status code.
    pub code: u16,
    /// The reason phrase; `None` for codes registered as "(Unused)".
    pub reason: Option<&'static str>,
    /// The document and section that define the code.
    pub reference: &'static str,
    /// Whether the registration is active, unused or obsoleted.
    pub status: RegistrationStatus,
}

const fn active(code: u16, reason: &'static str, reference: &'static str) -> Registration {
    Registration {
        code,
        reason: Some(reason),
        reference,
        status: RegistrationStatus::Active,
    }
}

const fn unused(code: u16, reference: &'static str) -> Registration {
    Registration {
        code,
        reason: None,
        reference,
        status: RegistrationStatus::Unused,
    }
}

/// Every code in the IANA HTTP Status Code registry (temporary registrations excluded, see the
/// module docs), in ascending order of code.
pub const REGISTRY: &[Registration] = &[
    active(100, "Continue", "RFC 9110, Section 15.2.1"),
    active(101, "Switching Protocols", "RFC 9110, Section 15.2.2"),
    active(102, "Processing", "RFC 2518, Section 10.1"),
    active(103, "Early Hints", "RFC 8297, Section 2"),
    active(200, "OK", "RFC 9110, Section 15.3.1"),
    active(201, "Created", "RFC 9110, Section 15.3.2"),
    active(202, "Accepted", "RFC 9110, Section 15.3.3"),
    active(
        203,
        "Non-Authoritative Information",
        "RFC 9110, Section 15.3.4",
    ),
    active(204, "No Content", "RFC 9110, Section 15.3.5"),
    active(205, "Reset Content", "RFC 9110, Section 15.3.6"),
    active(206, "Partial Content", "RFC 9110, Section 15.3.7"),
    active(207, "Multi-Status", "RFC 4918, Section 11.1"),
    active(208, "Already Reported", "RFC 5842, Section 7.1"),
    active(226, "IM Used", "RFC 3229, Section 10.4.1"),
    active(300, "Multiple Choices", "RFC 9110, Section 15.4.1"),
    active(301, "Moved Permanently", "RFC 9110, Section 15.4.2"),
    active(302, "Found", "RFC 9110, Section 15.4.3"),
    active(303, "See Other", "RFC 9110, Section 15.4.4"),
    active(304, "Not Modified", "RFC 9110, Section 15.4.5"),
    active(305, "Use Proxy", "RFC 9110, Section 15.4.6"),
    unused(306, "RFC 9110, Section 15.4.7"),
    active(307, "Temporary Redirect", "RFC 9110, Section 15.4.8"),
    active(308, "Permanent Redirect", "RFC 9110, Section 15.4.9"),
    active(400, "Bad Request", "RFC 9110, Section 15.5.1"),
    active(401, "Unauthorized", "RFC 9110, Section 15.5.2"),
    active(402, "Payment Required", "RFC 9110, Section 15.5.3"),
    active(403, "Forbidden", "RFC 9110, Section 15.5.4"),
    active(404, "Not Found", "RFC 9110, Section 15.5.5"),
    active(405, "Method Not Allowed", "RFC 9110, Section 15.5.6"),
    active(406, "Not Acceptable", "RFC 9110, Section 15.5.7"),
    active(
        407,
        "Proxy Authentication Required",
        "RFC 9110, Section 15.5.8",
    ),
    active(408, "Request Timeout", "RFC 9110, Section 15.5.9"),
    active(409, "Conflict", "RFC 9110, Section 15.5.10"),
    active(410, "Gone", "RFC 9110, Section 15.5.11"),
    active(411, "Length Required", "RFC 9110, Section 15.5.12"),
    active(412, "Precondition Failed", "RFC 9110, Section 15.5.13"),
    active(413, "Content Too Large", "RFC 9110, Section 15.5.14"),
    active(414, "URI Too Long", "RFC 9110, Section 15.5.15"),
    active(415, "Unsupported Media Type", "RFC 9110, Section 15.5.16"),
    active(416, "Range Not Satisfiable", "RFC 9110, Section 15.5.17"),
    active(417, "Expectation Failed", "RFC 9110, Section 15.5.18"),
    unused(418, "RFC 9110, Section 15.5.19"),
    active(421, "Misdirected Request", "RFC 9110, Section 15.5.20"),
    active(422, "Unprocessable Content", "RFC 9110, Section 15.5.21"),
    active(423, "Locked", "RFC 4918, Section 11.3"),
    active(424, "Failed Dependency", "RFC 4918, Section 11.4"),
    active(425, "Too Early", "RFC 8470, Section 5.2"),
    active(426, "Upgrade Required", "RFC 9110, Section 15.5.22"),
    active(428, "Precondition Required", "RFC 6585, Section 3"),
    active(429, "Too Many Requests", "RFC 6585, Section 4"),
    active(
        431,
        "Request Header Fields Too Large",
        "RFC 6585, Section 5",
    ),
    active(451, "Unavailable For Legal Reasons", "RFC 7725, Section 3"),
    active(500, "Internal Server Error", "RFC 9110, Section 15.6.1"),
    active(501, "Not Implemented", "RFC 9110, Section 15.6.2"),
    active(502, "Bad Gateway", "RFC 9110, Section 15.6.3"),
    active(503, "Service Unavailable", "RFC 9110, Section 15.6.4"),
    active(504, "Gateway Timeout", "RFC 9110, Section 15.6.5"),
    active(
        505,
        "HTTP Version Not Supported",
        "RFC 9110, Section 15.6.6",
    ),
    active(506, "Variant Also Negotiates", "RFC 2295, Section 8.1"),
    active(507, "Insufficient Storage", "RFC 4918, Section 11.5"),
    active(508, "Loop Detected", "RFC 5842, Section 7.2"),
    Registration {
        code: 510,
        reason: Some("Not Extended"),
        reference: "RFC 2774, Section 7 (obsoleted)",
        status: RegistrationStatus::Obsoleted,
    },
    active(
        511,
        "Network Authentication Required",
        "RFC 6585, Section 6",
    ),
];

/// The smallest code the crate handles (the first of the 1xx class).
pub const MIN_CODE: u16 = 100;
/// The largest three-digit code.
pub const MAX_CODE: u16 = 999;
const SPAN: usize = (MAX_CODE - MIN_CODE + 1) as usize;

/// `INDEX[code - 100]` is one more than the position of `code` in [`REGISTRY`], or 0.
/// Built at compile time; a lookup is one bounds check and two loads, no search.
static INDEX: [u8; SPAN] = build_index();

const fn build_index() -> [u8; SPAN] {
    assert!(REGISTRY.len() < u8::MAX as usize);
    let mut index = [0u8; SPAN];
    let mut i = 0;
    while i < REGISTRY.len() {
        let code = REGISTRY[i].code;
        assert!(code >= MIN_CODE && code <= MAX_CODE);
        // The table must be sorted and free of duplicates.
        assert!(i == 0 || REGISTRY[i - 1].code < code);
        index[(code - MIN_CODE) as usize] = (i + 1) as u8;
        i += 1;
    }
    index
}

/// The position of `code` in [`REGISTRY`], by direct indexing.
#[inline]
pub(crate) const fn position(code: u16) -> Option<usize> {
    if code < MIN_CODE || code > MAX_CODE {
        return None;
    }
    match INDEX[(code - MIN_CODE) as usize] {
        0 => None,
        n => Some(n as usize - 1),
    }
}

/// The registry row for `code`, if the code is registered (including "(Unused)" codes).
///
/// ```
/// use status_lines::{registration, RegistrationStatus};
/// let r = registration(413).unwrap();
/// assert_eq!(r.reason, Some("Content Too Large"));
/// assert_eq!(registration(418).unwrap().status, RegistrationStatus::Unused);
/// assert!(registration(299).is_none());
/// ```
#[inline]
pub const fn registration(code: u16) -> Option<&'static Registration> {
    match position(code) {
        Some(i) => Some(&REGISTRY[i]),
        None => None,
    }
}

/// The reason phrase registered for `code`, or `None` when the code is unregistered or
/// registered as "(Unused)".
///
/// ```
/// assert_eq!(status_lines::canonical_reason(422), Some("Unprocessable Content"));
/// assert_eq!(status_lines::canonical_reason(306), None);
/// assert_eq!(status_lines::canonical_reason(299), None);
/// ```
#[inline]
pub const fn canonical_reason(code: u16) -> Option<&'static str> {
    match registration(code) {
        Some(r) => r.reason,
        None => None,
    }
}
