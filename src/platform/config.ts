// The one place that reads the environment. Everything else receives a typed, validated `AppConfig`.
import { existsSync } from 'node:fs';
import path from 'node:path';

export type NodeEnv = 'development' | 'production' | 'test';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface AppConfig {
  readonly nodeEnv: NodeEnv;
  readonly port: number;
  readonly host: string;
  /** External base URL (scheme, host, optional port, no trailing slash). */
  readonly publicUrl: string;
  readonly dataDir: string;
  /** Unset: an embedded PostgreSQL is started in `dataDir`. */
  readonly databaseUrl: string | undefined;
  readonly sessionSecret: string;
  readonly seedDemo: boolean;
  readonly logLevel: LogLevel;
  /** Behind a TLS-terminating proxy: honour X-Forwarded-* and mark cookies Secure. */
  readonly trustProxy: boolean;
  /** Requests per minute per client address across the site; 0 turns the limit off (load tests only). */
  readonly rateLimitPerMinute: number;
  /** SMS through an HTTP gateway; unset: the development outbox (outside production), or no SMS at all. */
  readonly smsGateway: SmsGatewayConfig | undefined;
  /** E-mail through an SMTP server; unset: as for SMS. */
  readonly smtp: SmtpConfig | undefined;
  /** The built-in sandbox bank (pretend payments, no real money); never in production. */
  readonly paymentsSandbox: boolean;
  /** The sandbox's HMAC secret for its signed messages; unset: derived from SESSION_SECRET. */
  readonly paymentsSandboxSecret: string | undefined;
  /** The share (0–100) of delivered services whose citizen gets a feedback survey; decided per subject. */
  readonly feedbackSamplePercent: number;
  /**
   * Chromium, for printing certificates and receipts as PDFs in English and Urdu; unset: receipts in English
   * only (pdfkit) and certificates as printable pages.
   */
  readonly pdfBrowser: string | undefined;
}

export interface SmsGatewayConfig {
  readonly url: string;
  /** One extra request header, e.g. Authorization: Bearer …. */
  readonly authHeader: { readonly name: string; readonly value: string } | undefined;
  /** JSON with `{to}`, `{text}` (and optionally `{id}`) inside strings; values are JSON-escaped into it. */
  readonly bodyTemplate: string;
}

export interface SmtpConfig {
  /** smtp://user:password@host:587 (STARTTLS when offered) or smtps://…:465 (TLS from the start). */
  readonly url: string;
  /** The From header, e.g. `Sahulat <no-reply@sahulat.gov.pk>`. */
  readonly from: string;
}

export type Environment = Readonly<Record<string, string | undefined>>;

export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

const DEVELOPMENT_SESSION_SECRET = 'development-only-session-secret-never-use-in-production';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** The process environment, for the entry points (server, CLI, test harness) to hand to `loadConfig`. */
export function processEnvironment(): Environment {
  return process.env;
}

/** Sets a variable that child processes inherit (the test harness tells test files where their database is). */
export function setProcessEnvironment(name: string, value: string): void {
  process.env[name] = value;
}

/**
 * Validates the environment and returns the typed configuration, or throws a `ConfigError` that names every
 * offending variable. Production refuses the development defaults that would be unsafe on a public server.
 */
