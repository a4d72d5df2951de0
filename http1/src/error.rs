//! Errors: a kind and the byte offset where the input went wrong.

/// What was wrong with a head.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The method is empty or holds a byte that is not a `tchar`.
    Method,
    /// The request-target is empty, holds SP, a control character, DEL or a byte above 0x7E,
    /// or its form does not fit the method (`*` without OPTIONS, CONNECT without
    /// authority-form, authority-form without CONNECT).
    Target,
    /// The request-target is longer than [`Limits::max_target_len`](crate::Limits).
    TargetTooLong,
    /// The version is not exactly `HTTP/` DIGIT `.` DIGIT.
    Version,
    /// Not exactly one SP between start-line parts.
    Whitespace,
    /// The status code is not three digits from 100 to 999.
    StatusCode,
    /// The reason phrase holds a control character.
    Reason,
    /// A CR not followed by LF, or a bare LF where only CRLF is allowed.
    LineEnding,
    /// A field name is empty or holds a byte that is not a `tchar`.
    FieldName,
    /// A field line has no colon.
    MissingColon,
    /// Whitespace between a field name and the colon (RFC 9112 §5.1).
    WhitespaceBeforeColon,
    /// The first field line starts with whitespace (RFC 9112 §2.2).
    LeadingWhitespace,
    /// A field line starts with SP or HTAB: obs-fold (RFC 9112 §5.2).
    ObsFold,
    /// A field value holds NUL, a bare CR or LF, another control character but HTAB, or DEL.
    FieldValue,
    /// More field lines than the storage or [`Limits::max_fields`](crate::Limits) allow.
    TooManyFields,
    /// The head did not end within [`Limits::max_head_len`](crate::Limits) bytes.
    HeadTooLarge,
    /// A line did not end within [`Limits::max_line_len`](crate::Limits) bytes.
    LineTooLong,
    /// More empty lines before a request line than
    /// [`Limits::max_empty_lines`](crate::Limits) allows (RFC 9112 §2.2).
    TooManyEmptyLines,
    /// A resumable parser was called with fewer bytes than on its previous call, before the
    /// head was complete: the caller did not keep the bytes it had handed over (see
    /// [`RequestParser::parse`](crate::RequestParser::parse)). The offset is the new length.
    ResumedShorter,
}

impl ErrorKind {
    /// A `snake_case` name, stable for tools.
    pub const fn name(self) -> &'static str {
        match self {
            ErrorKind::Method => "method",
            ErrorKind::Target => "target",
            ErrorKind::TargetTooLong => "target_too_long",
            ErrorKind::Version => "version",
            ErrorKind::Whitespace => "whitespace",
            ErrorKind::StatusCode => "status_code",
            ErrorKind::Reason => "reason",
            ErrorKind::LineEnding => "line_ending",
            ErrorKind::FieldName => "field_name",
            ErrorKind::MissingColon => "missing_colon",
            ErrorKind::WhitespaceBeforeColon => "whitespace_before_colon",
            ErrorKind::LeadingWhitespace => "leading_whitespace",
            ErrorKind::ObsFold => "obs_fold",
            ErrorKind::FieldValue => "field_value",
            ErrorKind::TooManyFields => "too_many_fields",
            ErrorKind::HeadTooLarge => "head_too_large",
            ErrorKind::LineTooLong => "line_too_long",
            ErrorKind::TooManyEmptyLines => "too_many_empty_lines",
            ErrorKind::ResumedShorter => "resumed_shorter",
        }
    }

    /// A sentence for people.
    pub const fn message(self) -> &'static str {
        match self {
            ErrorKind::Method => "method must be a non-empty token",
            ErrorKind::Target => "invalid request-target",
            ErrorKind::TargetTooLong => "request-target longer than the limit",
            ErrorKind::Version => "HTTP-version must be exactly HTTP/DIGIT.DIGIT",
            ErrorKind::Whitespace => "expected exactly one SP between start-line parts",
            ErrorKind::StatusCode => "status-code must be three digits from 100 to 999",
            ErrorKind::Reason => "reason-phrase holds a control character",
            ErrorKind::LineEnding => "line must end with CRLF",
            ErrorKind::FieldName => "field name must be a non-empty token",
            ErrorKind::MissingColon => "field line has no colon",
            ErrorKind::WhitespaceBeforeColon => "whitespace between field name and colon",
            ErrorKind::LeadingWhitespace => "whitespace before the first field line",
            ErrorKind::ObsFold => "obsolete line folding",
            ErrorKind::FieldValue => "field value holds a forbidden byte",
            ErrorKind::TooManyFields => "more field lines than allowed",
            ErrorKind::HeadTooLarge => "head larger than the limit",
            ErrorKind::LineTooLong => "line longer than the limit",
            ErrorKind::TooManyEmptyLines => "more empty lines before the request line than allowed",
            ErrorKind::ResumedShorter => "parse resumed with fewer bytes than the previous call",
        }
    }
}

/// A refusal: what was wrong and the offset of the first offending byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Error {
    /// What was wrong.
    pub kind: ErrorKind,
    /// Offset from the start of the head of the first byte that made it invalid (for limits:
    /// the first byte past the limit, or the start of the line that broke it).
    pub offset: usize,
}

impl Error {
    #[inline]
    pub(crate) const fn new(kind: ErrorKind, offset: usize) -> Error {
        Error { kind, offset }
    }

    /// The error of a parser that read `buf[at..]`, as an offset in `buf`.
    #[inline]
    pub(crate) const fn shifted(self, at: usize) -> Error {
        Error::new(self.kind, self.offset + at)
    }
}

impl core::fmt::Display for Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{} (at byte {})", self.kind.message(), self.offset)
    }
}

impl core::error::Error for Error {}

impl From<status_lines::ParseError> for Error {
    fn from(e: status_lines::ParseError) -> Error {
        use status_lines::ParseErrorKind as S;
        let kind = match e.kind {
            S::Version => ErrorKind::Version,
            S::Whitespace => ErrorKind::Whitespace,
            S::StatusCode => ErrorKind::StatusCode,
            S::Reason => ErrorKind::Reason,
            S::LineEnding => ErrorKind::LineEnding,
            // The status-lines kinds are non_exhaustive; a new one is a line error.
            _ => ErrorKind::LineEnding,
        };
        Error::new(kind, e.offset)
    }
}
