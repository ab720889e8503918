import 'reflect-metadata';
import { execute, parse, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { pino } from 'pino';
import { generateApiKeySecret } from '../auth/api-key-secret.js';
import { ApiKeyViewer } from '../auth/viewer.js';
import { createDb, type Db } from '../db/index.js';
import { EventHub } from '../events/hub.js';
import { createPorts } from '../ports.js';
import { buildServedSchema } from '../schema.js';
import { WorkflowStarter } from '../temporal/starter.js';

/**
 * The served schema executed in-process with graphql-js: no HTTP, no auth header — for tests
 * that count SQL statements and for the HTTP-vs-in-process benchmark. Real database.
 */
export class InProcessApi {
  private constructor(
    /** Every SQL statement sent so far (clear it between measurements). */
    readonly statements: string[],
    readonly db: Db,
    private readonly schema: GraphQLSchema,
    private readonly hub: EventHub,
    private readonly workflows: WorkflowStarter,
  ) {}

  static async start(databaseUrl: string, temporalAddress = '127.0.0.1:1'): Promise<InProcessApi> {
    const statements: string[] = [];
    const db = createDb(databaseUrl, { max: 4, onQuery: (sql) => statements.push(sql) });
    const logger = pino({ level: 'silent' });
    const hub = new EventHub(databaseUrl, db, logger);
    const schema = await buildServedSchema(db, logger);
    return new InProcessApi(statements, db, schema, hub, new WorkflowStarter(temporalAddress, 'default'));
  }

  /** A viewer for a fresh key with these scopes and brands (written to the DB like any key). */
  async viewer(scopes: string[], brandIds: string[], tenantId: string | null = null): Promise<ApiKeyViewer> {
    const secret = generateApiKeySecret();
    const row = await this.db.apiKey.create({
      data: {
        name: 'in-process test',
        scopes,
        brandIds,
        tenantId,
        prefix: secret.prefix,
        secretHash: secret.secretHash,
      },
    });
    return new ApiKeyViewer(row);
  }

  async run(viewer: ApiKeyViewer, query: string, variables: Record<string, unknown> = {}): Promise<ExecutionResult> {
    const ports = createPorts({
      db: this.db,
      workflows: this.workflows,
      logger: pino({ level: 'silent' }),
      events: this.hub,
    });
    return execute({
      schema: this.schema,
      document: parse(query),
      variableValues: variables,
      contextValue: { viewer, ports, requestId: 'in-process' },
    }) as Promise<ExecutionResult>;
  }

  async close(): Promise<void> {
    await this.workflows.close();
    await this.db.$disconnect();
  }
}
