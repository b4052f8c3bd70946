// Independent Parquet tools for Lake.Tests: DuckDB (@duckdb/node-api) and hyparquet (pure JavaScript).
//   node parquet.mjs duckdb FILE               rows as JSON (timestamps as epoch microseconds, BIGINT as strings)
//   node parquet.mjs hyparquet FILE            rows as JSON (same conventions; hyparquet keeps millisecond precision)
//   node parquet.mjs metadata FILE             DuckDB's parquet_metadata() rows (encodings, codecs, statistics)
//   node parquet.mjs write FILE CODEC SQL      DuckDB: COPY (SQL) TO FILE (FORMAT PARQUET, COMPRESSION CODEC)
//   node parquet.mjs write-v2 FILE CODEC SQL   the same with PARQUET_VERSION V2
import { DuckDBInstance } from '@duckdb/node-api';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { gunzipSync } from 'node:zlib';

const [mode, file, ...rest] = process.argv.slice(2);
const quote = (s) => `'${s.replaceAll("'", "''")}'`;

function normalize(value) {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return (BigInt(value.getTime()) * 1000n).toString();
  if (Array.isArray(value)) return value.map(normalize);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalize(v)]));
  }
  return value;
}

async function duck() {
  const db = await DuckDBInstance.create(':memory:');
  return db.connect();
}

if (mode === 'duckdb') {
  const c = await duck();
  const source = `read_parquet(${quote(file)})`;
  const described = (await c.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`)).getRowObjectsJson();
  const columns = described.map(({ column_name: name, column_type: type }) => {
    const id = `"${name.replaceAll('"', '""')}"`;
    if (!type.startsWith('TIMESTAMP')) return id;
    return type.endsWith('[]')
      ? `list_transform(${id}, x -> epoch_us(x)::VARCHAR) AS ${id}`
      : `epoch_us(${id})::VARCHAR AS ${id}`;
  });
  const rows = (await c.runAndReadAll(`SELECT ${columns.join(', ')} FROM ${source}`)).getRowObjectsJson();
  process.stdout.write(JSON.stringify(rows));
} else if (mode === 'hyparquet') {
  // hyparquet ships Snappy only; GZIP comes from Node's own zlib.
  const compressors = { GZIP: (input) => new Uint8Array(gunzipSync(input)) };
  const rows = await parquetReadObjects({ file: await asyncBufferFromFile(file), compressors });
  process.stdout.write(JSON.stringify(normalize(rows)));
} else if (mode === 'metadata') {
  const c = await duck();
  const rows = (await c.runAndReadAll(`SELECT * FROM parquet_metadata(${quote(file)})`)).getRowObjectsJson();
  process.stdout.write(JSON.stringify(rows));
} else if (mode === 'write' || mode === 'write-v2') {
  const [codec, sql] = rest;
  const version = mode === 'write-v2' ? ', PARQUET_VERSION V2' : '';
  const c = await duck();
  await c.run(`COPY (${sql}) TO ${quote(file)} (FORMAT PARQUET, COMPRESSION ${codec}${version})`);
} else {
  process.stderr.write('usage: node parquet.mjs duckdb|hyparquet|metadata FILE | write|write-v2 FILE CODEC SQL\n');
  process.exit(2);
}
