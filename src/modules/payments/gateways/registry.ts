// The gateways this instance talks to, from the configuration. Each has its own signing secret: configured,
// or derived from SESSION_SECRET for the sandbox (which only ever talks to this same server).
import { deriveKey } from '../../../platform/secrets.ts';
import type { PaymentGateway, PaymentGateways } from './gateway.ts';
import { sandboxGateway } from './sandbox/gateway.ts';

export interface GatewaySettings {
  readonly sessionSecret: string;
  /** The built-in sandbox bank; off in production. */
  readonly paymentsSandbox?: boolean;
  readonly paymentsSandboxSecret?: string | undefined;
}

export function paymentGateways(settings: GatewaySettings): PaymentGateways {
  const gateways = new Map<string, PaymentGateway>();
  if (settings.paymentsSandbox === true) {
    const secret =
      settings.paymentsSandboxSecret === undefined
        ? deriveKey(settings.sessionSecret, 'payments/gateway/sandbox')
        : Buffer.from(settings.paymentsSandboxSecret, 'utf8');
    gateways.set('sandbox', sandboxGateway(secret));
  }
  return gateways;
}
