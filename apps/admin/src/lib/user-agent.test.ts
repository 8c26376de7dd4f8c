import { describe, expect, it } from 'vitest';
import { userAgentSummary } from './user-agent';

describe('userAgentSummary', () => {
  it.each([
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.8078.73 Safari/537.36',
      'Chrome 156 · Linux',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86',
      'Edge 131 · Windows',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      'Safari 17 · iOS',
    ],
    [
      'Mozilla/5.0 (Linux; Android 14; V2309A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.193 Mobile Safari/537.36 MicroMessenger/8.0.47',
      'WeChat 8 · Android',
    ],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:128.0) Gecko/20100101 Firefox/128.0',
      'Firefox 128 · macOS',
    ],
    ['curl/8.5.0', 'curl 8'],
  ])('%s → %s', (ua, expected) => {
    expect(userAgentSummary(ua)).toBe(expected);
  });

  it('keeps what it does not know as it is, and nothing as nothing', () => {
    expect(userAgentSummary('gongfu-sync/1.2')).toBe('gongfu-sync/1.2');
    expect(userAgentSummary('')).toBe('');
    expect(userAgentSummary(null)).toBe('');
  });
});
