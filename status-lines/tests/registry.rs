//! The registry table checked entry by entry against an independent list, and every pre-built
//! line against one assembled by hand.

mod common;

use status_lines::{
    REGISTRY, RegistrationStatus, StatusCode, Version, canonical_reason, registration, status_line,
};

/// The IANA HTTP Status Code registry as of 2026-11 (permanent registrations only), typed in
/// from the registry page and RFC 9110 §15, independently of `src/registry.rs`.
const EXPECTED: &[(u16, Option<&str>)] = &[
    (100, Some("Continue")),
    (101, Some("Switching Protocols")),
    (102, Some("Processing")),
    (103, Some("Early Hints")),
    (200, Some("OK")),
    (201, Some("Created")),
    (202, Some("Accepted")),
    (203, Some("Non-Authoritative Information")),
    (204, Some("No Content")),
    (205, Some("Reset Content")),
    (206, Some("Partial Content")),
    (207, Some("Multi-Status")),
    (208, Some("Already Reported")),
    (226, Some("IM Used")),
    (300, Some("Multiple Choices")),
    (301, Some("Moved Permanently")),
    (302, Some("Found")),
    (303, Some("See Other")),
    (304, Some("Not Modified")),
    (305, Some("Use Proxy")),
    (306, None),
    (307, Some("Temporary Redirect")),
    (308, Some("Permanent Redirect")),
    (400, Some("Bad Request")),
    (401, Some("Unauthorized")),
    (402, Some("Payment Required")),
    (403, Some("Forbidden")),
    (404, Some("Not Found")),
    (405, Some("Method Not Allowed")),
    (406, Some("Not Acceptable")),
    (407, Some("Proxy Authentication Required")),
    (408, Some("Request Timeout")),
    (409, Some("Conflict")),
    (410, Some("Gone")),
    (411, Some("Length Required")),
    (412, Some("Precondition Failed")),
    (413, Some("Content Too Large")),
    (414, Some("URI Too Long")),
    (415, Some("Unsupported Media Type")),
    (416, Some("Range Not Satisfiable")),
    (417, Some("Expectation Failed")),
    (418, None),
    (421, Some("Misdirected Request")),
    (422, Some("Unprocessable Content")),
    (423, Some("Locked")),
    (424, Some("Failed Dependency")),
    (425, Some("Too Early")),
    (426, Some("Upgrade Required")),
    (428, Some("Precondition Required")),
    (429, Some("Too Many Requests")),
    (431, Some("Request Header Fields Too Large")),
    (451, Some("Unavailable For Legal Reasons")),
    (500, Some("Internal Server Error")),
    (501, Some("Not Implemented")),
    (502, Some("Bad Gateway")),
    (503, Some("Service Unavailable")),
    (504, Some("Gateway Timeout")),
    (505, Some("HTTP Version Not Supported")),
    (506, Some("Variant Also Negotiates")),
    (507, Some("Insufficient Storage")),
    (508, Some("Loop Detected")),
    (510, Some("Not Extended")),
    (511, Some("Network Authentication Required")),
];

#[test]
fn table_matches_the_list_entry_by_entry() {
    assert_eq!(REGISTRY.len(), EXPECTED.len(), "row count differs");
    for (row, &(code, reason)) in REGISTRY.iter().zip(EXPECTED) {
        assert_eq!(row.code, code);
        assert_eq!(row.reason, reason, "reason of {code}");
        assert!(row.reference.starts_with("RFC "), "reference of {code}");
    }
}

/// The codes the sweeps of 0..=1100 visit: every one natively. Under miri, where each took
/// about 9 ms (the search of the list above), every 7th and the last, every listed code, and
/// the edges of the range of status codes (99, 100, 999, 1000).
fn codes() -> Vec<u16> {
    let mut codes: Vec<u16> = common::sweep(1101, 7)
        .map(|code| u16::try_from(code).unwrap())
        .chain(EXPECTED.iter().map(|e| e.0))
        .chain([99, 100, 999, 1000])
        .collect();
    codes.sort_unstable();
    codes.dedup();
    codes
}

#[test]
fn every_code_from_0_to_1100_looks_up_as_the_list_says() {
    for code in codes() {
        let want = EXPECTED.iter().find(|e| e.0 == code);
        match (registration(code), want) {
            (Some(r), Some(&(_, reason))) => {
                assert_eq!(r.code, code);
                assert_eq!(r.reason, reason);
                assert_eq!(canonical_reason(code), reason);
            }
            (None, None) => assert_eq!(canonical_reason(code), None, "{code}"),
            (got, want) => panic!("{code}: registry {got:?}, list {want:?}"),
        }
    }
}

#[test]
fn unused_and_obsoleted_are_marked() {
    assert_eq!(
        registration(306).unwrap().status,
        RegistrationStatus::Unused
    );
    assert_eq!(
        registration(418).unwrap().status,
        RegistrationStatus::Unused
    );
    assert_eq!(
        registration(510).unwrap().status,
        RegistrationStatus::Obsoleted
    );
    let active = REGISTRY
        .iter()
        .filter(|r| r.status == RegistrationStatus::Active)
        .count();
    assert_eq!(active, EXPECTED.len() - 3);
    // Temporary registrations are deliberately absent.
    assert!(registration(104).is_none());
}

#[test]
fn prebuilt_lines_equal_hand_assembled_ones() {
    for version in [Version::HTTP_10, Version::HTTP_11] {
        for code in codes() {
            let want = EXPECTED
                .iter()
                .find(|e| e.0 == code)
                .and_then(|e| e.1)
                .map(|reason| {
                    format!("HTTP/1.{} {code} {reason}\r\n", version.minor()).into_bytes()
                });
            assert_eq!(
                status_line(version, code).map(<[u8]>::to_vec),
                want,
                "{code}"
            );
        }
    }
    // Other versions have no pre-built lines.
    for (major, minor) in [(0, 9), (1, 2), (2, 0), (3, 0), (9, 9)] {
        assert_eq!(status_line(Version::new(major, minor).unwrap(), 200), None);
    }
}

#[test]
fn prebuilt_lines_work_in_const_context() {
    const OK: Option<&[u8]> = status_line(Version::HTTP_11, 200);
    const REASON: Option<&str> = canonical_reason(413);
    assert_eq!(OK, Some(&b"HTTP/1.1 200 OK\r\n"[..]));
    assert_eq!(REASON, Some("Content Too Large"));
}

#[test]
fn classes() {
    use status_lines::Class::*;
    let cases = [
        (100, Informational),
        (199, Informational),
        (200, Successful),
        (299, Successful),
        (300, Redirection),
        (399, Redirection),
        (400, ClientError),
        (499, ClientError),
        (500, ServerError),
        (599, ServerError),
        (600, Nonstandard),
        (999, Nonstandard),
    ];
    for (code, class) in cases {
        let c = StatusCode::new(code).unwrap();
        assert_eq!(c.class(), class, "{code}");
        assert_eq!(c.is_informational(), class == Informational);
        assert_eq!(c.is_success(), class == Successful);
        assert_eq!(c.is_redirection(), class == Redirection);
        assert_eq!(c.is_client_error(), class == ClientError);
        assert_eq!(c.is_server_error(), class == ServerError);
    }
    assert!(StatusCode::new(99).is_none());
    assert!(StatusCode::new(0).is_none());
    assert!(StatusCode::new(1000).is_none());
}
