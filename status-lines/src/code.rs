//! Status codes (RFC 9110 §15) and protocol versions (RFC 9110 §2.5).

use crate::registry::{self, MAX_CODE, MIN_CODE};

/// A three-digit status code in 100..=999.
///
/// RFC 9110 §15 defines the classes 1xx–5xx and calls values outside 100..=599 invalid, but
/// also notes that implementations use 600..=999 internally and that a client should treat a
/// received one like a 5xx. The type therefore holds every three-digit value whose first digit
/// is not 0, and [`StatusCode::class`] reports [`Class::Nonstandard`] for 6xx–9xx.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StatusCode(u16);

/// The class of a status code, given by its first digit (RFC 9110 §15).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Class {
    /// 1xx: the request was received, continuing process.
    Informational,
    /// 2xx: the request was received, understood and accepted.
    Successful,
    /// 3xx: further action is needed to complete the request.
    Redirection,
    /// 4xx: the request is in error.
    ClientError,
    /// 5xx: the server failed to fulfil an apparently valid request.
    ServerError,
    /// 6xx–9xx: not an HTTP class (RFC 9110 §15: treat as 5xx when received).
    Nonstandard,
}

impl Class {
    /// A `snake_case` name for the class, e.g. `client_error`.
    pub const fn name(self) -> &'static str {
        match self {
            Class::Informational => "informational",
            Class::Successful => "successful",
            Class::Redirection => "redirection",
            Class::ClientError => "client_error",
            Class::ServerError => "server_error",
            Class::Nonstandard => "nonstandard",
        }
    }
}

impl StatusCode {
    /// `Some` for 100..=999, `None` otherwise.
    ///
    /// ```
    /// use status_lines::StatusCode;
    /// assert!(StatusCode::new(99).is_none());
    /// assert_eq!(StatusCode::new(204).unwrap().as_u16(), 204);
    /// assert!(StatusCode::new(1000).is_none());
    /// ```
    #[inline]
    pub const fn new(code: u16) -> Option<Self> {
        if code >= MIN_CODE && code <= MAX_CODE {
            Some(StatusCode(code))
        } else {
            None
        }
    }

    /// The numeric value.
    #[inline]
    pub const fn as_u16(self) -> u16 {
        self.0
    }

    /// The three ASCII digits of the code.
    ///
    /// ```
    /// assert_eq!(status_lines::StatusCode::new(307).unwrap().digits(), *b"307");
    /// ```
    #[inline]
    pub const fn digits(self) -> [u8; 3] {
        let c = self.0;
        [
            b'0' + (c / 100) as u8,
            b'0' + (c / 10 % 10) as u8,
            b'0' + (c % 10) as u8,
        ]
    }

    /// The class given by the first digit.
    #[inline]
    pub const fn class(self) -> Class {
        match self.0 / 100 {
            1 => Class::Informational,
            2 => Class::Successful,
            3 => Class::Redirection,
            4 => Class::ClientError,
            5 => Class::ServerError,
            _ => Class::Nonstandard,
        }
    }

    /// 1xx.
    #[inline]
    pub const fn is_informational(self) -> bool {
        matches!(self.class(), Class::Informational)
    }

    /// 2xx.
    #[inline]
    pub const fn is_success(self) -> bool {
        matches!(self.class(), Class::Successful)
    }

    /// 3xx.
    #[inline]
    pub const fn is_redirection(self) -> bool {
        matches!(self.class(), Class::Redirection)
    }

    /// 4xx.
    #[inline]
    pub const fn is_client_error(self) -> bool {
        matches!(self.class(), Class::ClientError)
    }

    /// 5xx.
    #[inline]
    pub const fn is_server_error(self) -> bool {
        matches!(self.class(), Class::ServerError)
    }

    /// The registered reason phrase, if any; see [`crate::canonical_reason`].
    #[inline]
    pub const fn canonical_reason(self) -> Option<&'static str> {
        registry::canonical_reason(self.0)
    }
}

/// An HTTP version as the two digits of `HTTP/DIGIT.DIGIT` (RFC 9112 §2.3).
///
/// The parser reports whatever digits it read; deciding which versions to accept is left to
/// the caller (or to http1's framing layer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    major: u8,
    minor: u8,
}

impl Version {
    /// `HTTP/1.0`.
    pub const HTTP_10: Version = Version { major: 1, minor: 0 };
    /// `HTTP/1.1`.
    pub const HTTP_11: Version = Version { major: 1, minor: 1 };

    /// `Some` when both parts are single decimal digits (0..=9).
    #[inline]
    pub const fn new(major: u8, minor: u8) -> Option<Self> {
        if major <= 9 && minor <= 9 {
            Some(Version { major, minor })
        } else {
            None
        }
    }

    /// The major digit.
    #[inline]
    pub const fn major(self) -> u8 {
        self.major
    }

    /// The minor digit.
    #[inline]
    pub const fn minor(self) -> u8 {
        self.minor
    }

    /// The eight bytes of the wire form, e.g. `HTTP/1.1`.
    #[inline]
    pub const fn wire(self) -> [u8; 8] {
        [
            b'H',
            b'T',
            b'T',
            b'P',
            b'/',
            b'0' + self.major,
            b'.',
            b'0' + self.minor,
        ]
    }
}
