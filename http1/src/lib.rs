//! HTTP/1.1 heads (RFC 9112): a strict, resumable, zero-copy parser with SIMD scanning.
#![no_std]
#![deny(unsafe_op_in_unsafe_fn)]

#[cfg(feature = "std")]
extern crate std;

#[cfg(feature = "alloc")]
extern crate alloc;

pub mod authority;
pub mod classify;
pub mod framing;
pub mod lines;
pub mod simd;
pub mod write;

#[cfg(feature = "http")]
pub mod interop;

mod config;
mod error;
mod head;
mod parse;
mod target;

pub use authority::{Authority, AuthoritySource, request_authority};
pub use config::{Config, Leniency, Limits};
pub use error::{Error, ErrorKind};
pub use framing::{
    BodyFraming, FramingError, FramingErrorKind, FramingOptions, MessageInfo, request_framing,
    response_framing,
};
pub use head::{
    Field, FieldIter, FieldStorage, Fields, RawField, Request, Response, Storage, TargetForm,
    Trailers,
};
pub use parse::{
    HeadKind, Outcome, Parser, RequestParser, Requests, ResponseParser, Responses, parse_request,
    parse_response, parse_trailers,
};
pub use status_lines::{StatusCode, Version};
