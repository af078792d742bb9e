// RFC 5769 "Test Vectors for Session Traversal Utilities for NAT (STUN)", §2.1–§2.4, pasted
// verbatim (Copyright (c) 2010 IETF Trust and the persons identified as the document authors).
// Only the hex columns are read; the annotations are the RFC's.

/** The bytes of an RFC hex dump: up to four hex pairs at the start of each line. */
export function dumpBytes(dump: string): Buffer {
  const bytes: number[] = [];
  for (const line of dump.split('\n')) {
    const m = /^\s*((?:[0-9a-f]{2} ){0,3}[0-9a-f]{2})(?:\s|$)/.exec(line);
    if (m) for (const pair of m[1]!.split(' ')) bytes.push(parseInt(pair, 16));
  }
  return Buffer.from(bytes);
}

/*
2.1.  Sample Request

   This request uses the following parameters:

   Software name:  "STUN test client" (without quotes)

   Username:  "evtj:h6vY" (without quotes)

   Password:  "VOkJxbRl1RmTxUk/WvJxBt" (without quotes)
*/
export const SAMPLE_REQUEST = dumpBytes(`
     00 01 00 58     Request type and message length
     21 12 a4 42     Magic cookie
     b7 e7 a7 01  }
     bc 34 d6 86  }  Transaction ID
     fa 87 df ae  }
     80 22 00 10     SOFTWARE attribute header
     53 54 55 4e  }
     20 74 65 73  }  User-agent...
     74 20 63 6c  }  ...name
     69 65 6e 74  }
     00 24 00 04     PRIORITY attribute header
     6e 00 01 ff     ICE priority value
     80 29 00 08     ICE-CONTROLLED attribute header
     93 2f f9 b1  }  Pseudo-random tie breaker...
     51 26 3b 36  }   ...for ICE control
     00 06 00 09     USERNAME attribute header
     65 76 74 6a  }
     3a 68 36 76  }  Username (9 bytes) and padding (3 bytes)
     59 20 20 20  }
     00 08 00 14     MESSAGE-INTEGRITY attribute header
     9a ea a7 0c  }
     bf d8 cb 56  }
     78 1e f2 b5  }  HMAC-SHA1 fingerprint
     b2 d3 f2 49  }
     c1 b5 71 a2  }
     80 28 00 04     FINGERPRINT attribute header
     e5 7a 3b cf     CRC32 fingerprint
`);

/*
2.2.  Sample IPv4 Response

   This response uses the following parameter:

   Password:  "VOkJxbRl1RmTxUk/WvJxBt" (without quotes)

   Software name:  "test vector" (without quotes)

   Mapped address:  192.0.2.1 port 32853
*/
export const SAMPLE_IPV4_RESPONSE = dumpBytes(`
     01 01 00 3c     Response type and message length
     21 12 a4 42     Magic cookie
     b7 e7 a7 01  }
     bc 34 d6 86  }  Transaction ID
     fa 87 df ae  }
     80 22 00 0b     SOFTWARE attribute header
     74 65 73 74  }
     20 76 65 63  }  UTF-8 server name
     74 6f 72 20  }
     00 20 00 08     XOR-MAPPED-ADDRESS attribute header
     00 01 a1 47     Address family (IPv4) and xor'd mapped port number
     e1 12 a6 43     Xor'd mapped IPv4 address
     00 08 00 14     MESSAGE-INTEGRITY attribute header
     2b 91 f5 99  }
     fd 9e 90 c3  }
     8c 74 89 f9  }  HMAC-SHA1 fingerprint
     2a f9 ba 53  }
     f0 6b e7 d7  }
     80 28 00 04     FINGERPRINT attribute header
     c0 7d 4c 96     CRC32 fingerprint
`);

/*
2.3.  Sample IPv6 Response

   This response uses the following parameter:

   Password:  "VOkJxbRl1RmTxUk/WvJxBt" (without quotes)

   Software name:  "test vector" (without quotes)

   Mapped address:  2001:db8:1234:5678:11:2233:4455:6677 port 32853
*/
export const SAMPLE_IPV6_RESPONSE = dumpBytes(`
     01 01 00 48     Response type and message length
     21 12 a4 42     Magic cookie
     b7 e7 a7 01  }
     bc 34 d6 86  }  Transaction ID
     fa 87 df ae  }
     80 22 00 0b     SOFTWARE attribute header
     74 65 73 74  }
     20 76 65 63  }  UTF-8 server name
     74 6f 72 20  }
     00 20 00 14     XOR-MAPPED-ADDRESS attribute header
     00 02 a1 47     Address family (IPv6) and xor'd mapped port number
     01 13 a9 fa  }
     a5 d3 f1 79  }  Xor'd mapped IPv6 address
     bc 25 f4 b5  }
     be d2 b9 d9  }
     00 08 00 14     MESSAGE-INTEGRITY attribute header
     a3 82 95 4e  }
     4b e6 7b f1  }
     17 84 c9 7c  }  HMAC-SHA1 fingerprint
     82 92 c2 75  }
     bf e3 ed 41  }
     80 28 00 04     FINGERPRINT attribute header
     c8 fb 0b 4c     CRC32 fingerprint
`);

/*
2.4.  Sample Request with Long-Term Authentication

   This request uses the following parameters:

   Username:  "<U+30DE><U+30C8><U+30EA><U+30C3><U+30AF><U+30B9>" (without
      quotes) unaffected by SASLprep [RFC4013] processing

   Password:  "The<U+00AD>M<U+00AA>tr<U+2168>" and "TheMatrIX" (without
      quotes) respectively before and after SASLprep processing

   Nonce:  "f//499k954d6OL34oL9FSTvy64sA" (without quotes)

   Realm:  "example.org" (without quotes)
*/
export const SAMPLE_LONG_TERM_REQUEST = dumpBytes(`
     00 01 00 60     Request type and message length
     21 12 a4 42     Magic cookie
     78 ad 34 33  }
     c6 ad 72 c0  }  Transaction ID
     29 da 41 2e  }
     00 06 00 12     USERNAME attribute header
     e3 83 9e e3  }
     83 88 e3 83  }
     aa e3 83 83  }  Username value (18 bytes) and padding (2 bytes)
     e3 82 af e3  }
     82 b9 00 00  }
     00 15 00 1c     NONCE attribute header
     66 2f 2f 34  }
     39 39 6b 39  }
     35 34 64 36  }
     4f 4c 33 34  }  Nonce value
     6f 4c 39 46  }
     53 54 76 79  }
     36 34 73 41  }
     00 14 00 0b     REALM attribute header
     65 78 61 6d  }
     70 6c 65 2e  }  Realm value (11 bytes) and padding (1 byte)
     6f 72 67 00  }
     00 08 00 14     MESSAGE-INTEGRITY attribute header
     f6 70 24 65  }
     6d d6 4a 3e  }
     02 b8 e0 71  }  HMAC-SHA1 fingerprint
     2e 85 c9 a2  }
     8c a8 96 66  }
`);

export const SHORT_TERM_PASSWORD = 'VOkJxbRl1RmTxUk/WvJxBt';
export const LONG_TERM_USERNAME = '\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9';
export const LONG_TERM_PASSWORD = 'The\u00ADM\u00AAtr\u2168';
export const LONG_TERM_NONCE = 'f//499k954d6OL34oL9FSTvy64sA';
export const LONG_TERM_REALM = 'example.org';
