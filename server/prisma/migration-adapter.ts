// Driver adapter for the Prisma CLI's JavaScript schema engine.
// adapter-pg 6.19 cannot deserialize the catalog types `"char"` (OID 18) and `name` (OID 19)
// that migrations read from pg_catalog (prisma/orm#27403); the pool reports them as text.
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';

const TEXT_OID = 25;
const CATALOG_TEXT_OIDS = new Set([18, 19]);

class CatalogTextPool extends pg.Pool {
  override query(...args: unknown[]): never {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg's overloads
    const result = (super.query as any)(...args);
    if (result && typeof result.then === 'function') {
      return result.then((res: pg.QueryResult) => {
        for (const field of res.fields ?? []) {
          if (CATALOG_TEXT_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
        }
        return res;
      }) as never;
    }
    return result as never;
  }
}

export function createMigrationAdapter(connectionString: string): PrismaPg {
  return new PrismaPg(new CatalogTextPool({ connectionString }));
}
