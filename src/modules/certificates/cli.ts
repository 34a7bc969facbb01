// Console commands of the certificates module, listed in src/cli.ts's COMMANDS table.
import { parseArgs } from 'node:util';
import { systemActor } from '../../platform/actor.ts';
import type { AppConfig } from '../../platform/config.ts';
import type { Database } from '../../platform/db/database.ts';
import { certificatesService } from './service.ts';

interface CertificateCommand {
  readonly summary: string;
  readonly usage: string;
  run(database: Database, args: string[], config: AppConfig): Promise<string>;
}

export const certificateCommands: Record<string, CertificateCommand> = {
  'cert:keys:rotate': {
    summary:
      'Give a department a new certificate signing key (the old one stays published: its certificates stay valid)',
    usage: 'cert:keys:rotate --department <code>',
    async run(database, args, config) {
      const { values } = parseArgs({ args, options: { department: { type: 'string' } }, strict: true });
      if (values.department === undefined) {
        throw new Error('--department is required, as in: cert:keys:rotate --department revenue');
      }
      const { retiredKid, newKid } = await certificatesService(database.db, config).rotateKeys(
        systemActor('cli'),
        values.department,
      );
      return [
        retiredKid === undefined
          ? `${values.department} had no certificate signing key yet.`
          : `Retired key ${retiredKid} (still published at /.well-known/jwks.json: certificates it signed stay valid).`,
        `New key ${newKid} signs ${values.department}'s certificates from now on.`,
      ].join('\n');
    },
  },
};
