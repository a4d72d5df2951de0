"""The classes of difference between httpwire and its HTTP/1 peers (h11, node/llhttp).

Every disagreement the differential finds must fit one class here, and every class must fit at
least one disagreement of the run (so that the table cannot rot). A class is a rule, never a
list of inputs: the case's tag (how heads.py made it), the peer, the kind of disagreement, and a
predicate over the head bytes and the verdicts. Each says which RFC section decides it and who
is right; `bug` marks a httpwire bug that is reported and not fixed yet.

Disagreement kinds: hw_accepts (httpwire accepts, the peer refuses), hw_refuses (the reverse),
differs_start / differs_fields / differs_framing (both accept, with different results).
"""

from dataclasses import dataclass
from typing import Callable


@dataclass
class Case:
    id: int
    kind: str
    tag: str
    head: bytes
    peer: str
    what: str
    hw: dict
    verdict: dict


@dataclass
class Class:
    id: str
    rfc: str
    right: str
    note: str
    peers: tuple
    what: tuple
    tags: tuple
    when: Callable = lambda c: True
    bug: bool = False

    def matches(self, c):
        return (c.peer in self.peers and c.what in self.what
                and any(c.tag == t or c.tag.startswith(t + ".") for t in self.tags)
                and bool(self.when(c)))





# ---- helpers for the rules -------------------------------------------------------------------
def hw_why(*kinds):
    return lambda c: c.hw.get("why") in kinds


def peer_why(*prefixes):
    return lambda c: any(str(c.verdict.get("why", "")).startswith(p) for p in prefixes)


def both(*preds):
    return lambda c: all(p(c) for p in preds)


def bare_lf(c):
    h = c.head
    return any(h[i] == 0x0A and (i == 0 or h[i - 1] != 0x0D) for i in range(len(h)))


def start_line(c):
    return c.head.split(b"\r\n", 1)[0]


def ctl_in_values(c):
    return c.verdict["ok"] and any(b < 0x20 and b != 0x09 or b == 0x7F for _, v in c.verdict["fields"] for b in v)


def only_framing_fields_differ(c):
    """h11 rewrites Content-Length and Transfer-Encoding; everything else, and the framing, agree."""
    keep = lambda fs: [f for f in fs if f[0] not in (b"content-length", b"transfer-encoding")]
    return (c.hw["framing"] == c.verdict["framing"] and c.hw["start"] == c.verdict["start"]
            and keep(c.hw["fields"]) == keep(c.verdict["fields"]))


def status(code):
    return lambda c: c.hw.get("ok") and c.hw["start"][1] == code


H11, NODE, PEERS = ("h11",), ("node",), ("h11", "node")
REFUSES, ACCEPTS = ("hw_refuses",), ("hw_accepts",)

