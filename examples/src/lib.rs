//! Examples built only on httpwire's codecs and `std`: a blocking HTTP/1.1 [`server`] (a
//! thread per connection, keep-alive, pipelining, chunked bodies both ways, the right status
//! for bad input) and a [`client`] that keeps connections alive and reads every response
//! framing. The binaries `httpwire-server` and `httpwire-fetch` are thin wrappers.
//!
//! Neither does I/O through the codecs: they read and write `std::net` sockets and hand the
//! bytes to http1's parsers and chunked's decoder, which borrow them (Sans-IO).

pub mod client;
pub mod pattern;
pub mod server;
