//! RFC 7541 Appendix C.3 to C.6: sequences of header blocks with the fields they carry and
//! the dynamic table after each (typed from the RFC). Shared by the decoder's and the
//! encoder's tests.
#![allow(dead_code, unreachable_pub)] // not every test file uses every sequence

/// One block of an Appendix C sequence: its wire bytes, the fields it decodes to, and the
/// dynamic table after it (newest first) with its size.
pub struct Step {
    pub wire: &'static str,
    pub fields: &'static [(&'static str, &'static str)],
    pub table: &'static [(&'static str, &'static str)],
    pub size: usize,
}

pub const C3_FIELDS_1: &[(&str, &str)] = &[
    (":method", "GET"),
    (":scheme", "http"),
    (":path", "/"),
    (":authority", "www.example.com"),
];
pub const C3_FIELDS_2: &[(&str, &str)] = &[
    (":method", "GET"),
    (":scheme", "http"),
    (":path", "/"),
    (":authority", "www.example.com"),
    ("cache-control", "no-cache"),
];
pub const C3_FIELDS_3: &[(&str, &str)] = &[
    (":method", "GET"),
    (":scheme", "https"),
    (":path", "/index.html"),
    (":authority", "www.example.com"),
    ("custom-key", "custom-value"),
];
pub const C3_TABLE_1: &[(&str, &str)] = &[(":authority", "www.example.com")];
pub const C3_TABLE_2: &[(&str, &str)] = &[
    ("cache-control", "no-cache"),
    (":authority", "www.example.com"),
];
pub const C3_TABLE_3: &[(&str, &str)] = &[
    ("custom-key", "custom-value"),
    ("cache-control", "no-cache"),
    (":authority", "www.example.com"),
];

pub const C5_DATE_1: &str = "Mon, 21 Oct 2013 20:13:21 GMT";
pub const C5_DATE_2: &str = "Mon, 21 Oct 2013 20:13:22 GMT";
pub const C5_LOCATION: &str = "https://www.example.com";
pub const C5_COOKIE: &str = "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1";
pub const C5_FIELDS_1: &[(&str, &str)] = &[
    (":status", "302"),
    ("cache-control", "private"),
    ("date", C5_DATE_1),
    ("location", C5_LOCATION),
];
pub const C5_FIELDS_2: &[(&str, &str)] = &[
    (":status", "307"),
    ("cache-control", "private"),
    ("date", C5_DATE_1),
    ("location", C5_LOCATION),
];
pub const C5_FIELDS_3: &[(&str, &str)] = &[
    (":status", "200"),
    ("cache-control", "private"),
    ("date", C5_DATE_2),
    ("location", C5_LOCATION),
    ("content-encoding", "gzip"),
    ("set-cookie", C5_COOKIE),
];
pub const C5_TABLE_1: &[(&str, &str)] = &[
    ("location", C5_LOCATION),
    ("date", C5_DATE_1),
    ("cache-control", "private"),
    (":status", "302"),
];
pub const C5_TABLE_2: &[(&str, &str)] = &[
    (":status", "307"),
    ("location", C5_LOCATION),
    ("date", C5_DATE_1),
    ("cache-control", "private"),
];
pub const C5_TABLE_3: &[(&str, &str)] = &[
    ("set-cookie", C5_COOKIE),
    ("content-encoding", "gzip"),
    ("date", C5_DATE_2),
];

/// C.3: requests without Huffman coding (table size 4,096).
pub const C3: [Step; 3] = [
    Step {
        wire: "8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d",
        fields: C3_FIELDS_1,
        table: C3_TABLE_1,
        size: 57,
    },
    Step {
        wire: "8286 84be 5808 6e6f 2d63 6163 6865",
        fields: C3_FIELDS_2,
        table: C3_TABLE_2,
        size: 110,
    },
    Step {
        wire: "8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65",
        fields: C3_FIELDS_3,
        table: C3_TABLE_3,
        size: 164,
    },
];

/// C.4: the requests of C.3 with Huffman coding.
pub const C4: [Step; 3] = [
    Step {
        wire: "8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff",
        fields: C3_FIELDS_1,
        table: C3_TABLE_1,
        size: 57,
    },
    Step {
        wire: "8286 84be 5886 a8eb 1064 9cbf",
        fields: C3_FIELDS_2,
        table: C3_TABLE_2,
        size: 110,
    },
    Step {
        wire: "8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf",
        fields: C3_FIELDS_3,
        table: C3_TABLE_3,
        size: 164,
    },
];

/// C.5: responses without Huffman coding, table size 256 (entries are evicted).
pub const C5: [Step; 3] = [
    Step {
        wire: "4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420
               3230 3133 2032 303a 3133 3a32 3120 474d 546e 1768 7474 7073 3a2f 2f77
               7777 2e65 7861 6d70 6c65 2e63 6f6d",
        fields: C5_FIELDS_1,
        table: C5_TABLE_1,
        size: 222,
    },
    Step {
        wire: "4803 3330 37c1 c0bf",
        fields: C5_FIELDS_2,
        table: C5_TABLE_2,
        size: 222,
    },
    Step {
        wire: "88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32
               3220 474d 54c0 5a04 677a 6970 7738 666f 6f3d 4153 444a 4b48 514b 425a
               584f 5157 454f 5049 5541 5851 5745 4f49 553b 206d 6178 2d61 6765 3d33
               3630 303b 2076 6572 7369 6f6e 3d31",
        fields: C5_FIELDS_3,
        table: C5_TABLE_3,
        size: 215,
    },
];

/// C.6: the responses of C.5 with Huffman coding.
pub const C6: [Step; 3] = [
    Step {
        wire: "4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81
               66e0 82a6 2d1b ff6e 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3",
        fields: C5_FIELDS_1,
        table: C5_TABLE_1,
        size: 222,
    },
    Step {
        wire: "4883 640e ffc1 c0bf",
        fields: C5_FIELDS_2,
        table: C5_TABLE_2,
        size: 222,
    },
    Step {
        wire: "88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a
               839b d9ab 77ad 94e7 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36
               72c1 ab27 0fb5 291f 9587 3160 65c0 03ed 4ee5 b106 3d50 07",
        fields: C5_FIELDS_3,
        table: C5_TABLE_3,
        size: 215,
    },
];
