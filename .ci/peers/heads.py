"""Deterministic HTTP/1.1 request and response heads for the differential run.

Every case is (id, kind, tag, head): kind is "request" or "response", tag names how the head
was made ("req.name_mid", "resp.te", ...) and is what the difference classes match first,
head is the bytes of the head (no body). No randomness: byte sweeps and fixed variant lists,
so the same cases come out on every machine, in the same order.
"""

ALL_BYTES = range(256)

REQ_HEAD = b"GET /p HTTP/1.1\r\nHost: example.com\r\n"
RESP_HEAD = b"HTTP/1.1 200 OK\r\nServer: s\r\n"


def req(start=b"GET /p HTTP/1.1", fields=((b"Host", b"example.com"),), eol=b"\r\n", end=b"\r\n"):
    lines = [start] + [n + b": " + v for n, v in fields]
    return eol.join(lines) + eol + end


def resp(start=b"HTTP/1.1 200 OK", fields=((b"Content-Length", b"0"),), eol=b"\r\n", end=b"\r\n"):
    lines = [start] + [n + b": " + v for n, v in fields]
    return eol.join(lines) + eol + end


def cases():
    out = []

    def add(kind, tag, head):
        out.append((len(out), kind, tag, bytes(head)))

    host = (b"Host", b"example.com")

    # --- byte sweeps --------------------------------------------------------------------
    for b in ALL_BYTES:
        c = bytes([b])
        add("request", "req.method", req(start=b"G" + c + b"T /p HTTP/1.1"))
        add("request", "req.target", req(start=b"GET /a" + c + b"b HTTP/1.1"))
        add("request", "req.name_mid", REQ_HEAD + b"X-A" + c + b"b: v\r\n\r\n")
        add("request", "req.name_end", REQ_HEAD + b"X-A" + c + b": v\r\n\r\n")
        add("request", "req.value_start", REQ_HEAD + b"X-A: " + c + b"v\r\n\r\n")
        add("request", "req.value_mid", REQ_HEAD + b"X-A: v" + c + b"v\r\n\r\n")
        add("request", "req.value_end", REQ_HEAD + b"X-A: v" + c + b"\r\n\r\n")
        add("response", "resp.reason", b"HTTP/1.1 200 O" + c + b"K\r\nContent-Length: 0\r\n\r\n")
        add("response", "resp.name_mid", RESP_HEAD + b"X-A" + c + b"b: v\r\nContent-Length: 0\r\n\r\n")
        add("response", "resp.value_mid", RESP_HEAD + b"X-A: v" + c + b"v\r\nContent-Length: 0\r\n\r\n")

    # --- line endings, folding, whitespace, names ----------------------------------------
    ending_variants = [
        ("crlf", lambda L: b"\r\n".join(L) + b"\r\n\r\n"),
        ("lf", lambda L: b"\n".join(L) + b"\n\n"),
        ("cr", lambda L: b"\r".join(L) + b"\r\r"),
        ("lf_first", lambda L: L[0] + b"\n" + b"\r\n".join(L[1:]) + b"\r\n\r\n"),
        ("lf_field", lambda L: L[0] + b"\r\n" + L[1] + b"\n" + b"\r\n".join(L[2:]) + b"\r\n\r\n"),
        ("cr_field", lambda L: L[0] + b"\r\n" + L[1] + b"\r" + b"\r\n".join(L[2:]) + b"\r\n\r\n"),
        ("lf_end", lambda L: b"\r\n".join(L) + b"\r\n\n"),
        ("lflf_end", lambda L: b"\r\n".join(L) + b"\n\n"),
        ("lf_crlf_end", lambda L: b"\r\n".join(L) + b"\n\r\n"),
        ("cr_x_end", lambda L: b"\r\n".join(L) + b"\r\n\rX\r\n\r\n"),
        ("cr_in_value", lambda L: b"\r\n".join(L[:-1] + [L[-1] + b"\rY: 2"]) + b"\r\n\r\n"),
        ("mixed", lambda L: L[0] + b"\r\n" + L[1] + b"\n" + L[2] + b"\r\n\n"),
    ]
    req_lines = [b"GET /p HTTP/1.1", b"Host: example.com", b"X-A: 1"]
    resp_lines = [b"HTTP/1.1 200 OK", b"Content-Length: 0", b"X-A: 1"]
    for name, f in ending_variants:
        add("request", "req.eol." + name, f(req_lines))
        add("response", "resp.eol." + name, f(resp_lines))

    shapes = [
        ("fold_sp", b"X-A: a\r\n b"),
        ("fold_tab", b"X-A: a\r\n\tb"),
        ("fold_empty_first", b"X-A:\r\n b"),
        ("ws_before_colon_sp", b"X-A : v"),
        ("ws_before_colon_tab", b"X-A\t: v"),
        ("empty_name", b": v"),
        ("no_colon", b"X-A v"),
        ("empty_value", b"X-A:"),
        ("ows_value", b"X-A: \t v \t "),
        ("no_space", b"X-A:v"),
        ("colon_in_value", b"X-A: a:b"),
        ("long_name", b"X-" + b"a" * 200 + b": v"),
    ]
    for name, line in shapes:
        add("request", "req.line." + name, REQ_HEAD + line + b"\r\n\r\n")
        add("response", "resp.line." + name, RESP_HEAD + line + b"\r\nContent-Length: 0\r\n\r\n")
    # Whitespace at the start of the first field line (right after the start line).
    add("request", "req.line.ws_first_field", b"GET /p HTTP/1.1\r\n Host: example.com\r\n\r\n")
    add("response", "resp.line.ws_first_field", b"HTTP/1.1 200 OK\r\n X-A: 1\r\nContent-Length: 0\r\n\r\n")

    # --- Content-Length -------------------------------------------------------------------
    cl_values = [b"0", b"5", b"005", b"+1", b"-1", b"1,1", b"1, 1", b"1, 2", b"1 2", b"0x10",
                 b"", b" ", b"1.0", b"18446744073709551615", b"18446744073709551616",
                 b"99999999999999999999999", b"\xd9\xa1", b"5 ", b"1,", b",1", b"1,,1",
                 b"5\t", b"\t5", b"5\x80", b"0005", b"1e3"]
    for v in cl_values:
        add("request", "req.cl", req(start=b"POST /p HTTP/1.1", fields=(host, (b"Content-Length", v))))
        add("response", "resp.cl", resp(fields=((b"Content-Length", v),)))
    cl_pairs = [(b"5", b"5"), (b"5", b"6"), (b"5", b"05"), (b"0", b"0"), (b"1", b"")]
    for a, b in cl_pairs:
        f = ((b"Content-Length", a), (b"Content-Length", b))
        add("request", "req.cl_dup", req(start=b"POST /p HTTP/1.1", fields=(host,) + f))
        add("response", "resp.cl_dup", resp(fields=f))

    for name in [b"content-LENGTH", b"CONTENT-LENGTH"]:
        add("request", "req.cl_name", req(start=b"POST /p HTTP/1.1", fields=(host, (name, b"3"))))
        add("response", "resp.cl_name", resp(fields=((name, b"3"),)))
    for name in [b"transfer-ENCODING", b"TRANSFER-ENCODING"]:
        add("request", "req.te_name", req(start=b"POST /p HTTP/1.1", fields=(host, (name, b"chunked"))))
        add("response", "resp.te_name", resp(fields=((name, b"chunked"),)))

    # --- Transfer-Encoding ----------------------------------------------------------------
    te_values = [b"chunked", b"Chunked", b"CHUNKED", b"gzip, chunked", b"chunked, gzip",
                 b"identity", b"gzip", b"chunked, chunked", b",chunked", b"chunked,", b"",
                 b"x-custom, chunked", b"chunked;q=1", b"gzip,chunked", b"chunked ,gzip",
                 b"deflate, gzip, chunked", b"chunkedx",
                 b"gzip,\tchunked", b"chunked\t", b"gzip ,chunked", b"\"chunked\"", b"chunked\x80"]
    for v in te_values:
        add("request", "req.te", req(start=b"POST /p HTTP/1.1", fields=(host, (b"Transfer-Encoding", v))))
        add("response", "resp.te", resp(fields=((b"Transfer-Encoding", v),)))
    te_multi = [
        ("te_cl", ((b"Transfer-Encoding", b"chunked"), (b"Content-Length", b"5"))),
        ("cl_te", ((b"Content-Length", b"5"), (b"Transfer-Encoding", b"chunked"))),
        ("te_cl0", ((b"Transfer-Encoding", b"chunked"), (b"Content-Length", b"0"))),
        ("te_dup", ((b"Transfer-Encoding", b"gzip"), (b"Transfer-Encoding", b"chunked"))),
        ("te_dup_chunked", ((b"Transfer-Encoding", b"chunked"), (b"Transfer-Encoding", b"chunked"))),
        ("te_dup_last_gzip", ((b"Transfer-Encoding", b"chunked"), (b"Transfer-Encoding", b"gzip"))),
    ]
    for name, f in te_multi:
        add("request", "req.te_multi." + name, req(start=b"POST /p HTTP/1.1", fields=(host,) + f))
        add("response", "resp.te_multi." + name, resp(fields=f))
    add("request", "req.te_http10", req(start=b"POST /p HTTP/1.0", fields=((b"Transfer-Encoding", b"chunked"),)))
    add("response", "resp.te_http10", resp(start=b"HTTP/1.0 200 OK", fields=((b"Transfer-Encoding", b"chunked"),)))

    # --- versions -------------------------------------------------------------------------
    versions = [b"HTTP/1.0", b"HTTP/1.1", b"HTTP/1.2", b"HTTP/2.0", b"HTTP/0.9", b"http/1.1",
                b"HTTP/1.10", b"HTTP/01.1", b"HTTP/1", b"HTTP/1.1 ", b"HTTP /1.1", b"HTTP/a.b"]
    for v in versions:
        add("request", "req.version", req(start=b"GET /p " + v))
        add("response", "resp.version", resp(start=v + b" 200 OK"))
    add("request", "req.version", req(start=b"GET /p"))
    add("response", "resp.version", resp(start=b"200 OK"))

    # --- targets --------------------------------------------------------------------------
    targets = [
        (b"GET", b"/"), (b"GET", b"/a?b=c"), (b"GET", b"http://example.com/x"),
        (b"GET", b"http://example.com"), (b"GET", b"http://user@example.com/"),
        (b"GET", b"http:///x"), (b"GET", b"https://example.com:443/x?y"),
        (b"CONNECT", b"example.com:443"), (b"CONNECT", b"example.com"), (b"CONNECT", b"/x"),
        (b"OPTIONS", b"*"), (b"GET", b"*"), (b"GET", b"/a#frag"), (b"GET", b"/a b"),
        (b"GET", b"/\xc3\xa9"), (b"GET", b""), (b"GET", b"//x"), (b"GET", b"a/b"),
        (b"GET", b"/%00"), (b"GET", b"/a\tb"), (b"GET", b"example.com:80"),
        (b"POST", b"/"), (b"get", b"/"), (b"FOO", b"/"), (b"G,T", b"/"),
    ]
    for m, t in targets:
        add("request", "req.target_form", req(start=m + b" " + t + b" HTTP/1.1"))
    add("request", "req.start", req(start=b"GET  /p HTTP/1.1"))
    add("request", "req.start", req(start=b"GET /p  HTTP/1.1"))
    add("request", "req.start", req(start=b" GET /p HTTP/1.1"))
    add("request", "req.start", req(start=b"GET\t/p HTTP/1.1"))
    add("request", "req.start", b"\r\nGET /p HTTP/1.1\r\nHost: example.com\r\n\r\n")

    # --- Host -----------------------------------------------------------------------------
    hosts = [
        ("missing_11", b"GET /p HTTP/1.1", ()),
        ("missing_10", b"GET /p HTTP/1.0", ()),
        ("dup_same", b"GET /p HTTP/1.1", ((b"Host", b"a"), (b"Host", b"a"))),
        ("dup_diff", b"GET /p HTTP/1.1", ((b"Host", b"a"), (b"Host", b"b"))),
        ("empty", b"GET /p HTTP/1.1", ((b"Host", b""),)),
        ("userinfo", b"GET /p HTTP/1.1", ((b"Host", b"u@a"),)),
        ("port", b"GET /p HTTP/1.1", ((b"Host", b"a:8080"),)),
        ("empty_port", b"GET /p HTTP/1.1", ((b"Host", b"a:"),)),
        ("big_port", b"GET /p HTTP/1.1", ((b"Host", b"a:99999"),)),
        ("bad_port", b"GET /p HTTP/1.1", ((b"Host", b"a:8x"),)),
        ("ipv6", b"GET /p HTTP/1.1", ((b"Host", b"[::1]:80"),)),
        ("space", b"GET /p HTTP/1.1", ((b"Host", b"a b"),)),
        ("slash", b"GET /p HTTP/1.1", ((b"Host", b"a/b"),)),
        ("comma", b"GET /p HTTP/1.1", ((b"Host", b"a,b"),)),
        ("trailing_ws", b"GET /p HTTP/1.1", ((b"Host", b"a \t"),)),
        ("name_case", b"GET /p HTTP/1.1", ((b"hOST", b"a"),)),
        ("obs_text", b"GET /p HTTP/1.1", ((b"Host", b"\xc3\xa9.example"),)),
        ("underscore", b"GET /p HTTP/1.1", ((b"Host", b"a_b.example"),)),
        ("ipv6_bad", b"GET /p HTTP/1.1", ((b"Host", b"[::1"),)),
        ("absolute_same", b"GET http://a/p HTTP/1.1", ((b"Host", b"a"),)),
        ("absolute_other", b"GET http://a/p HTTP/1.1", ((b"Host", b"b"),)),
        ("absolute_no_host", b"GET http://a/p HTTP/1.1", ()),
        ("connect_other", b"CONNECT a:443 HTTP/1.1", ((b"Host", b"b:443"),)),
    ]
    for name, start, f in hosts:
        add("request", "req.host." + name, req(start=start, fields=f))

    # --- status codes and reasons ---------------------------------------------------------
    status_lines = [b"HTTP/1.1 200 OK", b"HTTP/1.1 099 X", b"HTTP/1.1 1000 X", b"HTTP/1.1 20 X",
                    b"HTTP/1.1 200", b"HTTP/1.1 200 ", b"HTTP/1.1 600 X", b"HTTP/1.1 999 X",
                    b"HTTP/1.1 2x0 X", b"HTTP/1.1 -20 X", b"HTTP/1.1  200 OK", b"HTTP/1.1 200  OK",
                    b"HTTP/1.1 200\tOK", b"HTTP/1.1 200 \xe9t\xe9", b"HTTP/1.1 200 a\x01b",
                    b"HTTP/1.1 200 a\x7fb"]
    for s in status_lines:
        add("response", "resp.status", resp(start=s))
    for code in [b"100", b"101", b"103", b"199", b"204", b"304", b"205", b"404"]:
        add("response", "resp.code", resp(start=b"HTTP/1.1 " + code + b" X",
                                          fields=((b"Content-Length", b"5"),)))
        add("response", "resp.code_bare", resp(start=b"HTTP/1.1 " + code + b" X", fields=()))
    add("response", "resp.close", resp(fields=((b"Server", b"s"),)))
    add("response", "resp.close", resp(start=b"HTTP/1.0 200 OK", fields=()))
    return out


if __name__ == "__main__":
    import collections
    cs = cases()
    print(len(cs), collections.Counter(k for _, k, _, _ in cs))
