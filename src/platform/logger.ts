// JSON logs (pino). Every value is JSON-encoded, so user-supplied text cannot forge log lines.
import { pino, type Logger as PinoLogger } from 'pino';
import type { LogLevel } from './config.ts';

export type Logger = PinoLogger;

export function createLogger(level: LogLevel): Logger {
  return pino({
    level,
    base: { service: 'sahulat' },
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.password'],
      censor: '[redacted]',
    },
  });
}
