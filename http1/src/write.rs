//! Head writers (RFC 9112 §3, §4, §5): request line, status line and field lines into a caller's buffer.