export function loadConfig(env: Environment, cwd: string = process.cwd()): AppConfig {
  const problems: string[] = [];
  const text = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };

  const nodeEnvRaw = text('NODE_ENV') ?? 'development';
  let nodeEnv: NodeEnv = 'development';
  if (nodeEnvRaw === 'development' || nodeEnvRaw === 'production' || nodeEnvRaw === 'test')
    nodeEnv = nodeEnvRaw;
  else problems.push(`NODE_ENV must be development, production or test (got "${nodeEnvRaw}")`);
  const production = nodeEnv === 'production';

  const port = parsePort(text('PORT'), problems);
  const host = text('HOST') ?? '127.0.0.1';

  let publicUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const publicUrlRaw = text('PUBLIC_URL');
  if (publicUrlRaw !== undefined) {
    const parsed = URL.canParse(publicUrlRaw) ? new URL(publicUrlRaw) : undefined;
    if (parsed === undefined || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
      problems.push(`PUBLIC_URL must be an absolute http(s) URL (got "${publicUrlRaw}")`);
    } else {
      publicUrl = `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
    }
  } else if (production) {
    problems.push('PUBLIC_URL must be set in production (the https address citizens use)');
  }

  const dataDir = path.resolve(cwd, text('DATA_DIR') ?? 'data');

  const databaseUrl = text('DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  }

  let sessionSecret = text('SESSION_SECRET') ?? DEVELOPMENT_SESSION_SECRET;
  if (production && (sessionSecret === DEVELOPMENT_SESSION_SECRET || sessionSecret.length < 32)) {
    problems.push('SESSION_SECRET must be set to a random value of at least 32 characters in production');
  } else if (sessionSecret.length < 32) {
    problems.push('SESSION_SECRET must be at least 32 characters long');
    sessionSecret = DEVELOPMENT_SESSION_SECRET;
  }

  // Demo accounts go only into the embedded development database unless asked for explicitly.
  const seedDemo = parseBoolean(
    'SEED_DEMO',
    text('SEED_DEMO'),
    !production && databaseUrl === undefined,
    problems,
  );
  if (production && seedDemo) {
    problems.push('SEED_DEMO must not be enabled in production (demo accounts have published passwords)');
  }

  const logLevelRaw = text('LOG_LEVEL') ?? (nodeEnv === 'test' ? 'silent' : 'info');
  const logLevel = LOG_LEVELS.find((level) => level === logLevelRaw);
  if (logLevel === undefined) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const trustProxy = parseBoolean('TRUST_PROXY', text('TRUST_PROXY'), false, problems);

  const rateLimitRaw = text('RATE_LIMIT_PER_MINUTE') ?? '600';
  const rateLimitPerMinute = Number(rateLimitRaw);
  if (!Number.isInteger(rateLimitPerMinute) || rateLimitPerMinute < 0) {
    problems.push(`RATE_LIMIT_PER_MINUTE must be a whole number, 0 for no limit (got "${rateLimitRaw}")`);
  } else if (production && rateLimitPerMinute === 0) {
    problems.push('RATE_LIMIT_PER_MINUTE must not be 0 in production');
  }

  const smsGateway = parseSmsGateway(text, problems);
  const smtp = parseSmtp(text, problems);

  const paymentsSandbox = parseBoolean('PAYMENTS_SANDBOX', text('PAYMENTS_SANDBOX'), !production, problems);
  if (production && paymentsSandbox) {
    problems.push('PAYMENTS_SANDBOX must not be enabled in production (its payments move no real money)');
  }
  const paymentsSandboxSecret = text('PAYMENTS_SANDBOX_SECRET');
  if (paymentsSandboxSecret !== undefined && paymentsSandboxSecret.length < 32) {
    problems.push('PAYMENTS_SANDBOX_SECRET must be at least 32 characters long');
  }

  const feedbackSamplePercent = Number(text('FEEDBACK_SAMPLE_PERCENT') ?? '100');
  if (!Number.isInteger(feedbackSamplePercent) || feedbackSamplePercent < 0 || feedbackSamplePercent > 100) {
    problems.push('FEEDBACK_SAMPLE_PERCENT must be a whole number from 0 to 100');
  }

  const pdfBrowser = parsePdfBrowser(text('PDF_BROWSER'), problems);

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    nodeEnv,
    port,
    host,
    publicUrl,
    dataDir,
    databaseUrl,
    sessionSecret,
    seedDemo,
    logLevel: logLevel ?? 'info',
    trustProxy,
    rateLimitPerMinute,
    smsGateway,
    smtp,
    paymentsSandbox,
    paymentsSandboxSecret,
    feedbackSamplePercent,
    pdfBrowser,
  };
}

/** Debian's Chromium (`apt-get install chromium`), used for PDFs when it is installed and nothing else is named. */
export const DEFAULT_PDF_BROWSER = '/usr/bin/chromium';

function parsePdfBrowser(raw: string | undefined, problems: string[]): string | undefined {
  if (raw === undefined) return existsSync(DEFAULT_PDF_BROWSER) ? DEFAULT_PDF_BROWSER : undefined;
  if (raw.toLowerCase() === 'off') return undefined;
  if (!path.isAbsolute(raw) || !existsSync(raw)) {
    problems.push(`PDF_BROWSER must be the absolute path of a Chromium executable, or "off" (got "${raw}")`);
    return undefined;
  }
  return raw;
}

function parsePort(raw: string | undefined, problems: string[]): number {
  if (raw === undefined) return 3000;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`PORT must be an integer from 0 to 65535 (got "${raw}")`);
    return 3000;
  }
  return port;
}

function parseBoolean(name: string, raw: string | undefined, fallback: boolean, problems: string[]): boolean {
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  problems.push(`${name} must be 1 or 0 (got "${raw}")`);
  return fallback;
}

const DEFAULT_SMS_GATEWAY_BODY = '{"to":"{to}","text":"{text}"}';
const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(\S(?:[^\r\n]*\S)?)[ \t]*$/;
const MAIL_ADDRESS = '[^\\s@<>"]+@[^\\s@<>"]+\\.[^\\s@<>"]+';
const MAIL_FROM = new RegExp(`^(?:${MAIL_ADDRESS}|[^<>\\r\\n]*<${MAIL_ADDRESS}>)$`);

// Messages name the variable but never echo its value: these variables hold passwords and tokens.
function parseSmsGateway(
  text: (name: string) => string | undefined,
  problems: string[],
): SmsGatewayConfig | undefined {
  const url = text('SMS_GATEWAY_URL');
  const header = text('SMS_GATEWAY_AUTH_HEADER');
  const body = text('SMS_GATEWAY_BODY');
  if (url === undefined) {
    if (header !== undefined || body !== undefined) {
      problems.push('SMS_GATEWAY_AUTH_HEADER and SMS_GATEWAY_BODY are used only with SMS_GATEWAY_URL');
    }
    return undefined;
  }
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (parsed === undefined || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    problems.push('SMS_GATEWAY_URL must be an absolute http(s) URL');
  }
  let authHeader: SmsGatewayConfig['authHeader'];
  if (header !== undefined) {
    const match = HEADER_LINE.exec(header);
    if (match?.[1] === undefined || match[2] === undefined) {
      problems.push(
        'SMS_GATEWAY_AUTH_HEADER must be one header line, such as "Authorization: Bearer <token>"',
      );
    } else {
      authHeader = { name: match[1], value: match[2] };
    }
  }
  const bodyTemplate = body ?? DEFAULT_SMS_GATEWAY_BODY;
  if (!bodyTemplate.includes('{to}') || !bodyTemplate.includes('{text}')) {
    problems.push('SMS_GATEWAY_BODY must contain the placeholders {to} and {text}');
  } else if (!isJson(bodyTemplate.replace(/\{(?:to|text|id)\}/g, 'x'))) {
    problems.push(
      'SMS_GATEWAY_BODY must be JSON with its placeholders inside strings: {"to":"{to}","text":"{text}"}',
    );
  }
  return { url, authHeader, bodyTemplate };
}

function parseSmtp(text: (name: string) => string | undefined, problems: string[]): SmtpConfig | undefined {
  const url = text('SMTP_URL');
  const from = text('MAIL_FROM');
  if (url === undefined) {
    if (from !== undefined) problems.push('MAIL_FROM is used only with SMTP_URL');
    return undefined;
  }
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (parsed === undefined || !['smtp:', 'smtps:'].includes(parsed.protocol) || parsed.hostname === '') {
    problems.push('SMTP_URL must look like smtp://user:password@host:587 or smtps://user:password@host:465');
  }
  if (from === undefined) {
    problems.push('MAIL_FROM must be set with SMTP_URL, e.g. "Sahulat <no-reply@sahulat.gov.pk>"');
  } else if (!MAIL_FROM.test(from)) {
    problems.push(
      'MAIL_FROM must be an e-mail address, optionally with a name: Sahulat <no-reply@sahulat.gov.pk>',
    );
  }
  return { url, from: from ?? '' };
}

function isJson(value: string): boolean {
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
}
