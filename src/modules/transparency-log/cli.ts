// Console commands of the transparency log, listed in src/cli.ts's COMMANDS table.
import { parseArgs } from 'node:util';
import type { AppConfig } from '../../platform/config.ts';
import type { Database } from '../../platform/db/database.ts';
import { auditLog } from './audit.ts';
import { transparencyLogService } from './service.ts';

interface LogCommand {
  readonly summary: string;
  readonly usage: string;
  run(database: Database, args: string[], config: AppConfig): Promise<string>;
}

export const transparencyLogCommands: Record<string, LogCommand> = {
  'log:verify': {
    summary: 'Recompute the transparency log from its entries and check every stored hash and checkpoint',
    usage: 'log:verify',
    async run(database, args) {
      parseArgs({ args, options: {}, strict: true });
      const audit = await auditLog(database.db);
      const summary = `${audit.entries} entries, ${audit.nodes} subtree hashes and ${audit.checkpoints} signed checkpoints`;
      if (audit.problems.length === 0) return `The log is intact: ${summary} agree.`;
      // Thrown, so the command exits with status 1 and a script or monitor notices.
      throw new Error(
        [
          `The log has been altered (${audit.problems.length} problems in ${summary}):`,
          ...audit.problems.map((p) => `  ${p}`),
        ].join('\n'),
      );
    },
  },
  'log:checkpoint': {
    summary: 'Sequence queued log entries and sign a checkpoint now if the log grew',
    usage: 'log:checkpoint',
    async run(database, args, config) {
      parseArgs({ args, options: {}, strict: true });
      const log = transparencyLogService(database.db, config);
      const { sequenced, signed, size } = await log.tick();
      const checkpoint = await log.current();
      return `${sequenced} entries sequenced; ${signed ? 'signed a checkpoint' : 'the latest checkpoint is current'} at size ${size}.\n${checkpoint.note}`;
    },
  },
};
