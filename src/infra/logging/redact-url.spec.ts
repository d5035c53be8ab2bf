import { redactUrl } from './redact-url.js';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXBhcnQ';

describe('redacting request URLs for logs and problem bodies', () => {
  it.each([
    [`/api/v1/me?access_token=${JWT}`, '/api/v1/me?access_token=[redacted]'],
    ['/x?token=abc&limit=5', '/x?token=[redacted]&limit=5'],
    ['/x?Refresh-Token=abc', '/x?Refresh-Token=[redacted]'],
    ['/x?code=123456&state=ok', '/x?code=[redacted]&state=ok'],
    ['/x?password=hunter2hunter2', '/x?password=[redacted]'],
    [
      '/x?api_key=k&client_secret=s&X-Amz-Signature=f',
      '/x?api_key=[redacted]&client_secret=[redacted]&X-Amz-Signature=[redacted]',
    ],
    ['/x?key=k&sig=s', '/x?key=[redacted]&sig=[redacted]'],
    [`/x?q=${JWT}`, '/x?q=[redacted]'],
    [`/reset/${JWT}/go`, '/reset/[redacted]/go'],
    ['/x?access%5Ftoken=abc', '/x?access%5Ftoken=[redacted]'],
    [
      '/api/v1/public/surveys/AbC-_123456789xyzAbC-_123/submissions/0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a0001',
      '/api/v1/public/surveys/[redacted]/submissions/0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a0001',
    ],
    ['/s/AbC-_123456789xyzAbC-_123?lang=ky', '/s/[redacted]?lang=ky'],
    ['/api/v1/surveys/abc/submissions', '/api/v1/surveys/abc/submissions'],
  ])('%s becomes %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  it('keeps everything else byte for byte', () => {
    const url =
      '/api/v1/issues?q=%D0%B2%D0%BE%D0%B4%D0%B0&status=raised&sort=newest&flag&cursor=abc%3D%3D';
    expect(redactUrl(url)).toBe(url);
  });
});
