import { parseJsonBody } from '../src/github/response-body.js';

describe('parseJsonBody: GitHub answers parsed like Octokit, with V8’s parser when that is exact', () => {
  it('reads ordinary answers exactly as JSON.parse does', () => {
    const text = JSON.stringify({ id: 123456789012345, list: [1, -2, 3.5e3], s: 'x:1234567890123456789' });
    expect(parseJsonBody(text)).toEqual(JSON.parse(text));
  });

  it('keeps integers beyond 2^53 exact (BigInt), wherever they are', () => {
    expect(parseJsonBody('{"id":12345678901234567890,"n":1}')).toEqual({ id: 12345678901234567890n, n: 1 });
    expect(parseJsonBody('[ -98765432109876543210 ]')).toEqual([-98765432109876543210n]);
    expect(parseJsonBody('{"a": {"b": 9007199254740993}}')).toEqual({ a: { b: 9007199254740993n } });
  });

  it('a long digit run inside a string stays a string', () => {
    expect(parseJsonBody('{"body":"see ,12345678901234567890 here","id":7}')).toEqual({
      body: 'see ,12345678901234567890 here',
      id: 7,
    });
  });

  it('text that is not JSON comes back as text', () => {
    expect(parseJsonBody('<html>502 Bad Gateway</html>')).toBe('<html>502 Bad Gateway</html>');
    expect(parseJsonBody('')).toBe('');
  });
});
