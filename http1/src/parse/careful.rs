//! The careful line parsers: every shape, every leniency and every error, resumable at any
//! byte (what they have established is kept in the state's [`Progress`]), and never looking
//! past the line limit they are given. The straight-line paths ([`super::plain`]) hand them
//! every line they do not take.

use super::{
    COLON, Kind, METHOD_END, NAME_END, Progress, Start, State, TARGET_END, TARGET_START,
    VALUE_START, err,
};
use crate::classify::is_ows;
use crate::config::Config;
use crate::error::{Error, ErrorKind};
use crate::simd::Scanner;
use crate::target::target_form;
use status_lines::{Outcome, Version};

/// What one line turned out to be.
#[derive(Debug, Clone, Copy)]
pub(super) enum Line {
    /// A field line: where its parts are.
    Field {
        name_end: usize,
        value_start: usize,
        value_end: usize,
        line_end: usize,
    },
    /// The empty line: the head ends at this offset.
    End(usize),
}

/// One field line (or the empty line) at `p`, resumably: `Ok(None)` when the view ends first,
/// with what was learnt kept in `progress`. `first` says no field line came before (whitespace at
/// the start is then not a fold but RFC 9112 §2.2's forbidden leading whitespace).
#[inline(always)]
pub(super) fn field_line<S: Scanner>(
    s: S,
    progress: &mut Progress,
    cfg: &Config,
    view: &[u8],
    p: usize,
    kind: Kind,
    first: bool,
) -> Result<Option<Line>, Error> {
    let lenient = cfg.lenient;
    let len = view.len();
    // Reads byte `$i`, or stops with "incomplete": everything before it has been checked.
    macro_rules! at {
        ($i:expr) => {
            match view.get($i) {
                Some(&b) => b,
                None => return Ok(None),
            }
        };
    }

    let b0 = at!(p);
    if b0 == b'\r' {
        if at!(p + 1) != b'\n' {
            return err(ErrorKind::LineEnding, p);
        }
        return Ok(Some(Line::End(p + 2)));
    }
    if b0 == b'\n' {
        if !lenient.bare_lf {
            return err(ErrorKind::LineEnding, p);
        }
        return Ok(Some(Line::End(p + 1)));
    }
    if b0 == b' ' || b0 == b'\t' {
        // Before the first field this is RFC 9112 §2.2's leading whitespace; later it would
        // fold the previous line, which the value scan consumed when folding is allowed.
        let kind = if first {
            ErrorKind::LeadingWhitespace
        } else {
            ErrorKind::ObsFold
        };
        return err(kind, p);
    }

    // field-name
    if progress.marks[NAME_END] == 0 {
        let name_end = s.token_stop(view, progress.resume.max(p));
        if name_end == len {
            progress.resume = len;
            return Ok(None);
        }
        match view[name_end] {
            _ if name_end == p => return err(ErrorKind::FieldName, p),
            b':' => {
                progress.marks[COLON] = name_end;
                progress.resume = name_end + 1;
            }
            b' ' | b'\t' if kind == Kind::Response && lenient.space_before_colon => {
                progress.resume = name_end;
            }
            b' ' | b'\t' => return err(ErrorKind::WhitespaceBeforeColon, name_end),
            b'\r' | b'\n' => return err(ErrorKind::MissingColon, name_end),
            _ => return err(ErrorKind::FieldName, name_end),
        }
        progress.marks[NAME_END] = name_end;
    }

    // Whitespace before the colon (responses, by leniency only), then ":".
    if progress.marks[COLON] == 0 {
        let i = skip_ows(view, progress.resume);
        if i == len {
            progress.resume = len;
            return Ok(None);
        }
        match view[i] {
            b':' => {}
            b'\r' | b'\n' => return err(ErrorKind::MissingColon, i),
            _ => return err(ErrorKind::WhitespaceBeforeColon, progress.marks[NAME_END]),
        }
        progress.marks[COLON] = i;
        progress.resume = i + 1;
    }

    // OWS
    if progress.marks[VALUE_START] == 0 {
        let i = skip_ows(view, progress.resume);
        if i == len {
            progress.resume = len;
            return Ok(None);
        }
        progress.marks[VALUE_START] = i;
        progress.resume = i;
    }

    // field-value, then CRLF (or a fold, when allowed).
    let value_start = progress.marks[VALUE_START];
    let (value_end, line_end) = loop {
        let e = s.value_stop(view, progress.resume);
        let Some(&stop) = view.get(e) else {
            progress.resume = len;
            return Ok(None);
        };
        // From here on an incomplete line resumes at this stop byte.
        progress.resume = e;
        let ending = match stop {
            b'\t' => {
                progress.resume = e + 1;
                continue;
            }
            b'\r' => {
                if at!(e + 1) != b'\n' {
                    return err(ErrorKind::LineEnding, e);
                }
                e + 2
            }
            b'\n' if lenient.bare_lf => e + 1,
            b'\n' => return err(ErrorKind::LineEnding, e),
            _ => return err(ErrorKind::FieldValue, e),
        };
        if kind == Kind::Response && lenient.obs_fold {
            match view.get(ending) {
                Some(b' ' | b'\t') => {
                    progress.resume = ending;
                    continue;
                }
                Some(_) => {}
                // One more byte decides whether the next line folds into this one.
                None => return Ok(None),
            }
        }
        break (e, ending);
    };
    let mut value_end = value_end;
    while value_end > value_start && matches!(view[value_end - 1], b' ' | b'\t') {
        value_end -= 1;
    }
    let name_end = progress.marks[NAME_END];
    *progress = Progress::default();
    Ok(Some(Line::Field {
        name_end,
        value_start,
        value_end,
        line_end,
    }))
}

