// A database's schema as sorted lines of text, so two databases compare with a readable diff.
// Covers what Prisma derives from schema.prisma: tables, columns, indexes, constraints, enums,
// sequences. Leaves out what only our migrations add on purpose: the migration table, the
// append-only trigger and its function, and grants.
import pg from "pg";

const IGNORED_TABLES = ["_prisma_migrations"];

const QUERIES: Record<string, string> = {
  table: `SELECT c.relname AS line FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relname = ANY($1)`,
  column: `SELECT format('%I.%I %s%s%s', c.relname, a.attname, format_type(a.atttypid, a.atttypmod),
                  CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END,
                  COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')) AS line
           FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
           LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
           WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
             AND NOT c.relname = ANY($1)`,
  index: `SELECT indexdef AS line FROM pg_indexes WHERE schemaname = 'public' AND NOT tablename = ANY($1)`,
  constraint: `SELECT format('%I.%I %s', c.relname, k.conname, pg_get_constraintdef(k.oid)) AS line
               FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE n.nspname = 'public' AND NOT c.relname = ANY($1)`,
  enum: `SELECT format('%I (%s)', t.typname, string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder)) AS line
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
         WHERE n.nspname = 'public' AND $1::text[] IS NOT NULL GROUP BY t.typname`,
  sequence: `SELECT format('%I %s', sequencename, data_type) AS line FROM pg_sequences
             WHERE schemaname = 'public' AND $1::text[] IS NOT NULL`,
};

export async function readCatalog(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const lines: string[] = [];
    for (const [kind, sql] of Object.entries(QUERIES)) {
      const r = await client.query<{ line: string }>(sql, [IGNORED_TABLES]);
      for (const row of r.rows) lines.push(`${kind} ${row.line}`);
    }
    return lines.sort();
  } finally {
    await client.end();
  }
}