CLASSES = [
    # -- line endings and field lines ----------------------------------------------------------
    Class("bare_lf", "RFC 9112 §2.2", "both (MAY); httpwire strict by default",
          "h11 takes a bare LF as a line terminator, as §2.2 lets a recipient; httpwire refuses "
          "it unless --lenient bare_lf (SECURITY.md, CVE-2022-32214).",
          H11, REFUSES, ("req.eol", "resp.eol", "req.value_end"),
          both(hw_why("line_ending"), bare_lf)),
    Class("obs_fold_request", "RFC 9112 §5.2", "both (MUST reject or replace)",
          "h11 unfolds obs-fold in a request; a server MUST either reject it (httpwire) or "
          "replace it with SP.", H11, REFUSES, ("req.line",), hw_why("obs_fold")),
    Class("obs_fold_response", "RFC 9112 §5.2", "h11 (a user agent MUST replace with SP)",
          "httpwire refuses obs-fold in a response unless --lenient obs_fold: stricter than §5.2 "
          "asks of a user agent, on purpose (strict by default).",
          H11, REFUSES, ("resp.line",), hw_why("obs_fold")),
    Class("ctl_in_field_value", "RFC 9110 §5.5", "both (recipients MAY retain CTLs)",
          "h11 keeps CTLs other than NUL, CR, LF in field values; httpwire refuses every CTL "
          "but HTAB (SECURITY.md).",
          H11, REFUSES, ("req.value_start", "req.value_mid", "req.value_end", "resp.value_mid"),
          both(hw_why("field_value"), ctl_in_values)),
    Class("ctl_in_reason", "RFC 9112 §4", "httpwire",
          "reason-phrase = *( HTAB / SP / VCHAR / obs-text ): h11 takes CTLs there, node even NUL.",
          PEERS, REFUSES, ("resp.reason", "resp.status"), hw_why("reason")),
    # -- Content-Length ------------------------------------------------------------------------
    Class("content_length_equal_list", "RFC 9110 §8.6", "both (reject, or collapse equal values)",
          "`Content-Length: 1,1` or two equal lines: httpwire collapses them (as h11), node "
          "refuses.", NODE, ACCEPTS, ("req.cl", "resp.cl", "req.cl_dup", "resp.cl_dup"),
          peer_why("HPE_INVALID_CONTENT_LENGTH", "HPE_UNEXPECTED_CONTENT_LENGTH")),
    Class("h11_rewrites_framing_fields", "RFC 9110 §8.6; RFC 9112 §7", "both (same framing)",
          "h11 replaces equal Content-Length values by one field and lowercases "
          "Transfer-Encoding; httpwire reports the fields as received. Framing agrees.",
          H11, ("differs_fields",), ("req.cl", "resp.cl", "req.cl_dup", "resp.cl_dup", "req.te", "resp.te"),
          only_framing_fields_differ),
    Class("content_length_past_u64", "RFC 9110 §8.6", "both (prevent overflow)",
          "h11 has big integers; httpwire refuses a length past u64.",
          H11, REFUSES, ("req.cl", "resp.cl"), hw_why("content_length_too_large")),
    # -- Transfer-Encoding ---------------------------------------------------------------------
    Class("h11_only_chunked", "RFC 9112 §6.1, §7", "httpwire",
          "h11 supports no transfer coding but chunked (and one Transfer-Encoding line); gzip "
          "is registered: httpwire frames `gzip, chunked` as chunked (other_codings) and a "
          "response whose final coding is not chunked as close-delimited (§6.3 rule 4).",
          H11, ACCEPTS, ("req.te", "resp.te", "req.te_multi", "resp.te_multi"),
          peer_why("Only Transfer-Encoding: chunked", "multiple Transfer-Encoding headers")),
    Class("te_with_content_length", "RFC 9112 §6.1, §6.3 rule 3", "both (MAY reject)",
          "h11 frames by Transfer-Encoding and ignores Content-Length; httpwire refuses both "
          "together unless --lenient transfer_encoding_with_content_length; node refuses too.",
          H11, REFUSES, ("req.te_multi", "resp.te_multi"), hw_why("transfer_encoding_with_content_length")),
    Class("te_in_http10", "RFC 9112 §6.1", "httpwire",
          "Transfer-Encoding in an HTTP/1.0 message: the framing MUST be treated as faulty; "
          "both peers frame it as chunked.",
          PEERS, REFUSES, ("req.te_http10", "resp.te_http10"), hw_why("transfer_encoding_in_http10")),
    Class("te_empty_elements", "RFC 9110 §5.6.1.2", "node (recipients MUST ignore empty elements)",
          "node skips empty list elements (`,chunked`, an empty value; in a response `chunked,` "
          "is close-delimited); httpwire refuses them unless --lenient "
          "transfer_encoding_empty_elements (SECURITY.md, CVE-2022-32213).",
          NODE, REFUSES, ("req.te", "resp.te"), hw_why("invalid_transfer_encoding")),
    Class("node_te_trailing_htab", "RFC 9110 §5.5, §5.6.3", "httpwire",
          "`Transfer-Encoding: chunked<HTAB>`: the HTAB is OWS, outside the value; llhttp "
          "keeps it, then refuses the request and frames the response as close-delimited "
          "(a framing disagreement inside node).",
          NODE, ("hw_accepts", "differs_framing"), ("req.te", "resp.te"),
          lambda c: c.head.endswith(b"chunked\t\r\n\r\n")),
    Class("te_unknown_coding_request", "RFC 9112 §6.1", "httpwire (SHOULD answer 501)",
          "node frames `x-custom, chunked` as chunked; httpwire refuses a request coding it "
          "does not know.", NODE, REFUSES, ("req.te",), hw_why("unknown_transfer_coding")),
    Class("chunked_repeated_response", "RFC 9112 §7", "httpwire",
          "`chunked, chunked` (one or two lines) in a response: a sender MUST NOT apply chunked "
          "twice; node frames it as chunked.",
          NODE, REFUSES, ("resp.te", "resp.te_multi"), hw_why("chunked_repeated")),
    # -- start lines ---------------------------------------------------------------------------
    Class("node_method_list", "RFC 9110 §9.1", "httpwire",
          "A method is any token, case-sensitive; llhttp knows a fixed list of methods and "
          "refuses the others (`G!T`, `FOO`, `get`).",
          NODE, ACCEPTS, ("req.method", "req.target_form"), peer_why("HPE_INVALID_METHOD")),
    Class("leading_empty_line", "RFC 9112 §2.2", "httpwire (SHOULD ignore one)",
          "A CRLF before the request-line: httpwire skips it, h11 refuses.",
          H11, ACCEPTS, ("req.start",), lambda c: c.head.startswith(b"\r\n")),
    Class("start_line_extra_spaces", "RFC 9112 §3", "both (MAY split on whitespace)",
          "Two SP between the parts of the request-line: node accepts, httpwire refuses unless "
          "--lenient multiple_spaces.", NODE, REFUSES, ("req.start",), hw_why("whitespace")),
    Class("fragment_in_target", "RFC 9112 §3.2.1", "httpwire",
          "origin-form = absolute-path [ \"?\" query ]: no fragment; both peers take `#`.",
          PEERS, REFUSES, ("req.target", "req.target_form"),
          both(hw_why("target"), lambda c: b"#" in start_line(c))),
    Class("target_form", "RFC 9112 §3.2; RFC 9110 §4.2.1, §4.2.4", "httpwire",
          "Targets that fit no form for their method: userinfo or an empty host in an http "
          "URI, CONNECT without port or not in authority-form, `*` other than with OPTIONS, "
          "`a/b` (h11 only).", PEERS, REFUSES, ("req.target_form",),
          both(hw_why("target"), lambda c: b"#" not in start_line(c))),
    Class("absolute_form_scheme_only", "RFC 9112 §3.2.2; RFC 3986 §3", "httpwire (grammar)",
          "`GET example.com:80`: an absolute-URI whose scheme is `example.com` (no authority); "
          "node's URL parser refuses it, h11 and httpwire take it.",
          NODE, ACCEPTS, ("req.target_form",), peer_why("HPE_INVALID_URL")),
    Class("http09_request", "RFC 9112 §3, Appendix C.1", "httpwire",
          "`GET /p` without a version (an HTTP/0.9 request): node accepts it as 0.9.",
          NODE, REFUSES, ("req.version",), hw_why("version")),
    Class("major_version_not_1", "RFC 9110 §2.5, §15.6.6", "httpwire (505)",
          "HTTP/2.0 and HTTP/0.9 in an HTTP/1 start line: both peers take them as HTTP/1.x "
          "messages; httpwire's framing refuses them (unsupported_version).",
          PEERS, REFUSES, ("req.version", "resp.version"), hw_why("unsupported_version")),
    Class("minor_version_above_1", "RFC 9110 §2.5", "httpwire (SHOULD process as 1.1)",
          "HTTP/1.2: llhttp refuses minor versions it does not know.",
          NODE, ACCEPTS, ("req.version", "resp.version"), peer_why("HPE_INVALID_VERSION")),
    Class("status_below_100", "RFC 9110 §15", "httpwire (valid codes are 100-599)",
          "`099`: node reads status 99.", NODE, REFUSES, ("resp.status",), hw_why("status_code")),
    Class("missing_reason_space", "RFC 9112 §4", "both (grammar requires the SP; robustness)",
          "`HTTP/1.1 200` with no SP after the code: both peers accept, httpwire refuses unless "
          "--lenient missing_reason_space.", PEERS, REFUSES, ("resp.status",), hw_why("whitespace")),
    Class("status_101_without_upgrade", "RFC 9110 §7.8, §15.2.2", "h11",
          "A 101 to a GET without Upgrade: h11 refuses (a server MUST NOT switch to a protocol "
          "the client did not ask for), node treats it as an interim response, httpwire's "
          "response_framing (which sees only the method) frames it as a tunnel: the caller must "
          "check its request asked for the upgrade.",
          PEERS, ("hw_accepts", "differs_framing"), ("resp.code", "resp.code_bare"), status(101)),
    # -- Host ----------------------------------------------------------------------------------
    Class("invalid_host", "RFC 9112 §3.2; RFC 9110 §7.2", "httpwire (MUST answer 400)",
          "Host with userinfo, a port that is not 1*DIGIT or past 65535, a space, `/` or `,`: "
          "both peers take it.", PEERS, REFUSES, ("req.host",), hw_why("invalid_host")),
    Class("duplicate_host", "RFC 9112 §3.2", "httpwire (MUST answer 400)",
          "Two Host lines: node accepts (h11 refuses).", NODE, REFUSES, ("req.host",),
          hw_why("duplicate_host")),
    Class("absolute_form_host_mismatch", "RFC 9112 §3.2.2", "peers (MUST ignore Host); httpwire on purpose",
          "An absolute-form target with another Host: the RFC has an origin server ignore Host; "
          "httpwire refuses unless --lenient absolute_form_host_mismatch (routing and cache "
          "poisoning, SECURITY.md).", PEERS, REFUSES, ("req.host",), hw_why("host_mismatch")),
]
