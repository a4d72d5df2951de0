//! Request-target forms (RFC 9112 §3.2): origin, absolute, authority (CONNECT only) and
//! asterisk (OPTIONS only). The parser classifies the target it read; the writers check the
//! one they are given.

use crate::authority::{connect_authority, target_authority};
use crate::head::TargetForm;

/// Classifies a request-target (RFC 9112 §3.2) and checks it fits the method; on failure, the
/// offset within the target of the first byte that does not fit.
pub(crate) fn target_form(method: &[u8], target: &[u8]) -> Result<TargetForm, usize> {
    // `target` holds only target bytes (`classify::is_target_byte`, which excludes the `#` of
    // a fragment): the scan that found its end, or the writer, checked that.
    if method == b"CONNECT" {
        // authority-form = uri-host ":" port, both non-empty.
        return connect_authority(target).map(|_| TargetForm::Authority);
    }
    match target.first() {
        None => Err(0),
        Some(b'/') => Ok(TargetForm::Origin),
        Some(b'*') if target.len() == 1 => {
            if method == b"OPTIONS" {
                Ok(TargetForm::Asterisk)
            } else {
                Err(0)
            }
        }
        Some(c) if c.is_ascii_alphabetic() => {
            // absolute-form: scheme ":" hier-part; scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
            for (i, &b) in target.iter().enumerate().skip(1) {
                match b {
                    b':' => {
                        // The authority, if any: no userinfo, and a host for http(s).
                        target_authority(target, i)?;
                        return Ok(TargetForm::Absolute);
                    }
                    b if b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.') => {}
                    _ => return Err(i),
                }
            }
            Err(target.len())
        }
        Some(_) => Err(0),
    }
}