/// The status line, through the status-lines parser; `Ok(None)` when the view ends first.
///
/// Once the line has reached its reason phrase, only a control byte can end or break it, so
/// later calls scan just the new bytes for one before parsing the line again.
#[inline(always)]
pub(super) fn status_line(
    st: &mut State,
    cfg: &Config,
    view: &[u8],
) -> Result<Option<usize>, Error> {
    let lenient = cfg.lenient;
    let opts = status_lines::ParseOptions::strict()
        .bare_lf(lenient.bare_lf)
        .multiple_spaces(lenient.multiple_spaces)
        .missing_reason_space(lenient.missing_reason_space);
    // The first control byte at or after `i` that is not HTAB (HTAB is a reason byte).
    let next_control = |mut i: usize| loop {
        let c = httpwire_simd::swar::first_control(view, i);
        if view.get(c) == Some(&b'\t') {
            i = c + 1;
        } else {
            break c;
        }
    };
    if st.progress.resume != 0 {
        let c = next_control(st.progress.resume);
        if c == view.len() {
            st.progress.resume = c;
            return Ok(None);
        }
        st.progress.resume = c;
    }
    match status_lines::parse_status_line_with(view, opts)? {
        Outcome::Complete(line) => {
            let reason_start = line.reason.as_ptr() as usize - view.as_ptr() as usize;
            st.start = Start::Response {
                version: line.version,
                status: line.code,
                reason_start: reason_start as u32,
                reason_end: (reason_start + line.reason.len()) as u32,
            };
            Ok(Some(line.len))
        }
        Outcome::Incomplete => {
            if st.progress.resume == 0
                && let Outcome::Complete(prefix) =
                    status_lines::hooks::parse_status_prefix(view, opts)?
            {
                st.progress.resume = next_control(prefix.reason_start);
            }
            Ok(None)
        }
    }
}

