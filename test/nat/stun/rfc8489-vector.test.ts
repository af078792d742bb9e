import { describe, expect, it } from 'vitest';
import {
  PASSWORD_ALGORITHM,
  STUN_ATTR,
  decodePasswordAlgorithms,
  decodeStunMessage,
  decodeText,
  encodePasswordAlgorithms,
  encodeStunMessage,
  findAttribute,
  longTermKey,
  userHash,
  verifyMessageIntegritySha256,
} from '../../../main/nat/stun';
import { reason, value } from './helpers';
import { LONG_TERM_PASSWORD, LONG_TERM_USERNAME, dumpBytes } from './rfc5769-vectors';

// RFC 8489 Appendix B.1, "Sample Request with Long-Term Authentication with
// MESSAGE-INTEGRITY-SHA256 and USERHASH", as corrected by RFC Errata ID 6268 (the published
// bytes did not check). Username, password and realm are those of RFC 5769 §2.4; the nonce is
// "obMatJos2AAACf//499k954d6OL34oL9FSTvy64sA" (the "obMatJos2" nonce cookie of RFC 8489 §9.2).
const SAMPLE_SHA256_REQUEST = dumpBytes(`
     00 01 00 90     Request type and message length
     21 12 a4 42     Magic cookie
     78 ad 34 33  }
     c6 ad 72 c0  }  Transaction ID
     29 da 41 2e  }
     00 1e 00 20     USERHASH attribute header
     4a 3c f3 8f  }
     ef 69 92 bd  }
     a9 52 c6 78  }
     04 17 da 0f  }  Userhash value (32 bytes)
     24 81 94 15  }
     56 9e 60 b2  }
     05 c4 6e 41  }
     40 7f 17 04  }
     00 15 00 29     NONCE attribute header
     6f 62 4d 61  }
     74 4a 6f 73  }
     32 41 41 41  }
     43 66 2f 2f  }
     34 39 39 6b  }  Nonce value and padding (3 bytes)
     39 35 34 64  }
     36 4f 4c 33  }
     34 6f 4c 39  }
     46 53 54 76  }
     79 36 34 73  }
     41 00 00 00  }
     00 14 00 0b     REALM attribute header
     65 78 61 6d  }
     70 6c 65 2e  }  Realm value (11 bytes) and padding (1 byte)
     6f 72 67 00  }
     00 1d 00 04     PASSWORD-ALGORITHM attribute header
     00 02 00 00     PASSWORD-ALGORITHM value (4 bytes)
     00 1c 00 20     MESSAGE-INTEGRITY-SHA256 attribute header
     b5 c7 bf 00  }
     5b 6c 52 a2  }
     1c 51 c5 e8  }
     92 f8 19 24  }  HMAC-SHA256 value
     13 62 96 cb  }
     92 7c 43 14  }
     93 09 27 8c  }
     c6 51 8e 65  }
`);

describe('RFC 8489 Appendix B.1 (erratum 6268): MESSAGE-INTEGRITY-SHA256, USERHASH, PASSWORD-ALGORITHM', () => {
  const realm = 'example.org';

  it('reads the vector and checks its SHA-256 integrity with SHA-256(username:realm:password)', () => {
    const m = value(decodeStunMessage(SAMPLE_SHA256_REQUEST));
    expect(m.unknownRequired).toEqual([]);
    expect(findAttribute(m, STUN_ATTR.USERHASH)!.value).toEqual(value(userHash(LONG_TERM_USERNAME, realm)));
    expect(value(decodeText(STUN_ATTR.NONCE, findAttribute(m, STUN_ATTR.NONCE)!.value))).toBe('obMatJos2AAACf//499k954d6OL34oL9FSTvy64sA');
    expect(value(decodePasswordAlgorithms(findAttribute(m, STUN_ATTR.PASSWORD_ALGORITHM)!.value))).toEqual([
      { algorithm: PASSWORD_ALGORITHM.SHA256, parameters: Buffer.alloc(0) },
    ]);
    const key = value(longTermKey({ username: LONG_TERM_USERNAME, realm, password: 'TheMatrIX', algorithm: 'SHA-256' }));
    expect(verifyMessageIntegritySha256(m, key)).toBe('valid');
    // The appendix says the password becomes "TheMatrIX" by OpaqueString, which it does not: only SASLprep maps it so.
    const fromRaw = value(longTermKey({ username: LONG_TERM_USERNAME, realm, password: LONG_TERM_PASSWORD, algorithm: 'SHA-256', preparation: 'saslprep' }));
    expect(verifyMessageIntegritySha256(m, fromRaw)).toBe('valid');
  });

  it('rebuilds the vector byte for byte', () => {
    const m = value(decodeStunMessage(SAMPLE_SHA256_REQUEST));
    const key = value(longTermKey({ username: LONG_TERM_USERNAME, realm, password: 'TheMatrIX', algorithm: 'SHA-256' }));
    const attributes = m.attributes.filter((a) => a.type !== STUN_ATTR.MESSAGE_INTEGRITY_SHA256).map((a) => ({ type: a.type, value: Buffer.from(a.value) }));
    expect(encodeStunMessage({ ...m, attributes }, { integritySha256Key: key })).toEqual(SAMPLE_SHA256_REQUEST);
  });

  it('writes and reads PASSWORD-ALGORITHMS lists with padded parameters', () => {
    const list = [
      { algorithm: PASSWORD_ALGORITHM.SHA256, parameters: Buffer.alloc(0) },
      { algorithm: 0x7777, parameters: Buffer.from('abcde') },
      { algorithm: PASSWORD_ALGORITHM.MD5, parameters: Buffer.alloc(0) },
    ];
    const bytes = encodePasswordAlgorithms(list);
    expect(bytes.length).toBe(4 + 12 + 4);
    expect(value(decodePasswordAlgorithms(bytes))).toEqual(list);
    expect(reason(decodePasswordAlgorithms(bytes.subarray(0, 6)))).toBe('truncated');
  });
});