/// Parses the request line; `Ok(None)` when the view ends first.
#[inline(always)]
pub(super) fn request_line<S: Scanner>(
    s: S,
    st: &mut State,
    cfg: &Config,
    view: &[u8],
) -> Result<Option<usize>, Error> {
    macro_rules! at {
        ($i:expr) => {
            match view.get($i) {
                Some(&b) => b,
                None => return Ok(None),
            }
        };
    }
    let lenient = cfg.lenient;
    let len = view.len();
    let progress = &mut st.progress;

    // method SP
    if progress.marks[METHOD_END] == 0 {
        let method_end = s.token_stop(view, progress.resume);
        if method_end == len {
            progress.resume = len;
            return Ok(None);
        }
        if view[method_end] != b' ' || method_end == 0 {
            return err(ErrorKind::Method, method_end);
        }
        progress.marks[METHOD_END] = method_end;
        progress.resume = method_end + 1;
    }

    // (more SP, by leniency) request-target
    if progress.marks[TARGET_START] == 0 {
        let mut t = progress.resume;
        while t < len && view[t] == b' ' {
            if !lenient.multiple_spaces {
                return err(ErrorKind::Whitespace, t);
            }
            t += 1;
        }
        if t == len {
            progress.resume = len;
            return Ok(None);
        }
        progress.marks[TARGET_START] = t;
        progress.resume = t;
    }

    // request-target SP
    if progress.marks[TARGET_END] == 0 {
        let t = progress.marks[TARGET_START];
        let target_end = s.target_stop(view, progress.resume);
        if target_end - t > cfg.limits.max_target_len {
            return err(ErrorKind::TargetTooLong, t + cfg.limits.max_target_len);
        }
        if target_end == len {
            progress.resume = len;
            return Ok(None);
        }
        match view[target_end] {
            b' ' => {}
            b'\r' | b'\n' => return err(ErrorKind::Version, target_end),
            _ => return err(ErrorKind::Target, target_end),
        }
        progress.marks[TARGET_END] = target_end;
        progress.resume = target_end + 1;
    }

    // (more SP, by leniency)
    let mut v = progress.resume;
    while v < len && view[v] == b' ' {
        if !lenient.multiple_spaces {
            return err(ErrorKind::Whitespace, v);
        }
        v += 1;
    }
    progress.resume = v;
    let (method_end, t, target_end) = (
        progress.marks[METHOD_END],
        progress.marks[TARGET_START],
        progress.marks[TARGET_END],
    );

    // HTTP-version CRLF
    for (k, &want) in b"HTTP/".iter().enumerate() {
        if at!(v + k) != want {
            return err(ErrorKind::Version, v + k);
        }
    }
    let major = at!(v + 5).wrapping_sub(b'0');
    if major > 9 {
        return err(ErrorKind::Version, v + 5);
    }
    if at!(v + 6) != b'.' {
        return err(ErrorKind::Version, v + 6);
    }
    let minor = at!(v + 7).wrapping_sub(b'0');
    if minor > 9 {
        return err(ErrorKind::Version, v + 7);
    }
    let Some(version) = Version::new(major, minor) else {
        return err(ErrorKind::Version, v + 5);
    };
    let e = v + 8;
    let line_end = match at!(e) {
        b'\r' => {
            if at!(e + 1) != b'\n' {
                return err(ErrorKind::LineEnding, e);
            }
            e + 2
        }
        b'\n' if lenient.bare_lf => e + 1,
        b'\n' => return err(ErrorKind::LineEnding, e),
        b' ' if lenient.multiple_spaces => return err(ErrorKind::Whitespace, e),
        _ => return err(ErrorKind::Version, e),
    };

    let method = &view[..method_end];
    let target = &view[t..target_end];
    let form = match target_form(method, target) {
        Ok(form) => form,
        Err(off) => return err(ErrorKind::Target, t + off),
    };
    st.start = Start::Request {
        method_start: 0,
        method_end: method_end as u32,
        target_start: t as u32,
        target_end: target_end as u32,
        form,
        version,
    };
    Ok(Some(line_end))
}

/// The first index at or after `i` that is not SP or HTAB (optional whitespace), or
/// `view.len()`.
#[inline(always)]
pub(super) fn skip_ows(view: &[u8], mut i: usize) -> usize {
    while i < view.len() && is_ows(view[i]) {
        i += 1;
    }
    i
}
